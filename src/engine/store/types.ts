// The store's public types: etcd v3's KV, Watch and Lease APIs (etcdserverpb), with etcd's
// field meanings. Keys and values are strings (UTF-8); keys order by their UTF-8 bytes, as
// etcd's do. Revisions are plain numbers (exact up to 2^53).

/** One key's current state. As etcd's mvccpb.KeyValue. */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the last creation of this key (reset by a delete then put). */
  createRevision: number;
  /** Revision of the last modification of this key. */
  modRevision: number;
  /** Number of modifications since creation; a delete resets it to 0. */
  version: number;
  /** Lease attached to the key, 0 for none. */
  lease: number;
}

export interface ResponseHeader {
  /** The store's revision when the request was served. */
  revision: number;
}

/**
 * A key range, as etcd's (key, range_end): no `rangeEnd` = the single key; `rangeEnd` '\0' =
 * every key >= key; otherwise [key, rangeEnd). `prefixEnd(key)` gives the end of a prefix.
 */
export interface KeyRange {
  key: string;
  rangeEnd?: string;
}

export interface RangeRequest extends KeyRange {
  /** At most this many kvs; 0 = no limit. `more` tells whether more exist. */
  limit?: number;
  /** Read at this past revision; 0 = current. Compacted → ErrCompacted; future → ErrFutureRev. */
  revision?: number;
  countOnly?: boolean;
  keysOnly?: boolean;
}

export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  more: boolean;
  /** Number of keys in the range (ignoring limit). */
  count: number;
}

export interface PutRequest {
  key: string;
  value: string;
  /** Lease ID to attach, 0 = none. Unknown lease → ErrLeaseNotFound. */
  lease?: number;
  prevKv?: boolean;
  ignoreValue?: boolean;
  ignoreLease?: boolean;
}

export interface PutResponse {
  header: ResponseHeader;
  prevKv?: KeyValue;
}

export interface DeleteRangeRequest extends KeyRange {
  prevKv?: boolean;
}

export interface DeleteRangeResponse {
  header: ResponseHeader;
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareTarget = 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';
export type CompareResult = 'EQUAL' | 'GREATER' | 'LESS' | 'NOT_EQUAL';

/** A txn guard, as etcd's Compare. The value compared is chosen by `target`. */
export type Compare = KeyRange & { result: CompareResult } & (
  | { target: 'VERSION'; version: number }
  | { target: 'CREATE'; createRevision: number }
  | { target: 'MOD'; modRevision: number }
  | { target: 'VALUE'; value: string }
  | { target: 'LEASE'; lease: number }
);

export type RequestOp =
  | { requestRange: RangeRequest }
  | { requestPut: PutRequest }
  | { requestDeleteRange: DeleteRangeRequest }
  | { requestTxn: TxnRequest };

export type ResponseOp =
  | { responseRange: RangeResponse }
  | { responsePut: PutResponse }
  | { responseDeleteRange: DeleteRangeResponse }
  | { responseTxn: TxnResponse };

export interface TxnRequest {
  compare?: Compare[];
  success?: RequestOp[];
  failure?: RequestOp[];
}

export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface CompactResponse {
  header: ResponseHeader;
}

export type EventType = 'PUT' | 'DELETE';

/** One change, as mvccpb.Event. A DELETE's kv has only key and modRevision (the delete's). */
export interface WatchEvent {
  type: EventType;
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface WatchRequest extends KeyRange {
  /** First revision to deliver; 0 = from the next write. */
  startRevision?: number;
  prevKv?: boolean;
  /** Send empty responses carrying the current revision now and then (etcd's progress_notify). */
  progressNotify?: boolean;
  filters?: ('NOPUT' | 'NODELETE')[];
}

export interface WatchResponse {
  header: ResponseHeader;
  events: WatchEvent[];
  /** Set when the watch was canceled because its start revision is compacted. */
  compactRevision?: number;
  canceled?: boolean;
  cancelReason?: string;
}

/** A live watch. Responses arrive in revision order, each revision's events together. */
export interface Watcher {
  cancel(): void;
}

export interface LeaseGrantResponse {
  header: ResponseHeader;
  id: number;
  ttl: number;
}

export interface LeaseTimeToLiveResponse {
  header: ResponseHeader;
  id: number;
  /** Seconds remaining; -1 when the lease has expired or does not exist. */
  ttl: number;
  grantedTtl: number;
  keys?: string[];
}

export interface LeaseKeepAliveResponse {
  header: ResponseHeader;
  id: number;
  ttl: number;
}

/** etcd's v3 KV + Watch + Lease surface. Every backend (memory, IndexedDB, real etcd) implements it. */
export interface Store {
  range(req: RangeRequest): Promise<RangeResponse>;
  put(req: PutRequest): Promise<PutResponse>;
  deleteRange(req: DeleteRangeRequest): Promise<DeleteRangeResponse>;
  txn(req: TxnRequest): Promise<TxnResponse>;
  compact(revision: number): Promise<CompactResponse>;
  watch(req: WatchRequest, onResponse: (resp: WatchResponse) => void): Watcher;
  leaseGrant(ttlSeconds: number, id?: number): Promise<LeaseGrantResponse>;
  leaseRevoke(id: number): Promise<{ header: ResponseHeader }>;
  leaseKeepAlive(id: number): Promise<LeaseKeepAliveResponse>;
  leaseTimeToLive(id: number, keys?: boolean): Promise<LeaseTimeToLiveResponse>;
  close(): Promise<void>;
}
