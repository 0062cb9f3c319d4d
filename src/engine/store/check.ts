// Request checks made before a request touches the store, in etcd's order: first what gRPC's
// protobuf decoding would refuse (wrong types: InvalidArgument), then etcd's v3rpc checks
// (empty key, value/lease provided, too many ops, duplicate keys), then the request size.
// Models server/etcdserver/api/v3rpc/key.go checkRangeRequest … checkIntervals.

import type { Compare, DeleteRangeRequest, PutRequest, RangeRequest, RequestOp, TxnRequest } from './types.ts';
import { invalidArgument, storeError } from './errors.ts';
import { keySpan, spanHas, utf8Length, type KeySpan } from './keys.ts';

/** etcd's default --max-txn-ops. */
export const maxTxnOps = 128;
/** etcd's default --max-request-bytes (1.5 MiB). */
export const maxRequestBytes = 1.5 * 1024 * 1024;

const compareTargets = new Set(['VERSION', 'CREATE', 'MOD', 'VALUE', 'LEASE']);
const compareResults = new Set(['EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function needString(v: unknown, field: string, optional = false): void {
  if (optional && v === undefined) return;
  if (typeof v !== 'string') throw invalidArgument(`${field} must be a string`);
}

function needBool(v: unknown, field: string): void {
  if (v !== undefined && typeof v !== 'boolean') throw invalidArgument(`${field} must be a boolean`);
}

/** An int64 on the wire: a safe integer here. */
function needInt(v: unknown, field: string): void {
  if (v !== undefined && !Number.isSafeInteger(v)) throw invalidArgument(`${field} must be an integer`);
}

function needRequest(req: unknown, what: string): void {
  if (!isObject(req)) throw invalidArgument(`${what} must be an object`);
}

/** Checks a RangeRequest (types, then etcd's empty-key rule). */
export function checkRangeRequest(req: RangeRequest): void {
  needRequest(req, 'range request');
  needString(req.key, 'key');
  needString(req.rangeEnd, 'rangeEnd', true);
  // etcd reads a negative limit as "no limit" (the index treats limit <= 0 as unbounded).
  needInt(req.limit, 'limit');
  needInt(req.revision, 'revision');
  needBool(req.countOnly, 'countOnly');
  needBool(req.keysOnly, 'keysOnly');
  if (req.key === '') throw storeError('ErrEmptyKey');
}

/** Checks a PutRequest. */
export function checkPutRequest(req: PutRequest): void {
  needRequest(req, 'put request');
  needString(req.key, 'key');
  needString(req.value, 'value', req.ignoreValue === true);
  needInt(req.lease, 'lease');
  needBool(req.prevKv, 'prevKv');
  needBool(req.ignoreValue, 'ignoreValue');
  needBool(req.ignoreLease, 'ignoreLease');
  if (req.key === '') throw storeError('ErrEmptyKey');
  if (req.ignoreValue && (req.value ?? '') !== '') throw storeError('ErrValueProvided');
  if (req.ignoreLease && (req.lease ?? 0) !== 0) throw storeError('ErrLeaseProvided');
}

/** Checks a DeleteRangeRequest. */
export function checkDeleteRequest(req: DeleteRangeRequest): void {
  needRequest(req, 'delete request');
  needString(req.key, 'key');
  needString(req.rangeEnd, 'rangeEnd', true);
  needBool(req.prevKv, 'prevKv');
  if (req.key === '') throw storeError('ErrEmptyKey');
}

function checkCompare(c: Compare): void {
  needRequest(c, 'compare');
  needString(c.key, 'compare key');
  needString(c.rangeEnd, 'compare rangeEnd', true);
  if (!compareTargets.has(c.target as string)) throw invalidArgument(`unknown compare target ${String(c.target)}`);
  if (!compareResults.has(c.result as string)) throw invalidArgument(`unknown compare result ${String(c.result)}`);
  // As etcd, a compare without its operand compares against 0 or the empty value.
  if (c.target === 'VALUE') needString(c.value, 'compare value', true);
  else needInt(compareOperand(c), `compare ${c.target.toLowerCase()}`);
  if (c.key === '') throw storeError('ErrEmptyKey');
}

/** The number a non-VALUE compare compares against (0 when absent, as protobuf's default). */
export function compareOperand(c: Exclude<Compare, { target: 'VALUE' }>): number {
  switch (c.target) {
    case 'VERSION': return c.version ?? 0;
    case 'CREATE': return c.createRevision ?? 0;
    case 'MOD': return c.modRevision ?? 0;
    case 'LEASE': return c.lease ?? 0;
  }
}

/** The one request an op carries, or undefined for an empty op. */
export function opRequest(op: RequestOp): RequestOp | undefined {
  needRequest(op, 'request op');
  const fields = ['requestRange', 'requestPut', 'requestDeleteRange', 'requestTxn'].filter((f) => (op as Record<string, unknown>)[f] !== undefined);
  if (fields.length > 1) throw invalidArgument(`a request op carries one request, not ${fields.join(' and ')}`);
  return fields.length === 1 ? op : undefined;
}

function checkRequestOp(op: RequestOp, opsLeft: number): void {
  const one = opRequest(op);
  // etcd answers an op with no request in it with ErrKeyNotFound (checkRequestOp's default).
  if (!one) throw storeError('ErrKeyNotFound');
  if ('requestRange' in one) checkRangeRequest(one.requestRange);
  else if ('requestPut' in one) checkPutRequest(one.requestPut);
  else if ('requestDeleteRange' in one) checkDeleteRequest(one.requestDeleteRange);
  else checkTxnLevel(one.requestTxn, opsLeft);
}

function checkTxnLevel(req: TxnRequest, opsAllowed: number): void {
  needRequest(req, 'txn request');
  for (const list of [req.compare, req.success, req.failure]) {
    if (list !== undefined && !Array.isArray(list)) throw invalidArgument('txn compare, success and failure must be arrays');
  }
  const compare = req.compare ?? [];
  const success = req.success ?? [];
  const failure = req.failure ?? [];
  const ops = Math.max(compare.length, success.length, failure.length);
  if (ops > opsAllowed) throw storeError('ErrTooManyOps');
  compare.forEach(checkCompare);
  for (const op of [...success, ...failure]) checkRequestOp(op, opsAllowed - ops);
}

/** Checks a TxnRequest: types, ops, etcd's op limit and duplicate-key rule. */
export function checkTxnRequest(req: TxnRequest): void {
  checkTxnLevel(req, maxTxnOps);
  checkIntervals([...(req.success ?? [])]);
  checkIntervals([...(req.failure ?? [])]);
}

// Models v3rpc/key.go checkIntervals: in one txn a key may be put once and not both put and
// deleted, counting nested txns, where then/else branches may put the same key (only one runs).
// As etcd's interval tree, a delete with rangeEnd '\0' is the empty interval [key, "\x00") and
// so never conflicts.
function checkIntervals(ops: readonly RequestOp[]): { puts: Set<string>; dels: KeySpan[] } {
  const dels: KeySpan[] = [];
  for (const op of ops) {
    if ('requestDeleteRange' in op) dels.push(deleteSpan(op.requestDeleteRange));
  }
  const deleted = (key: string) => dels.some((span) => spanHas(span, key));
  const puts = new Set<string>();
  for (const op of ops) {
    if (!('requestTxn' in op)) continue;
    const then = checkIntervals(op.requestTxn.success ?? []);
    const otherwise = checkIntervals(op.requestTxn.failure ?? []);
    for (const key of then.puts) {
      if (puts.has(key) || deleted(key)) throw storeError('ErrDuplicateKey');
      puts.add(key);
    }
    for (const key of otherwise.puts) {
      if ((puts.has(key) && !then.puts.has(key)) || deleted(key)) throw storeError('ErrDuplicateKey');
      puts.add(key);
    }
    dels.push(...then.dels, ...otherwise.dels);
  }
  for (const op of ops) {
    if (!('requestPut' in op)) continue;
    const key = op.requestPut.key;
    if (puts.has(key) || deleted(key)) throw storeError('ErrDuplicateKey');
    puts.add(key);
  }
  return { puts, dels };
}

function deleteSpan(req: DeleteRangeRequest): KeySpan {
  if (req.rangeEnd === '\0') return { from: req.key, to: '\0', single: false };
  return keySpan(req.key, req.rangeEnd);
}

/** Bytes of keys, range ends and values a request carries (etcd limits the encoded request). */
export function requestBytes(op: RequestOp | { compare: Compare }): number {
  if ('compare' in op) {
    const c = op.compare;
    return utf8Length(c.key) + utf8Length(c.rangeEnd ?? '') + (c.target === 'VALUE' ? utf8Length(c.value ?? '') : 0);
  }
  if ('requestRange' in op) return utf8Length(op.requestRange.key) + utf8Length(op.requestRange.rangeEnd ?? '');
  if ('requestPut' in op) return utf8Length(op.requestPut.key) + utf8Length(op.requestPut.value ?? '');
  if ('requestDeleteRange' in op) return utf8Length(op.requestDeleteRange.key) + utf8Length(op.requestDeleteRange.rangeEnd ?? '');
  const t = op.requestTxn;
  let n = 0;
  for (const c of t.compare ?? []) n += requestBytes({ compare: c });
  for (const o of [...(t.success ?? []), ...(t.failure ?? [])]) n += requestBytes(o);
  return n;
}

/** Throws etcd's ErrRequestTooLarge when the request is over --max-request-bytes. */
export function checkRequestSize(op: RequestOp): void {
  if (requestBytes(op) > maxRequestBytes) throw storeError('ErrRequestTooLarge');
}

