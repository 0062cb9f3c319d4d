import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_USER } from '../engine/api/index.ts';
import { VirtualClock } from '../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../engine/cluster/index.ts';
import { createMemoryStore, type Store } from '../engine/store/index.ts';
import { MAX_PENDING_WATCH_BYTES, streamWatch } from './watchstream.ts';

/**
 * A response whose client reads nothing (`draining` false): every byte written stays pending,
 * as in a socket whose peer stopped reading; or one whose client keeps up (`draining` true).
 */
class FakeResponse extends EventEmitter {
  writableLength = 0;
  destroyed = false;
  writableEnded = false;
  constructor(private readonly draining: boolean) { super(); }
  writeHead() { return this; }
  flushHeaders() {}
  write(chunk: string) {
    if (!this.draining) this.writableLength += Buffer.byteLength(chunk);
    return this.draining;
  }
  end() { this.writableEnded = true; }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}

const configmaps = { group: '', version: 'v1', resource: 'configmaps', namespace: 'kube-public' };
// ConfigMaps just under the 1 MiB object limit: enough of them overflow the pending-bytes cap.
const big = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `big-${i}` }, data: { blob: 'x'.repeat(1000 * 1000) } });
const count = Math.ceil(MAX_PENDING_WATCH_BYTES / 1_000_000) + 1;

let clock: VirtualClock;
let store: Store;
let cluster: Cluster;
beforeEach(async () => {
  clock = new VirtualClock({ seed: 1 });
  store = createMemoryStore({ clock });
  cluster = await bootCluster({ store, clock });
  await cluster.ready;
});
afterEach(async () => {
  await cluster.stop();
  await store.close();
});

describe('streamWatch and slow readers', () => {
  it.each([
    { name: 'a reader that stops reading is cut off once its pending bytes pass the cap, its watch and timers ended', draining: false, cut: true },
    { name: 'a reader that keeps up streams every event and is not cut off', draining: true, cut: false },
  ])('$name', async ({ draining, cut }) => {
    const before = clock.pendingTimers;
    const res = new FakeResponse(draining);
    const handle = await streamWatch({
      api: cluster.api, table: false, res: res as unknown as ServerResponse,
      request: { ...configmaps, verb: 'watch', user: ADMIN_USER, query: { allowWatchBookmarks: true } },
    });
    for (let i = 0; i < count; i++) await cluster.client.create(configmaps, big(i));
    await clock.advanceAsync(0);
    expect(res.destroyed).toBe(cut);
    if (cut) {
      await handle.closed;
      expect(clock.pendingTimers).toBe(before);
    } else {
      handle.stop();
      await handle.closed;
    }
    // The store is whole either way: every object was written.
    expect((await cluster.client.list(configmaps)).items.filter((c) => c.metadata?.name?.startsWith('big-'))).toHaveLength(count);
  }, 30_000);
});
