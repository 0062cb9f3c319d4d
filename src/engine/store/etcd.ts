// A Store backed by a real etcd, over its v3 JSON gateway (the grpc-gateway etcd serves beside
// gRPC on its client URL: POST /v3/kv/range, /v3/kv/txn, /v3/watch, /v3/lease/grant, ...).
// It lets a served cluster keep its objects in etcd, and it is the oracle side of the
// differential test (test/etcd-diff.test.ts) that holds the memory store to etcd's answers.
// Node only in practice (it needs an etcd reachable over plain HTTP); it uses only `fetch`.
import {
  decodeDeleteRangeResponse, decodeHeader, decodeLeaseGrantResponse, decodeLeaseKeepAliveResponse,
  decodeLeaseTimeToLiveResponse, decodePutResponse, decodeRangeResponse, decodeTxnResponse, encodeDeleteRangeRequest,
  encodePutRequest, encodeRangeRequest, encodeTxnRequest, type WireObject,
} from './etcdCodec.ts';
import { storeError } from './errors.ts';
import { gatewayError, unavailableError } from './etcdErrors.ts';
import { openWatch } from './etcdWatch.ts';
import type { Store, Watcher } from './types.ts';

export interface EtcdStoreOptions {
  /** etcd's client URL, e.g. `http://127.0.0.1:2379` (no trailing slash needed). */
  endpoint: string;
  /** The fetch to use; the global one by default (tests pass a fake). */
  fetch?: typeof fetch;
}

/** A Store that forwards every call to the etcd at `endpoint`. */
export function createEtcdStore(options: EtcdStoreOptions): Store {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  const watchers = new Set<Watcher>();

  /** One unary call: POST the JSON body, return the decoded answer or throw etcd's error. */
  async function call(path: string, body: unknown): Promise<WireObject> {
    let res: Response;
    try {
      res = await fetchFn(`${endpoint}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw unavailableError(endpoint, err);
    }
    const text = await res.text();
    if (!res.ok) throw gatewayError(res.status, text);
    let parsed: WireObject;
    try {
      parsed = JSON.parse(text) as WireObject;
    } catch {
      throw gatewayError(res.status, text);
    }
    // Streaming endpoints (lease keepalive) wrap each message: {"result": {...}}.
    const result = parsed.result;
    if (typeof result === 'object' && result !== null) return result as WireObject;
    if (parsed.error !== undefined) throw gatewayError(res.status, text);
    return parsed;
  }

  return {
    range: async (req) => decodeRangeResponse(await call('/v3/kv/range', encodeRangeRequest(req))),
    put: async (req) => decodePutResponse(await call('/v3/kv/put', encodePutRequest(req))),
    deleteRange: async (req) =>
      decodeDeleteRangeResponse(await call('/v3/kv/deleterange', encodeDeleteRangeRequest(req))),
    txn: async (req) => decodeTxnResponse(await call('/v3/kv/txn', encodeTxnRequest(req))),
    // Physical: etcd answers only once the compacted revisions are gone from its backend.
    // Otherwise compaction finishes in the background, and a watch from the compaction
    // revision opened meanwhile still sees tombstones that a moment later it would not
    // (found by test/etcd-diff.test.ts). The memory store compacts at once; so does this.
    compact: async (revision) =>
      ({ header: decodeHeader(await call('/v3/kv/compaction', { revision: String(revision), physical: true })) }),

    watch(req, onResponse) {
      const watcher = openWatch({ endpoint, fetch: fetchFn }, req, onResponse, () => watchers.delete(watcher));
      watchers.add(watcher);
      return watcher;
    },

    leaseGrant: async (ttlSeconds, id = 0) =>
      decodeLeaseGrantResponse(await call('/v3/lease/grant', { TTL: String(ttlSeconds), ID: String(id) })),
    leaseRevoke: async (id) => ({ header: decodeHeader(await call('/v3/lease/revoke', { ID: String(id) })) }),
    async leaseKeepAlive(id) {
      const resp = decodeLeaseKeepAliveResponse(await call('/v3/lease/keepalive', { ID: String(id) }));
      // etcd answers a keepalive of an unknown lease with TTL 0 rather than an error;
      // clientv3's KeepAliveOnce (client/v3/lease.go) turns that into ErrLeaseNotFound.
      if (resp.ttl <= 0) throw storeError('ErrLeaseNotFound');
      return resp;
    },
    leaseTimeToLive: async (id, keys = false) =>
      decodeLeaseTimeToLiveResponse(await call('/v3/lease/timetolive', { ID: String(id), keys }), keys),

    async close() {
      for (const watcher of [...watchers]) watcher.cancel();
    },
  };
}
