// One pod on this node, from admission to its final delete. Models pkg/kubelet/pod_workers.go
// (one worker per pod, one sync at a time, SyncPod → TerminatingPod → TerminatedPod) with
// kubelet.go SyncPod and kuberuntime_manager.go SyncPod inside: set up volumes, run the
// sandbox, then pull, create and start each container its machine says is ContainerCreating.
// The status it writes goes through pods/status (status_manager.go); once every container has
// stopped after a deletion, it writes the terminal status and deletes the pod with grace 0 and
// a uid precondition (status_manager.go syncPod, canBeDeleted).
import { createActor, type Actor } from 'xstate';
import { isNotFound } from '../api/index.ts';
import type { Clock, TimerHandle } from '../clock/index.ts';
import { resources, type Client } from '../client/index.ts';
import { RuntimeError, type ContainerRuntime } from '../runtime/index.ts';
import { containersToStart, type ContainerFacts, type ContainerKind } from './actions.ts';
import { containerMachine, POD_WORKER_BACKOFF_MS, type ContainerContext, type RestartPolicy } from './container.ts';
import { ContainerConfigError, expand, makeEnvironment, type EnvVar, type ObjectSource } from './envvars.ts';
import type { EventRecorder, EventType, ObjectReference } from './events.ts';
import type { IpAllocator } from './ipam.ts';
import type { NodeConfig } from './node.ts';
import { runHook } from './hooks.ts';
import { ensureImage } from './imagepull.ts';
import { podFullName, type Pod, type PodContainer } from './pod.ts';
import { generatePodStatus, type ContainerView } from './podstatus.ts';
import type { ProbeSite } from './probe.ts';
import { runProbeWorker, type ProbedContainer, type ProbeResult, type ProbeType, type ProbeWorker } from './prober.ts';
import { sandboxConfig } from './sandbox.ts';
import { mountsFor, setUpVolumes, VolumeError, type Files, type TokenSource } from './volumes.ts';

/** The kubelet's minimum grace period for a container stop (kuberuntime_container.go). */
const MINIMUM_GRACE_PERIOD_SECONDS = 2;

export interface PodWorkerDeps {
  node: NodeConfig;
  runtime: ContainerRuntime;
  clock: Clock;
  client: Client;
  recorder: EventRecorder;
  ips: IpAllocator;
  objects: ObjectSource;
  tokens: TokenSource;
  /** The master Service's variables every container gets. */
  serviceEnv(): Promise<EnvVar[]>;
  onError(err: unknown): void;
}

type ContainerActor = Actor<ReturnType<typeof containerMachine>>;

interface Slot {
  spec: PodContainer;
  kind: ContainerKind;
  actor: ContainerActor;
  /** Runtime ids of this container's runs, newest last (logs --previous reads the one before). */
  runs: string[];
  /** The resolved image, as the status shows it. */
  image?: string;
  starting: boolean;
  probes: ProbeWorker[];
  /** The prober's results (results.Manager), each for the run it was probed on. */
  results: Map<ProbeType, { containerID: string; result: ProbeResult }>;
  /** The run being killed for a failed liveness or startup probe (killed once). */
  killing?: string;
}

const PROBES = [['Startup', 'startupProbe'], ['Liveness', 'livenessProbe'], ['Readiness', 'readinessProbe']] as const;

export interface PodWorker {
  readonly uid: string;
  /** The informer's newer copy of the pod. */
  update(pod: Pod): void;
  /** The pod is gone from the API: stop everything now, write nothing. */
  forget(): void;
  /** The runtime id of a container's current run, or of the one before with `previous`. */
  containerId(name: string, previous: boolean): string | undefined;
  /** The container machine's view (for status checks in the streaming server). */
  container(name: string): ContainerContext | undefined;
  /** A container of this pod exited in the runtime. */
  containerExited(containerId: string): void;
  readonly finished: boolean;
}

const restartPolicyOf = (pod: Pod): RestartPolicy => pod.spec?.restartPolicy ?? 'Always';

/**
 * The policy a container's own exits follow: a sidecar always restarts; a regular init
 * container is retried after a failure unless the pod's policy is Never (an exit 0 is done).
 */
function containerPolicy(kind: ContainerKind, pod: Pod): RestartPolicy {
  if (kind === 'sidecar') return 'Always';
  if (kind === 'init') return restartPolicyOf(pod) === 'Never' ? 'Never' : 'OnFailure';
  return restartPolicyOf(pod);
}


export function createPodWorker(initial: Pod, d: PodWorkerDeps): PodWorker {
  let pod = initial;
  const uid = pod.metadata?.uid ?? '';
  const fullName = podFullName(pod);
  const podScope = { ...resources.pods, namespace: pod.metadata?.namespace ?? 'default' };
  const startTime = d.clock.now();
  let sandboxId: string | undefined;
  let podIP: string | undefined;
  let volumes: Map<string, Files> | undefined;
  let terminating = false;
  let terminal = false;
  let forgotten = false;
  let finished = false;
  let retry: TimerHandle | undefined;
  let lastWritten = '';
  let syncing: Promise<void> = Promise.resolve();
  let dirty = false;

  const machine = containerMachine(() => d.clock.now());
  const makeSlot = (spec: PodContainer, kind: ContainerKind): Slot => {
    const actor = createActor(machine, {
      clock: d.clock,
      input: { name: spec.name, image: spec.image ?? '', restartPolicy: containerPolicy(kind, pod), podFullName: fullName, now: d.clock.now() },
    });
    const slot: Slot = { spec, kind, actor, runs: [], starting: false, probes: [], results: new Map() };
    let previous = JSON.stringify(actor.getSnapshot().value);
    actor.subscribe((snap) => {
      const value = JSON.stringify(snap.value);
      if (value === previous) return;
      previous = value;
      onEntered(slot, snap.context);
      requestSync();
    });
    actor.start();
    return slot;
  };
  const initSlots = (pod.spec?.initContainers ?? []).map((spec) => makeSlot(spec, spec.restartPolicy === 'Always' ? 'sidecar' : 'init'));
  const slots = (pod.spec?.containers ?? []).map((spec) => makeSlot(spec, 'regular'));
  const allSlots = [...initSlots, ...slots];

  const podRef = (): ObjectReference => ({
    kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '', uid, apiVersion: 'v1', resourceVersion: pod.metadata?.resourceVersion,
  });
  const containerRef = (slot: Slot): ObjectReference =>
    ({ ...podRef(), fieldPath: `spec.${slot.kind === 'regular' ? 'containers' : 'initContainers'}{${slot.spec.name}}` });
  const event = (slot: Slot | undefined, type: EventType, reason: string, message: string) =>
    d.recorder.event(slot === undefined ? podRef() : containerRef(slot), type, reason, message);

  // Events the kubelet records as a container enters a back-off (kuberuntime_manager.go doBackOff,
  // image_manager.go EnsureImageExists, kuberuntime_container.go startContainer's `Error: %v`).
  function onEntered(slot: Slot, ctx: ContainerContext): void {
    if (!('waiting' in ctx.state)) return;
    const { reason } = ctx.state.waiting;
    if (reason === 'CrashLoopBackOff') event(slot, 'Warning', 'BackOff', `Back-off restarting failed container ${slot.spec.name} in pod ${fullName}`);
    if (reason === 'ImagePullBackOff') {
      event(slot, 'Normal', 'BackOff', `Back-off pulling image "${slot.spec.image ?? ''}"`);
      event(slot, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    }
  }

  function requestSync(): void {
    if (forgotten) return;
    dirty = true;
    syncing = syncing.then(async () => {
      while (dirty && !forgotten) {
        dirty = false;
        try {
          await sync();
        } catch (err) {
          d.onError(err);
        }
      }
    });
  }

  async function sync(): Promise<void> {
    if (finished) return;
    if (pod.metadata?.deletionTimestamp && !terminating) {
      await terminate(pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
      return;
    }
    if (terminating) return;
    if (!volumes) {
      try {
        volumes = await setUpVolumes(pod, d.node, d.objects, d.tokens);
      } catch (err) {
        if (!(err instanceof VolumeError)) throw err;
        event(undefined, 'Warning', 'FailedMount', err.message);
        await writeStatus();
        retryAfter(POD_WORKER_BACKOFF_MS);
        return;
      }
    }
    if (!sandboxId) {
      podIP = d.ips.allocate(uid);
      sandboxId = d.runtime.runPodSandbox(sandboxConfig(pod, podIP));
    }
    await writeStatus();
    killUnhealthy();
    const plan = containersToStart(initSlots.map(facts), slots.map(facts));
    for (const slot of [...plan.init.map((i) => initSlots[i]!), ...plan.regular.map((i) => slots[i]!)]) {
      if (terminating || forgotten) return;
      if (slot.starting) continue;
      slot.starting = true;
      try {
        await startContainer(slot);
      } finally {
        slot.starting = false;
      }
    }
    await writeStatus();
  }

  const contextOf = (slot: Slot) => slot.actor.getSnapshot().context;
  const runningId = (slot: Slot) => { const c = contextOf(slot); return 'running' in c.state ? c.containerID : undefined; };
  const exitedZero = (slot: Slot) => { const c = contextOf(slot); return 'terminated' in c.state && c.state.terminated.exitCode === 0; };
  /** results.Manager Get: a result counts only for the run it was probed on. */
  const resultFor = (slot: Slot, type: ProbeType) => {
    const r = slot.results.get(type);
    return r && r.containerID === contextOf(slot).containerID ? r.result : undefined;
  };
  // prober_manager.go UpdatePodStatus: started once the startup probe passed (or there is none);
  // ready once started and the readiness probe passed; a regular init container once it exited 0.
  const isStarted = (slot: Slot) => runningId(slot) !== undefined && (!slot.spec.startupProbe || resultFor(slot, 'Startup') === 'Success');
  const isReady = (slot: Slot) => slot.kind === 'init'
    ? exitedZero(slot)
    : isStarted(slot) && (!slot.spec.readinessProbe || resultFor(slot, 'Readiness') === 'Success');
  const facts = (slot: Slot): ContainerFacts => ({
    kind: slot.kind,
    startable: slot.actor.getSnapshot().matches({ waiting: 'ContainerCreating' }) && !slot.starting,
    succeeded: exitedZero(slot), started: isStarted(slot), everRan: contextOf(slot).containerID !== undefined,
  });

  const siteOf = (slot: Slot, containerID: string | undefined): ProbeSite | undefined =>
    sandboxId && podIP && containerID ? { runtime: d.runtime, clock: d.clock, containerID, sandboxId, podIP, container: slot.spec } : undefined;

  function probedContainer(slot: Slot): ProbedContainer {
    const c = contextOf(slot);
    const site = siteOf(slot, c.containerID);
    return {
      ...(c.containerID ? { containerID: c.containerID } : {}),
      ...('running' in c.state ? { runningSince: c.state.running.startedAt } : {}),
      terminated: 'terminated' in c.state, restartable: c.restartPolicy !== 'Never', started: isStarted(slot),
      deleting: terminating || pod.metadata?.deletionTimestamp !== undefined, podTerminal: terminal,
      ...(site ? { site } : {}),
    };
  }

  // prober_manager.go AddPod: a worker per probe of every container that may have probes.
  for (const slot of allSlots) {
    if (slot.kind === 'init') continue;
    for (const [type, field] of PROBES) {
      const spec = slot.spec[field];
      if (!spec) continue;
      slot.probes.push(runProbeWorker({
        clock: d.clock, type, spec, container: () => probedContainer(slot),
        setResult(containerID, result) {
          const prior = slot.results.get(type);
          if (prior?.containerID === containerID && prior.result === result) return;
          slot.results.set(type, { containerID, result });
          requestSync();
        },
        event: (type_, reason, message) => event(slot, type_, reason, message),
        onError: d.onError,
      }));
    }
  }

  // computePodActions: a running container whose liveness or startup probe failed is killed,
  // and restarted as its policy says.
  function killUnhealthy(): void {
    for (const slot of allSlots) {
      const id = runningId(slot);
      if (!id || slot.killing === id) continue;
      const failed = (['Liveness', 'Startup'] as const).find((t) => resultFor(slot, t) === 'Failure');
      if (!failed) continue;
      slot.killing = id;
      const what = `${failed.toLowerCase()} probe`;
      const message = slot.kind === 'sidecar'
        ? `Init container ${slot.spec.name} failed ${what}`
        : `Container ${slot.spec.name} failed ${what}${restartPolicyOf(pod) === 'Never' ? '' : ', will be restarted'}`;
      const probe = failed === 'Liveness' ? slot.spec.livenessProbe : slot.spec.startupProbe;
      const grace = probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      killContainer(slot, id, message, grace, d.clock.now()).catch(d.onError);
    }
  }

  /**
   * kuberuntime_container.go killContainer: the Killing event, the preStop hook within the grace
   * period, then (once `turn` settles: sidecars stop after the containers they serve) SIGTERM
   * with what is left of the grace period, never under the 2 s minimum.
   */
  async function killContainer(slot: Slot, id: string, message: string, graceSeconds: number, since: number, turn?: Promise<void>): Promise<void> {
    event(slot, 'Normal', 'Killing', message);
    const preStop = slot.spec.lifecycle?.preStop;
    const site = siteOf(slot, id);
    if (preStop && site && graceSeconds > 0) {
      let timer: TimerHandle | undefined;
      const outOfTime = new Promise<'timeout'>((resolve) => { timer = d.clock.after(graceSeconds * 1000, () => resolve('timeout')); });
      const hook = runHook(site, preStop, fullName).then((failure) => {
        if (failure !== undefined) event(slot, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
      });
      await Promise.race([hook, outOfTime]);
      d.clock.cancel(timer);
    }
    await turn;
    const left = graceSeconds - Math.floor((d.clock.now() - since) / 1000);
    await d.runtime.stopContainer(id, Math.max(left, MINIMUM_GRACE_PERIOD_SECONDS));
    containerExited(id);
  }

  function retryAfter(ms: number): void {
    d.clock.cancel(retry);
    retry = d.clock.after(ms, () => requestSync());
  }

  async function startContainer(slot: Slot): Promise<void> {
    const { spec } = slot;
    const pulled = await ensureImage(d.runtime, d.clock, slot.spec, (type, reason, message) => event(slot, type, reason, message), (e) => slot.actor.send(e));
    if (!pulled || terminating || forgotten) return;
    slot.image = pulled.image;
    let env: EnvVar[];
    try {
      env = await makeEnvironment(pod, spec, d.node, d.objects, await d.serviceEnv());
    } catch (err) {
      if (!(err instanceof ContainerConfigError)) throw err;
      event(slot, 'Warning', 'Failed', `Error: ${err.message}`);
      slot.actor.send({ type: 'config.failed', message: err.message });
      return;
    }
    if (terminating || forgotten || !sandboxId) return;
    const values = new Map(env.map((e) => [e.name, e.value]));
    const lookup = (name: string) => values.get(name);
    let id: string;
    try {
      id = d.runtime.createContainer(sandboxId, {
        name: spec.name, attempt: slot.actor.getSnapshot().context.restartCount, image: spec.image ?? '',
        // kubecontainer.ExpandContainerCommandAndArgs: $(VAR) from the container's own environment.
        command: (spec.command ?? []).map((a) => expand(a, lookup)), args: (spec.args ?? []).map((a) => expand(a, lookup)), env,
        ...(spec.workingDir ? { workingDir: spec.workingDir } : {}),
        mounts: mountsFor(spec, volumes ?? new Map()),
        stdin: spec.stdin === true, stdinOnce: spec.stdinOnce === true, tty: spec.tty === true,
        limits: { ...spec.resources?.limits },
      });
    } catch (err) {
      if (!(err instanceof RuntimeError)) throw err;
      event(slot, 'Warning', 'Failed', `Error: ${err.message}`);
      slot.actor.send({ type: 'container.createFailed', reason: 'CreateContainerError', message: err.message });
      return;
    }
    slot.runs.push(id);
    event(slot, 'Normal', 'Created', `Created container: ${spec.name}`);
    try {
      d.runtime.startContainer(id);
    } catch (err) {
      if (!(err instanceof RuntimeError)) throw err;
      event(slot, 'Warning', 'Failed', `Error: ${err.message}`);
      slot.actor.send({ type: 'container.createFailed', reason: 'RunContainerError', message: err.message });
      return;
    }
    event(slot, 'Normal', 'Started', `Started container ${spec.name}`);
    const status = d.runtime.containerStatus(id);
    slot.actor.send({ type: 'container.started', containerID: id, imageID: status?.imageRef ?? pulled.imageRef, startedAt: status?.startedAt ?? d.clock.now() });
    // A program that exited the moment it started: its exit event came before the machine was running.
    if (status && d.runtime.containerStatus(id)?.state === 'exited') containerExited(id);
    await postStart(slot, id);
  }

  // startContainer step 4: the postStart hook runs before the next container starts; if it
  // fails the container is killed (and restarted as its policy says).
  async function postStart(slot: Slot, id: string): Promise<void> {
    const hook = slot.spec.lifecycle?.postStart;
    const site = siteOf(slot, id);
    if (!hook || !site || d.runtime.containerStatus(id)?.state !== 'running') return;
    const failure = await runHook(site, hook, fullName);
    if (failure === undefined || terminating || forgotten) return;
    event(slot, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
    slot.killing = id;
    await killContainer(slot, id, 'FailedPostStartHook', pod.spec?.terminationGracePeriodSeconds ?? 30, d.clock.now());
  }

  function containerExited(containerId: string): void {
    const slot = allSlots.find((s) => s.runs.at(-1) === containerId);
    const status = d.runtime.containerStatus(containerId);
    if (!slot || !status || status.state !== 'exited') return;
    if (!slot.actor.getSnapshot().matches('running') && !slot.actor.getSnapshot().matches('halted')) return;
    slot.actor.send({
      type: 'container.exited', exitCode: status.exitCode ?? 0, reason: status.reason ?? (status.exitCode ? 'Error' : 'Completed'),
      ...(status.message ? { message: status.message } : {}),
      startedAt: status.startedAt ?? status.createdAt, finishedAt: status.finishedAt ?? d.clock.now(), containerID: containerId,
    });
  }

  // pod_workers.go TerminatingPod + kuberuntime_container.go killContainersWithSyncResult: every
  // container gets its Killing event and preStop hook at once; regular (and running init)
  // containers stop first, then sidecars one by one in reverse order.
  async function terminate(graceSeconds: number): Promise<void> {
    terminating = true;
    d.clock.cancel(retry);
    for (const slot of allSlots) slot.actor.send({ type: 'pod.terminating' });
    await writeStatus();
    const since = d.clock.now();
    const stop = (slot: Slot, turn?: Promise<void>): Promise<void> => {
      const id = slot.runs.at(-1);
      if (!id || d.runtime.containerStatus(id)?.state !== 'running') return turn ?? Promise.resolve();
      return killContainer(slot, id, `Stopping container ${slot.spec.name}`, graceSeconds, since, turn);
    };
    let turn: Promise<void> = Promise.all(allSlots.filter((s) => s.kind !== 'sidecar').map((s) => stop(s))).then(() => undefined);
    for (const sidecar of initSlots.filter((s) => s.kind === 'sidecar').reverse()) turn = stop(sidecar, turn);
    await turn;
    cleanUp();
    terminal = true;
    await writeStatus();
    if (forgotten) return;
    try {
      await d.client.delete(podScope, pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    finished = true;
  }

  function cleanUp(): void {
    if (sandboxId) d.runtime.removePodSandbox(sandboxId);
    sandboxId = undefined;
    d.ips.release(uid);
    for (const slot of allSlots) {
      for (const probe of slot.probes) probe.stop();
      slot.actor.stop();
    }
  }

  // A terminal phase reached by the containers themselves (restartPolicy Never/OnFailure) also
  // ends the pod's sandbox; the pod object stays for its owner to read.
  function finishIfTerminal(phase: string): void {
    if (terminating || (phase !== 'Succeeded' && phase !== 'Failed')) return;
    terminating = true;
    terminal = true;
    cleanUp();
  }

  async function writeStatus(): Promise<void> {
    if (forgotten) return;
    const view = (slot: Slot): ContainerView => ({
      spec: slot.spec, kind: slot.kind, ctx: contextOf(slot), image: slot.image ?? slot.spec.image ?? '',
      started: isStarted(slot), ready: isReady(slot),
    });
    const status = generatePodStatus({
      pod, initContainers: initSlots.map(view), containers: slots.map(view),
      sandboxReady: sandboxId !== undefined && !terminal, hostIP: d.node.internalIP,
      ...(podIP ? { podIP } : {}), startTime, terminating, terminal,
    }, d.clock.now());
    // UpdatePodStatus: a started container not known to be ready has its readiness probed now.
    for (const slot of allSlots) {
      if (!terminating && isStarted(slot) && !isReady(slot)) slot.probes.find((p) => p.type === 'Readiness')?.trigger();
    }
    finishIfTerminal(status.phase ?? '');
    const body = JSON.stringify(status);
    if (body === lastWritten) return;
    lastWritten = body;
    try {
      // A JSON patch replaces the status whole (a merge patch would read lastProbeTime: null as a deletion).
      await d.client.patch(podScope, pod.metadata?.name ?? '', 'application/json-patch+json', [{ op: 'add', path: '/status', value: status }], { subresource: 'status' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  requestSync();

  return {
    uid,
    update(next) {
      pod = next;
      requestSync();
    },
    forget() {
      forgotten = true;
      d.clock.cancel(retry);
      for (const slot of allSlots) {
        const id = slot.runs.at(-1);
        if (id && d.runtime.containerStatus(id)?.state === 'running') void d.runtime.stopContainer(id, 0);
      }
      cleanUp();
      finished = true;
    },
    containerId(name, previous) {
      const runs = allSlots.find((s) => s.spec.name === name)?.runs ?? [];
      return previous ? runs.at(-2) : runs.at(-1);
    },
    container: (name) => allSlots.find((s) => s.spec.name === name)?.actor.getSnapshot().context,
    containerExited,
    get finished() { return finished; },
  };
}
