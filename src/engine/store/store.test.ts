import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import type { Backend, BackendState, CommitBatch } from './backend.ts';
import { createStore } from './store.ts';
import { isStoreError } from './errors.ts';
import type { WatchResponse } from './types.ts';

const empty: BackendState = { records: [], revision: 1, compactRevision: 0, leases: [] };

/** A backend whose commits wait until the test settles them. */
function gatedBackend(state: BackendState = empty) {
  const commits: Array<{ batch: CommitBatch; resolve: () => void; reject: (err: unknown) => void }> = [];
  const backend: Backend = {
    load: () => Promise.resolve(state),
    commit: (batch) => new Promise<void>((resolve, reject) => commits.push({ batch, resolve, reject })),
    close: () => Promise.resolve(),
  };
  return { backend, commits };
}

/** Lets pending promise callbacks run. */
const flush = async () => { for (let i = 0; i < 10; i++) await Promise.resolve(); };

function track<T>(p: Promise<T>) {
  const t: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  p.then((value) => Object.assign(t, { settled: true, value }), (error: unknown) => Object.assign(t, { settled: true, error }));
  return t;
}

describe('group commit', () => {
  it('writes that arrive while a commit is in flight go together into the next commit', async () => {
    const { backend, commits } = gatedBackend();
    const store = await createStore({ clock: new VirtualClock({ seed: 1 }), backend });
    const a = track(store.put({ key: 'a', value: '1' }));
    const b = track(store.put({ key: 'b', value: '2' }));
    const c = track(store.put({ key: 'c', value: '3' }));
    await flush();
    expect(commits.map((x) => x.batch.records.map((r) => `${r.key}@${r.main}`))).toEqual([['a@2']]);
    expect(a.settled).toBe(false);
    commits[0]!.resolve();
    await flush();
    expect(a.value?.header.revision).toBe(2);
    expect(b.settled).toBe(false);
    expect(commits[1]!.batch).toMatchObject({ revision: 4, leasesPut: [], leasesDeleted: [] });
    expect(commits[1]!.batch.records.map((r) => `${r.key}@${r.main}`)).toEqual(['b@3', 'c@4']);
    commits[1]!.resolve();
    await flush();
    expect([b.value?.header.revision, c.value?.header.revision]).toEqual([3, 4]);
  });

  it('watch events go out only once their commit is durable', async () => {
    const { backend, commits } = gatedBackend();
    const store = await createStore({ clock: new VirtualClock({ seed: 1 }), backend });
    const seen: WatchResponse[] = [];
    store.watch({ key: 'a' }, (r) => seen.push(r));
    void store.put({ key: 'a', value: '1' });
    await flush();
    expect(seen).toEqual([]);
    commits[0]!.resolve();
    await flush();
    expect(seen.map((r) => r.events.map((e) => e.kv.modRevision))).toEqual([[2]]);
  });

  it('a failed commit rejects its writes and those gathered behind it, and rolls back', async () => {
    const { backend, commits } = gatedBackend();
    const store = await createStore({ clock: new VirtualClock({ seed: 1 }), backend });
    const granted = track(store.leaseGrant(60, 7));
    await flush();
    commits[0]!.resolve();
    await flush();
    expect(granted.value?.id).toBe(7);
    const a = track(store.put({ key: 'a', value: '1', lease: 7 }));
    await flush();
    const read = track(store.range({ key: 'a' }));
    const b = track(store.put({ key: 'b', value: '2' }));
    const revoke = track(store.leaseRevoke(7));
    commits[1]!.reject(new Error('disk on fire'));
    await flush();
    for (const t of [a, read, b, revoke]) expect(isStoreError(t.error, 'BackendError')).toBe(true);
    expect((a.error as Error).message).toBe('etcdserver: commit failed: disk on fire');
    expect(commits).toHaveLength(2);
    // Back at the durable revision 1: nothing of a or b, and lease 7 (granted durably) is back.
    const after = track(store.range({ key: 'a' }));
    await flush();
    expect(after.value).toMatchObject({ header: { revision: 1 }, count: 0 });
    expect((await store.leaseTimeToLive(7)).ttl).toBe(60);
    const again = track(store.put({ key: 'b', value: 'again' }));
    await flush();
    commits[2]!.resolve();
    await flush();
    expect(again.value?.header.revision).toBe(2);
  });

  it.each([
    { name: 'writers woken by a commit join the next commit together, not one by one', writers: 10, puts: 5 },
    { name: 'a hundred writers each awaiting its put commit as one batch per round', writers: 100, puts: 3 },
  ])('$name', async ({ writers, puts }) => {
    const sizes: number[] = [];
    const backend: Backend = {
      load: () => Promise.resolve(empty),
      commit: (batch) => { sizes.push(batch.records.length); return Promise.resolve(); },
      close: () => Promise.resolve(),
    };
    const store = await createStore({ clock: new VirtualClock({ seed: 1 }), backend });
    const writer = async (w: number) => {
      for (let i = 0; i < puts; i++) await store.put({ key: `w${w}/k${i}`, value: 'v' });
    };
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    // The first put commits alone (nothing was in flight); its writer's next put joins the other
    // writers' first ones, and from then on each round of writes is one commit, the last writer
    // done one round early. Without the wait for woken writers: 1, writers - 1, 1, writers - 1, ...
    expect(sizes).toEqual([1, ...Array.from({ length: puts - 1 }, () => writers), writers - 1]);
  });

  it('a compaction commits the rows it drops, and drops them only once durable', async () => {
    const { backend, commits } = gatedBackend();
    const store = await createStore({ clock: new VirtualClock({ seed: 1 }), backend });
    for (const v of ['1', '2', '3']) {
      const p = store.put({ key: 'a', value: v });
      await flush();
      commits[commits.length - 1]!.resolve();
      await p;
    }
    const compacted = track(store.compact(3));
    await flush();
    expect(commits[3]!.batch).toMatchObject({ revision: 4, compactRevision: 3, compactedRemove: [[2, 0]], records: [] });
    commits[3]!.resolve();
    await flush();
    expect(compacted.value?.header.revision).toBe(4);
  });
});

describe('reopening', () => {
  it('a store loaded from a backend serves its rows, revisions and leases', async () => {
    const clock = new VirtualClock({ seed: 1 });
    const { backend } = gatedBackend({
      revision: 5, compactRevision: 3,
      records: [
        { main: 4, sub: 0, key: 'a', value: 'x', createRevision: 2, version: 2, lease: 9, tombstone: false },
        { main: 5, sub: 0, key: 'b', value: 'y', createRevision: 5, version: 1, lease: 0, tombstone: false },
      ],
      leases: [{ id: 9, ttl: 10, expiresAt: clock.now() + 10_000 }],
    });
    const store = await createStore({ clock, backend });
    expect(await store.range({ key: 'a', rangeEnd: '\0' })).toMatchObject({ header: { revision: 5 }, count: 2 });
    await expect(store.range({ key: 'a', revision: 2 })).rejects.toMatchObject({ name: 'ErrCompacted' });
    expect(await store.leaseTimeToLive(9, true)).toMatchObject({ ttl: 10, keys: ['a'] });
  });
});

describe('watch fan-out', () => {
  it('watchers of one revision share its frozen events; prevKv watchers share their own', async () => {
    const store = await createStore({ clock: new VirtualClock({ seed: 1 }), backend: gatedAuto() });
    const seen: Record<string, WatchResponse[]> = { a: [], b: [], narrow: [], prev: [], prev2: [] };
    store.watch({ key: 'k', rangeEnd: 'l' }, (r) => seen.a!.push(r));
    store.watch({ key: 'k', rangeEnd: 'l' }, (r) => seen.b!.push(r));
    store.watch({ key: 'k1' }, (r) => seen.narrow!.push(r));
    store.watch({ key: 'k', rangeEnd: 'l', prevKv: true }, (r) => seen.prev!.push(r));
    store.watch({ key: 'k', rangeEnd: 'l', prevKv: true }, (r) => seen.prev2!.push(r));
    await flush();
    await store.put({ key: 'k1', value: '1' });
    await store.txn({ success: [{ requestPut: { key: 'k1', value: '2' } }, { requestPut: { key: 'k2', value: '3' } }] });
    await flush();
    const [a, b, narrow, prev, prev2] = [seen.a!, seen.b!, seen.narrow!, seen.prev!, seen.prev2!];
    expect(a.map((r) => r.events.map((e) => `${e.kv.key}=${e.kv.value}`))).toEqual([['k1=1'], ['k1=2', 'k2=3']]);
    for (const i of [0, 1]) {
      expect(b[i]).toBe(a[i]);
      expect(prev2[i]).toBe(prev[i]);
      expect(Object.isFrozen(a[i]) && Object.isFrozen(a[i]!.events) && Object.isFrozen(a[i]!.events[0]!.kv)).toBe(true);
    }
    // A narrower watcher takes part of revision 3: its own response, the shared event objects.
    expect(narrow[1]).not.toBe(a[1]);
    expect(narrow[1]!.events[0]).toBe(a[1]!.events[0]);
    expect(Object.isFrozen(narrow[1]!.events)).toBe(true);
    expect(prev[1]!.events[0]!.prevKv?.value).toBe('1');
    expect(a[1]!.events[0]!.prevKv).toBeUndefined();
  });
});

/** A backend whose commits are durable at once. */
function gatedAuto(): Backend {
  return { load: () => Promise.resolve(empty), commit: () => Promise.resolve(), close: () => Promise.resolve() };
}
