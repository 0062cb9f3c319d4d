// The in-memory MVCC index: every key's history and the revision log, as etcd's treeIndex +
// keyIndex over its bbolt key bucket, held in one structure because our "backend" rows are the
// same RevisionRecord objects.
//
// Worked example (as key_index.go's): put foo (rev 2), put foo (rev 3), delete foo (rev 4),
// put foo (rev 6) leaves byKey['foo'] = [2, 3, 4(tombstone), 6].
//   at(foo, 3) → rev 3's value; at(foo, 5) → nothing (tombstone); at(foo, 6) → rev 6, version 1.
//   compact(3) drops 2 (superseded by 3), keeps 3: a read at 3 must still see it.
//   compact(5) drops 2, 3 and the tombstone 4: nothing of that life of foo is readable ≥ 5.
// A key whose history empties leaves the index, as an empty keyIndex leaves the treeIndex.

import type { RevisionRecord } from './backend.ts';
import type { KeyValue } from './types.ts';
import { compareKeys, type KeySpan } from './keys.ts';

/** The public view of a live row. */
export function toKeyValue(rec: RevisionRecord, keysOnly = false): KeyValue {
  return {
    key: rec.key, value: keysOnly ? '' : rec.value, createRevision: rec.createRevision,
    modRevision: rec.main, version: rec.version, lease: rec.lease,
  };
}

export class MvccIndex {
  /** Every key with any history, in UTF-8 byte order. */
  private readonly keys: string[] = [];
  /** Each key's rows, ascending by main revision (a key changes at most once per revision). */
  private readonly byKey = new Map<string, RevisionRecord[]>();
  /** Every row, ascending by (main, sub): what watchers replay. */
  private log: RevisionRecord[] = [];

  /** The key's live row at revision `rev`, if it existed then. */
  at(key: string, rev: number): RevisionRecord | undefined {
    const revs = this.byKey.get(key);
    if (!revs) return undefined;
    const i = lastAtOrBelow(revs, rev);
    const rec = i < 0 ? undefined : revs[i];
    return rec && !rec.tombstone ? rec : undefined;
  }

  /** Live rows in `span` at `rev`, in key order. */
  range(span: KeySpan, rev: number): RevisionRecord[] {
    if (span.single) {
      const rec = this.at(span.from, rev);
      return rec ? [rec] : [];
    }
    const out: RevisionRecord[] = [];
    for (let i = lowerBound(this.keys, span.from); i < this.keys.length; i++) {
      const key = this.keys[i] as string;
      if (span.to !== undefined && compareKeys(key, span.to) >= 0) break;
      const rec = this.at(key, rev);
      if (rec) out.push(rec);
    }
    return out;
  }

  /** Every key live at `rev` (all keys, for lease and reopen bookkeeping). */
  liveAt(rev: number): RevisionRecord[] {
    return this.range({ from: '', to: undefined, single: false }, rev);
  }

  /** Adds a row; rows arrive in (main, sub) order. */
  append(rec: RevisionRecord): void {
    let revs = this.byKey.get(rec.key);
    if (!revs) {
      revs = [];
      this.byKey.set(rec.key, revs);
      this.keys.splice(lowerBound(this.keys, rec.key), 0, rec.key);
    }
    revs.push(rec);
    this.log.push(rec);
  }

  /** Rows with main revision in [from, to], in (main, sub) order. */
  logBetween(from: number, to: number): RevisionRecord[] {
    const out: RevisionRecord[] = [];
    for (let i = lowerBoundMain(this.log, from); i < this.log.length; i++) {
      const rec = this.log[i] as RevisionRecord;
      if (rec.main > to) break;
      out.push(rec);
    }
    return out;
  }

  /** Forgets every row above `rev` (rollback to the last durable revision). */
  truncateAfter(rev: number): void {
    while (this.log.length > 0 && (this.log[this.log.length - 1] as RevisionRecord).main > rev) {
      const rec = this.log.pop() as RevisionRecord;
      const revs = this.byKey.get(rec.key) as RevisionRecord[];
      revs.pop();
      if (revs.length === 0) this.dropKey(rec.key);
    }
  }

  // Models server/storage/mvcc/key_index.go compact: per key, the newest row at or below `rev`
  // survives unless it is a tombstone; everything older goes.
  /** The rows a compaction at `rev` drops (nothing is removed until `remove`). */
  compactPlan(rev: number): RevisionRecord[] {
    const drop: RevisionRecord[] = [];
    for (const revs of this.byKey.values()) {
      const i = lastAtOrBelow(revs, rev);
      if (i < 0) continue;
      const keepFrom = (revs[i] as RevisionRecord).tombstone ? i + 1 : i;
      for (let j = 0; j < keepFrom; j++) drop.push(revs[j] as RevisionRecord);
    }
    return drop;
  }

  /** Physically removes rows (a durable compaction). */
  remove(rows: Iterable<RevisionRecord>): void {
    const gone = new Set(rows);
    if (gone.size === 0) return;
    this.log = this.log.filter((rec) => !gone.has(rec));
    const touched = new Set<string>();
    for (const rec of gone) touched.add(rec.key);
    for (const key of touched) {
      const left = (this.byKey.get(key) ?? []).filter((rec) => !gone.has(rec));
      if (left.length === 0) this.dropKey(key);
      else this.byKey.set(key, left);
    }
  }

  private dropKey(key: string): void {
    this.byKey.delete(key);
    const i = lowerBound(this.keys, key);
    if (this.keys[i] === key) this.keys.splice(i, 1);
  }
}

/** First index whose key is >= `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(keys[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose main revision is >= `main`. */
function lowerBoundMain(rows: readonly RevisionRecord[], main: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid] as RevisionRecord).main < main) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Last index whose main revision is <= `rev`, or -1. */
function lastAtOrBelow(rows: readonly RevisionRecord[], rev: number): number {
  return lowerBoundMain(rows, rev + 1) - 1;
}
