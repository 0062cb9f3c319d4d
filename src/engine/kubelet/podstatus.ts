// The pod status the kubelet posts: phase, conditions and container statuses, from what its
// container machines hold. Models pkg/kubelet/kubelet_pods.go (getPhase,
// generateAPIPodStatus, convertToAPIContainerStatuses) and pkg/kubelet/status/generate.go
// (GenerateContainersReadyCondition, GeneratePodReadyCondition, GeneratePodInitializedCondition,
// GeneratePodReadyToStartContainersCondition).
import { rfc3339 } from '../api/index.ts';
import type { ContainerContext, State, Terminated } from './container.ts';
import type { Pod, PodCondition, PodContainer, PodStatus } from './pod.ts';

export interface PodRuntimeView {
  pod: Pod;
  containers: ContainerContext[];
  /** The sandbox is up and has its IP. */
  sandboxReady: boolean;
  podIP?: string;
  hostIP: string;
  startTime?: number;
  /** The pod is being deleted: it is unready whatever its containers say. */
  terminating: boolean;
  /** Every container has stopped for good (deletion or a terminal phase). */
  terminal: boolean;
}

/** getPhase over the regular containers (init containers are not run yet). */
export function podPhase(spec: Pod['spec'], containers: ContainerContext[], podIsTerminal: boolean): string {
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of containers) {
    if ('running' in c.state) running++;
    else if ('terminated' in c.state) { stopped++; if (c.state.terminated.exitCode === 0) succeeded++; }
    else if (c.lastState) { stopped++; if (c.lastState.exitCode === 0) succeeded++; }
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    const policy = spec?.restartPolicy ?? 'Always';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const ready = (c: ContainerContext, terminating: boolean) => !terminating && 'running' in c.state;

/** Conditions in the kubelet's order; each keeps its lastTransitionTime while its status holds. */
export function podConditions(view: PodRuntimeView, phase: string, previous: PodCondition[], now: number): PodCondition[] {
  const notReady = view.containers.filter((c) => !ready(c, view.terminating)).map((c) => c.name);
  const containersReady = ((): Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'> => {
    if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
    if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
    if (notReady.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${notReady.join(' ')}]` };
    return { type: 'ContainersReady', status: 'True' };
  })();
  const { type: _t, ...readyFields } = containersReady;
  const initialized = phase === 'Succeeded'
    ? { type: 'Initialized', status: 'True', reason: 'PodCompleted' }
    : { type: 'Initialized', status: 'True' };
  const fresh = [
    { type: 'PodReadyToStartContainers', status: view.sandboxReady ? 'True' : 'False' },
    initialized,
    { ...readyFields, type: 'Ready' },
    containersReady,
    // generateAPIPodStatus: a pod the kubelet sees has been scheduled, whoever bound it.
    { type: 'PodScheduled', status: 'True' },
  ];
  // lastTransitionTime moves only when the status does (status_manager.go updateLastTransitionTime).
  const kept = (c: Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'>): PodCondition => {
    const old = previous.find((p) => p.type === c.type);
    return { lastProbeTime: null, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : rfc3339(now), ...c } as PodCondition;
  };
  return fresh.map(kept);
}

const stateJSON = (s: State): Record<string, unknown> => {
  if ('waiting' in s) return { waiting: { reason: s.waiting.reason, ...(s.waiting.message ? { message: s.waiting.message } : {}) } };
  if ('running' in s) return { running: { startedAt: rfc3339(s.running.startedAt) } };
  return { terminated: terminatedJSON(s.terminated) };
};

const terminatedJSON = (t: Terminated) => ({
  containerID: `containerd://${t.containerID}`,
  exitCode: t.exitCode,
  finishedAt: rfc3339(t.finishedAt),
  ...(t.message ? { message: t.message } : {}),
  reason: t.reason,
  startedAt: rfc3339(t.startedAt),
});

/** convertToAPIContainerStatuses for one container, in the field order the API prints. */
export function containerStatus(spec: PodContainer, c: ContainerContext, image: string, terminating: boolean): Record<string, unknown> {
  const mounts = (spec.volumeMounts ?? []).map((m) => ({
    mountPath: m.mountPath, name: m.name,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
  return {
    ...(c.containerID ? { containerID: `containerd://${c.containerID}` } : {}),
    image,
    imageID: c.imageID ?? '',
    lastState: c.lastState ? { terminated: terminatedJSON(c.lastState) } : {},
    name: c.name,
    ready: ready(c, terminating),
    ...(spec.resources && (spec.resources.requests || spec.resources.limits) ? { resources: { ...spec.resources } } : {}),
    restartCount: c.restartCount,
    started: 'running' in c.state,
    state: stateJSON(c.state),
    ...(c.containerID ? { user: { linux: { gid: 0, supplementalGroups: [0], uid: 0 } } } : {}),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
}

/** The whole status the kubelet writes through pods/status. */
export function generatePodStatus(view: PodRuntimeView, images: Map<string, string>, now: number): PodStatus {
  const spec = view.pod.spec;
  const phase = podPhase(spec, view.containers, view.terminal);
  const previous = view.pod.status?.conditions ?? [];
  return {
    phase,
    conditions: podConditions(view, phase, previous, now),
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    ...(view.podIP ? { podIP: view.podIP, podIPs: [{ ip: view.podIP }] } : {}),
    ...(view.startTime !== undefined ? { startTime: rfc3339(view.startTime) } : {}),
    ...(view.pod.status?.qosClass ? { qosClass: view.pod.status.qosClass } : {}),
    containerStatuses: (spec?.containers ?? []).map((cs, i) => {
      const c = view.containers[i]!;
      return containerStatus(cs, c, images.get(cs.name) ?? cs.image ?? '', view.terminating);
    }),
  };
}
