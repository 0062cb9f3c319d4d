// `pilothouse serve` at the HTTP level: the answers a real kube-apiserver gives to bad input
// (a Status with its code, never a crash), discovery and OpenAPI documents, and watches that
// end cleanly when their client goes away.
import { createHash } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_VERSION } from '../src/serve/index.ts';
import { startTestServer, type TestServer } from './support/serve.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(undefined);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

const status = (body: string) => JSON.parse(body) as { kind: string; code: number; reason?: string; message: string };

interface BadInput {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  token?: null;
  code: number;
  reason: string;
  message?: string;
}

describe('pilothouse serve over HTTP', () => {
  it.each<BadInput>([
    {
      name: 'a request without a token is 401 Unauthorized',
      method: 'GET', path: '/api/v1/namespaces', token: null,
      code: 401, reason: 'Unauthorized', message: 'Unauthorized',
    },
    {
      name: 'an unknown path is 404 with a Status',
      method: 'GET', path: '/no/such/path',
      code: 404, reason: 'NotFound', message: 'the server could not find the requested resource',
    },
    {
      name: 'an unknown resource is 404 with a Status',
      method: 'GET', path: '/api/v1/widgets',
      code: 404, reason: 'NotFound', message: 'the server could not find the requested resource',
    },
    {
      name: 'a body in an unknown format is 415',
      method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'Content-Type': 'application/cbor' }, body: 'x',
      code: 415, reason: 'UnsupportedMediaType', message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    },
    {
      name: 'a patch of an unknown type is 415 listing the patch types',
      method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/x', headers: { 'Content-Type': 'text/plain' }, body: '{}',
      code: 415, reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    },
    {
      name: 'a body over 3 MiB is 413',
      method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'Content-Type': 'application/json' }, body: Buffer.alloc(3 * 1024 * 1024 + 1, 'x'),
      code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728',
    },
    {
      name: 'malformed JSON is 400',
      method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'Content-Type': 'application/json' }, body: '{"kind": ',
      code: 400, reason: 'BadRequest',
    },
    {
      name: 'malformed YAML is 400',
      method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'Content-Type': 'application/yaml' }, body: 'kind: [ConfigMap\nmetadata: {name: x',
      code: 400, reason: 'BadRequest',
    },
    {
      name: 'a malformed JSON patch is 400',
      method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/kube-root-ca.crt', headers: { 'Content-Type': 'application/json-patch+json' }, body: '[{"op": "replace", ',
      code: 400, reason: 'BadRequest',
    },
    {
      name: 'an Accept the server cannot produce is 406',
      method: 'GET', path: '/api/v1/namespaces', headers: { Accept: 'application/vnd.kubernetes.protobuf' },
      code: 406, reason: 'NotAcceptable', message: 'only the following media types are accepted: application/json, application/yaml',
    },
  ])('$name', async ({ method, path, headers, body, token, code, reason, message }) => {
    const res = await server.raw(method, path, { ...(headers ? { headers } : {}), ...(body !== undefined ? { body } : {}), ...(token !== undefined ? { token } : {}) });
    expect(res.status).toBe(code);
    const got = status(res.body);
    expect(got).toMatchObject({ kind: 'Status', code, reason });
    if (message !== undefined) expect(got.message).toBe(message);
  });

  it('creates from a YAML body and sends fieldValidation warnings as Warning headers', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: "1"\nbogus: 1\n';
    const res = await server.raw('POST', '/api/v1/namespaces/default/configmaps', { headers: { 'Content-Type': 'application/yaml' }, body: yaml });
    expect(res.status).toBe(201);
    expect(res.headers.warning).toBe('299 - "unknown field \\"bogus\\""');
  });

  it('answers health checks without credentials', async () => {
    for (const path of ['/healthz', '/livez', '/readyz']) {
      const res = await server.raw('GET', path, { token: null });
      expect([res.status, res.body]).toEqual([200, 'ok']);
    }
  });

  it('serves legacy discovery with storage version hashes', async () => {
    const res = await server.raw('GET', '/apis/apps/v1');
    const list = JSON.parse(res.body) as { groupVersion: string; resources: Array<{ name: string; storageVersionHash?: string; shortNames?: string[] }> };
    expect(list.groupVersion).toBe('apps/v1');
    const deployments = list.resources.find((r) => r.name === 'deployments');
    // The hash a real v1.33 apiserver shows for apps/v1 deployments.
    expect(deployments).toMatchObject({ shortNames: ['deploy'], storageVersionHash: '8aSe+NMegvE=' });
    expect(list.resources.map((r) => r.name)).toContain('deployments/scale');
  });

  it('serves the OpenAPI v3 index and each document it names', async () => {
    const index = JSON.parse((await server.raw('GET', '/openapi/v3')).body) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toContain('apis/apps/v1');
    expect(Object.keys(index.paths)).not.toContain('apis/storage.k8s.io/v1alpha1');
    const doc = JSON.parse((await server.raw('GET', index.paths['apis/apps/v1']!.serverRelativeURL)).body) as { openapi: string; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.schemas).toHaveProperty(['io.k8s.api.apps.v1.Deployment']);
  });

  it('ends a watch, its bookmark timer included, when the client hangs up', async () => {
    const before = server.clock.pendingTimers;
    const req = httpsRequest(new URL('/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true', server.served.url), {
      ca: server.served.caCert, headers: { Authorization: `Bearer ${server.served.adminToken}` },
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      req.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', (c: Buffer) => resolve(c.toString()));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(firstLine.split('\n')[0]!)).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap' } });
    expect(server.clock.pendingTimers).toBe(before + 1);
    req.destroy();
    // The server learns of the hang-up through its socket: let the event loop run until it has.
    for (let turn = 0; turn < 1000 && server.clock.pendingTimers !== before; turn++) await new Promise((r) => setImmediate(r));
    expect(server.clock.pendingTimers).toBe(before);
  });
});

describe('OpenAPI documents over HTTP', () => {
  type Swagger = { swagger: string; info: { version: string }; paths: Record<string, unknown>; definitions: Record<string, unknown>; parameters: Record<string, unknown> };
  const v2 = async () => {
    const res = await server.raw('GET', '/openapi/v2', { headers: { Accept: 'application/json' } });
    return { res, doc: JSON.parse(res.body) as Swagger };
  };
  const refs = (value: unknown): string[] => JSON.stringify(value).match(/"\$ref":"[^"]*"/g)?.map((r) => r.slice(8, -1)) ?? [];

  it('serves the Swagger 2.0 document of the served group-versions, every $ref resolving', async () => {
    const { res, doc } = await v2();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(doc).toMatchObject({ swagger: '2.0', info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion } });
    expect(Object.keys(doc.paths)).toContain('/apis/apps/v1/namespaces/{namespace}/deployments/{name}');
    // Off by default in v1.33, so not served, so not in the document (nor the types only they use).
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/apis/storage.k8s.io/v1alpha1/'))).toEqual([]);
    expect(doc.definitions).not.toHaveProperty(['io.k8s.api.storage.v1alpha1.VolumeAttributesClass']);
    // The shared parameters carry kube-openapi's hashed names, as a real server's document.
    expect(doc.parameters).toHaveProperty(['watch-XNNPZGbK']);
    for (const ref of new Set(refs(doc))) {
      const [, kind, name] = /^#\/(definitions|parameters)\/(.+)$/.exec(ref) ?? [];
      expect(kind === 'definitions' ? doc.definitions : doc.parameters, ref).toHaveProperty([name!]);
    }
  });

  it('sends the ETag kube-openapi computes (SHA-512 of the JSON) and answers If-None-Match with 304', async () => {
    const { res } = await v2();
    expect(res.headers.etag).toBe(`"${createHash('sha512').update(res.bytes).digest('hex').toUpperCase()}"`);
    expect(res.headers.vary).toBe('Accept, Accept-Encoding');
    const again = await server.raw('GET', '/openapi/v2', { headers: { 'If-None-Match': res.headers.etag as string } });
    expect([again.status, again.body, again.headers.etag]).toEqual([304, '', res.headers.etag]);
  });

  it('gzips the document for a client that accepts it', async () => {
    const plain = await v2();
    const gz = await server.raw('GET', '/openapi/v2', { headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.res.bytes)).toBe(true);
  });

  it('serves gnostic protobuf for the Accept client-go\'s OpenAPISchema sends, with the JSON\'s ETag', async () => {
    const { res } = await v2();
    const pb = await server.raw('GET', '/openapi/v2', { headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(pb.status).toBe(200);
    expect(pb.headers['content-type']).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(pb.headers.etag).toBe(res.headers.etag);
    // Document field 1 (swagger), a 3-byte string: "2.0"; then field 2 (info).
    expect(pb.bytes.subarray(0, 6)).toEqual(Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30, 0x12]));
  });

  it('answers an Accept it cannot serve with a bare 406, as kube-openapi does', async () => {
    const res = await server.raw('GET', '/openapi/v2', { headers: { Accept: 'text/html' } });
    expect([res.status, res.body]).toEqual([406, '']);
  });

  it('caches a v3 document asked for by its hash, and redirects an outdated hash to the current one', async () => {
    const index = JSON.parse((await server.raw('GET', '/openapi/v3')).body) as { paths: Record<string, { serverRelativeURL: string }> };
    const url = index.paths['apis/apps/v1']!.serverRelativeURL;
    const hash = new URL(url, 'https://x').searchParams.get('hash')!;
    const doc = await server.raw('GET', url);
    expect(doc.headers).toMatchObject({ etag: `"${hash}"`, 'cache-control': 'public, immutable', vary: 'Accept' });
    expect(createHash('sha512').update(doc.bytes).digest('hex').toUpperCase()).toBe(hash);
    const stale = await server.raw('GET', '/openapi/v3/apis/apps/v1?hash=0123');
    expect([stale.status, stale.headers.location]).toEqual([301, url]);
    const unchanged = await server.raw('GET', '/openapi/v3/apis/apps/v1', { headers: { 'If-None-Match': `"${hash}"` } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers['cache-control']).toBe('no-cache, private');
  });
});
