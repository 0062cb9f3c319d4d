// api.watch.latency: p99 milliseconds from a write's call to its watch event reaching a watcher
// through the apiserver, with writes arriving at a steady 1,000 per second (paced in real time,
// not awaited one by one: a write does not wait for the last). Each write creates a ConfigMap
// (1 KiB of data) through the client, admission and the IndexedDB store; the watch is a
// client watch of the namespace's ConfigMaps (the apiserver decodes, selects and copies each
// event, as for an informer).
// Baseline: the same pacing of raw store.put calls of values as large as the stored ConfigMaps,
// into the same IndexedDB store, seen by a raw store watch of their prefix: what durability and
// the store's watch cost alone. Lower is better; the ratio is baseline / ours, so 0.5 means the
// apiserver doubles the latency.
import type { KubeObject } from '../src/engine/api/index.ts';
import { resources } from '../src/engine/client/index.ts';
import { prefixEnd } from '../src/engine/store/index.ts';
import { bootBenchCluster, type BenchCluster } from './cluster.ts';
import type { Benchmark } from './types.ts';

const WRITES_PER_SECOND = 1000;
const WRITES = 2000;
const DATA = 'x'.repeat(1024);
const RAW_PREFIX = '/registry/benchraw/default/';

let rounds = 0;

/** Calls `write(i)` for i = 0..count-1 at `perSecond`, on schedule even while writes are pending. */
async function paced(count: number, perSecond: number, write: (i: number) => void): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count;) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * perSecond) / 1000) + 1);
    while (i < due) write(i++);
    await nextTask();
  }
}

// Yields to the page between bursts. Nested timers are clamped to 4 ms, so writes go out in
// bursts of about 4, on schedule; a busy-wait (MessageChannel) would keep time better but take
// the CPU the writes need.
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Waits until `latencies` has `count` entries, or fails after `timeoutMs` of real time. */
async function allSeen(latencies: number[], count: number, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (latencies.length < count) {
    if (performance.now() - start > timeoutMs) throw new Error(`bench: ${latencies.length} of ${count} watch events arrived`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function p99(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? NaN;
}

const configMap = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { app: 'bench' } }, data: { payload: DATA },
});

async function apiLatency(bench: BenchCluster, round: number): Promise<{ p99: number; size: number }> {
  const { client } = bench.cluster;
  const scope = { ...resources.configmaps, namespace: 'default' };
  const sample = await client.create(scope, configMap(`sample-${round}`));
  const calledAt = new Map<string, number>();
  const latencies: number[] = [];
  const handle = await client.watch(scope, { resourceVersion: sample.metadata?.resourceVersion ?? '0' }, (event) => {
    const at = calledAt.get(event.object.metadata?.name ?? '');
    if (event.type === 'ADDED' && at !== undefined) latencies.push(performance.now() - at);
  });
  await paced(WRITES, WRITES_PER_SECOND, (i) => {
    const name = `cm-${round}-${i}`;
    calledAt.set(name, performance.now());
    void client.create(scope, configMap(name));
  });
  await allSeen(latencies, WRITES);
  handle.stop();
  return { p99: p99(latencies), size: JSON.stringify(sample).length };
}

async function storeLatency(bench: BenchCluster, round: number, size: number): Promise<number> {
  const value = 'x'.repeat(size);
  const prefix = `${RAW_PREFIX}${round}/`;
  const calledAt = new Map<string, number>();
  const latencies: number[] = [];
  const watcher = bench.store.watch({ key: prefix, rangeEnd: prefixEnd(prefix) }, (resp) => {
    const now = performance.now();
    for (const ev of resp.events) {
      const at = calledAt.get(ev.kv.key);
      if (at !== undefined) latencies.push(now - at);
    }
  });
  await paced(WRITES, WRITES_PER_SECOND, (i) => {
    const key = `${prefix}${i}`;
    calledAt.set(key, performance.now());
    void bench.store.put({ key, value });
  });
  await allSeen(latencies, WRITES);
  watcher.cancel();
  return p99(latencies);
}

export const apiWatchLatency: Benchmark = {
  name: 'api.watch.latency',
  unit: 'ms p99',
  runs: 'browser',
  baseline: 'raw store.put + store watch, same pacing and store',
  lowerIsBetter: true,
  rounds: 3,
  async round() {
    const bench = await bootBenchCluster('watch');
    try {
      const round = ++rounds;
      const api = await apiLatency(bench, round);
      return { value: api.p99, baseline: await storeLatency(bench, round, api.size) };
    } finally {
      await bench.close();
    }
  },
};
