// kubectl's typed-clientset commands (`create deployment`, `create configmap` ...) send their
// bodies as `application/vnd.kubernetes.protobuf` and Accept `application/vnd.kubernetes.protobuf,
// application/json`. pilothouse serve decodes the protobuf (engine/api/protobuf.ts) and answers
// JSON, which client-go decodes by the response's Content-Type. The oracle: the real kubectl v1.33
// prints its success line, and what the server stores equals what it stores when the same
// object arrives as JSON (`kubectl create ... --dry-run=client -o json | kubectl create -f -`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeProtobuf } from '../src/engine/api/index.ts';
import { findTool, titleWithTool } from './support/tools.ts';
import { startTestServer, type TestServer } from './support/serve.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

// The JSON twins live in their own namespace under the same names.
const TWIN_NS = 'json-twin';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(kubectlPath);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

type Json = Record<string, unknown>;

/** What a stored object is, less what the server sets per object (uid, versions, times, status). */
function comparable(object: Json, rename?: [string, string]): Json {
  const metadata = object.metadata as Json;
  const uid = String(metadata.uid);
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, namespace: _n, managedFields: _m, generation: _g, annotations: _a, ...kept } = metadata;
  const { status: _s, ...rest } = object;
  let text = JSON.stringify({ ...rest, metadata: kept }).replaceAll(uid, 'UID');
  if (rename) text = text.replaceAll(rename[0], rename[1]);
  return JSON.parse(text) as Json;
}

withKubectl(titleWithTool('real kubectl typed clients (protobuf bodies) against pilothouse serve', 'kubectl', kubectlPath), () => {
  beforeAll(async () => {
    expect((await server.kubectl(['create', 'namespace', TWIN_NS])).code).toBe(0);
  }, 30_000);

  const get = async (args: string[]) => {
    const { code, stdout, stderr } = await server.kubectl(['get', ...args, '-o', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return JSON.parse(stdout) as Json;
  };

  const cases: Array<{ command: string; line: string; get: string[]; cluster?: boolean }> = [
    { command: 'create deployment web --image=nginx --replicas=2', line: 'deployment.apps/web created', get: ['deployment', 'web'] },
    { command: 'create configmap x --from-literal=a=b', line: 'configmap/x created', get: ['configmap', 'x'] },
    { command: 'create secret generic s --from-literal=k=v', line: 'secret/s created', get: ['secret', 's'] },
    { command: 'create job j --image=busybox', line: 'job.batch/j created', get: ['job', 'j'] },
    { command: 'create namespace n', line: 'namespace/n created', get: ['namespace', 'n'], cluster: true },
  ];

  it.each(cases)('kubectl $command: prints its success line and stores what the JSON body stores', async ({ command, line, get: target, cluster }) => {
    const args = command.split(' ');
    const created = await server.kubectl(args);
    expect(created).toEqual({ code: 0, stdout: `${line}\n`, stderr: '' });
    // The twin: the same object as JSON, as `kubectl create -f` (the dynamic client) sends it.
    const dry = await server.kubectl([...args, '--dry-run=client', '-o', 'json']);
    expect(dry.code).toBe(0);
    const twinName = cluster ? `${target[1]}-json` : target[1]!;
    const twinJson = cluster ? JSON.stringify({ ...JSON.parse(dry.stdout) as Json, metadata: { name: twinName } }) : dry.stdout;
    const twin = await server.kubectl(['create', '-f', '-', ...(cluster ? [] : ['-n', TWIN_NS])], twinJson);
    expect(twin.code).toBe(0);
    const fromProtobuf = await get(target);
    const fromJson = await get(cluster ? [target[0]!, twinName] : [...target, '-n', TWIN_NS]);
    expect(comparable(fromProtobuf)).toStrictEqual(comparable(fromJson, cluster ? [twinName, target[1]!] : undefined));
  }, 30_000);

  it('really sends protobuf and reads the JSON answer (--v=8 request and response headers)', async () => {
    const { code, stdout, stderr } = await server.kubectl(['create', 'configmap', 'traced', '--from-literal=a=b', '--v=8']);
    expect(code).toBe(0);
    expect(stdout).toBe('configmap/traced created\n');
    expect(stderr).toContain('Content-Type: application/vnd.kubernetes.protobuf');
    expect(stderr).toContain('Accept: application/vnd.kubernetes.protobuf,application/json');
    expect(stderr).toMatch(/"Response" status="201 Created" headers=<[^>]*Content-Type: application\/json/);
  }, 30_000);

  it('keeps the Deployment kubectl sent: replicas 2, labels, selector, one nginx container', async () => {
    const d = await get(['deployment', 'web']) as { metadata: Json; spec: { replicas: number; selector: Json; template: { spec: { containers: Json[] } } } };
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.template.spec.containers).toMatchObject([{ name: 'nginx', image: 'nginx', resources: {} }]);
  }, 30_000);

  it('kubectl scale deployment web --replicas=3 (a merge patch of /scale) prints "scaled"', async () => {
    expect(await server.kubectl(['scale', 'deployment', 'web', '--replicas=3'])).toEqual({ code: 0, stdout: 'deployment.apps/web scaled\n', stderr: '' });
    expect(((await get(['deployment', 'web'])).spec as Json).replicas).toBe(3);
  }, 30_000);

  it('create service clusterip: the protobuf body meets the same answer as the JSON one', async () => {
    const args = ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'];
    const viaProtobuf = await server.kubectl(args);
    const dry = await server.kubectl([...args, '--dry-run=client', '-o', 'json']);
    const viaJson = await server.kubectl(['create', '-f', '-', '-n', TWIN_NS], dry.stdout);
    expect(viaProtobuf.code).toBe(viaJson.code);
    const verdict = (stderr: string) => stderr.slice(stderr.indexOf('Service "svc"'));
    expect(verdict(viaProtobuf.stderr)).toBe(verdict(viaJson.stderr));
  }, 30_000);

  // A Service port name is a DNS-1123 label (validateServicePort), so kubectl's "80-8080" passes.
  it('create service clusterip s --tcp=80:8080 prints "service/s created"', async () => {
    expect(await server.kubectl(['create', 'service', 'clusterip', 's', '--tcp=80:8080'])).toEqual({ code: 0, stdout: 'service/s created\n', stderr: '' });
  }, 30_000);
});

describe('protobuf request bodies over HTTP', () => {
  const headers = { 'Content-Type': 'application/vnd.kubernetes.protobuf', Accept: 'application/vnd.kubernetes.protobuf, */*' };

  it('creates from a protobuf body and answers JSON when the client also accepts it', async () => {
    const body = Buffer.from(encodeProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw-pb' }, data: { k: 'v' } }));
    const res = await server.raw('POST', '/api/v1/namespaces/default/configmaps', { headers, body });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'raw-pb', namespace: 'default' }, data: { k: 'v' } });
  });

  it('evicts a pod with a protobuf policy/v1 Eviction (what kubectl drain sends)', async () => {
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'evictee' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect((await server.raw('POST', '/api/v1/namespaces/default/pods', { headers: { 'Content-Type': 'application/json' }, body: pod })).status).toBe(201);
    const eviction = encodeProtobuf({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evictee', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0 } });
    const res = await server.raw('POST', '/api/v1/namespaces/default/pods/evictee/eviction', { headers, body: Buffer.from(eviction) });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', status: 'Success' });
    expect((await server.raw('GET', '/api/v1/namespaces/default/pods/evictee')).status).toBe(404);
  });

  const bad: Array<{ name: string; body: Buffer; message: string }> = [
    { name: 'JSON sent as protobuf', body: Buffer.from('{"kind":"ConfigMap"}'), message: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]' },
    { name: 'a truncated message', body: Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x20, 0x0a]), message: 'unexpected EOF' },
    { name: 'a kind the group does not have', body: Buffer.from(encodeProtobuf({ apiVersion: 'v1', kind: 'Status' })).fill(0x58, 12, 18), message: 'no kind "XXXXXX" is registered for version "v1"' },
  ];
  it.each(bad)('$name → 400 with a Status, and the server keeps serving', async ({ body, message }) => {
    const res = await server.raw('POST', '/api/v1/namespaces/default/configmaps', { headers, body });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message });
    expect((await server.raw('GET', '/api/v1/namespaces/default/configmaps/raw-pb')).status).toBe(200);
  });

  it('a protobuf PATCH is still refused with 415, as upstream (patches are JSON or YAML)', async () => {
    const res = await server.raw('PATCH', '/api/v1/namespaces/default/configmaps/raw-pb', { headers, body: Buffer.from([0x6b, 0x38, 0x73, 0x00]) });
    expect(res.status).toBe(415);
  });
});
