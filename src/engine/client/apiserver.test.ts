// The client against the real in-memory apiserver (api + memory store), not the fake.
import { describe, expect, it } from 'vitest';
import type { KubeObject, WatchHandle } from '../api/index.ts';
import { createApiServer, isGone } from '../api/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createClient } from './client.ts';
import { createInformerFactory } from './informers/factory.ts';
import { resources } from './resources.ts';
import { createInProcessTransport, type Transport } from './transport.ts';

const cms = { ...resources.configmaps, namespace: 'default' };
const cm = (name: string, data: Record<string, string> = { v: '1' }): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

async function setup() {
  const clock = new VirtualClock({ seed: 11 });
  const store = await createMemoryStore({ clock });
  const api = createApiServer({ store, clock });
  const inner = createInProcessTransport(api);
  // A network between client and apiserver that a test can cut: `drop` ends open watches as a
  // broken connection would, and while `hold` is on, new watches wait for `release`.
  const open = new Set<WatchHandle>();
  let held: (() => void)[] | undefined;
  const transport: Transport = {
    request: (req) => inner.request(req),
    async watch(req, onEvent) {
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      const handle = await inner.watch(req, onEvent);
      open.add(handle);
      void handle.closed.then(() => open.delete(handle));
      return handle;
    },
  };
  const net = {
    drop: () => { for (const h of [...open]) h.stop(); },
    hold: () => { held = []; },
    release: () => { const waiting = held ?? []; held = undefined; waiting.forEach((r) => r()); },
    get openWatches() { return open.size; },
  };
  const client = createClient(transport);
  const errors: unknown[] = [];
  const factory = createInformerFactory(client, { clock, onError: (e) => errors.push(e) });
  return { clock, store, client, factory, errors, net, settle: () => clock.advanceAsync(0) };
}

const names = (objs: KubeObject[]) => objs.map((o) => `${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort();

describe('client and informers against the real apiserver', () => {
  it('keeps the informer cache equal to the apiserver through creates, updates and deletes', async () => {
    const { client, factory, settle } = await setup();
    await client.create(cms, cm('a'));
    const informer = factory.informerFor(resources.configmaps, { namespace: 'default' });
    const log: string[] = [];
    informer.addEventHandler({
      onAdd: (o) => log.push(`add ${o.metadata?.name}`),
      onUpdate: (_, o) => log.push(`update ${o.metadata?.name}`),
      onDelete: (o) => log.push(`delete ${o.metadata?.name}`),
    });
    factory.start();
    await factory.waitForCacheSync();
    await client.create(cms, cm('b'));
    const a = await client.get(cms, 'a');
    await client.update(cms, { ...a, data: { v: '2' } });
    await client.patch(cms, 'b', 'application/merge-patch+json', { data: { v: '3' } });
    await client.delete(cms, 'a');
    await settle();
    expect(log).toEqual(['add a', 'add b', 'update a', 'update b', 'delete a']);
    expect(names(informer.lister().list())).toEqual(names((await client.list(cms)).items));
    expect(informer.lister().get('default/b')?.data).toEqual({ v: '3' });
    factory.stop();
  });

  it('relists after its resourceVersion is compacted away, delivering the missed changes as deltas', async () => {
    const { clock, store, client, factory, errors, net, settle } = await setup();
    for (const n of ['a', 'b', 'c']) await client.create(cms, cm(n));
    const informer = factory.informerFor(resources.configmaps);
    const log: string[] = [];
    informer.addEventHandler({
      onAdd: (o, initial) => log.push(`add ${o.metadata?.name}${initial ? ' (initial)' : ''}`),
      onUpdate: (_, o) => log.push(`update ${o.metadata?.name}`),
      onDelete: (o, unknown) => log.push(`delete ${o.metadata?.name}${unknown ? ' (final state unknown)' : ''}`),
    });
    factory.start();
    await settle();
    await clock.advanceAsync(5_000);
    log.length = 0;

    // The connection breaks; before the reflector's new watch gets through, the cluster changes
    // and etcd compacts past the revision the reflector will ask for.
    net.hold();
    net.drop();
    await settle();
    const b = await client.get(cms, 'b');
    await client.update(cms, { ...b, data: { v: '2' } });
    await client.delete(cms, 'c');
    await client.create(cms, cm('d'));
    const latest = Number((await client.list(cms)).metadata.resourceVersion);
    await store.compact(latest);
    net.release();
    await settle();
    expect(errors.some(isGone)).toBe(true);
    expect(log).toEqual([]);

    await clock.advanceAsync(1_600);
    expect(log).toEqual(['add d', 'update b', 'delete c (final state unknown)']);
    expect(names(informer.lister().list())).toEqual(names((await client.list(cms)).items));
    expect(net.openWatches).toBe(1);

    await client.create(cms, cm('e'));
    await settle();
    expect(log.at(-1)).toBe('add e');
    factory.stop();
  });
});
