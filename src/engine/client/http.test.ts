import { describe, expect, it } from 'vitest';
import { isStatusError, reasonOf, type ApiRequest, type KubeWatchEvent } from '../api/index.ts';
import { createHttpTransport, parseWarningHeader, type FetchFunction, type FetchInit, type FetchResponse } from './http.ts';

interface Sent {
  url: string;
  init: FetchInit;
}

// A canned response: JSON or text, with headers, or a stream of chunks.
function response(status: number, body: string, headers: Record<string, string> = {}, chunks?: string[]): FetchResponse {
  const lower = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).map(([k, v]) => [k.toLowerCase(), v]));
  const encoder = new TextEncoder();
  return {
    status,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    text: async () => body,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks ?? [body]) controller.enqueue(encoder.encode(c));
        if (!chunks) controller.close();
      },
    }),
  };
}

function recordingFetch(reply: (url: string, init: FetchInit) => FetchResponse = () => response(200, '{}')): { fetch: FetchFunction; sent: Sent[] } {
  const sent: Sent[] = [];
  return { sent, fetch: async (url, init) => { sent.push({ url, init }); return reply(url, init); } };
}

const SERVER = 'https://127.0.0.1:6443';

describe('createHttpTransport request', () => {
  it.each<{ name: string; req: ApiRequest; url: string; method: string; headers: Record<string, string>; body?: string }>([
    { name: 'a namespaced list becomes GET on the namespace path with its query',
      req: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { limit: 500, labelSelector: 'app=web' } },
      url: `${SERVER}/api/v1/namespaces/default/pods?limit=500&labelSelector=app%3Dweb`, method: 'GET',
      headers: { Accept: 'application/json', Authorization: 'Bearer t0k' } },
    { name: 'as=Table travels in the Accept header, as kubectl get sends it',
      req: { verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'ns', name: 'web', query: { as: 'Table', includeObject: 'Object' } },
      url: `${SERVER}/apis/apps/v1/namespaces/ns/deployments/web?includeObject=Object`, method: 'GET',
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } },
    { name: 'a create POSTs the object as JSON',
      req: { verb: 'create', group: '', version: 'v1', resource: 'namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }, query: { fieldManager: 'kubectl-create' } },
      url: `${SERVER}/api/v1/namespaces?fieldManager=kubectl-create`, method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}' },
    { name: 'an update PUTs to the named object',
      req: { verb: 'update', group: '', version: 'v1', resource: 'configmaps', namespace: 'a', name: 'c', body: { data: {} } },
      url: `${SERVER}/api/v1/namespaces/a/configmaps/c`, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"data":{}}' },
    { name: 'a merge patch carries its patch type as Content-Type',
      req: { verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'a', name: 'd', subresource: 'scale', patchType: 'application/merge-patch+json', body: { spec: { replicas: 3 } } },
      url: `${SERVER}/apis/apps/v1/namespaces/a/deployments/d/scale`, method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":3}}' },
    { name: 'an apply patch is sent as its YAML text',
      req: { verb: 'patch', group: '', version: 'v1', resource: 'configmaps', namespace: 'a', name: 'c', patchType: 'application/apply-patch+yaml', rawBody: 'kind: ConfigMap\n', query: { fieldManager: 'kubectl', force: true } },
      url: `${SERVER}/api/v1/namespaces/a/configmaps/c?fieldManager=kubectl&force=true`, method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' }, body: 'kind: ConfigMap\n' },
    { name: 'a raw YAML create body is sent as application/yaml',
      req: { verb: 'create', group: '', version: 'v1', resource: 'configmaps', namespace: 'a', rawBody: 'kind: ConfigMap\n' },
      url: `${SERVER}/api/v1/namespaces/a/configmaps`, method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: 'kind: ConfigMap\n' },
    { name: 'a delete sends its DeleteOptions as the body',
      req: { verb: 'delete', group: '', version: 'v1', resource: 'pods', namespace: 'a', name: 'p', body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 }, query: { gracePeriodSeconds: 0 } },
      url: `${SERVER}/api/v1/namespaces/a/pods/p?gracePeriodSeconds=0`, method: 'DELETE',
      headers: { 'Content-Type': 'application/json' }, body: '{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0}' },
    { name: 'a user becomes impersonation headers, without the implied system:authenticated',
      req: { verb: 'get', group: '', version: 'v1', resource: 'namespaces', name: 'default', user: { username: 'jane', groups: ['dev', 'ops', 'system:authenticated'], uid: 'u1' } },
      url: `${SERVER}/api/v1/namespaces/default`, method: 'GET',
      headers: { 'Impersonate-User': 'jane', 'Impersonate-Group': 'dev,ops', 'Impersonate-Uid': 'u1' } },
  ])('$name', async ({ req, url, method, headers, body }) => {
    const { fetch, sent } = recordingFetch();
    await createHttpTransport({ server: `${SERVER}/`, token: 't0k', fetch }).request(req);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(url);
    expect(sent[0]!.init.method).toBe(method);
    expect(sent[0]!.init.headers).toMatchObject(headers);
    expect(sent[0]!.init.body).toBe(body);
  });

  it('returns the code, the parsed body and the Warning headers', async () => {
    const { fetch } = recordingFetch(() => response(201, '{"kind":"Pod"}', { Warning: '299 - "spec.a: deprecated", 299 - "say \\"hi\\", twice"' }));
    const res = await createHttpTransport({ server: SERVER, fetch }).request({ verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: 'a', body: {} });
    expect(res).toEqual({ code: 201, body: { kind: 'Pod' }, warnings: ['spec.a: deprecated', 'say "hi", twice'] });
  });

  it('returns a text body (logs) as text', async () => {
    const { fetch } = recordingFetch(() => response(200, 'line 1\n', { 'Content-Type': 'text/plain' }));
    const res = await createHttpTransport({ server: SERVER, fetch }).request({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'a', name: 'p', subresource: 'log' });
    expect(res.body).toBe('line 1\n');
  });

  it.each([
    { name: 'a Status body is thrown as that Status', status: 404,
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}',
      reason: 'NotFound', message: 'pods "x" not found' },
    { name: 'a non-Status 404 becomes client-go\'s generic NotFound', status: 404, body: '404 page not found', reason: 'NotFound',
      message: 'the server could not find the requested resource' },
    { name: 'a 502 without a Status names the body', status: 502, body: 'bad gateway', reason: undefined,
      message: 'an error on the server ("bad gateway") has prevented the request from succeeding' },
  ])('$name', async ({ status, body, reason, message }) => {
    const { fetch } = recordingFetch(() => response(status, body, { 'Content-Type': 'text/plain' }));
    const err = await createHttpTransport({ server: SERVER, fetch }).request({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'a', name: 'x' }).catch((e: unknown) => e);
    expect(isStatusError(err)).toBe(true);
    expect(reasonOf(err)).toBe(reason);
    expect((err as Error).message).toBe(message);
  });
});

describe('createHttpTransport watch', () => {
  it('delivers newline-delimited events split across chunks, and stop() ends the stream', async () => {
    const chunks = ['{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"MOD', 'IFIED","object":{"metadata":{"name":"a"}}}\n'];
    const { fetch, sent } = recordingFetch(() => response(200, '', {}, chunks));
    const events: KubeWatchEvent[] = [];
    const handle = await createHttpTransport({ server: SERVER, fetch }).watch(
      { verb: 'watch', group: '', version: 'v1', resource: 'pods', namespace: 'a', query: { resourceVersion: '5', allowWatchBookmarks: true } },
      (e) => events.push(e));
    expect(sent[0]!.url).toBe(`${SERVER}/api/v1/namespaces/a/pods?resourceVersion=5&allowWatchBookmarks=true&watch=true`);
    await expect.poll(() => events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    handle.stop();
    await handle.closed;
    expect(sent[0]!.init.signal?.aborted).toBe(true);
  });

  it('throws the Status when the watch cannot start', async () => {
    const { fetch } = recordingFetch(() => response(403, '{"kind":"Status","status":"Failure","message":"no","reason":"Forbidden","code":403}'));
    const err = await createHttpTransport({ server: SERVER, fetch }).watch({ verb: 'watch', group: '', version: 'v1', resource: 'pods' }, () => undefined).catch((e: unknown) => e);
    expect(reasonOf(err)).toBe('Forbidden');
  });
});

describe('createHttpTransport discovery', () => {
  it('reads /api, /apis and every group-version, keeping only the client\'s APIResource fields', async () => {
    const docs: Record<string, unknown> = {
      '/api': { kind: 'APIVersions', versions: ['v1'] },
      '/apis': { kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] },
      '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get'], shortNames: ['po'], categories: ['all'], storageVersionHash: 'x' }] },
      '/apis/apps/v1': { kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [{ name: 'deployments/scale', singularName: '', namespaced: true, kind: 'Scale', verbs: ['get'] }] },
    };
    const { fetch } = recordingFetch((url) => response(200, JSON.stringify(docs[url.slice(SERVER.length)])));
    const d = await createHttpTransport({ server: SERVER, fetch }).discovery!();
    expect(d.groups.map((g) => g.name)).toEqual(['', 'apps']);
    expect(d.resources).toEqual([
      { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get'], shortNames: ['po'], categories: ['all'] }] },
      { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [{ name: 'deployments/scale', singularName: '', namespaced: true, kind: 'Scale', verbs: ['get'] }] },
    ]);
  });
});

describe('parseWarningHeader', () => {
  it.each([
    { header: null, want: [] },
    { header: '299 - "one"', want: ['one'] },
    { header: '299 - "a, b", 299 kube-apiserver "c" "Tue, 15 Nov 1994 08:12:31 GMT"', want: ['a, b', 'c'] },
    { header: '199 - "not a deprecation"', want: [] },
  ])('parses $header', ({ header, want }) => expect(parseWarningHeader(header)).toEqual(want));
});
