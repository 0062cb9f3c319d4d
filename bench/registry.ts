// Every benchmark `npm run bench` knows, one file each beside this one. Add yours here.
import { apiCreatePods } from './api.create.pods.ts';
import { apiWatchLatency } from './api.watch.latency.ts';
import { storePutIdb } from './store.put.idb.ts';
import { storeWatchFanout } from './store.watch.fanout.ts';
import { serveGetPods } from './serve.get.pods.ts';
import { kubectlGetPods1000 } from './kubectl.get.pods.1000.ts';
import type { Benchmark } from './types.ts';

export const benchmarks: readonly Benchmark[] = [
  storePutIdb,
  storeWatchFanout,
  apiCreatePods,
  apiWatchLatency,
  serveGetPods,
  kubectlGetPods1000,
];
