// A cluster and a kubectl context for command tests: boot, run lines, stop.
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster, type ClusterSpec } from '../../engine/cluster/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import type { ProcessResult } from '../shell/tools.ts';

export interface Harness {
  cluster: Cluster;
  clock: VirtualClock;
  ctx: KubectlContext;
  /** The files `-f PATH` reads: set `files['x.yaml']` before running a line. */
  files: Record<string, string>;
  /** Runs one terminal line. */
  kubectl(line: string): Promise<ProcessResult>;
}

/** Boots a cluster on a memory store and a virtual clock; call `cluster.stop()` after the test. */
export async function bootHarness(spec?: ClusterSpec): Promise<Harness> {
  const clock = new VirtualClock({ seed: 1 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock, ...(spec ? { spec } : {}) });
  await cluster.ready;
  const files: Record<string, string> = {};
  const ctx: KubectlContext = {
    client: cluster.client, kubeconfig: defaultKubeconfig(), clock,
    readFile: (path) => (path in files ? Promise.resolve(files[path]!) : Promise.reject(new Error('ENOENT'))),
  };
  return { cluster, clock, ctx, files, kubectl: (line) => run(line, ctx) };
}
