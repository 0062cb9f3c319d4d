// Our store types <-> etcd v3's JSON gateway (grpc-gateway over etcdserverpb, as etcd 3.4/3.5
// serve it under /v3/). The gateway speaks protobuf's JSON mapping with etcd's settings:
// - bytes (keys, values) are base64;
// - int64 fields (revisions, versions, counts, lease IDs, TTLs) are decimal strings;
// - fields at their zero value are omitted: no `count` is 0, no `more` is false, no `kvs` is
//   [], a DELETE event's kv has no `create_revision`/`version`/`value`, an event with no `type`
//   is a PUT (enum value 0);
// - field names are the proto names (`range_end`, `prev_kv`), except the lease messages, whose
//   proto fields are spelled `ID`, `TTL` and `grantedTTL`.
// Requests are written the same way (int64 as strings, so lease IDs above 2^31 survive). A
// request the wire cannot carry (a key that is not a string, a fractional revision, an unknown
// compare target) fails here with InvalidArgument, as the memory store fails it.
//
// Worked example: `{"header":{"revision":"3"},"kvs":[{"key":"YQ==","create_revision":"2",
// "mod_revision":"3","version":"2","value":"Mg=="}],"count":"1"}` decodes to
// `{ header: { revision: 3 }, kvs: [{ key: 'a', value: '2', createRevision: 2, modRevision: 3,
// version: 2, lease: 0 }], more: false, count: 1 }`.
import { invalidArgument } from './errors.ts';
import { compareKeys } from './keys.ts';
import type {
  Compare, DeleteRangeRequest, DeleteRangeResponse, KeyValue, LeaseGrantResponse, LeaseKeepAliveResponse,
  LeaseTimeToLiveResponse, PutRequest, PutResponse, RangeRequest, RangeResponse, RequestOp, ResponseHeader,
  ResponseOp, TxnRequest, TxnResponse, WatchEvent, WatchRequest, WatchResponse,
} from './types.ts';

/** A JSON object as the gateway sends it (fields checked as they are read). */
export type WireObject = { readonly [field: string]: unknown };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** A UTF-8 string as the base64 of its bytes (etcd keys and values are bytes). */
export function toBase64(text: string): string {
  const bytes = encoder.encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The UTF-8 text of base64-encoded bytes. */
export function fromBase64(encoded: string): string {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return decoder.decode(bytes);
}

// ---- decoding: every field may be missing (= its zero value) ----

function field(obj: WireObject | undefined, name: string): unknown {
  return obj === undefined ? undefined : obj[name];
}

function objectAt(obj: WireObject | undefined, name: string): WireObject | undefined {
  const v = field(obj, name);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as WireObject) : undefined;
}

function listAt(obj: WireObject | undefined, name: string): WireObject[] {
  const v = field(obj, name);
  return Array.isArray(v) ? v.filter((x): x is WireObject => typeof x === 'object' && x !== null) : [];
}

/** An int64 field: the gateway writes it as a string; absent = 0. */
export function int64At(obj: WireObject | undefined, name: string): number {
  const v = field(obj, name);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '') return Number(v);
  return 0;
}

function boolAt(obj: WireObject | undefined, name: string): boolean {
  return field(obj, name) === true;
}

function bytesAt(obj: WireObject | undefined, name: string): string {
  const v = field(obj, name);
  return typeof v === 'string' ? fromBase64(v) : '';
}

function stringAt(obj: WireObject | undefined, name: string): string | undefined {
  const v = field(obj, name);
  return typeof v === 'string' ? v : undefined;
}

export function decodeHeader(obj: WireObject | undefined): ResponseHeader {
  return { revision: int64At(objectAt(obj, 'header'), 'revision') };
}

export function decodeKeyValue(kv: WireObject): KeyValue {
  return {
    key: bytesAt(kv, 'key'),
    value: bytesAt(kv, 'value'),
    createRevision: int64At(kv, 'create_revision'),
    modRevision: int64At(kv, 'mod_revision'),
    version: int64At(kv, 'version'),
    lease: int64At(kv, 'lease'),
  };
}

function optionalKeyValue(obj: WireObject | undefined, name: string): KeyValue | undefined {
  const kv = objectAt(obj, name);
  return kv === undefined ? undefined : decodeKeyValue(kv);
}

export function decodeRangeResponse(obj: WireObject | undefined): RangeResponse {
  return {
    header: decodeHeader(obj),
    kvs: listAt(obj, 'kvs').map(decodeKeyValue),
    more: boolAt(obj, 'more'),
    count: int64At(obj, 'count'),
  };
}

export function decodePutResponse(obj: WireObject | undefined): PutResponse {
  const prevKv = optionalKeyValue(obj, 'prev_kv');
  return prevKv === undefined ? { header: decodeHeader(obj) } : { header: decodeHeader(obj), prevKv };
}

export function decodeDeleteRangeResponse(obj: WireObject | undefined): DeleteRangeResponse {
  return {
    header: decodeHeader(obj),
    deleted: int64At(obj, 'deleted'),
    prevKvs: listAt(obj, 'prev_kvs').map(decodeKeyValue),
  };
}

function decodeResponseOp(op: WireObject): ResponseOp {
  if (objectAt(op, 'response_put') !== undefined) return { responsePut: decodePutResponse(objectAt(op, 'response_put')) };
  if (objectAt(op, 'response_delete_range') !== undefined)
    return { responseDeleteRange: decodeDeleteRangeResponse(objectAt(op, 'response_delete_range')) };
  if (objectAt(op, 'response_txn') !== undefined) return { responseTxn: decodeTxnResponse(objectAt(op, 'response_txn')) };
  // A range response is the one left; an all-zero range response would even be `{}` on the wire.
  return { responseRange: decodeRangeResponse(objectAt(op, 'response_range')) };
}

export function decodeTxnResponse(obj: WireObject | undefined): TxnResponse {
  return {
    header: decodeHeader(obj),
    succeeded: boolAt(obj, 'succeeded'),
    responses: listAt(obj, 'responses').map(decodeResponseOp),
  };
}

export function decodeLeaseGrantResponse(obj: WireObject | undefined): LeaseGrantResponse {
  return { header: decodeHeader(obj), id: int64At(obj, 'ID'), ttl: int64At(obj, 'TTL') };
}

export function decodeLeaseKeepAliveResponse(obj: WireObject | undefined): LeaseKeepAliveResponse {
  return { header: decodeHeader(obj), id: int64At(obj, 'ID'), ttl: int64At(obj, 'TTL') };
}

/**
 * `keys` is present exactly when they were asked for (etcd omits an empty list), sorted: etcd
 * lists them in Go map order (lease.Keys ranges over a map), i.e. in no order at all.
 */
export function decodeLeaseTimeToLiveResponse(obj: WireObject | undefined, withKeys: boolean): LeaseTimeToLiveResponse {
  const resp: LeaseTimeToLiveResponse = {
    header: decodeHeader(obj),
    id: int64At(obj, 'ID'),
    ttl: int64At(obj, 'TTL'),
    grantedTtl: int64At(obj, 'grantedTTL'),
  };
  if (withKeys) {
    const keys = field(obj, 'keys');
    resp.keys = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string').map(fromBase64).sort(compareKeys) : [];
  }
  return resp;
}

function decodeWatchEvent(ev: WireObject): WatchEvent {
  const prevKv = optionalKeyValue(ev, 'prev_kv');
  const event: WatchEvent = {
    type: stringAt(ev, 'type') === 'DELETE' ? 'DELETE' : 'PUT',
    kv: decodeKeyValue(objectAt(ev, 'kv') ?? {}),
  };
  if (prevKv !== undefined) event.prevKv = prevKv;
  return event;
}

/** One watch response of the stream (the `result` of one line). */
export function decodeWatchResponse(obj: WireObject | undefined): WatchResponse {
  const resp: WatchResponse = { header: decodeHeader(obj), events: listAt(obj, 'events').map(decodeWatchEvent) };
  const compactRevision = int64At(obj, 'compact_revision');
  if (compactRevision !== 0) resp.compactRevision = compactRevision;
  if (boolAt(obj, 'canceled')) resp.canceled = true;
  const cancelReason = stringAt(obj, 'cancel_reason');
  if (cancelReason !== undefined && cancelReason !== '') resp.cancelReason = cancelReason;
  return resp;
}

/** Whether a watch line is the stream's "created" acknowledgement (not a response of ours). */
export function isWatchCreated(obj: WireObject | undefined): boolean {
  return boolAt(obj, 'created');
}

// ---- encoding ----

/** A bytes field: the base64 of a string's UTF-8. */
function bytes(v: unknown, field: string): string {
  if (typeof v !== 'string') throw invalidArgument(`${field} must be a string`);
  return toBase64(v);
}

/** An int64 field, as the decimal string the gateway reads exactly. */
function int64(v: unknown, field: string): string {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalidArgument(`${field} must be an integer`);
  return String(v);
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(v as T)) throw invalidArgument(`${field} must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** Body fields common to requests over a key range. */
function encodeKeyRange(req: { key: string; rangeEnd?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { key: bytes(req.key, 'key') };
  if (req.rangeEnd !== undefined) out.range_end = bytes(req.rangeEnd, 'rangeEnd');
  return out;
}

function setInt(out: Record<string, unknown>, name: string, v: number | undefined): void {
  if (v !== undefined && int64(v, name) !== '0') out[name] = String(v);
}

function setFlag(out: Record<string, unknown>, name: string, v: boolean | undefined): void {
  if (v !== undefined && typeof v !== 'boolean') throw invalidArgument(`${name} must be a boolean`);
  if (v === true) out[name] = true;
}

export function encodeRangeRequest(req: RangeRequest): Record<string, unknown> {
  const out = encodeKeyRange(req);
  setInt(out, 'limit', req.limit);
  setInt(out, 'revision', req.revision);
  setFlag(out, 'count_only', req.countOnly);
  setFlag(out, 'keys_only', req.keysOnly);
  return out;
}

export function encodePutRequest(req: PutRequest): Record<string, unknown> {
  const out: Record<string, unknown> = { key: bytes(req.key, 'key'), value: bytes(req.value, 'value') };
  setInt(out, 'lease', req.lease);
  setFlag(out, 'prev_kv', req.prevKv);
  setFlag(out, 'ignore_value', req.ignoreValue);
  setFlag(out, 'ignore_lease', req.ignoreLease);
  return out;
}

export function encodeDeleteRangeRequest(req: DeleteRangeRequest): Record<string, unknown> {
  const out = encodeKeyRange(req);
  setFlag(out, 'prev_kv', req.prevKv);
  return out;
}

const TARGETS = ['VERSION', 'CREATE', 'MOD', 'VALUE', 'LEASE'] as const;
const RESULTS = ['EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL'] as const;

function encodeCompare(c: Compare): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...encodeKeyRange(c), target: oneOf(c.target, TARGETS, 'compare target'), result: oneOf(c.result, RESULTS, 'compare result'),
  };
  // The compared-against value is a oneof: it must be sent even when it is zero, or etcd
  // would compare against an unset union (which it treats as "no target value").
  switch (c.target) {
    case 'VERSION': out.version = int64(c.version, 'version'); break;
    case 'CREATE': out.create_revision = int64(c.createRevision, 'createRevision'); break;
    case 'MOD': out.mod_revision = int64(c.modRevision, 'modRevision'); break;
    case 'VALUE': out.value = bytes(c.value, 'value'); break;
    case 'LEASE': out.lease = int64(c.lease, 'lease'); break;
  }
  return out;
}

function encodeRequestOp(op: RequestOp): Record<string, unknown> {
  if ('requestRange' in op) return { request_range: encodeRangeRequest(op.requestRange) };
  if ('requestPut' in op) return { request_put: encodePutRequest(op.requestPut) };
  if ('requestDeleteRange' in op) return { request_delete_range: encodeDeleteRangeRequest(op.requestDeleteRange) };
  if ('requestTxn' in op) return { request_txn: encodeTxnRequest(op.requestTxn) };
  // etcd's checkRequestOp answers an op with no request in it with ErrKeyNotFound; send it
  // empty and let etcd say so.
  return {};
}

export function encodeTxnRequest(req: TxnRequest): Record<string, unknown> {
  return {
    compare: (req.compare ?? []).map(encodeCompare),
    success: (req.success ?? []).map(encodeRequestOp),
    failure: (req.failure ?? []).map(encodeRequestOp),
  };
}

export function encodeWatchCreateRequest(req: WatchRequest): Record<string, unknown> {
  const out = encodeKeyRange(req);
  setInt(out, 'start_revision', req.startRevision);
  setFlag(out, 'prev_kv', req.prevKv);
  setFlag(out, 'progress_notify', req.progressNotify);
  if (req.filters !== undefined && req.filters.length > 0) out.filters = req.filters.map((f) => oneOf(f, ['NOPUT', 'NODELETE'], 'filter'));
  return { create_request: out };
}

/** A lease ID or TTL for the lease endpoints. */
export function encodeInt64(v: number, field: string): string {
  return int64(v, field);
}
