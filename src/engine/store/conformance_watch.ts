// Conformance: watch (history replay, live events, prevKv, filters, compaction cancel) and compact.

import { expect, it } from 'vitest';
import { describeEvents, expectStoreError, WatchCollector, type ContextGetter } from './conformance_harness.ts';
import { prefixEnd } from './keys.ts';

export function watchConformance(ctx: ContextGetter): void {
  it('a key watch from now sees puts and deletes, a DELETE carrying only key and modRevision', async () => {
    const { store, p } = ctx();
    const w = new WatchCollector(store, { key: p('a') });
    const r1 = (await store.put({ key: p('a'), value: '1' })).header.revision;
    await store.put({ key: p('other'), value: 'x' });
    const r3 = (await store.deleteRange({ key: p('a') })).header.revision;
    const events = await w.untilEvents(2);
    expect(describeEvents(events, p(''))).toEqual([`PUT a=1@${r1}`, `DELETE a@${r3}`]);
    expect(events[1]?.kv).toEqual({ key: p('a'), value: '', createRevision: 0, modRevision: r3, version: 0, lease: 0 });
    w.cancel();
  });

  it('a prefix watch from a past revision replays history, then continues live, without gaps or repeats', async () => {
    const { store, p } = ctx();
    const r1 = (await store.put({ key: p('d/1'), value: 'a' })).header.revision;
    const r2 = (await store.put({ key: p('d/2'), value: 'b' })).header.revision;
    await store.put({ key: p('e'), value: 'not in range' });
    const r4 = (await store.deleteRange({ key: p('d/1') })).header.revision;
    const w = new WatchCollector(store, { key: p('d/'), rangeEnd: prefixEnd(p('d/')), startRevision: r1 });
    const r5 = (await store.put({ key: p('d/3'), value: 'c' })).header.revision;
    await store.put({ key: p('d/end'), value: 'sentinel' });
    const events = await w.untilKey(p('d/end'));
    expect(describeEvents(events, p('')).slice(0, 4)).toEqual([`PUT d/1=a@${r1}`, `PUT d/2=b@${r2}`, `DELETE d/1@${r4}`, `PUT d/3=c@${r5}`]);
    expect(events).toHaveLength(5);
    w.cancel();
  });

  it('a txn writing several watched keys arrives as one response with all its events', async () => {
    const { store, p } = ctx();
    const w = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')) });
    const rev = (await store.txn({ success: [{ requestPut: { key: p('x'), value: '1' } }, { requestPut: { key: p('y'), value: '2' } }] })).header.revision;
    await w.untilEvents(2);
    expect(w.responses).toHaveLength(1);
    expect(describeEvents(w.events, p(''))).toEqual([`PUT x=1@${rev}`, `PUT y=2@${rev}`]);
    w.cancel();
  });

  it('prevKv adds the previous key-value to updates and deletes, not to creations', async () => {
    const { store, p } = ctx();
    const w = new WatchCollector(store, { key: p('a'), prevKv: true });
    await store.put({ key: p('a'), value: '1' });
    await store.put({ key: p('a'), value: '2' });
    await store.deleteRange({ key: p('a') });
    const [created, updated, deleted] = await w.untilEvents(3);
    expect(created?.prevKv).toBeUndefined();
    expect(updated?.prevKv).toMatchObject({ value: '1', version: 1 });
    expect(deleted?.prevKv).toMatchObject({ value: '2', version: 2 });
    w.cancel();
  });

  it('filters NOPUT and NODELETE drop those events', async () => {
    const { store, p } = ctx();
    const noPut = new WatchCollector(store, { key: p('a'), filters: ['NOPUT'] });
    const noDelete = new WatchCollector(store, { key: p('a'), filters: ['NODELETE'] });
    await store.put({ key: p('a'), value: '1' });
    await store.deleteRange({ key: p('a') });
    await store.put({ key: p('a'), value: '2' });
    expect((await noPut.untilEvents(1)).map((e) => e.type)).toEqual(['DELETE']);
    expect((await noDelete.untilEvents(2)).map((e) => e.type)).toEqual(['PUT', 'PUT']);
    noPut.cancel();
    noDelete.cancel();
  });

  it('a canceled watcher gets nothing more', async () => {
    const { store, p } = ctx();
    const w = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')) });
    const probe = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')) });
    await store.put({ key: p('a'), value: '1' });
    await w.untilEvents(1);
    w.cancel();
    await store.put({ key: p('b'), value: '2' });
    await probe.untilKey(p('b'));
    expect(w.events).toHaveLength(1);
    probe.cancel();
  });

  it('a watcher registered while writes are still being committed sees a gap-free stream', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const writes = [store.put({ key: p('a'), value: '1' }), store.put({ key: p('b'), value: '2' })];
    const fromBase = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')), startRevision: base + 1 });
    const fromNow = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')) });
    writes.push(store.put({ key: p('c'), value: '3' }), store.put({ key: p('d'), value: '4' }));
    await Promise.all(writes);
    await store.put({ key: p('end'), value: 'sentinel' });
    const all = await fromBase.untilKey(p('end'));
    expect(all.map((e) => e.kv.modRevision)).toEqual([base + 1, base + 2, base + 3, base + 4, base + 5]);
    // From "now": whatever it starts with, it then misses nothing and repeats nothing.
    const seen = (await fromNow.untilKey(p('end'))).map((e) => e.kv.modRevision);
    const first = seen[0] ?? 0;
    expect(seen).toEqual(Array.from({ length: base + 6 - first }, (_, i) => first + i));
    fromBase.cancel();
    fromNow.cancel();
  });

  it('a watch from a compacted revision is canceled with compactRevision and ErrCompacted', async () => {
    const { store, p } = ctx();
    const r1 = (await store.put({ key: p('a'), value: '1' })).header.revision;
    const r2 = (await store.put({ key: p('a'), value: '2' })).header.revision;
    await store.compact(r2);
    const w = new WatchCollector(store, { key: p('a'), startRevision: r1 });
    const canceled = await w.untilCanceled();
    expect(canceled).toMatchObject({ canceled: true, events: [], cancelReason: 'etcdserver: mvcc: required revision has been compacted' });
    expect(canceled.compactRevision).toBeGreaterThanOrEqual(r2);
    // From the compact revision itself the history is still there.
    const ok = new WatchCollector(store, { key: p('a'), startRevision: r2 });
    expect(describeEvents(await ok.untilEvents(1), p(''))).toEqual([`PUT a=2@${r2}`]);
    ok.cancel();
  });

  it('compact keeps the newest version of live keys, drops older reads and bumps nothing', async () => {
    const { store, p, rev } = ctx();
    const r1 = (await store.put({ key: p('a'), value: '1' })).header.revision;
    const r2 = (await store.put({ key: p('a'), value: '2' })).header.revision;
    await store.put({ key: p('gone'), value: 'x' });
    const r4 = (await store.deleteRange({ key: p('gone') })).header.revision;
    const compacted = await store.compact(r4);
    expect(compacted.header.revision).toBe(r4);
    expect(await rev()).toBe(r4);
    await expectStoreError(store.range({ key: p('a'), revision: r1 }), 'ErrCompacted', 'etcdserver: mvcc: required revision has been compacted');
    expect((await store.range({ key: p('a'), revision: r4 })).kvs[0]).toMatchObject({ value: '2', modRevision: r2, createRevision: r1 });
    expect((await store.range({ key: p('gone'), revision: r4 })).count).toBe(0);
    expect((await store.range({ key: p('a') })).kvs[0]).toMatchObject({ value: '2', version: 2 });
  });

  it('compacting at or below the compact revision is ErrCompacted; beyond the current one ErrFutureRev', async () => {
    const { store, p, rev } = ctx();
    const r1 = (await store.put({ key: p('a'), value: '1' })).header.revision;
    await store.put({ key: p('a'), value: '2' });
    await store.compact(r1);
    await expectStoreError(store.compact(r1), 'ErrCompacted', 'etcdserver: mvcc: required revision has been compacted');
    await expectStoreError(store.compact(r1 - 1), 'ErrCompacted');
    await expectStoreError(store.compact((await rev()) + 1), 'ErrFutureRev', 'etcdserver: mvcc: required revision is a future revision');
  });
}
