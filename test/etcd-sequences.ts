// Seeded operation sequences for the differential store test (etcd-diff.test.ts): every kind of
// call the Store offers, aimed at a small keyspace so that keys collide, txns compare keys
// that exist and keys that don't, ranges meet limits, and past/compacted/future revisions are
// asked for. The next op depends on the rng and on what the sequence has seen so far (the
// revision, the compaction, the leases granted), taken from the oracle's answers: both stores
// run the same op, so as long as they agree they see the same state.
//
// Revisions in ops are relative to a fresh store (the first write is revision 2); each subject
// of the test maps them onto its own revisions (see `toSubjectRevision`).
import type { Rng } from '../src/engine/clock/index.ts';
import type {
  Compare, CompareResult, DeleteRangeRequest, KeyRange, PutRequest, RangeRequest, RequestOp, TxnRequest, WatchRequest,
} from '../src/engine/store/index.ts';

/** One call on a Store, as data. */
export type StoreOp =
  | { op: 'range'; req: RangeRequest }
  | { op: 'put'; req: PutRequest }
  | { op: 'deleteRange'; req: DeleteRangeRequest }
  | { op: 'txn'; req: TxnRequest }
  | { op: 'compact'; revision: number }
  | { op: 'leaseGrant'; ttl: number; id: number }
  | { op: 'leaseRevoke'; id: number }
  | { op: 'leaseKeepAlive'; id: number }
  | { op: 'leaseTimeToLive'; id: number; keys: boolean };

/** What the sequence knows so far (from the oracle's normalized answers). */
export interface SequenceState {
  revision: number;
  compactRevision: number;
  leases: Set<number>;
  /** Ops that must come next (a short-lived lease is revoked right after its grant). */
  pending: StoreOp[];
}

// Keys chosen to collide and to order differently by UTF-16 and by UTF-8 bytes: etcd orders
// by bytes, so '😀' (F0 9F 98 80) sorts after 'ｚ' (EF BD 9A) though its UTF-16 (D83D) is lower.
export const KEYS = ['a', 'a/1', 'a/2', 'a0', 'b', 'b/x', 'c', 'ｚ', '😀'] as const;
const VALUES = ['', 'v1', 'v2', 'hello', 'ü'];
const PREFIXES: Array<[string, string]> = [['a', 'b'], ['a/', 'a0'], ['b', 'c'], ['b/', 'b0']];
/** Lease IDs the sequences grant; 4 is never granted, to meet ErrLeaseNotFound. */
export const LEASE_IDS = [1, 2, 3, 4];
const GRANTABLE = [1, 2, 3];
// Long enough that no lease expires in real time during a run: expiry runs on etcd's wall
// clock but on the memory store's virtual one, so the test compares grants, not expiry.
const TTLS = [60, 300, 3600];
const RESULTS: CompareResult[] = ['EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL'];
/** etcd's --max-txn-ops default. */
const MAX_TXN_OPS = 128;

function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

function between(rng: Rng, lo: number, hi: number): number {
  return hi < lo ? lo : lo + rng.int(hi - lo + 1);
}

function keyRange(rng: Rng): KeyRange {
  const r = rng.next();
  if (r < 0.5) return { key: rng.pick(KEYS) };
  if (r < 0.7) {
    const [key, rangeEnd] = rng.pick(PREFIXES);
    return { key, rangeEnd };
  }
  if (r < 0.85) return { key: rng.pick(KEYS), rangeEnd: rng.pick(KEYS) }; // sometimes reversed: empty
  if (r < 0.95) return { key: rng.pick(KEYS), rangeEnd: '\0' };
  return { key: '\0', rangeEnd: '\0' };
}

/** A revision to read at: current (0), past, compacted, or future. */
function readRevision(rng: Rng, s: SequenceState, inTxn: boolean): number {
  const r = rng.next();
  if (r < 0.47) return 0;
  // A negative revision: a plain range reads the current revision. In a txn, etcd's checkRange
  // compares it with the compact revision (-1 until etcd first compacts): ErrCompacted once
  // compacted. The one etcd behind all sequences has compacted long ago, so only a sequence
  // that compacted itself can ask this of a fresh memory store.
  if (r < 0.5) return inTxn && s.compactRevision === 0 ? 0 : -1;
  if (r < 0.8) return between(rng, Math.max(1, s.compactRevision), s.revision);
  if (r < 0.9 && s.compactRevision > 1) return between(rng, 1, s.compactRevision - 1);
  return s.revision + between(rng, 1, 2);
}

function rangeRequest(rng: Rng, s: SequenceState, inTxn: boolean): RangeRequest {
  const req: RangeRequest = { ...keyRange(rng) };
  if (chance(rng, 0.3)) req.limit = rng.pick([1, 2, 5, -1]); // etcd reads a negative limit as none
  const revision = readRevision(rng, s, inTxn);
  if (revision !== 0) req.revision = revision;
  if (chance(rng, 0.1)) req.countOnly = true;
  if (chance(rng, 0.15)) req.keysOnly = true;
  if (chance(rng, 0.02)) req.key = ''; // ErrEmptyKey
  return req;
}

function putRequest(rng: Rng, s: SequenceState): PutRequest {
  const req: PutRequest = { key: chance(rng, 0.03) ? '' : rng.pick(KEYS), value: rng.pick(VALUES) };
  const leases = [...s.leases];
  const r = rng.next();
  if (r < 0.25 && leases.length > 0) req.lease = rng.pick(leases);
  else if (r < 0.3) req.lease = 4; // never granted: ErrLeaseNotFound
  if (chance(rng, 0.5)) req.prevKv = true;
  // ignore_value / ignore_lease: fine on an existing key with no value / lease given, else
  // ErrKeyNotFound, ErrValueProvided, ErrLeaseProvided.
  if (chance(rng, 0.06)) {
    req.ignoreValue = true;
    if (chance(rng, 0.7)) req.value = '';
  }
  if (chance(rng, 0.06)) {
    req.ignoreLease = true;
    if (chance(rng, 0.7)) delete req.lease;
  }
  return req;
}

function deleteRangeRequest(rng: Rng): DeleteRangeRequest {
  const req: DeleteRangeRequest = { ...keyRange(rng) };
  if (chance(rng, 0.5)) req.prevKv = true;
  if (chance(rng, 0.02)) req.key = '';
  return req;
}

function compare(rng: Rng, s: SequenceState): Compare {
  const range: KeyRange = chance(rng, 0.8) ? { key: rng.pick(KEYS) } : keyRange(rng);
  const result = rng.pick(RESULTS);
  const revision = (): number => (chance(rng, 0.3) ? 0 : between(rng, 1, s.revision + 1));
  switch (rng.int(5)) {
    case 0: return { ...range, result, target: 'VERSION', version: between(rng, 0, 3) };
    case 1: return { ...range, result, target: 'CREATE', createRevision: revision() };
    case 2: return { ...range, result, target: 'MOD', modRevision: revision() };
    case 3: return { ...range, result, target: 'VALUE', value: rng.pick(VALUES) };
    default: return { ...range, result, target: 'LEASE', lease: chance(rng, 0.4) ? 0 : rng.pick(LEASE_IDS) };
  }
}

function requestOp(rng: Rng, s: SequenceState, depth: number): RequestOp {
  const r = rng.next();
  if (r < 0.35) return { requestRange: rangeRequest(rng, s, true) };
  if (r < 0.7) return { requestPut: putRequest(rng, s) };
  if (r < 0.88 || depth >= 2) return { requestDeleteRange: deleteRangeRequest(rng) };
  return { requestTxn: txnRequest(rng, s, depth + 1) };
}

function txnRequest(rng: Rng, s: SequenceState, depth: number): TxnRequest {
  const ops = (n: number): RequestOp[] => Array.from({ length: n }, () => requestOp(rng, s, depth));
  const req: TxnRequest = {};
  const compares = between(rng, 0, 3);
  if (compares > 0) req.compare = Array.from({ length: compares }, () => compare(rng, s));
  const success = between(rng, 0, 3);
  if (success > 0) req.success = ops(success);
  const failure = between(rng, 0, 3);
  if (failure > 0) req.failure = ops(failure);
  return req;
}

function* requestOps(req: TxnRequest): Generator<RequestOp> {
  for (const op of [...(req.success ?? []), ...(req.failure ?? [])]) {
    yield op;
    if ('requestTxn' in op) yield* requestOps(op.requestTxn);
  }
}

/**
 * etcd (3.4 and 3.5) crashes on one txn shape: a delete of a from-key range (range end '\0')
 * followed by an ignore_value/ignore_lease put of a key it deleted. Its duplicate-key check
 * (v3rpc/key.go checkIntervals) reads '\0' as an empty interval, so the txn is accepted; its
 * put check (apply.go checkPut) sees the key as it was before the txn; then applying the put
 * finds no key and the server panics ("unexpected error during txn"). Nothing to compare with:
 * such txns keep their puts but lose the ignore flags.
 */
function avoidEtcdPanic(req: TxnRequest): TxnRequest {
  const ops = [...requestOps(req)];
  const deletesFromKey = ops.some((o) => 'requestDeleteRange' in o && o.requestDeleteRange.rangeEnd === '\0');
  if (!deletesFromKey) return req;
  for (const o of ops) {
    if ('requestPut' in o) {
      delete o.requestPut.ignoreValue;
      delete o.requestPut.ignoreLease;
    }
  }
  return req;
}

/** The next op of a sequence. */
export function nextOp(rng: Rng, s: SequenceState): StoreOp {
  const queued = s.pending.shift();
  if (queued !== undefined) return queued;
  const r = rng.next();
  if (r < 0.2) return { op: 'put', req: putRequest(rng, s) };
  if (r < 0.38) return { op: 'range', req: rangeRequest(rng, s, false) };
  if (r < 0.48) return { op: 'deleteRange', req: deleteRangeRequest(rng) };
  if (r < 0.7) {
    if (chance(rng, 0.02)) // ErrTooManyOps
      return { op: 'txn', req: { success: Array.from({ length: MAX_TXN_OPS + 1 }, () => ({ requestRange: { key: 'a' } })) } };
    return { op: 'txn', req: avoidEtcdPanic(txnRequest(rng, s, 0)) };
  }
  if (r < 0.76) {
    const x = rng.next();
    const revision = x < 0.7 ? between(rng, s.compactRevision + 1, s.revision)
      : x < 0.8 ? between(rng, 1, Math.max(1, s.compactRevision)) // ErrCompacted once compacted
        // Negative: ErrCompacted everywhere. (Not 0: a never-compacted etcd accepts compact(0),
        // its compactMainRev starting at -1, where the memory store answers ErrCompacted — a
        // known difference, left to the store core; see .tmp/etcd-diff-findings.md.)
        : x < 0.85 ? -1
          : s.revision + 1; // ErrFutureRev
    return { op: 'compact', revision };
  }
  if (r < 0.84) {
    const id = rng.pick(GRANTABLE);
    if (chance(rng, 0.1)) {
      // etcd raises a TTL under its minimum (ceil(1.5 × election timeout) = 2 s by default) to
      // that minimum. Such a lease would expire in real time mid-sequence: revoke it at once.
      s.pending.push({ op: 'leaseTimeToLive', id, keys: false }, { op: 'leaseRevoke', id });
      return { op: 'leaseGrant', ttl: rng.pick([1, 0, -5]), id };
    }
    const ttl = chance(rng, 0.05) ? 9_000_000_001 : rng.pick(TTLS); // over etcd's MaxLeaseTTL
    return { op: 'leaseGrant', ttl, id };
  }
  if (r < 0.89) return { op: 'leaseRevoke', id: rng.pick(LEASE_IDS) };
  if (r < 0.94) return { op: 'leaseTimeToLive', id: rng.pick(LEASE_IDS), keys: chance(rng, 0.5) };
  return { op: 'leaseKeepAlive', id: rng.pick(LEASE_IDS) };
}

/** A watch to open after the sequence: from a past (maybe compacted) revision. */
export function nextWatch(rng: Rng, s: SequenceState): WatchRequest {
  let range = keyRange(rng);
  // A watch on a reversed range is refused by nothing and matches nothing; keep ranges sane
  // so that the sentinel writes (on `key`) always reach the watch.
  if (range.rangeEnd !== undefined && range.rangeEnd !== '\0' && compareBytes(range.key, range.rangeEnd) >= 0)
    range = { key: range.key };
  const req: WatchRequest = { ...range, startRevision: between(rng, 1, s.revision + 1) };
  if (chance(rng, 0.5)) req.prevKv = true;
  const f = rng.next();
  if (f < 0.15) req.filters = ['NOPUT'];
  else if (f < 0.3) req.filters = ['NODELETE'];
  return req;
}

const utf8 = new TextEncoder();

/** Orders two keys by their UTF-8 bytes, as etcd does. */
export function compareBytes(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** A sequence-relative revision as a subject whose revision 1 is `base + 1` sees it. */
export function toSubjectRevision(revision: number, base: number): number {
  // 0 and negatives mean "current" (reads) or are refused alike (compact): leave them be.
  return revision > 0 ? revision + base : revision;
}

/** `op` with its revisions moved by `base` (reads, compaction, CREATE/MOD compares). */
export function shiftOp(op: StoreOp, base: number): StoreOp {
  if (base === 0) return op;
  if (op.op === 'range') return { op: 'range', req: shiftRange(op.req, base) };
  if (op.op === 'txn') return { op: 'txn', req: shiftTxn(op.req, base) };
  // A fresh etcd has compacted nothing (compactMainRev -1): compact(0) succeeds there, so 0
  // moves with the base like any revision; a negative one is ErrCompacted anywhere.
  if (op.op === 'compact') return { op: 'compact', revision: op.revision >= 0 ? op.revision + base : op.revision };
  return op;
}

function shiftRange(req: RangeRequest, base: number): RangeRequest {
  return req.revision === undefined ? req : { ...req, revision: toSubjectRevision(req.revision, base) };
}

function shiftTxn(req: TxnRequest, base: number): TxnRequest {
  const shiftOps = (ops: RequestOp[] | undefined): RequestOp[] | undefined => ops?.map((o) => {
    if ('requestRange' in o) return { requestRange: shiftRange(o.requestRange, base) };
    if ('requestTxn' in o) return { requestTxn: shiftTxn(o.requestTxn, base) };
    return o;
  });
  const compare = req.compare?.map((c): Compare => {
    if (c.target === 'CREATE') return { ...c, createRevision: toSubjectRevision(c.createRevision, base) };
    if (c.target === 'MOD') return { ...c, modRevision: toSubjectRevision(c.modRevision, base) };
    return c;
  });
  const out: TxnRequest = {};
  if (compare !== undefined) out.compare = compare;
  const success = shiftOps(req.success);
  if (success !== undefined) out.success = success;
  const failure = shiftOps(req.failure);
  if (failure !== undefined) out.failure = failure;
  return out;
}

/** A response with every revision in it moved back by `base` (0 stays 0: "none"). */
export function unshiftRevisions<T>(value: T, base: number): T {
  if (base === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => unshiftRevisions(v, base)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REVISION_FIELDS.has(k) && typeof v === 'number' && v > 0 ? v - base : unshiftRevisions(v, base);
  }
  return out as T;
}

const REVISION_FIELDS = new Set(['revision', 'createRevision', 'modRevision', 'compactRevision']);
