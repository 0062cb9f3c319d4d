// A cluster and a kubectl context for command tests: boot, run lines, stop.
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import type { ProcessResult } from '../shell/tools.ts';

export interface Harness {
  cluster: Cluster;
  clock: VirtualClock;
  ctx: KubectlContext;
  /** Runs one terminal line. */
  kubectl(line: string): Promise<ProcessResult>;
}

/** Boots a cluster on a memory store and a virtual clock; call `cluster.stop()` after the test. */
export async function bootHarness(): Promise<Harness> {
  const clock = new VirtualClock({ seed: 1 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  const ctx: KubectlContext = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
  return { cluster, clock, ctx, kubectl: (line) => run(line, ctx) };
}
