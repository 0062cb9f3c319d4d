import { describe, expect, it } from 'vitest';
import type { ApiRequest, KubeObject } from '../../api/index.ts';
import { gone, internal, isGone } from '../../api/index.ts';
import { VirtualClock } from '../../clock/index.ts';
import { createClient } from '../client.ts';
import { resources } from '../resources.ts';
import { createFakeApiServer } from '../testing/fakeApiServer.ts';
import { createInProcessTransport, type Transport } from '../transport.ts';
import { ReflectorError } from './reflector.ts';
import { createInformerFactory } from './factory.ts';
import type { EventHandler } from './sharedInformer.ts';

const cms = { ...resources.configmaps, namespace: 'default' };
const cm = (name: string, data: Record<string, string> = { v: '1' }, labels?: Record<string, string>, namespace = 'default'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data });

function setup() {
  const clock = new VirtualClock({ seed: 1 });
  const server = createFakeApiServer();
  // Records when each request reached the server, on the virtual clock.
  const sent: { at: number; req: ApiRequest }[] = [];
  const inner = createInProcessTransport(server);
  const transport: Transport = {
    request: (req) => { sent.push({ at: clock.now(), req }); return inner.request(req); },
    watch: (req, onEvent) => { sent.push({ at: clock.now(), req }); return inner.watch(req, onEvent); },
  };
  const client = createClient(transport);
  const errors: unknown[] = [];
  const factory = createInformerFactory(client, { clock, onError: (e) => errors.push(e) });
  const settle = () => clock.advanceAsync(0);
  return { clock, server, client, sent, errors, factory, settle };
}

/** A handler that writes down what it hears, one line per event. */
function recorder(log: string[] = [], prefix = '') {
  const name = (o: KubeObject) => `${o.metadata?.namespace}/${o.metadata?.name}@${o.metadata?.resourceVersion}`;
  const handler: EventHandler = {
    onAdd: (o, initial) => log.push(`${prefix}add ${name(o)}${initial ? ' (initial)' : ''}`),
    onUpdate: (a, b) => log.push(`${prefix}update ${name(a)} -> ${b.metadata?.resourceVersion}`),
    onDelete: (o, unknown) => log.push(`${prefix}delete ${name(o)}${unknown ? ' (final state unknown)' : ''}`),
  };
  return { log, handler };
}

const verbs = (sent: { req: ApiRequest }[]) => sent.map(({ req }) => `${req.verb}${req.query?.resourceVersion !== undefined ? ` rv=${req.query.resourceVersion}` : ''}`);

describe('shared informer: list then watch', () => {
  it('lists, then applies every watched change to the cache and the handlers, in order', async () => {
    const { client, server, factory, settle } = setup();
    await client.create(cms, cm('a'));
    await client.create(cms, cm('b'));
    const informer = factory.informerFor(resources.configmaps);
    const { log, handler } = recorder();
    informer.addEventHandler(handler);
    factory.start();
    await factory.waitForCacheSync();
    expect(informer.hasSynced()).toBe(true);
    expect(log).toEqual(['add default/a@2 (initial)', 'add default/b@3 (initial)']);

    await client.create(cms, cm('c'));
    const a = await client.get(cms, 'a');
    await client.update(cms, { ...a, data: { v: '2' } });
    await client.delete(cms, 'b');
    await settle();
    expect(log.slice(2)).toEqual(['add default/c@4', 'update default/a@2 -> 5', 'delete default/b@3']);

    const truth = await client.list(resources.configmaps);
    const cached = informer.lister().list();
    expect(cached.map((o) => [o.metadata?.name, o.metadata?.resourceVersion]).sort())
      .toEqual(truth.items.map((o) => [o.metadata?.name, o.metadata?.resourceVersion]).sort());
    expect(informer.lastSyncResourceVersion()).toBe(String(server.revision));
  });

  it('lists in pages of 500 from resourceVersion "0", later pages by continue token only', async () => {
    const { client, sent, factory } = setup();
    for (let i = 0; i < 1001; i++) await client.create(cms, cm(`cm-${String(i).padStart(4, '0')}`));
    sent.length = 0;
    const informer = factory.informerFor(resources.configmaps);
    factory.start();
    await factory.waitForCacheSync();
    const lists = sent.filter((s) => s.req.verb === 'list').map((s) => s.req.query);
    expect(lists).toHaveLength(3);
    expect(lists[0]).toMatchObject({ resourceVersion: '0', limit: 500 });
    expect(lists[1]).toMatchObject({ limit: 500 });
    expect(lists[1]?.resourceVersion).toBeUndefined();
    expect(lists[1]?.continue).toBeTruthy();
    expect(informer.lister().keys()).toHaveLength(1001);
  });

  it('watches from the list resourceVersion, with bookmarks allowed, and moves on with each bookmark', async () => {
    const { client, server, sent, factory, settle } = setup();
    await client.create(cms, cm('a'));
    const informer = factory.informerFor(resources.configmaps);
    factory.start();
    await settle();
    const watch = sent.find((s) => s.req.verb === 'watch')!.req;
    expect(watch.query).toMatchObject({ resourceVersion: '2', allowWatchBookmarks: true });
    expect(watch.query?.timeoutSeconds).toBeGreaterThanOrEqual(300);
    expect(watch.query?.timeoutSeconds).toBeLessThan(600);
    await client.create({ ...resources.secrets, namespace: 'default' }, { metadata: { name: 's' } });
    server.bookmark();
    expect(informer.lastSyncResourceVersion()).toBe('3');
  });

  it('filters by namespace and labels, and the lister selects by labels and namespace index', async () => {
    const { client, factory } = setup();
    await client.create(cms, cm('web', {}, { app: 'web', tier: 'front' }));
    await client.create(cms, cm('db', {}, { app: 'db' }));
    await client.create({ ...resources.configmaps, namespace: 'other' }, cm('web', {}, { app: 'web' }, 'other'));
    const all = factory.informerFor(resources.configmaps);
    const onlyDefault = factory.informerFor(resources.configmaps, { namespace: 'default' });
    const onlyWeb = factory.informerFor(resources.configmaps, { labelSelector: 'app=web' });
    factory.start();
    await factory.waitForCacheSync();
    expect(onlyDefault.lister().keys().sort()).toEqual(['default/db', 'default/web']);
    expect(onlyWeb.lister().keys().sort()).toEqual(['default/web', 'other/web']);
    expect(all.lister().list({ app: 'web' }).map((o) => o.metadata?.namespace).sort()).toEqual(['default', 'other']);
    expect(all.lister().list({ matches: (l) => l.tier === 'front' }).map((o) => o.metadata?.name)).toEqual(['web']);
    expect(all.lister().byIndex('namespace', 'other').map((o) => o.metadata?.name)).toEqual(['web']);
    expect(all.lister().listNamespace('default', { app: 'db' }).map((o) => o.metadata?.name)).toEqual(['db']);
    expect(all.lister().get('other/web')?.metadata?.namespace).toBe('other');
  });

  it('shares one informer per resource and filter', () => {
    const { factory } = setup();
    expect(factory.informerFor(resources.pods)).toBe(factory.informerFor(resources.pods));
    expect(factory.informerFor(resources.pods)).not.toBe(factory.informerFor(resources.pods, { namespace: 'default' }));
  });
});

describe('shared informer: recovering from expired and closed watches', () => {
  it('relists after a 410 ERROR event and tells handlers exactly what changed meanwhile', async () => {
    const { client, server, clock, sent, errors, factory, settle } = setup();
    for (const n of ['a', 'b', 'c']) await client.create(cms, cm(n));
    const informer = factory.informerFor(resources.configmaps);
    const { log, handler } = recorder();
    informer.addEventHandler(handler);
    factory.start();
    await settle();
    log.length = 0;
    sent.length = 0;

    server.expireWatches();
    await settle();
    expect(errors.some(isGone)).toBe(true);
    // While the reflector backs off, the world moves on without it.
    const b = await client.get(cms, 'b');
    await client.update(cms, { ...b, data: { v: '2' } });
    await client.delete(cms, 'c');
    await client.create(cms, cm('d'));
    expect(informer.lister().keys().sort()).toEqual(['default/a', 'default/b', 'default/c']);
    expect(verbs(sent)).toEqual(['get', 'update', 'delete', 'create']);

    await clock.advanceAsync(1_600);
    expect(log).toEqual(['add default/d@7', 'update default/b@3 -> 5', 'delete default/c@4 (final state unknown)']);
    expect(informer.lister().keys().sort()).toEqual(['default/a', 'default/b', 'default/d']);
    // As client-go: relist no older than what was seen, then watch from the new list.
    expect(verbs(sent.slice(4))).toEqual(['list rv=4', 'watch rv=7']);

    await client.create(cms, cm('e'));
    expect(log.at(-1)).toBe('add default/e@8');
  });

  it('relists when the watch cannot start with 410 Gone', async () => {
    const { client, server, clock, sent, errors, factory, settle } = setup();
    await client.create(cms, cm('a'));
    server.failNext('watch', gone('too old resource version: 1 (2)'));
    const informer = factory.informerFor(resources.configmaps);
    factory.start();
    await settle();
    expect(errors.filter(isGone)).toHaveLength(1);
    await client.create(cms, cm('b'));
    await clock.advanceAsync(1_600);
    expect(verbs(sent.filter((s) => s.req.resource === 'configmaps' && s.req.verb !== 'create')))
      .toEqual(['list rv=0', 'watch rv=2', 'list rv=2', 'watch rv=3']);
    expect(informer.lister().keys().sort()).toEqual(['default/a', 'default/b']);
  });

  it('re-watches from the last resourceVersion after a watch closes normally, without relisting', async () => {
    const { client, server, clock, sent, factory, settle } = setup();
    await client.create(cms, cm('a'));
    const informer = factory.informerFor(resources.configmaps);
    const { log, handler } = recorder();
    informer.addEventHandler(handler);
    factory.start();
    await settle();
    await clock.advanceAsync(5_000);
    await client.create(cms, cm('b'));
    sent.length = 0;
    server.closeWatches();
    await client.create(cms, cm('c'));
    await settle();
    expect(verbs(sent)).toEqual(['create', 'watch rv=3']);
    expect(log).toEqual(['add default/a@2 (initial)', 'add default/b@3', 'add default/c@4']);
  });

  it('treats a watch closed within a second with no events as a failure: back off, then relist', async () => {
    const { server, clock, sent, errors, factory, settle } = setup();
    factory.informerFor(resources.configmaps);
    factory.start();
    await settle();
    sent.length = 0;
    server.closeWatches();
    await settle();
    expect(errors.some((e) => e instanceof ReflectorError && e.reason === 'VeryShortWatch')).toBe(true);
    expect(sent).toHaveLength(0);
    await clock.advanceAsync(1_600);
    expect(verbs(sent)).toEqual(['list rv=1', 'watch rv=1']);
  });

  it('backs off failing lists exponentially with jitter on the virtual clock: [0.8, 1.6) s, [1.6, 3.2) s, [3.2, 6.4) s', async () => {
    const { server, clock, sent, factory, settle } = setup();
    server.failNext('list', internal('etcdserver: leader changed'), 3);
    const informer = factory.informerFor(resources.configmaps);
    factory.start();
    await settle();
    await clock.advanceAsync(12_000);
    expect(informer.hasSynced()).toBe(true);
    const at = sent.filter((s) => s.req.verb === 'list').map((s) => s.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toHaveLength(3);
    [[800, 1600], [1600, 3200], [3200, 6400]].forEach(([lo, hi], i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(lo!);
      expect(gaps[i]).toBeLessThan(hi!);
    });
  });

  it('stops cleanly: no watch stays open, no timer stays armed, nothing is listed again', async () => {
    const { server, clock, sent, factory, settle } = setup();
    factory.informerFor(resources.configmaps);
    factory.informerFor(resources.pods);
    factory.start();
    await settle();
    expect(server.openWatches).toBe(2);
    server.failNext('list', internal('boom'));
    factory.stop();
    await settle();
    expect(server.openWatches).toBe(0);
    const before = sent.length;
    expect(clock.runUntilIdle()).toBe(0);
    await clock.advanceAsync(600_000);
    expect(sent).toHaveLength(before);
  });
});

describe('shared informer: handlers', () => {
  it('calls handlers in registration order; a late handler first hears the cache as initial adds', async () => {
    const { client, factory, settle } = setup();
    await client.create(cms, cm('a'));
    const informer = factory.informerFor(resources.configmaps);
    const log: string[] = [];
    informer.addEventHandler(recorder(log, '1:').handler);
    informer.addEventHandler(recorder(log, '2:').handler);
    factory.start();
    await settle();
    informer.addEventHandler(recorder(log, '3:').handler);
    await client.create(cms, cm('b'));
    expect(log).toEqual([
      '1:add default/a@2 (initial)', '2:add default/a@2 (initial)', '3:add default/a@2 (initial)',
      '1:add default/b@3', '2:add default/b@3', '3:add default/b@3',
    ]);
  });

  it('hands handlers and listers frozen objects, while client results stay the caller\'s to change', async () => {
    const { client, factory, settle } = setup();
    const created = await client.create(cms, cm('a'));
    created.data = { changed: 'yes' };
    const informer = factory.informerFor(resources.configmaps);
    const seen: KubeObject[] = [];
    informer.addEventHandler({ onAdd: (o) => seen.push(o) });
    factory.start();
    await settle();
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(() => { (seen[0]!.data as Record<string, string>).v = 'x'; }).toThrow(TypeError);
    expect(() => { seen[0]!.metadata!.labels = {}; }).toThrow(TypeError);
    expect(informer.lister().get('default/a')?.data).toEqual({ v: '1' });
  });

  it('keeps delivering to other handlers when one throws, and reports the error', async () => {
    const { client, errors, factory, settle } = setup();
    const informer = factory.informerFor(resources.configmaps);
    const { log, handler } = recorder();
    informer.addEventHandler({ onAdd: () => { throw new TypeError('handler bug'); } });
    informer.addEventHandler(handler);
    factory.start();
    await settle();
    await client.create(cms, cm('a'));
    expect(log).toEqual(['add default/a@2']);
    expect(errors.some((e) => e instanceof TypeError)).toBe(true);
  });

  it('resyncs every period: onUpdate(obj, obj) for each cached object, to handlers that asked', async () => {
    const { client, clock, factory, settle } = setup();
    await client.create(cms, cm('a'));
    await client.create(cms, cm('b'));
    const informer = factory.informerFor(resources.configmaps);
    const resynced = recorder();
    const quiet = recorder();
    informer.addEventHandler(resynced.handler, { resyncPeriodMs: 30_000 });
    informer.addEventHandler(quiet.handler);
    factory.start();
    await settle();
    await clock.advanceAsync(29_999);
    expect(resynced.log).toHaveLength(2);
    await clock.advanceAsync(1);
    expect(resynced.log.slice(2)).toEqual(['update default/a@2 -> 2', 'update default/b@3 -> 3']);
    expect(quiet.log).toHaveLength(2);
  });

  it('stops notifying a removed handler', async () => {
    const { client, factory, settle } = setup();
    const informer = factory.informerFor(resources.configmaps);
    const { log, handler } = recorder();
    const registration = informer.addEventHandler(handler);
    factory.start();
    await settle();
    registration.remove();
    await client.create(cms, cm('a'));
    expect(log).toEqual([]);
  });
});
