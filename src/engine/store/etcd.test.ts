// The etcd store's HTTP side against a scripted gateway (what etcd 3.4 sent, captured): error
// bodies become etcd's named errors, keepalive of an unknown lease fails as clientv3's does, and
// a watch reads its newline-delimited stream however it is chunked. The same store against a
// real etcd: test/etcd-store.test.ts and test/etcd-diff.test.ts.
import { describe, expect, it } from 'vitest';
import { createEtcdStore } from './etcd.ts';
import type { WatchResponse } from './types.ts';

type Route = (body: unknown, signal: AbortSignal | undefined) => Response;

/** A fetch that answers each path with its route, as the gateway would. */
function fakeGateway(routes: Record<string, Route>): typeof fetch {
  return async (input, init) => {
    const path = new URL(String(input)).pathname;
    const route = routes[path];
    if (route === undefined) return new Response('{"error":"Not Found","code":5}', { status: 404 });
    return route(JSON.parse(String(init?.body)), init?.signal ?? undefined);
  };
}

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status });

/** A streamed body made of these chunks, then left open until aborted. */
function stream(chunks: string[], signal: AbortSignal | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200 });
}

/** Lets the scripted stream flow: everything here is promises, no I/O and no timers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await Promise.resolve();
}

describe('etcd store over the gateway', () => {
  it.each([
    { name: 'a compacted revision', message: 'etcdserver: mvcc: required revision has been compacted', code: 11, status: 400, want: 'ErrCompacted', grpc: 'OutOfRange' },
    { name: 'a future revision', message: 'etcdserver: mvcc: required revision is a future revision', code: 11, status: 400, want: 'ErrFutureRev', grpc: 'OutOfRange' },
    { name: 'an empty key', message: 'etcdserver: key is not provided', code: 3, status: 400, want: 'ErrEmptyKey', grpc: 'InvalidArgument' },
    { name: 'an unknown lease', message: 'etcdserver: requested lease not found', code: 5, status: 404, want: 'ErrLeaseNotFound', grpc: 'NotFound' },
    { name: 'an error the store has no name for', message: 'etcdserver: no leader', code: 14, status: 503, want: 'BackendError', grpc: 'Unavailable' },
  ])('turns $name into $want with etcd\'s message', async ({ message, code, status, want, grpc }) => {
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379/',
      fetch: fakeGateway({ '/v3/kv/range': () => json(status, { error: message, message, code }) }),
    });
    await expect(store.range({ key: 'a' })).rejects.toMatchObject({ name: want, message, code: grpc });
  });

  it('fails a keepalive of an unknown lease with ErrLeaseNotFound, as clientv3 does (etcd sends TTL 0)', async () => {
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({ '/v3/lease/keepalive': () => json(200, { result: { header: { revision: '5' }, ID: '124' } }) }),
    });
    await expect(store.leaseKeepAlive(124)).rejects.toMatchObject({ name: 'ErrLeaseNotFound', message: 'etcdserver: requested lease not found' });
  });

  it('reads a keepalive answer from its stream wrapper', async () => {
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({ '/v3/lease/keepalive': () => json(200, { result: { header: { revision: '5' }, ID: '123', TTL: '60' } }) }),
    });
    await expect(store.leaseKeepAlive(123)).resolves.toEqual({ header: { revision: 5 }, id: 123, ttl: 60 });
  });

  it('reports an unreachable etcd as ErrUnavailable', async () => {
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(store.put({ key: 'a', value: '1' })).rejects.toMatchObject({ name: 'BackendError', code: 'Unavailable' });
  });

  it('delivers watch events split across chunks, swallows "created", and stops after cancel', async () => {
    const lines = [
      '{"result":{"header":{"revision":"5"},"created":true}}\n',
      '{"result":{"header":{"revision":"6"},"events":[{"kv":{"key":"YQ==","create_revision":"6","mod_revision":"6","version":"1","value":"MQ=="}}]}}\n',
    ];
    const whole = lines.join('');
    let aborted = false;
    let created: unknown;
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({
        '/v3/watch': (body, signal) => {
          created = body;
          signal?.addEventListener('abort', () => { aborted = true; });
          return stream([whole.slice(0, 70), whole.slice(70, 130), whole.slice(130)], signal);
        },
      }),
    });
    const got: WatchResponse[] = [];
    const watcher = store.watch({ key: 'a', startRevision: 6 }, (resp) => got.push(resp));
    await settle();
    expect(created).toEqual({ create_request: { key: 'YQ==', start_revision: '6' } });
    expect(got).toEqual([{ header: { revision: 6 }, events: [{ type: 'PUT', kv: { key: 'a', value: '1', createRevision: 6, modRevision: 6, version: 1, lease: 0 } }] }]);
    watcher.cancel();
    await settle();
    expect(aborted).toBe(true);
    expect(got).toHaveLength(1);
  });

  it('holds later calls until etcd has registered the watches opened before them', async () => {
    const order: string[] = [];
    let acknowledge = (): void => undefined;
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({
        '/v3/watch': (_body, signal) => {
          order.push('watch');
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              acknowledge = () => controller.enqueue(new TextEncoder().encode('{"result":{"header":{"revision":"5"},"created":true}}\n'));
              signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
            },
          });
          return new Response(body, { status: 200 });
        },
        '/v3/kv/put': () => {
          order.push('put');
          return json(200, { header: { revision: '6' } });
        },
      }),
    });
    const watcher = store.watch({ key: 'a' }, () => undefined);
    const put = store.put({ key: 'a', value: '1' });
    await settle();
    expect(order).toEqual(['watch']);
    acknowledge();
    await put;
    expect(order).toEqual(['watch', 'put']);
    watcher.cancel();
  });

  it('picks a lease ID a number holds when none is given, stepping over taken ones', async () => {
    const granted: unknown[] = [];
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({
        '/v3/lease/grant': (body) => {
          granted.push(body);
          const { ID } = body as { ID: string };
          if (ID === '1') return json(400, { error: 'etcdserver: lease already exists', message: 'etcdserver: lease already exists', code: 9 });
          return json(200, { header: { revision: '1' }, ID, TTL: '60' });
        },
      }),
    });
    await expect(store.leaseGrant(60)).resolves.toEqual({ header: { revision: 1 }, id: 2, ttl: 60 });
    expect(granted).toEqual([{ TTL: '60', ID: '1' }, { TTL: '60', ID: '2' }]);
  });

  it('gives a compacted watch etcd\'s ErrCompacted reason and ends it', async () => {
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({
        '/v3/watch': (_body, signal) => stream([
          '{"result":{"header":{"revision":"5"},"created":true}}\n',
          '{"result":{"header":{"raft_term":"2"},"canceled":true,"compact_revision":"3"}}\n',
        ], signal),
      }),
    });
    const got: WatchResponse[] = [];
    store.watch({ key: 'a', startRevision: 1 }, (resp) => got.push(resp));
    await settle();
    expect(got).toEqual([{
      header: { revision: 0 }, events: [], canceled: true, compactRevision: 3,
      cancelReason: 'etcdserver: mvcc: required revision has been compacted',
    }]);
  });

  it('cancels a watch whose stream breaks, with the reason', async () => {
    const store = createEtcdStore({
      endpoint: 'http://etcd.test:2379',
      fetch: fakeGateway({
        '/v3/watch': () => new Response('{"error":{"grpc_code":14,"http_code":503,"message":"transport is closing"}}\n', { status: 200 }),
      }),
    });
    const got: WatchResponse[] = [];
    store.watch({ key: 'a' }, (resp) => got.push(resp));
    await settle();
    expect(got).toEqual([{ header: { revision: 0 }, events: [], canceled: true, cancelReason: 'transport is closing' }]);
  });
});
