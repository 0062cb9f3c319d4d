// A Store backed by a real etcd, over its v3 JSON gateway (the grpc-gateway etcd serves beside
// gRPC on its client URL: POST /v3/kv/range, /v3/kv/txn, /v3/watch, /v3/lease/grant, ...).
// It lets a served cluster keep its objects in etcd, and it is the oracle side of the
// differential test (test/etcd-diff.test.ts) that holds the memory store to etcd's answers.
// Node only in practice (it needs an etcd reachable over plain HTTP); it uses only `fetch`.
//
// Two things a remote etcd does differently from the memory store, made to match here:
// - A watch "from now" is registered when etcd has read its create request, some time after
//   watch() returned; a write sent meanwhile would be missed. So every call waits until the
//   watches opened before it are registered: from this client's view, as in memory, a watch is
//   in place before anything it does next.
// - Lease IDs etcd picks itself are 63-bit random numbers, which a JS number cannot hold: a
//   grant without an ID picks one here, counting up from 1 past IDs already taken.
import { storeError, isStoreError } from './errors.ts';
import {
  decodeDeleteRangeResponse, decodeHeader, decodeLeaseGrantResponse, decodeLeaseKeepAliveResponse,
  decodeLeaseTimeToLiveResponse, decodePutResponse, decodeRangeResponse, decodeTxnResponse, encodeDeleteRangeRequest,
  encodeInt64, encodePutRequest, encodeRangeRequest, encodeTxnRequest, type WireObject,
} from './etcdCodec.ts';
import { gatewayError, unavailableError } from './etcdErrors.ts';
import { openWatch } from './etcdWatch.ts';
import type { LeaseGrantResponse, Store, Watcher } from './types.ts';

export interface EtcdStoreOptions {
  /** etcd's client URL, e.g. `http://127.0.0.1:2379` (no trailing slash needed). */
  endpoint: string;
  /** The fetch to use; the global one by default (tests pass a fake). */
  fetch?: typeof fetch;
}

/** How many taken IDs a grant without an ID steps over before giving up. */
const LEASE_ID_ATTEMPTS = 1000;

/** A Store that forwards every call to the etcd at `endpoint`. */
export function createEtcdStore(options: EtcdStoreOptions): Store {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  const watchers = new Set<Watcher>();
  /** Watches whose create request etcd has not acknowledged yet. */
  const registering = new Set<Promise<void>>();
  let nextLeaseId = 1;

  /** One unary call: POST the JSON body, return the decoded answer or throw etcd's error. */
  async function call(path: string, body: unknown): Promise<WireObject> {
    while (registering.size > 0) await Promise.all(registering);
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

  async function grant(ttlSeconds: number, id: number): Promise<LeaseGrantResponse> {
    const body = { TTL: encodeInt64(ttlSeconds, 'TTL'), ID: encodeInt64(id, 'ID') };
    return decodeLeaseGrantResponse(await call('/v3/lease/grant', body));
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
    compact: async (revision) => ({
      header: decodeHeader(await call('/v3/kv/compaction', { revision: encodeInt64(revision, 'revision'), physical: true })),
    }),

    watch(req, onResponse) {
      let registered = (): void => undefined;
      const ready = new Promise<void>((resolve) => { registered = resolve; });
      registering.add(ready);
      const done = (): void => {
        registering.delete(ready);
        registered();
      };
      const watcher = openWatch({ endpoint, fetch: fetchFn }, req, onResponse, {
        onCreated: done,
        onEnd: () => {
          done();
          watchers.delete(watcher);
        },
      });
      watchers.add(watcher);
      return watcher;
    },

    async leaseGrant(ttlSeconds, id = 0) {
      if (id !== 0) return grant(ttlSeconds, id);
      for (let attempt = 0; attempt < LEASE_ID_ATTEMPTS; attempt++) {
        const candidate = nextLeaseId++;
        try {
          return await grant(ttlSeconds, candidate);
        } catch (err) {
          if (!isStoreError(err, 'ErrLeaseExist')) throw err;
        }
      }
      throw storeError('ErrLeaseExist');
    },
    leaseRevoke: async (id) => ({ header: decodeHeader(await call('/v3/lease/revoke', { ID: encodeInt64(id, 'ID') })) }),
    async leaseKeepAlive(id) {
      const resp = decodeLeaseKeepAliveResponse(await call('/v3/lease/keepalive', { ID: encodeInt64(id, 'ID') }));
      // etcd answers a keepalive of an unknown lease with TTL 0 rather than an error;
      // clientv3's KeepAliveOnce (client/v3/lease.go) turns that into ErrLeaseNotFound.
      if (resp.ttl <= 0) throw storeError('ErrLeaseNotFound');
      return resp;
    },
    leaseTimeToLive: async (id, keys = false) =>
      decodeLeaseTimeToLiveResponse(await call('/v3/lease/timetolive', { ID: encodeInt64(id, 'ID'), keys }), keys),

    async close() {
      for (const watcher of [...watchers]) watcher.cancel();
    },
  };
}
