import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createApiServer } from './server.ts';
import { isStatusError, type Status } from './errors.ts';
import type { ApiRequest } from './request.ts';
import type { KubeList, KubeObject, KubeWatchEvent } from './types.ts';

function setup() {
  const clock = new VirtualClock({ seed: 7 });
  const store = createMemoryStore({ clock });
  const api = createApiServer({ store, clock });
  const call = async (req: Partial<ApiRequest> & Pick<ApiRequest, 'verb' | 'resource'>) =>
    (await api.handle({ group: '', version: 'v1', ...req } as ApiRequest)).body as KubeObject;
  const fail = async (req: Partial<ApiRequest> & Pick<ApiRequest, 'verb' | 'resource'>): Promise<Status> => {
    try {
      await api.handle({ group: '', version: 'v1', ...req } as ApiRequest);
    } catch (e) {
      if (isStatusError(e)) return e.status;
      throw e;
    }
    throw new Error('request succeeded');
  };
  return { clock, store, api, call, fail };
}

const configMap = (name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data });

const deployment = (name: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

describe('apiserver', () => {
  it('creates an object with uid, creationTimestamp and a resourceVersion from the store revision', async () => {
    const { call } = setup();
    const cm = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('one') });
    expect(cm.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cm.metadata?.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(cm.metadata?.namespace).toBe('default');
    expect(Number(cm.metadata?.resourceVersion)).toBeGreaterThan(1);
    const got = await call({ verb: 'get', resource: 'configmaps', namespace: 'default', name: 'one' });
    expect(got).toEqual(cm);
  });

  it('answers NotFound and AlreadyExists with the real messages', async () => {
    const { call, fail } = setup();
    expect(await fail({ verb: 'get', resource: 'configmaps', namespace: 'default', name: 'nope' })).toMatchObject({ code: 404, reason: 'NotFound', message: 'configmaps "nope" not found' });
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('one') });
    expect(await fail({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('one') })).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'configmaps "one" already exists' });
    expect(await fail({ verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' })).toMatchObject({ message: 'deployments.apps "web" not found' });
  });

  it('fails an unknown resource with 404 "the server could not find the requested resource"', async () => {
    const { fail } = setup();
    expect(await fail({ verb: 'list', resource: 'widgets' })).toMatchObject({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });
    expect(await fail({ verb: 'list', group: 'policy', version: 'v1beta1', resource: 'podsecuritypolicies' })).toMatchObject({ code: 404 });
  });

  it('names an object from generateName with five characters of the upstream alphabet', async () => {
    const { call } = setup();
    const cm = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: { ...configMap(''), metadata: { generateName: 'web-' } } });
    expect(cm.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects a stale resourceVersion with the optimistic-lock Conflict', async () => {
    const { call, fail } = setup();
    const cm = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('one') });
    await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'one', body: { ...cm, data: { a: '2' } } });
    expect(await fail({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'one', body: { ...cm, data: { a: '3' } } })).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('bumps metadata.generation on spec changes only, and keeps status off the main resource', async () => {
    const { call } = setup();
    const apps = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' } as const;
    const d = await call({ verb: 'create', ...apps, body: deployment('web') });
    expect(d.metadata?.generation).toBe(1);
    const labelled = await call({ verb: 'update', ...apps, name: 'web', body: { ...d, metadata: { ...d.metadata, labels: { x: 'y' } } } });
    expect(labelled.metadata?.generation).toBe(1);
    const scaled = await call({ verb: 'update', ...apps, name: 'web', body: { ...labelled, spec: { ...(labelled.spec as object), replicas: 3 }, status: { replicas: 9 } } });
    expect(scaled.metadata?.generation).toBe(2);
    expect(scaled.status).toBeUndefined();
    const status = await call({ verb: 'update', ...apps, name: 'web', subresource: 'status', body: { ...scaled, spec: { replicas: 100 }, status: { replicas: 3 } } });
    expect(status.status).toEqual({ replicas: 3 });
    expect((status.spec as { replicas: number }).replicas).toBe(3);
    expect(status.metadata?.generation).toBe(2);
  });

  it('does not write an update that changes nothing', async () => {
    const { call } = setup();
    const cm = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('one') });
    const same = await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'one', body: cm });
    expect(same.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
  });

  it('pages a list with limit and continue at one consistent revision', async () => {
    const { call } = setup();
    for (const n of ['a', 'b', 'c', 'd', 'e']) await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap(n) });
    const first = await call({ verb: 'list', resource: 'configmaps', namespace: 'default', query: { limit: 2 } }) as unknown as KubeList;
    expect(first.items.map((i) => i.metadata?.name)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(3);
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('bb') });
    const second = await call({ verb: 'list', resource: 'configmaps', namespace: 'default', query: { limit: 2, continue: first.metadata.continue } }) as unknown as KubeList;
    expect(second.items.map((i) => i.metadata?.name)).toEqual(['c', 'd']);
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const third = await call({ verb: 'list', resource: 'configmaps', namespace: 'default', query: { limit: 2, continue: second.metadata.continue } }) as unknown as KubeList;
    expect(third.items.map((i) => i.metadata?.name)).toEqual(['e']);
    expect(third.metadata.continue).toBeUndefined();
    expect(first.kind).toBe('ConfigMapList');
    expect(first.items[0]!.kind).toBeUndefined();
  });

  it('filters a list by label selector', async () => {
    const { call } = setup();
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('a', {}, { tier: 'web' }) });
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('b', {}, { tier: 'db' }) });
    await call({ verb: 'create', resource: 'configmaps', namespace: 'other', body: configMap('c', {}, { tier: 'web' }) });
    const web = await call({ verb: 'list', resource: 'configmaps', query: { labelSelector: 'tier in (web)' } }) as unknown as KubeList;
    expect(web.items.map((i) => `${i.metadata?.namespace}/${i.metadata?.name}`)).toEqual(['default/a', 'other/c']);
    const notWeb = await call({ verb: 'list', resource: 'configmaps', namespace: 'default', query: { labelSelector: 'tier!=web' } }) as unknown as KubeList;
    expect(notWeb.items.map((i) => i.metadata?.name)).toEqual(['b']);
  });

  it('watches from a resourceVersion: MODIFIED and DELETED in order, objects leaving the selector as DELETED', async () => {
    const { api, call, clock } = setup();
    const a = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('a', {}, { tier: 'web' }) });
    const events: KubeWatchEvent[] = [];
    const w = await api.watch({ verb: 'watch', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', query: { resourceVersion: a.metadata!.resourceVersion, labelSelector: 'tier=web' } }, (e) => events.push(e));
    const b = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('b', {}, { tier: 'web' }) });
    await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'b', body: { ...b, data: { x: 'y' } } });
    await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'a', body: { ...a, metadata: { ...a.metadata, labels: { tier: 'db' } } } });
    await call({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'b' });
    await clock.advanceAsync(0);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED b', 'MODIFIED b', 'DELETED a', 'DELETED b']);
    const revisions = events.map((e) => Number(e.object.metadata?.resourceVersion));
    expect([...revisions].sort((x, y) => x - y)).toEqual(revisions);
    w.stop();
    await w.closed;
  });

  it('starts a watch without resourceVersion with the current objects as ADDED', async () => {
    const { api, call, clock } = setup();
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('a') });
    const events: KubeWatchEvent[] = [];
    const w = await api.watch({ verb: 'watch', group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, (e) => events.push(e));
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('b') });
    await clock.advanceAsync(0);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED a', 'ADDED b']);
    w.stop();
  });

  it('streams one-row Tables to a watch that asks for as=Table, a deleted object with its last row', async () => {
    const { api, call, clock } = setup();
    const events: KubeWatchEvent[] = [];
    const w = await api.watch({ verb: 'watch', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', query: { as: 'Table' } }, (e) => events.push(e));
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('a', { x: '1', y: '2' }) });
    await call({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'a' });
    await clock.advanceAsync(0);
    const rows = events.map((e) => {
      const table = e.object as unknown as { kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };
      return [e.type, table.kind, table.columnDefinitions.map((c) => c.name).join(','), JSON.stringify(table.rows.map((r) => r.cells))];
    });
    expect(rows).toEqual([['ADDED', 'Table', 'Name,Data,Age', '[["a",2,"0s"]]'], ['DELETED', 'Table', 'Name,Data,Age', '[["a",2,"0s"]]']]);
    w.stop();
  });

  it('ends a watch from a compacted resourceVersion with a 410 Expired ERROR event', async () => {
    const { api, call, store } = setup();
    const a = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('a') });
    const b = await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'a', body: { ...a, data: { z: '1' } } });
    const c = await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'a', body: { ...b, data: { z: '2' } } });
    // Compacting at c drops b, the first revision a watch from a's resourceVersion needs.
    await store.compact(Number(c.metadata!.resourceVersion));
    const events: KubeWatchEvent[] = [];
    const w = await api.watch({ verb: 'watch', group: '', version: 'v1', resource: 'configmaps', query: { resourceVersion: a.metadata!.resourceVersion } }, (e) => events.push(e));
    await w.closed;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired', message: `too old resource version: ${a.metadata!.resourceVersion} (${c.metadata!.resourceVersion})` } });
  });

  it('keeps an object with finalizers until they are removed, marking it with deletionTimestamp', async () => {
    const { call, fail } = setup();
    const cm = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: { ...configMap('f'), metadata: { name: 'f', finalizers: ['example.com/hold'] } } });
    const marked = await call({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'f' });
    expect(marked.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    const current = await call({ verb: 'get', resource: 'configmaps', namespace: 'default', name: 'f' });
    expect(current.metadata?.uid).toBe(cm.metadata?.uid);
    const deleted = await call({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'f', query: { propagationPolicy: 'Foreground' } });
    expect(deleted.metadata?.finalizers).toEqual(['example.com/hold', 'foregroundDeletion']);
    // Removing the last finalizer completes the deletion.
    await call({ verb: 'update', resource: 'configmaps', namespace: 'default', name: 'f', body: { ...deleted, metadata: { ...deleted.metadata, finalizers: [] } } });
    expect(await fail({ verb: 'get', resource: 'configmaps', namespace: 'default', name: 'f' })).toMatchObject({ code: 404 });
    expect(await fail({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'nope' })).toMatchObject({ code: 404 });
  });

  it('answers a completed delete of a config map with a Success Status', async () => {
    const { call } = setup();
    const cm = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('gone') });
    const resp = await call({ verb: 'delete', resource: 'configmaps', namespace: 'default', name: 'gone' });
    expect(resp).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'gone', kind: 'configmaps', uid: cm.metadata?.uid } });
  });

  it('refuses an object over etcd\'s 1.5 MiB value limit as the apiserver reports it, storing nothing', async () => {
    const { call, fail } = setup();
    const big = configMap('big', { blob: 'x'.repeat(1_600_000) });
    expect(await fail({ verb: 'create', resource: 'configmaps', namespace: 'default', body: big })).toMatchObject({ code: 500, message: 'etcdserver: request is too large' });
    expect(await fail({ verb: 'get', resource: 'configmaps', namespace: 'default', name: 'big' })).toMatchObject({ code: 404 });
    const small = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('small') });
    expect(small.metadata?.name).toBe('small');
  });

  it('keeps __proto__ and constructor keys in a body from polluting prototypes', async () => {
    const { call, fail } = setup();
    // As label keys they are just invalid names, as on a real cluster.
    const badLabel = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p","labels":{"__proto__":"x"}}}');
    expect(await fail({ verb: 'create', resource: 'configmaps', namespace: 'default', body: badLabel })).toMatchObject({ code: 422, reason: 'Invalid' });
    // As config map keys they are valid data, kept as plain own properties.
    const body = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p"},"data":{"__proto__":"p","constructor":"c"},"__proto__":{"polluted":true}}');
    const created = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body, query: { fieldValidation: 'Ignore' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(created.data, '__proto__')?.value).toBe('p');
    expect(Object.getOwnPropertyDescriptor(created.data, 'constructor')?.value).toBe('c');
    expect(Object.getPrototypeOf(created)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(created.data)).toBe(Object.prototype);
  });

  it('deletes a scheduled pod gracefully (deletionTimestamp now + 30 s) and an unscheduled one at once', async () => {
    const { call, fail } = setup();
    const pod = (name: string, nodeName?: string): KubeObject => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name },
      spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx' }] },
    });
    await call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('running', 'node-1') });
    await call({ verb: 'create', resource: 'pods', namespace: 'default', body: pod('pending') });
    const marked = await call({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'running' });
    expect(marked.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
    expect((await call({ verb: 'get', resource: 'pods', namespace: 'default', name: 'running' })).metadata?.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    const gone = await call({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'pending' });
    expect(gone.kind).toBe('Pod');
    expect(await fail({ verb: 'get', resource: 'pods', namespace: 'default', name: 'pending' })).toMatchObject({ code: 404 });
    // --grace-period=0 --force: the kubelet is not waited for.
    await call({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'running', query: { gracePeriodSeconds: 0 } });
    expect(await fail({ verb: 'get', resource: 'pods', namespace: 'default', name: 'running' })).toMatchObject({ code: 404 });
  });

  it('sends bookmarks a minute apart when asked, and marks the end of the initial events', async () => {
    const { api, call, clock } = setup();
    await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('a') });
    const events: KubeWatchEvent[] = [];
    const w = await api.watch({ verb: 'watch', group: '', version: 'v1', resource: 'configmaps', namespace: 'default',
      query: { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true } }, (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[1]!.object.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    const b = await call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: configMap('b') });
    await clock.advanceAsync(60_000);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK', 'ADDED', 'BOOKMARK']);
    expect(events[3]!.object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: b.metadata!.resourceVersion } });
    w.stop();
  });
});
