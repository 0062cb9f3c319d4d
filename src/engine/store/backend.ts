// The persistence layer under the MVCC core (as etcd's mvcc sits on its bbolt backend).
// The core keeps the whole key index in memory and applies every write txn there; a Backend
// only makes the revision log durable. The memory store uses a Backend that keeps nothing;
// the IndexedDB store writes each batch of txns in one IndexedDB transaction.
//
// Worked example: put a=1 (rev 2), put b=2 (rev 3), delete a (rev 4) arrive while an
// IndexedDB transaction is in flight. They are applied in memory at once and wait together;
// when the in-flight commit completes, one CommitBatch { records for revs 2..4 } is written in
// one IndexedDB transaction, and only then are the three writes acknowledged and their watch
// events delivered. If that commit fails, all three are rejected and the core rolls back to
// revision 1.

/** One key change at one revision (etcd's key bucket row: revision → KeyValue or tombstone). */
export interface RevisionRecord {
  /** The write txn's revision (etcd's main revision). */
  main: number;
  /** Position of this change within its txn (etcd's sub revision). */
  sub: number;
  key: string;
  /** Empty for a tombstone. */
  value: string;
  createRevision: number;
  version: number;
  lease: number;
  tombstone: boolean;
}

/** A lease as it must survive a reopen. `expiresAt` is virtual-clock ms. */
export interface LeaseRecord {
  id: number;
  ttl: number;
  grantedTtl: number;
  expiresAt: number;
}

/** Everything one commit makes durable, atomically. */
export interface CommitBatch {
  records: RevisionRecord[];
  /** The store revision after this batch (may exceed the last record's main: e.g. compaction). */
  revision: number;
  /** Set when the batch includes a compaction: records with main below it may be dropped
   *  except the newest non-tombstone revision of each key, which the core lists in `records`
   *  it keeps (see `compactedKeep`). */
  compactRevision?: number;
  /** Revisions the compaction keeps, as (main, sub) pairs; everything older is removed. */
  compactedKeep?: Array<[number, number]>;
  leasesPut: LeaseRecord[];
  leasesDeleted: number[];
}

/** What a reopened backend hands back to the core to rebuild its index. */
export interface BackendState {
  records: RevisionRecord[];
  revision: number;
  compactRevision: number;
  leases: LeaseRecord[];
}

export interface Backend {
  /** Reads everything durable. Called once, before any commit. */
  load(): Promise<BackendState>;
  /** Resolves once the batch is durable; rejects (with a StoreError) if it is not. */
  commit(batch: CommitBatch): Promise<void>;
  close(): Promise<void>;
}
