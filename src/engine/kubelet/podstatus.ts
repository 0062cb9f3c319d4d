// The pod status the kubelet posts: phase, conditions and container statuses, from what its
// container machines hold. Models pkg/kubelet/kubelet_pods.go (getPhase,
// generateAPIPodStatus, convertToAPIContainerStatuses) and pkg/kubelet/status/generate.go
// (GenerateContainersReadyCondition, GeneratePodReadyCondition, GeneratePodInitializedCondition,
// GeneratePodReadyToStartContainersCondition).
import { rfc3339 } from '../api/index.ts';
import type { ContainerContext, State, Terminated } from './container.ts';
import type { Pod, PodCondition, PodContainer, PodStatus } from './pod.ts';

/** One container as the status sees it: its machine, and what the prober says of it. */
export interface ContainerView {
  spec: PodContainer;
  /** A regular init container, a sidecar (an init container with restartPolicy Always) or a regular container. */
  kind: 'init' | 'sidecar' | 'regular';
  ctx: ContainerContext;
  /** The resolved image, as the status shows it. */
  image: string;
  /** prober_manager.go UpdatePodStatus: the startup probe passed (or there is none) and it runs. */
  started: boolean;
  /** ...and the readiness probe passed (or there is none); a regular init container: it exited 0. */
  ready: boolean;
}

export interface PodRuntimeView {
  pod: Pod;
  initContainers: ContainerView[];
  containers: ContainerView[];
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

const exitedWith = (c: ContainerContext): number | undefined => ('terminated' in c.state ? c.state.terminated.exitCode : undefined);

/** kubelet_pods.go getPhase: init containers first (a failed one under Never fails the pod), then sidecars and regular containers. */
export function podPhase(view: Pick<PodRuntimeView, 'pod' | 'initContainers' | 'containers'>, podIsTerminal: boolean): string {
  const policy = view.pod.spec?.restartPolicy ?? 'Always';
  let pendingInitialization = 0, failedInitialization = 0;
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const { kind, ctx: c, started } of view.initContainers) {
    if (kind === 'init') {
      if ('running' in c.state) pendingInitialization++;
      else if ('terminated' in c.state) { if (c.state.terminated.exitCode !== 0) failedInitialization++; }
      else if (c.lastState) { if (c.lastState.exitCode !== 0) failedInitialization++; }
      else pendingInitialization++;
      continue;
    }
    // A sidecar counts while it runs; a stopped one does not decide the phase.
    if ('running' in c.state) { if (!started) pendingInitialization++; running++; }
    else if ('waiting' in c.state && !c.lastState) { pendingInitialization++; waiting++; }
  }
  for (const { ctx: c } of view.containers) {
    if ('running' in c.state) running++;
    else if ('terminated' in c.state) { stopped++; if (c.state.terminated.exitCode === 0) succeeded++; }
    else if (c.lastState) { stopped++; if (c.lastState.exitCode === 0) succeeded++; }
    else waiting++;
  }
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  if ((pendingInitialization > 0 && !anyRegularStarted(view.containers)) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** kubecontainer.HasAnyRegularContainerStarted: a regular container is running or has terminated. */
const anyRegularStarted = (containers: ContainerView[]) => containers.some(({ ctx }) => 'running' in ctx.state || 'terminated' in ctx.state);

type Fresh = Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'>;
const names = (list: string[]) => `[${list.join(' ')}]`;

/** generate.go GeneratePodInitializedCondition. */
function initializedCondition(view: PodRuntimeView, phase: string): Fresh {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (anyRegularStarted(view.containers)) return { type: 'Initialized', status: 'True' };
  const incomplete = view.initContainers.filter((v) => (v.kind === 'sidecar' ? !v.started : exitedWith(v.ctx) !== 0)).map((v) => v.spec.name);
  if (incomplete.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${names(incomplete)}` };
  return { type: 'Initialized', status: 'True' };
}

/** generate.go GenerateContainersReadyCondition: sidecars, then regular containers. */
function containersReadyCondition(view: PodRuntimeView, phase: string): Fresh {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const notReady = [...view.initContainers.filter((v) => v.kind === 'sidecar'), ...view.containers]
    .filter((v) => !isReady(v, view.terminating)).map((v) => v.spec.name);
  if (notReady.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${names(notReady)}` };
  return { type: 'ContainersReady', status: 'True' };
}

const isReady = (v: ContainerView, terminating: boolean) => !terminating && v.ready;

/** Conditions in the kubelet's order; each keeps its lastTransitionTime while its status holds. */
export function podConditions(view: PodRuntimeView, phase: string, previous: PodCondition[], now: number): PodCondition[] {
  const containersReady = containersReadyCondition(view, phase);
  const { type: _t, ...readyFields } = containersReady;
  const fresh: Fresh[] = [
    { type: 'PodReadyToStartContainers', status: view.sandboxReady ? 'True' : 'False' },
    initializedCondition(view, phase),
    { ...readyFields, type: 'Ready' },
    containersReady,
    // generateAPIPodStatus: a pod the kubelet sees has been scheduled, whoever bound it.
    { type: 'PodScheduled', status: 'True' },
  ];
  // lastTransitionTime moves only when the status does (status_manager.go updateLastTransitionTime).
  const kept = (c: Fresh): PodCondition => {
    const old = previous.find((p) => p.type === c.type);
    return { lastProbeTime: null, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : rfc3339(now), ...c } as PodCondition;
  };
  return fresh.map(kept);
}

// convertToAPIContainerStatuses: a container not created yet waits with ContainerCreating, or
// PodInitializing in a pod with init containers (init containers included).
const stateJSON = (s: State, hasInit: boolean): Record<string, unknown> => {
  if ('waiting' in s) {
    const reason = hasInit && s.waiting.reason === 'ContainerCreating' ? 'PodInitializing' : s.waiting.reason;
    return { waiting: { reason, ...(s.waiting.message ? { message: s.waiting.message } : {}) } };
  }
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
export function containerStatus(v: ContainerView, terminating: boolean, hasInit: boolean): Record<string, unknown> {
  const { spec, ctx: c } = v;
  const mounts = (spec.volumeMounts ?? []).map((m) => ({
    mountPath: m.mountPath, name: m.name,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
  return {
    ...(c.containerID ? { containerID: `containerd://${c.containerID}` } : {}),
    image: v.image,
    imageID: c.imageID ?? '',
    lastState: c.lastState ? { terminated: terminatedJSON(c.lastState) } : {},
    name: c.name,
    ready: isReady(v, terminating),
    ...(spec.resources && (spec.resources.requests || spec.resources.limits) ? { resources: { ...spec.resources } } : {}),
    restartCount: c.restartCount,
    started: v.started,
    state: stateJSON(c.state, hasInit),
    ...(c.containerID ? { user: { linux: { gid: 0, supplementalGroups: [0], uid: 0 } } } : {}),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
}

/** The whole status the kubelet writes through pods/status. */
export function generatePodStatus(view: PodRuntimeView, now: number): PodStatus {
  const phase = podPhase(view, view.terminal);
  const previous = view.pod.status?.conditions ?? [];
  const hasInit = view.initContainers.length > 0;
  return {
    phase,
    conditions: podConditions(view, phase, previous, now),
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    ...(view.podIP ? { podIP: view.podIP, podIPs: [{ ip: view.podIP }] } : {}),
    ...(view.startTime !== undefined ? { startTime: rfc3339(view.startTime) } : {}),
    ...(view.pod.status?.qosClass ? { qosClass: view.pod.status.qosClass } : {}),
    ...(hasInit ? { initContainerStatuses: view.initContainers.map((v) => containerStatus(v, view.terminating, true)) } : {}),
    containerStatuses: view.containers.map((v) => containerStatus(v, view.terminating, hasInit)),
  };
}
