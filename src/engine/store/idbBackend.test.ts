// The IndexedDB Backend on its own, over fake-indexeddb: what one commit writes, what a reopen
// reads back, and how IndexedDB's failures surface.
import 'fake-indexeddb/auto';
import { IDBFactory, forceCloseDatabase } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommitBatch, RevisionRecord } from './backend.ts';
import { openIdbBackend } from './idbBackend.ts';
import { failNextTransactionWith, openStuckConnection } from './idbFaults.ts';

const put = (main: number, key: string, value: string, over: Partial<RevisionRecord> = {}): RevisionRecord =>
  ({ main, sub: 0, key, value, createRevision: main, version: 1, lease: 0, tombstone: false, ...over });

const batch = (over: Partial<CommitBatch>): CommitBatch =>
  ({ records: [], revision: 1, leasesPut: [], leasesDeleted: [], ...over });

afterEach(() => { vi.restoreAllMocks(); });

describe('IndexedDB backend', () => {
  it('an empty database loads as etcd starts: revision 1, nothing compacted, no leases', async () => {
    const backend = await openIdbBackend({ indexedDB: new IDBFactory(), name: 'c' });
    expect(await backend.load()).toEqual({ records: [], revision: 1, compactRevision: 0, leases: [] });
  });

  it('a reopen reads back every committed record in revision order, the revision and the leases', async () => {
    const indexedDB = new IDBFactory();
    const first = await openIdbBackend({ indexedDB, name: 'c' });
    await first.commit(batch({ records: [put(2, 'b', '1'), { ...put(2, 'a', '1'), sub: 1 }], revision: 2 }));
    await first.commit(batch({ revision: 3, leasesPut: [{ id: 7, ttl: 60, expiresAt: 1000 }] }));
    await first.commit(batch({ records: [put(4, 'a', '', { tombstone: true, version: 0, createRevision: 0 })], revision: 4 }));
    await first.close();

    const again = await openIdbBackend({ indexedDB, name: 'c' });
    const state = await again.load();
    expect(state.records.map((r) => [r.main, r.sub, r.key, r.tombstone])).toEqual([
      [2, 0, 'b', false], [2, 1, 'a', false], [4, 0, 'a', true],
    ]);
    expect(state.revision).toBe(4);
    expect(state.leases).toEqual([{ id: 7, ttl: 60, expiresAt: 1000 }]);
  });

  it('a compaction deletes exactly the rows the core names, and its revision survives a reopen', async () => {
    const indexedDB = new IDBFactory();
    const backend = await openIdbBackend({ indexedDB, name: 'c' });
    await backend.commit(batch({ records: [put(2, 'a', '1'), put(3, 'a', '2', { version: 2, createRevision: 2 }), put(4, 'b', '1')], revision: 4 }));
    await backend.commit(batch({ revision: 4, compactRevision: 3, compactedRemove: [[2, 0]], leasesDeleted: [] }));
    await backend.close();
    const state = await (await openIdbBackend({ indexedDB, name: 'c' })).load();
    expect(state.records.map((r) => r.main)).toEqual([3, 4]);
    expect(state.compactRevision).toBe(3);
  });

  it('a revoked lease is gone after a reopen', async () => {
    const indexedDB = new IDBFactory();
    const backend = await openIdbBackend({ indexedDB, name: 'c' });
    await backend.commit(batch({ revision: 1, leasesPut: [{ id: 1, ttl: 5, expiresAt: 5 }, { id: 2, ttl: 5, expiresAt: 5 }] }));
    await backend.commit(batch({ revision: 1, leasesDeleted: [1] }));
    await backend.close();
    expect((await (await openIdbBackend({ indexedDB, name: 'c' })).load()).leases.map((l) => l.id)).toEqual([2]);
  });

  it('a commit that runs out of quota fails with ErrNoSpace and writes nothing of its batch', async () => {
    const indexedDB = new IDBFactory();
    const backend = await openIdbBackend({ indexedDB, name: 'c' });
    await backend.commit(batch({ records: [put(2, 'a', '1')], revision: 2 }));
    failNextTransactionWith('QuotaExceededError');
    const failed = backend.commit(batch({ records: [put(3, 'b', '1'), put(3, 'c', '1')], revision: 3 }));
    await expect(failed).rejects.toMatchObject({
      name: 'BackendError', reason: 'ErrNoSpace', message: 'etcdserver: mvcc: database space exceeded',
    });
    expect(await backend.load()).toMatchObject({ revision: 2, records: [{ main: 2, key: 'a' }] });
    await backend.commit(batch({ records: [put(3, 'd', '1')], revision: 3 }));
    expect((await backend.load()).revision).toBe(3);
  });

  it('an open blocked by an older tab fails with ErrIdbBlocked instead of hanging', async () => {
    const indexedDB = new IDBFactory();
    const olderTab = await openStuckConnection(indexedDB, 'c', 1); // never answers versionchange
    await expect(openIdbBackend({ indexedDB, name: 'c', version: 2 })).rejects.toMatchObject({
      name: 'BackendError', reason: 'ErrIdbBlocked',
      message: expect.stringContaining('close the other Pilothouse tabs'),
    });
    olderTab.close();
  });

  it('an open connection steps aside for a newer tab, and then refuses commits with ErrIdbClosed', async () => {
    const indexedDB = new IDBFactory();
    const olderTab = await openIdbBackend({ indexedDB, name: 'c', version: 1 });
    const newerTab = await openIdbBackend({ indexedDB, name: 'c', version: 2 });
    await newerTab.commit(batch({ records: [put(2, 'a', '1')], revision: 2 }));
    await expect(olderTab.commit(batch({ revision: 3 }))).rejects.toMatchObject({ reason: 'ErrIdbClosed' });
  });

  it('a connection the browser closes refuses commits with ErrIdbClosed', async () => {
    const indexedDB = new IDBFactory();
    let connection: IDBDatabase | undefined;
    const original = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementation((name, version) => {
      const req = original(name, version);
      req.addEventListener('success', () => { connection = req.result; });
      return req;
    });
    const backend = await openIdbBackend({ indexedDB, name: 'c' });
    // (fake-indexeddb types its parameter as the class, not an instance)
    forceCloseDatabase(connection! as unknown as Parameters<typeof forceCloseDatabase>[0]);
    await expect(backend.commit(batch({ revision: 2 }))).rejects.toMatchObject({
      reason: 'ErrIdbClosed', message: expect.stringContaining('closed by the browser'),
    });
  });

  it('a database written by a newer schema fails with ErrIdbVersion', async () => {
    const indexedDB = new IDBFactory();
    (await openStuckConnection(indexedDB, 'c', 5)).close();
    await expect(openIdbBackend({ indexedDB, name: 'c' })).rejects.toMatchObject({ reason: 'ErrIdbVersion' });
  });
});
