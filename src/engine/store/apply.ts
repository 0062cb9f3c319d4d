// Applying one txn to the MVCC state: compares, checks, then ops in order on a write view.
// Every KV request is a txn here, as in etcd (a Put is a one-op write txn).
// Models server/etcdserver/txn/txn.go (Txn, compareToPath, checkTxn, executeTxn, applyCompare)
// and server/storage/mvcc/kvstore_txn.go (storeTxnWrite: one main revision, a sub per change).

import type { RevisionRecord } from './backend.ts';
import type {
  Compare, DeleteRangeResponse, KeyValue, PutRequest, PutResponse, RangeRequest, RangeResponse, RequestOp, ResponseOp, TxnRequest, TxnResponse,
} from './types.ts';
import { storeError } from './errors.ts';
import { compareKeys, keySpan, type KeySpan } from './keys.ts';
import { toKeyValue, type MvccIndex } from './mvcc_index.ts';
import type { Lessor } from './lessor.ts';
import { compareOperand } from './check.ts';

/** The in-memory state a txn reads and writes. */
export interface MvccState {
  index: MvccIndex;
  lessor: Lessor;
  /** The newest revision applied in memory (durable or not). */
  revision: number;
  /** Reads below this revision fail with ErrCompacted. */
  compactRevision: number;
}

/**
 * A write view at one revision: reads before the first change see `beginRev`, reads after see
 * the txn's own writes (etcd's rangeRev bump); every change shares main revision beginRev + 1.
 */
export class TxnWrite {
  readonly changes: RevisionRecord[] = [];
  private readonly beginRev: number;

  constructor(private readonly state: MvccState) {
    this.beginRev = state.revision;
  }

  /** The revision reads see now. */
  readRev(): number {
    return this.changes.length > 0 ? this.beginRev + 1 : this.beginRev;
  }

  // Models mvcc/kvstore_txn.go rangeKeys + txn/range.go asembleRangeResponse.
  range(req: RangeRequest): RangeResponse {
    const cur = this.readRev();
    const rev = req.revision !== undefined && req.revision > 0 ? req.revision : cur;
    if (rev > cur) throw storeError('ErrFutureRev');
    if (rev < this.state.compactRevision) throw storeError('ErrCompacted');
    const rows = this.state.index.range(keySpan(req.key, req.rangeEnd), rev);
    const limit = req.limit !== undefined && req.limit > 0 ? req.limit : 0;
    if (req.countOnly) return { header: { revision: cur }, kvs: [], more: false, count: rows.length };
    const shown = limit > 0 ? rows.slice(0, limit) : rows;
    return {
      header: { revision: cur }, kvs: shown.map((rec) => toKeyValue(rec, req.keysOnly === true)),
      more: shown.length < rows.length, count: rows.length,
    };
  }

  /** The key's live row as reads in this txn see it now. */
  get(key: string): RevisionRecord | undefined {
    return this.state.index.at(key, this.readRev());
  }

  /** Puts one key; returns the txn's revision. `lease` is known to exist. */
  put(key: string, value: string, lease: number): number {
    const main = this.beginRev + 1;
    const prev = this.state.index.at(key, this.readRev());
    const rec: RevisionRecord = {
      main, sub: this.changes.length, key, value, lease, tombstone: false,
      createRevision: prev ? prev.createRevision : main, version: prev ? prev.version + 1 : 1,
    };
    if (prev && prev.lease !== 0) this.state.lessor.detach(prev.lease, key);
    if (lease !== 0) this.state.lessor.attach(lease, key);
    this.record(rec);
    return main;
  }

  /** Deletes the live keys in `span`; returns them as they were. */
  deleteRange(span: KeySpan): RevisionRecord[] {
    const gone = this.state.index.range(span, this.readRev());
    for (const prev of gone) {
      if (prev.lease !== 0) this.state.lessor.detach(prev.lease, prev.key);
      this.record({
        main: this.beginRev + 1, sub: this.changes.length, key: prev.key, value: '',
        createRevision: 0, version: 0, lease: 0, tombstone: true,
      });
    }
    return gone;
  }

  /** The store revision once this txn ends (unchanged when it changed nothing). */
  end(): number {
    this.state.revision = this.readRev();
    return this.state.revision;
  }

  private record(rec: RevisionRecord): void {
    this.changes.push(rec);
    this.state.index.append(rec);
  }
}

/** A txn's outcome: the response and the rows it wrote (already in the index). */
export interface Applied {
  response: TxnResponse;
  changes: RevisionRecord[];
}

/** Applies a checked txn: evaluates every compare on the state before any write, checks the
 *  chosen path (compacted/future revisions, missing leases, ignoreValue on missing keys), and
 *  only then writes — so a failing check leaves the state unchanged. */
export function applyTxn(state: MvccState, req: TxnRequest): Applied {
  const path = compareToPath(state, req);
  checkPath(state, req, [...path]);
  const tw = new TxnWrite(state);
  const response = executeTxn(tw, req, path);
  // Only the outer header carries the txn's final revision: etcd leaves a nested txn's header
  // empty (revision 0), while each op's header keeps the revision that op saw.
  response.header.revision = tw.end();
  return { response, changes: tw.changes };
}

/** Compare results in depth-first order: this txn's, then each nested txn on the chosen side. */
function compareToPath(state: MvccState, req: TxnRequest): boolean[] {
  const ok = (req.compare ?? []).every((c) => applyCompare(state, c));
  const path = [ok];
  for (const op of (ok ? req.success : req.failure) ?? []) {
    if ('requestTxn' in op) path.push(...compareToPath(state, op.requestTxn));
  }
  return path;
}

// Models txn.go applyCompare: every key in the range must satisfy it; an absent key compares as
// an all-zero KeyValue, except that a VALUE compare on absent keys always fails.
function applyCompare(state: MvccState, c: Compare): boolean {
  const rows = state.index.range(keySpan(c.key, c.rangeEnd), state.revision);
  if (rows.length === 0) return c.target === 'VALUE' ? false : compareKV(c, undefined);
  return rows.every((rec) => compareKV(c, toKeyValue(rec)));
}

function compareKV(c: Compare, kv: KeyValue | undefined): boolean {
  let order: number;
  if (c.target === 'VALUE') {
    order = compareKeys(kv?.value ?? '', c.value ?? '');
  } else {
    const actual = !kv ? 0
      : c.target === 'VERSION' ? kv.version
      : c.target === 'CREATE' ? kv.createRevision
      : c.target === 'MOD' ? kv.modRevision
      : kv.lease;
    order = actual - compareOperand(c);
  }
  switch (c.result) {
    case 'EQUAL': return order === 0;
    case 'NOT_EQUAL': return order !== 0;
    case 'GREATER': return order > 0;
    case 'LESS': return order < 0;
  }
}

// Models apply.go Txn's two checkRequests passes, on the state before writes: first checkPut
// for every put of the chosen path (nested txns included), then checkRange for every range. So
// a bad put fails the txn even when a range listed before it reads a future revision.
function checkPath(state: MvccState, req: TxnRequest, path: boolean[]): void {
  for (const op of opsOnPath(req, [...path])) if ('requestPut' in op) checkPut(state, op.requestPut);
  for (const op of opsOnPath(req, [...path])) if ('requestRange' in op) checkRange(state, op.requestRange);
}

/** The ops a txn runs on its chosen path, depth-first (as etcd's checkRequests walks them). */
function* opsOnPath(req: TxnRequest, path: boolean[]): Generator<RequestOp> {
  const ok = path.shift();
  for (const op of (ok ? req.success : req.failure) ?? []) {
    if ('requestTxn' in op) yield* opsOnPath(op.requestTxn, path);
    else yield op;
  }
}

// Models apply.go checkPut: the key must exist for ignore_value/ignore_lease, then the lease.
// (A put outside a txn looks the lease up first: store.ts put.)
function checkPut(state: MvccState, put: PutRequest): void {
  if ((put.ignoreValue || put.ignoreLease) && !state.index.at(put.key, state.revision)) throw storeError('ErrKeyNotFound');
  if ((put.lease ?? 0) !== 0 && !state.lessor.has(put.lease ?? 0)) throw storeError('ErrLeaseNotFound');
}

// Models apply.go checkRange: a non-zero revision below the read view's first revision (the
// compact revision; -1 before any compaction) is ErrCompacted, so inside a txn a negative
// revision fails once the store has compacted (a plain range reads it as the current one).
function checkRange(state: MvccState, range: RangeRequest): void {
  const rev = range.revision ?? 0;
  if (rev > state.revision) throw storeError('ErrFutureRev');
  const firstRevision = state.compactRevision > 0 ? state.compactRevision : -1;
  if (rev !== 0 && rev < firstRevision) throw storeError('ErrCompacted');
}

function executeTxn(tw: TxnWrite, req: TxnRequest, path: boolean[]): TxnResponse {
  const ok = path.shift() ?? false;
  const responses: ResponseOp[] = [];
  for (const op of (ok ? req.success : req.failure) ?? []) responses.push(executeOp(tw, op, path));
  return { header: { revision: 0 }, succeeded: ok, responses };
}

function executeOp(tw: TxnWrite, op: RequestOp, path: boolean[]): ResponseOp {
  if ('requestRange' in op) return { responseRange: tw.range(op.requestRange) };
  if ('requestPut' in op) {
    const p = op.requestPut;
    const prev = tw.get(p.key);
    const value = p.ignoreValue ? (prev?.value ?? '') : p.value;
    const lease = p.ignoreLease ? (prev?.lease ?? 0) : (p.lease ?? 0);
    const resp: PutResponse = { header: { revision: 0 } };
    if (p.prevKv && prev) resp.prevKv = toKeyValue(prev);
    resp.header.revision = tw.put(p.key, value, lease);
    return { responsePut: resp };
  }
  if ('requestDeleteRange' in op) {
    const d = op.requestDeleteRange;
    const gone = tw.deleteRange(keySpan(d.key, d.rangeEnd));
    const resp: DeleteRangeResponse = {
      header: { revision: tw.readRev() }, deleted: gone.length, prevKvs: d.prevKv ? gone.map((rec) => toKeyValue(rec)) : [],
    };
    return { responseDeleteRange: resp };
  }
  const inner = executeTxn(tw, op.requestTxn, path);
  return { responseTxn: inner };
}
