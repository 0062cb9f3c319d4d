// api.create.pods: pods created per second through the full apiserver path — the client, the
// in-process transport, RBAC, admission (the defaults boot installs), defaulting, validation,
// and the IndexedDB store — by 20 creators, each awaiting its create before the next (as 20
// ReplicaSet workers would). The pods are realistic (bench/cluster.ts realisticPod).
// Baseline: the same number of raw store.put calls by 20 such writers, of values as large as
// the stored pods, into the same IndexedDB store in the same page. The ratio is the share of
// the store's write rate that survives the apiserver's work.
import { resources } from '../src/engine/client/index.ts';
import { bootBenchCluster, realisticPod } from './cluster.ts';
import { timed } from './harness.ts';
import type { Benchmark } from './types.ts';

const CREATORS = 20;
const PODS_PER_CREATOR = 50;
const TOTAL = CREATORS * PODS_PER_CREATOR;

async function round(): Promise<{ value: number; baseline: number }> {
  const bench = await bootBenchCluster('create');
  try {
    const { client } = bench.cluster;
    const scope = { ...resources.pods, namespace: 'default' };
    // One pod created (and read back as stored) first: its JSON is the size the baseline writes.
    const sample = await client.create(scope, realisticPod('web-7d9f8b6c5d-sample', 0));
    const value = JSON.stringify(sample);

    const creator = async (c: number) => {
      for (let i = 0; i < PODS_PER_CREATOR; i++) await client.create(scope, realisticPod(`web-7d9f8b6c5d-c${c}-${i}`, i));
    };
    const createMs = await timed(async () => { await Promise.all(Array.from({ length: CREATORS }, (_, c) => creator(c))); });

    const writer = async (c: number) => {
      for (let i = 0; i < PODS_PER_CREATOR; i++) await bench.store.put({ key: `/registry/benchraw/default/w${c}-${i}`, value });
    };
    const putMs = await timed(async () => { await Promise.all(Array.from({ length: CREATORS }, (_, c) => writer(c))); });
    return { value: TOTAL / (createMs / 1000), baseline: TOTAL / (putMs / 1000) };
  } finally {
    await bench.close();
  }
}

export const apiCreatePods: Benchmark = {
  name: 'api.create.pods',
  unit: 'creates/s',
  runs: 'browser',
  baseline: `raw store.put of same-sized values, ${CREATORS} writers, same IndexedDB store`,
  round,
};
