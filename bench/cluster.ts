// What the api.* benchmarks share: a cluster booted as the UI boots one (bootCluster over an
// IndexedDB store, admission and RBAC included, the clock playing in real time so controllers
// run), and a realistic pod to create in it.
import { deleteDB } from 'idb';
import type { KubeObject } from '../src/engine/api/index.ts';
import { resources } from '../src/engine/client/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../src/engine/cluster/index.ts';
import { openIdbStore, type Store } from '../src/engine/store/index.ts';

/** A booted cluster over its own IndexedDB database, and how to get rid of both. */
export interface BenchCluster {
  cluster: Cluster;
  store: Store;
  close(): Promise<void>;
}

let databases = 0;

/** Boots a cluster over a fresh IndexedDB store; pods can be created in `default` once it returns. */
export async function bootBenchCluster(what: string): Promise<BenchCluster> {
  const name = `bench-${what}-${++databases}`;
  const clock = new VirtualClock({ seed: 1 });
  const store = await openIdbStore({ clock, name, indexedDB: globalThis.indexedDB });
  const cluster = await bootCluster({ store, clock });
  clock.play(1);
  await cluster.ready;
  // The ServiceAccount admission plugin refuses pods until the namespace's `default` service
  // account exists, which the service account controller creates soon after boot.
  await until(async () => {
    try {
      await cluster.client.get({ ...resources.serviceaccounts, namespace: 'default' }, 'default');
      return true;
    } catch {
      return false;
    }
  });
  return {
    cluster, store,
    async close() {
      await cluster.stop();
      await store.close();
      clock.dispose();
      await deleteDB(name);
    },
  };
}

/** Polls `ready` in real time (benchmarks measure real time; the engine never does this). */
async function until(ready: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!(await ready())) {
    if (performance.now() - start > timeoutMs) throw new Error('bench: cluster not ready in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The `i`th pod of a Deployment's ReplicaSet, as its template would stamp it: labels with the
 * pod-template-hash, an owner reference, a web container with ports, env (plain and downward
 * API), requests and limits, readiness and liveness probes; every other pod also has a log
 * shipper sidecar. About 2 KiB once the apiserver has defaulted and stored it.
 */
export function realisticPod(name: string, i: number): KubeObject {
  const web = {
    name: 'web', image: 'registry.k8s.io/nginx-slim:0.27',
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090 }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { httpGet: { path: '/livez', port: 8080 }, initialDelaySeconds: 10, periodSeconds: 10 },
  };
  const sidecar = {
    name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9',
    env: [{ name: 'FLUENT_OUTPUT', value: 'stdout' }],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
  };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default',
      labels: { app: 'web', tier: 'frontend', 'pod-template-hash': '7d9f8b6c5d' },
      ownerReferences: [{
        apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8b6c5d',
        uid: '6f1c2a4e-0b7d-4c38-9a51-3e2f8d1b7c90', controller: true, blockOwnerDeletion: true,
      }],
    },
    spec: { containers: i % 2 === 0 ? [web, sidecar] : [web], terminationGracePeriodSeconds: 30 },
  };
}
