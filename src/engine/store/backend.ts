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

/** A lease as it must survive a reopen. Keys attached to it are found from the records' `lease`. */
export interface LeaseRecord {
  id: number;
  /** Granted TTL in seconds, after etcd's raise to its minimum TTL. */
  ttl: number;
  /** Virtual-clock ms at which the lease expires (moved by every keepAlive). */
  expiresAt: number;
}

/**
 * Everything one commit makes durable, atomically. A batch may carry no records at all (a lease
 * grant or keepAlive, a compaction) — it must still be written, and `revision` stored as is.
 */
export interface CommitBatch {
  /** New rows, in (main, sub) order; never rewrites an existing row. */
  records: RevisionRecord[];
  /** The store revision after this batch. Store it: once every key is deleted and compacted,
   *  no record is left to tell it. */
  revision: number;
  /** Set when the batch includes a compaction: the new compact revision. */
  compactRevision?: number;
  /** The rows that compaction drops, as (main, sub): the core decides (as etcd's keyIndex
   *  compact does), the backend only deletes them. Empty or absent when nothing is dropped. */
  compactedRemove?: Array<[number, number]>;
  /** Leases granted or kept alive in this batch (upsert by id). */
  leasesPut: LeaseRecord[];
  /** Leases revoked or expired in this batch. */
  leasesDeleted: number[];
}

/** What a reopened backend hands back to the core to rebuild its index. */
export interface BackendState {
  records: RevisionRecord[];
  revision: number;
  compactRevision: number;
  leases: LeaseRecord[];
}

/**
 * Durable storage for one store. The core calls `commit` one batch at a time (it never starts a
 * commit before the previous one settled), so a backend needs no ordering of its own.
 */
export interface Backend {
  /** Reads everything durable. Called once, before any commit. An empty backend answers
   *  `{ records: [], revision: 1, compactRevision: 0, leases: [] }` (etcd starts at revision 1). */
  load(): Promise<BackendState>;
  /** Resolves once the batch is durable; rejects if it is not (the core then rejects every
   *  write of the batch with that error and rolls back to the last durable revision). */
  commit(batch: CommitBatch): Promise<void>;
  close(): Promise<void>;
}
