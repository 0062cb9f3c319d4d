// The IndexedDB Backend: the revision log of the MVCC core, durable in the browser (as etcd's
// mvcc keeps its key bucket in bbolt). One CommitBatch is one IndexedDB readwrite transaction,
// and `commit` resolves only on that transaction's `complete`, so an acknowledged write
// survives a reload.
//
// Layout (schema version 1), with an example after put a=1 (rev 2), put b=2 (rev 3):
//   revisions  key [main, sub]   [2,0] → { main: 2, sub: 0, key: 'a', value: '1', ... }
//                                [3,0] → { main: 3, sub: 0, key: 'b', value: '2', ... }
//   meta       key name          'revision' → 3, 'compactRevision' → 0
//   leases     key id            7 → { id: 7, ttl: 60, grantedTtl: 60, expiresAt: ... }
// Keys of `revisions` sort as etcd's revision bytes do (main, then sub), so loading them in key
// order replays history in order.
//
// The IDBFactory comes in as a parameter: the engine names no DOM global (the UI passes
// `globalThis.indexedDB`, tests pass fake-indexeddb's).
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Backend, BackendState, CommitBatch, LeaseRecord, RevisionRecord } from './backend.ts';
import { isStoreError } from './errors.ts';
import { idbError } from './idbErrors.ts';

/** The schema this code writes; `upgrade` creates whatever an older version lacks. */
export const IDB_SCHEMA_VERSION = 1;

interface StoreSchema extends DBSchema {
  revisions: { key: [number, number]; value: RevisionRecord };
  meta: { key: MetaKey; value: number };
  leases: { key: number; value: LeaseRecord };
}
type MetaKey = 'revision' | 'compactRevision';
type Db = IDBPDatabase<StoreSchema>;

const STORES = ['revisions', 'meta', 'leases'] as const;

export interface IdbBackendOptions {
  /** Where databases live: `globalThis.indexedDB` in a page, fake-indexeddb's in Node. */
  indexedDB: IDBFactory;
  /** The database name; one cluster per name. */
  name: string;
  /** Schema version to open with; only tests set it, to play an older or newer tab. */
  version?: number;
}

/**
 * Opens (creating if needed) the database `name`. Fails with a StoreError instead of hanging
 * when another connection blocks the upgrade, and closes this connection when a newer
 * version elsewhere asks it to (later commits then fail with `closed`).
 */
export async function openIdbBackend(opts: IdbBackendOptions): Promise<Backend> {
  const version = opts.version ?? IDB_SCHEMA_VERSION;
  let request: IDBOpenDBRequest;
  try {
    request = opts.indexedDB.open(opts.name, version);
  } catch (err) {
    throw idbError('open', err, opts.name);
  }
  request.addEventListener('upgradeneeded', () => createSchema(wrap(request.result) as Db));
  const opened = wrap(request) as Promise<Db>;
  const blocked = new Promise<never>((_, reject) =>
    request.addEventListener('blocked', (ev) =>
      reject(idbError('blocked', ev, opts.name, { oldVersion: ev.oldVersion, newVersion: ev.newVersion ?? version }))));
  let db: Db;
  try {
    db = await Promise.race([opened, blocked]);
  } catch (err) {
    // A blocked open still completes once the other connection closes: close it then, so
    // this failed attempt holds nothing open.
    opened.then((late) => late.close(), () => undefined);
    throw isStoreError(err) ? err : idbError('open', err, opts.name);
  }
  return new IdbBackend(db, opts.name);
}

function createSchema(db: Db): void {
  if (!db.objectStoreNames.contains('revisions')) db.createObjectStore('revisions', { keyPath: ['main', 'sub'] });
  if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
  if (!db.objectStoreNames.contains('leases')) db.createObjectStore('leases', { keyPath: 'id' });
}

class IdbBackend implements Backend {
  /** Why this connection can no longer write, once it cannot. */
  private closedBy: 'versionchange' | 'terminated' | 'close' | undefined;

  constructor(private readonly db: Db, private readonly name: string) {
    // Another tab wants a newer schema: step aside rather than block it forever.
    db.addEventListener('versionchange', () => { this.closedBy = 'versionchange'; db.close(); });
    // The browser closed the connection (storage cleared, disk failure).
    db.addEventListener('close', () => { this.closedBy ??= 'terminated'; });
  }

  async load(): Promise<BackendState> {
    this.assertOpen();
    try {
      const tx = this.db.transaction(STORES, 'readonly');
      const [records, revision, compactRevision, leases] = await Promise.all([
        tx.objectStore('revisions').getAll(),
        tx.objectStore('meta').get('revision'),
        tx.objectStore('meta').get('compactRevision'),
        tx.objectStore('leases').getAll(),
        tx.done,
      ]);
      return { records, revision: revision ?? 1, compactRevision: compactRevision ?? 0, leases };
    } catch (err) {
      throw idbError('load', err, this.name);
    }
  }

  async commit(batch: CommitBatch): Promise<void> {
    this.assertOpen();
    let tx;
    try {
      tx = this.db.transaction(STORES, 'readwrite');
    } catch (err) {
      throw idbError(this.closedBy ? 'closed' : 'commit', err, this.name, { closedBy: this.closedBy });
    }
    // idb's idiom: every request's promise and tx.done awaited together, so a failed request
    // cannot become an unhandled rejection and the commit settles on `complete` or `abort`.
    const requests: Promise<unknown>[] = [];
    try {
      const revisions = tx.objectStore('revisions');
      const meta = tx.objectStore('meta');
      const leases = tx.objectStore('leases');
      for (const r of batch.records) requests.push(revisions.put(r));
      for (const l of batch.leasesPut) requests.push(leases.put(l));
      for (const id of batch.leasesDeleted) requests.push(leases.delete(id));
      requests.push(meta.put(batch.revision, 'revision'));
      if (batch.compactRevision !== undefined) {
        requests.push(meta.put(batch.compactRevision, 'compactRevision'));
      }
      // The core decided what compaction drops (as etcd's keyIndex.compact); delete just those.
      for (const rev of batch.compactedRemove ?? []) requests.push(revisions.delete(rev));
      await Promise.all([...requests, tx.done]);
    } catch (err) {
      abortQuietly(tx);
      // The transaction's own error (QuotaExceededError, ...) says more than the AbortError
      // its requests were failed with.
      throw idbError('commit', tx.error ?? err, this.name);
    }
  }

  async close(): Promise<void> {
    this.closedBy ??= 'close';
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closedBy) throw idbError('closed', undefined, this.name, { closedBy: this.closedBy });
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try { tx.abort(); } catch { /* already finished or aborted: nothing to undo */ }
}
