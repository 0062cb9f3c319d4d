// kubectl.get.pods.1000: milliseconds per `kubectl get pods -A` over 1,000 realistic pods in
// NAMESPACES namespaces — the simulated kubectl's parsing, its list through the client
// (server-side Table, chunked as kubectl chunks), and the column printer — run in process.
// Baseline: a plain `client.list` of the same pods across all namespaces, the apiserver's own
// work without kubectl's. The ratio is the share of the plain list's speed that survives kubectl.
//
// Node only (runs: 'node'): a memory store, the clock paused after boot so controllers stay
// quiet while we time.
import type { KubeObject } from '../src/engine/api/index.ts';
import { resources } from '../src/engine/client/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../src/engine/cluster/index.ts';
import { createMemoryStore } from '../src/engine/store/index.ts';
import { defaultKubeconfig, run, type KubectlContext } from '../src/kubectl/index.ts';
import { realisticPod } from './cluster.ts';
import { timed } from './harness.ts';
import type { Benchmark, Round } from './types.ts';

const PODS = 1000;
const NAMESPACES = 4;
const CALLS = 10;
const namespaceOf = (i: number) => `team-${i % NAMESPACES}`;

/** Waits in real time (the clock is playing) until `ns`'s `default` service account exists. */
async function serviceAccountReady(cluster: Cluster, ns: string): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await cluster.client.get({ ...resources.serviceaccounts, namespace: ns }, 'default');
      return;
    } catch (e) {
      if (tries > 1000) throw e;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Boots a cluster on a memory store with PODS pods spread over NAMESPACES namespaces; pauses the clock. */
async function podsCluster(): Promise<{ cluster: Cluster; clock: VirtualClock }> {
  const clock = new VirtualClock({ seed: 1 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  clock.play(1);
  await cluster.ready;
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = namespaceOf(n);
    await cluster.client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    // The ServiceAccount admission plugin refuses pods until the namespace's `default` exists.
    await serviceAccountReady(cluster, ns);
  }
  for (let i = 0; i < PODS; i++) {
    const pod = realisticPod(`web-7d9f8b6c5d-${i}`, i);
    // Without the owner reference: no ReplicaSet owns them here, and the garbage collector
    // would delete pods whose owner is missing.
    const { ownerReferences: _, ...metadata } = pod.metadata as Record<string, unknown>;
    const namespace = namespaceOf(i);
    await cluster.client.create({ ...resources.pods, namespace }, { ...pod, metadata: { ...metadata, namespace } } as KubeObject);
  }
  clock.pause();
  return { cluster, clock };
}

/** Mean real milliseconds per call of `one` over CALLS calls. */
async function msPerCall(one: () => Promise<void>): Promise<number> {
  const ms = await timed(async () => { for (let i = 0; i < CALLS; i++) await one(); });
  return ms / CALLS;
}

async function round(): Promise<Round> {
  const { cluster, clock } = await podsCluster();
  try {
    const ctx: KubectlContext = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
    const getPods = async () => {
      const out = await run('kubectl get pods -A', ctx);
      if (out.exitCode !== 0) throw new Error(`kubectl get pods -A: exit ${out.exitCode}: ${out.stderr}`);
      return out.stdout;
    };
    const listPods = () => cluster.client.list(resources.pods);
    // Honest work on both sides: each must see every pod (kubectl: a header and one line each).
    const lines = (await getPods()).trimEnd().split('\n').length;
    const items = (await listPods()).items.length;
    if (lines !== PODS + 1 || items !== PODS) throw new Error(`expected ${PODS} pods, got ${lines} kubectl lines and ${items} listed`);
    const value = await msPerCall(async () => { await getPods(); });
    const baseline = await msPerCall(async () => { await listPods(); });
    return { value, baseline };
  } finally {
    await cluster.stop();
    clock.dispose();
  }
}

export const kubectlGetPods1000: Benchmark = {
  name: 'kubectl.get.pods.1000',
  unit: 'ms/call',
  runs: 'node',
  baseline: `client.list of the same ${PODS} pods, all namespaces`,
  lowerIsBetter: true,
  round,
};
