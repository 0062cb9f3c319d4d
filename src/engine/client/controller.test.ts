import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/index.ts';
import { createApiServer, internal, isNotFound, splitKey } from '../api/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createClient, type Client } from './client.ts';
import { defineController, runController, watch } from './controller.ts';
import { createInformerFactory } from './informers/factory.ts';
import { resources } from './resources.ts';
import { createFakeApiServer } from './testing/fakeApiServer.ts';
import { createInProcessTransport } from './transport.ts';

// A test controller in the house pattern: for every ConfigMap labelled mirror=true it keeps a
// ConfigMap `<name>-mirror` with the same data, and deletes the mirror when the source goes.
const MIRROR_SUFFIX = '-mirror';
const mirrorController = defineController({
  name: 'configmap-mirror',
  watches: {
    sources: watch(resources.configmaps, { options: { labelSelector: 'mirror=true' } }),
    // A change to a mirror wakes its source's key, so a hand-edited mirror is put right.
    mirrors: watch(resources.configmaps, {
      options: { labelSelector: 'mirror-of' },
      keysFor: (o: KubeObject) => [`${o.metadata?.namespace}/${o.metadata?.labels?.['mirror-of']}`],
    }),
  },
  async sync(key, { client, listers }) {
    const parsed = splitKey(key);
    if (!parsed.ok) return;
    const { namespace, name } = parsed.value;
    const scope = { ...resources.configmaps, namespace };
    const source = listers.sources.get(key);
    const mirror = listers.mirrors.get(`${key}${MIRROR_SUFFIX}`);
    if (!source) {
      if (mirror) await client.delete(scope, mirror.metadata!.name!).catch((e: unknown) => { if (!isNotFound(e)) throw e; });
      return;
    }
    if (!mirror) {
      await client.create(scope, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}${MIRROR_SUFFIX}`, labels: { 'mirror-of': name } }, data: source.data });
    } else if (JSON.stringify(mirror.data) !== JSON.stringify(source.data)) {
      await client.update(scope, { ...structuredClone(mirror), data: source.data });
    }
  },
});

function setup() {
  const clock = new VirtualClock({ seed: 3 });
  const server = createFakeApiServer();
  const client: Client = createClient(createInProcessTransport(server));
  const informers = createInformerFactory(client, { clock });
  const syncErrors: string[] = [];
  const running = runController(mirrorController, { client, informers, clock, onSyncError: (key) => syncErrors.push(key) });
  const cms = { ...resources.configmaps, namespace: 'default' };
  const dataOf = async (name: string) => (await client.get(cms, name).catch(() => undefined))?.data;
  return { clock, server, client, informers, running, syncErrors, cms, dataOf, settle: () => clock.advanceAsync(0) };
}

// The same controller over the real in-memory apiserver.
async function setupReal() {
  const clock = new VirtualClock({ seed: 3 });
  const api = createApiServer({ store: await createMemoryStore({ clock }), clock });
  const client = createClient(createInProcessTransport(api));
  const informers = createInformerFactory(client, { clock });
  const running = runController(mirrorController, { client, informers, clock });
  const cms = { ...resources.configmaps, namespace: 'default' };
  const dataOf = async (name: string) => (await client.get(cms, name).catch(() => undefined))?.data;
  return { client, running, cms, dataOf, settle: () => clock.advanceAsync(0) };
}

describe('defineController / runController', () => {
  it.each([
    { backend: 'the fake apiserver', make: async () => setup() },
    { backend: 'the real in-memory apiserver', make: setupReal },
  ])('syncs each key from the caches and writes through the client ($backend)', async ({ make }) => {
    const { client, running, cms, dataOf, settle } = await make();
    await running.ready;
    await client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', labels: { mirror: 'true' } }, data: { k: '1' } });
    await client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ignored' }, data: { k: '1' } });
    await settle();
    expect(await dataOf('app-mirror')).toEqual({ k: '1' });
    expect(await dataOf('ignored-mirror')).toBeUndefined();

    const app = await client.get(cms, 'app');
    await client.update(cms, { ...app, data: { k: '2' } });
    await settle();
    expect(await dataOf('app-mirror')).toEqual({ k: '2' });

    // Level-triggered: a hand edit of the mirror wakes the source's key and is undone.
    const mirror = await client.get(cms, 'app-mirror');
    await client.update(cms, { ...mirror, data: { k: 'tampered' } });
    await settle();
    expect(await dataOf('app-mirror')).toEqual({ k: '2' });

    await client.delete(cms, 'app');
    await settle();
    expect(await dataOf('app-mirror')).toBeUndefined();
    await running.stop();
  });

  it('retries a failed sync with the rate limiter (5 ms, then 10 ms), and forgets the key once it succeeds', async () => {
    const { client, server, clock, running, syncErrors, cms, dataOf, settle } = setup();
    await running.ready;
    // The fake writes synchronously, so the failures set next hit the controller, not this create.
    const created = client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', labels: { mirror: 'true' } }, data: { k: '1' } });
    server.failNext('create', internal('etcdserver: request timed out'), 2);
    await created;
    await settle();
    expect(syncErrors).toEqual(['default/app']);
    expect(running.queue.numRequeues('default/app')).toBe(1);
    await clock.advanceAsync(4);
    expect(syncErrors).toHaveLength(1);
    await clock.advanceAsync(1);
    expect(syncErrors).toHaveLength(2);
    await clock.advanceAsync(9);
    expect(await dataOf('app-mirror')).toBeUndefined();
    await clock.advanceAsync(1);
    expect(await dataOf('app-mirror')).toEqual({ k: '1' });
    expect(running.queue.numRequeues('default/app')).toBe(0);
    await running.stop();
  });

  it('does not start workers before the caches have synced, and stops without leaving timers', async () => {
    const { client, server, clock, running, informers, cms, settle } = setup();
    await client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', labels: { mirror: 'true' } }, data: { k: '1' } });
    expect(running.queue.len()).toBe(0);
    await running.ready;
    await settle();
    expect((await client.list(cms)).items.map((o) => o.metadata?.name).sort()).toEqual(['app', 'app-mirror']);
    await running.stop();
    informers.stop();
    await settle();
    expect(server.openWatches).toBe(0);
    expect(clock.runUntilIdle()).toBe(0);
    expect(running.queue.shuttingDown()).toBe(true);
  });
});
