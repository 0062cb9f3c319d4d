// A kubelet: one per node. It registers its Node and keeps it (the node agent), watches the
// pods bound to it (an informer with fieldSelector spec.nodeName=NODE, as
// pkg/kubelet/config/apiserver.go), admits each, runs one pod worker per admitted pod, and
// serves the streaming API (logs, exec, attach) from its runtime. Everything it learns or
// changes goes through the API with its own client (user system:node:NODE).
// Models pkg/kubelet/kubelet.go (Run, syncLoop's HandlePodAdditions / HandlePodUpdates /
// HandlePodRemoves, canAdmitPod, rejectPod).
import { createActor, waitFor } from 'xstate';
import { isNotFound, type KubeletConnection } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { createInformerFactory, resources, type Client } from '../client/index.ts';
import type { ContainerRuntime } from '../runtime/index.ts';
import { admitPod } from './admission.ts';
import { masterServiceEnv, type EnvVar, type ObjectSource } from './envvars.ts';
import { createEventRecorder } from './events.ts';
import { createIpAllocator } from './ipam.ts';
import type { NodeConfig } from './node.ts';
import { nodeAgentMachine } from './nodeagent.ts';
import type { Pod } from './pod.ts';
import { createPodWorker, type PodWorker } from './podworker.ts';
import { createStatsProvider } from './stats.ts';
import { createStreamingServer } from './streaming.ts';
import { createTokenSource } from './token.ts';

export interface KubeletOptions {
  /** The kubelet's own client (user `system:node:<name>`, group `system:nodes`). */
  client: Client;
  clock: Clock;
  node: NodeConfig;
  runtime: ContainerRuntime;
  /** Hears failed API calls and syncs (a real kubelet logs them and retries). */
  onError?: (err: unknown) => void;
}

export interface RunningKubelet {
  readonly nodeName: string;
  /** The kubelet's server the apiserver and metrics-server dial: streaming, and the Summary API. */
  readonly connection: KubeletConnection;
  /** Settles when the Node is registered and the pod informer has synced. */
  readonly ready: Promise<void>;
  /** Settles when every event recorded so far has been written. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

const decode = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

export function runKubelet({ client, clock, node, runtime, onError = () => {} }: KubeletOptions): RunningKubelet {
  const recorder = createEventRecorder(client, clock, node.name, onError);
  const uuid = () => [8, 4, 4, 4, 12].map((n) => clock.rng.hex(n)).join('-');
  const ids = { machineID: clock.rng.hex(32), systemUUID: uuid(), bootID: uuid() };
  let nodeUid = '';
  const agent = createActor(nodeAgentMachine({ client, clock, config: node, ids, recorder, onError }), { clock });

  const objects: ObjectSource = {
    configMap: async (namespace, name) =>
      ((await client.get({ ...resources.configmaps, namespace }, name)).data ?? {}) as Record<string, string>,
    secret: async (namespace, name) => {
      const data = ((await client.get({ ...resources.secrets, namespace }, name)).data ?? {}) as Record<string, string>;
      return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decode(v)]));
    },
  };
  let serviceEnv: Promise<EnvVar[]> | undefined;
  const deps = {
    node, runtime, clock, client, recorder, objects, onError,
    ips: createIpAllocator(node.podCIDR),
    tokens: createTokenSource(clock, { name: node.name, uid: () => nodeUid }),
    // The master Service never moves; read it once (pkg/kubelet/kubelet_pods.go getServiceEnvVarMap).
    serviceEnv: () => (serviceEnv ??= client.get({ ...resources.services, namespace: 'default' }, 'kubernetes').then(
      (svc) => {
        const spec = svc.spec as { clusterIP: string; ports?: { port: number }[] };
        return masterServiceEnv(spec.clusterIP, spec.ports?.[0]?.port ?? 443);
      },
      (err) => { serviceEnv = undefined; if (isNotFound(err)) return []; throw err; },
    )),
  };

  const workers = new Map<string, PodWorker>();
  const pods = new Map<string, Pod>();
  const rejected = new Set<string>();

  async function reject(pod: Pod, reason: string, message: string): Promise<void> {
    recorder.event({ kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', apiVersion: 'v1', resourceVersion: pod.metadata?.resourceVersion }, 'Warning', reason, message);
    const status = { phase: 'Failed', reason, message: `Pod was rejected: ${message}`, ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}) };
    await client.patch({ ...resources.pods, namespace: pod.metadata?.namespace ?? 'default' }, pod.metadata?.name ?? '', 'application/merge-patch+json', { status }, { subresource: 'status' });
  }

  // status_manager.go: a terminal pod being deleted has nothing left to stop; delete it now.
  async function deleteFinished(pod: Pod): Promise<void> {
    try {
      await client.delete({ ...resources.pods, namespace: pod.metadata?.namespace ?? 'default' }, pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid ?? '' } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  function handlePod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    pods.set(uid, pod);
    const worker = workers.get(uid);
    if (worker) {
      worker.update(pod);
      return;
    }
    if (isTerminal(pod) || rejected.has(uid)) {
      if (pod.metadata?.deletionTimestamp) deleteFinished(pod).catch(onError);
      return;
    }
    const active = [...pods.values()].filter((p) => workers.has(p.metadata?.uid ?? '') && !isTerminal(p));
    const verdict = admitPod(pod, active, node);
    if (!verdict.admit) {
      rejected.add(uid);
      reject(pod, verdict.reason, verdict.message).catch(onError);
      return;
    }
    workers.set(uid, createPodWorker(pod, deps));
  }

  function removePod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    pods.delete(uid);
    rejected.delete(uid);
    const worker = workers.get(uid);
    workers.delete(uid);
    if (worker && !worker.finished) worker.forget();
  }

  const summary = createStatsProvider({ clock, node, runtime, pod: (uid) => pods.get(uid) });

  const informers = createInformerFactory(client, { clock, onError });
  const podInformer = informers.informerFor<Pod>(resources.pods, { fieldSelector: `spec.nodeName=${node.name}` });
  podInformer.addEventHandler({ onAdd: handlePod, onUpdate: (_old, pod) => handlePod(pod), onDelete: removePod });

  // The evented PLEG: a container exit wakes the worker that runs it.
  const unsubscribe = runtime.onContainerEvent((e) => {
    if (e.type !== 'exited') return;
    for (const worker of workers.values()) worker.containerExited(e.containerId);
  });

  agent.start();
  const registered = waitFor(agent, (s) => s.matches('registered'), { timeout: Infinity }).then(async () => {
    nodeUid = (await client.get(resources.nodes, node.name)).metadata?.uid ?? '';
    // Pods are only synced once the node exists (kubelet.go waits for the node lister).
    informers.start();
    await informers.waitForCacheSync();
  });

  return {
    nodeName: node.name,
    connection: { ...createStreamingServer(runtime, (uid) => workers.get(uid)), statsSummary: async () => summary() },
    ready: registered,
    settled: () => recorder.flush(),
    async stop() {
      agent.stop();
      unsubscribe();
      informers.stop();
      for (const worker of workers.values()) if (!worker.finished) worker.forget();
      workers.clear();
      await recorder.flush();
    },
  };
}
