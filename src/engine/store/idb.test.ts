// The IndexedDB store over fake-indexeddb: reopen restores what was acknowledged, writes
// arriving during a commit share the next IndexedDB transaction, and IndexedDB's failures reach
// callers as StoreErrors with the store rolled back.
import 'fake-indexeddb/auto';
import { IDBDatabase as FakeDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, VirtualClock } from '../clock/index.ts';
import { describeStoreConformance } from './conformance.ts';
import { isStoreError } from './errors.ts';
import { openIdbStore } from './idb.ts';
import { openIdbBackend } from './idbBackend.ts';
import { failNextTransactionWith, openStuckConnection } from './idbFaults.ts';
import { checkStoreLinearizability } from './linearizability.ts';
import type { Store } from './types.ts';

const clocks: VirtualClock[] = [];
const newClock = () => {
  const clock = new VirtualClock({ seed: 1 });
  clocks.push(clock);
  return clock;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const c of clocks.splice(0)) c.dispose();
});

const open = (indexedDB: IDBFactory, clock = newClock()) => openIdbStore({ clock, name: 'cluster', indexedDB });
const values = async (store: Store) =>
  (await store.range({ key: '\0', rangeEnd: '\0' })).kvs.map((kv) => [kv.key, kv.value, kv.modRevision]);

/** Counts the readwrite IndexedDB transactions started from now on. */
function countWriteTransactions(): () => number {
  const original = FakeDatabase.prototype.transaction;
  let count = 0;
  vi.spyOn(FakeDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    if (args[1] === 'readwrite') count++;
    return original.apply(this, args);
  });
  return () => count;
}

// The same answers as every store (and a real etcd): each test on a fresh database.
describeStoreConformance('IndexedDB (fake-indexeddb)', (clock) =>
  openIdbStore({ clock, name: 'conformance', indexedDB: new IDBFactory() }));

describe('IndexedDB store: randomized concurrent histories are linearizable', () => {
  it.each(Array.from({ length: 30 }, (_, i) => ({ seed: i + 1 })))('seed $seed', async ({ seed }) => {
    const violations = await checkStoreLinearizability(
      (clock) => openIdbStore({ clock, name: `history-${seed}`, indexedDB: new IDBFactory() }), { seed });
    expect(violations).toEqual([]);
  });
});

describe('IndexedDB store: a reopen after a random history serves every revision as before', () => {
  /** Everything readable: the store at each revision it still serves, and its leases. */
  async function snapshot(store: Store, from: number, to: number) {
    const revisions = [];
    for (let rev = from; rev <= to; rev++) revisions.push((await store.range({ key: '\0', rangeEnd: '\0', revision: rev })).kvs);
    return revisions;
  }

  it.each([1, 2, 3, 4, 5, 6])('seed %i', async (seed) => {
    const rng = createRng(seed);
    const indexedDB = new IDBFactory();
    const clock = newClock();
    const store = await open(indexedDB, clock);
    const { id: lease } = await store.leaseGrant(60);
    const key = () => `/k${rng.int(6)}`;
    // Concurrent writers, so some commits carry several txns; compaction now and then.
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 25; i++) {
        const roll = rng.int(10);
        if (roll < 5) await store.put({ key: key(), value: rng.hex(8), lease: rng.int(4) === 0 ? lease : 0 });
        else if (roll < 7) await store.deleteRange({ key: key() });
        else if (roll < 9) await store.txn({ success: [{ requestPut: { key: key(), value: 'a' } }, { requestPut: { key: `${key()}/x`, value: 'b' } }] });
        else {
          const { header } = await store.range({ key: '/' });
          await store.compact(header.revision - rng.int(5)).catch((err) => { if (!isStoreError(err, 'ErrCompacted')) throw err; });
        }
      }
    }));
    const { header } = await store.range({ key: '/' });
    const compacted = await firstReadableRevision(store, header.revision);
    const before = await snapshot(store, compacted, header.revision);
    const leaseBefore = await store.leaseTimeToLive(lease, true);
    await store.close();

    const again = await open(indexedDB, clock);
    expect((await again.range({ key: '/' })).header.revision).toBe(header.revision);
    expect(await firstReadableRevision(again, header.revision)).toBe(compacted);
    expect(await snapshot(again, compacted, header.revision)).toEqual(before);
    expect(await again.leaseTimeToLive(lease, true)).toEqual(leaseBefore);
  });

  async function firstReadableRevision(store: Store, upTo: number): Promise<number> {
    for (let rev = 1; rev < upTo; rev++) {
      const ok = await store.range({ key: '/', revision: rev }).then(() => true, () => false);
      if (ok) return rev;
    }
    return upTo;
  }
});

describe('IndexedDB store', () => {
  it('a reopen serves every acknowledged write at the same revision', async () => {
    const indexedDB = new IDBFactory();
    const store = await open(indexedDB);
    await store.put({ key: 'a', value: '1' });
    await store.put({ key: 'b', value: '1' });
    await store.put({ key: 'a', value: '2' });
    await store.deleteRange({ key: 'b' });
    const before = await values(store);
    await store.close();

    const again = await open(indexedDB);
    expect(await values(again)).toEqual(before);
    expect((await again.range({ key: 'a' })).header.revision).toBe(5);
    expect((await again.range({ key: 'a', revision: 2 })).kvs[0]?.value).toBe('1');
    expect((await again.put({ key: 'c', value: '1' })).header.revision).toBe(6);
  });

  it('a reopen keeps the compaction: compacted revisions stay compacted, kept ones readable', async () => {
    const indexedDB = new IDBFactory();
    const store = await open(indexedDB);
    for (const v of ['1', '2', '3']) await store.put({ key: 'a', value: v });
    await store.put({ key: 'b', value: '1' });
    await store.compact(4);
    await store.close();

    const again = await open(indexedDB);
    await expect(again.range({ key: 'a', revision: 2 })).rejects.toSatisfy((e) => isStoreError(e, 'ErrCompacted'));
    expect((await again.range({ key: 'a', revision: 4 })).kvs[0]?.value).toBe('3');
    await expect(again.compact(4)).rejects.toSatisfy((e) => isStoreError(e, 'ErrCompacted'));
  });

  it('a reopen keeps leases, their keys, and their expiry on the clock', async () => {
    const indexedDB = new IDBFactory();
    const clock = newClock();
    const store = await open(indexedDB, clock);
    const { id } = await store.leaseGrant(10);
    await store.put({ key: 'held', value: '1', lease: id });
    await store.close();

    const again = await open(indexedDB, clock);
    expect(await again.leaseTimeToLive(id, true)).toMatchObject({ id, grantedTtl: 10, keys: ['held'] });
    await clock.advanceAsync(11_000);
    expect((await again.range({ key: 'held' })).kvs).toEqual([]);
    expect((await again.leaseTimeToLive(id)).ttl).toBe(-1);
  });

  it('puts arriving while a commit is in flight share the next IndexedDB transaction', async () => {
    const store = await open(new IDBFactory());
    const transactions = countWriteTransactions();
    const puts = Array.from({ length: 50 }, (_, i) => store.put({ key: `k${i}`, value: String(i) }));
    const revisions = (await Promise.all(puts)).map((r) => r.header.revision);
    expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    // The first put commits alone; the 49 that arrived during it go together.
    expect(transactions()).toBe(2);
  });

  it('a commit out of quota fails its writes with ErrNoSpace, leaves the store as it was, and later writes work', async () => {
    const indexedDB = new IDBFactory();
    const store = await open(indexedDB);
    await store.put({ key: 'a', value: '1' });
    failNextTransactionWith('QuotaExceededError');
    const failed = await Promise.allSettled([store.put({ key: 'b', value: '1' }), store.put({ key: 'a', value: '2' })]);
    for (const r of failed) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason;
      expect(isStoreError(err, 'BackendError')).toBe(true);
      expect(err).toMatchObject({ reason: 'ErrNoSpace', message: 'etcdserver: mvcc: database space exceeded' });
    }
    expect(await values(store)).toEqual([['a', '1', 2]]);
    expect((await store.put({ key: 'c', value: '1' })).header.revision).toBe(3);
    await store.close();
    expect(await values(await open(indexedDB))).toEqual([['a', '1', 2], ['c', '1', 3]]);
  });

  it('an open blocked by a stuck older connection fails at once with ErrIdbBlocked', async () => {
    const indexedDB = new IDBFactory();
    // A tab of a Pilothouse whose schema was older still holds the database at version 1,
    // and this one needs an upgrade to open; simulate by opening an older version number.
    const stuck = await openStuckConnection(indexedDB, 'cluster', 1);
    await expect(openIdbBackend({ indexedDB, name: 'cluster', version: 2 })).rejects.toSatisfy(
      (e) => isStoreError(e, 'BackendError') && (e as { reason?: string }).reason === 'ErrIdbBlocked');
    stuck.close();
  });
});
