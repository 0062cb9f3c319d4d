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
import { PullError, RuntimeError, type ContainerRuntime, type PulledImage } from '../runtime/index.ts';
import { containerMachine, POD_WORKER_BACKOFF_MS, type ContainerContext, type RestartPolicy } from './container.ts';
import { goDuration } from './duration.ts';
import { ContainerConfigError, expand, makeEnvironment, type EnvVar, type ObjectSource } from './envvars.ts';
import type { EventRecorder, EventType, ObjectReference } from './events.ts';
import type { IpAllocator } from './ipam.ts';
import type { NodeConfig } from './node.ts';
import { podFullName, type Pod, type PodContainer } from './pod.ts';
import { generatePodStatus } from './podstatus.ts';
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
  actor: ContainerActor;
  /** Runtime ids of this container's runs, newest last (logs --previous reads the one before). */
  runs: string[];
  /** The resolved image, as the status shows it. */
  image?: string;
  starting: boolean;
}

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

/** kubelet images: the pull policy the API defaulted, or its rule (Always for :latest or no tag). */
const pullPolicyOf = (c: PodContainer) => c.imagePullPolicy ?? (/:[^/]+$/.test(c.image ?? '') && !(c.image ?? '').endsWith(':latest') ? 'IfNotPresent' : 'Always');

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
  const slots: Slot[] = (pod.spec?.containers ?? []).map((spec) => {
    const actor = createActor(machine, {
      clock: d.clock,
      input: { name: spec.name, image: spec.image ?? '', restartPolicy: restartPolicyOf(pod), podFullName: fullName, now: d.clock.now() },
    });
    const slot: Slot = { spec, actor, runs: [], starting: false };
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
  });

  const podRef = (): ObjectReference => ({
    kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '', uid, apiVersion: 'v1', resourceVersion: pod.metadata?.resourceVersion,
  });
  const containerRef = (name: string): ObjectReference => ({ ...podRef(), fieldPath: `spec.containers{${name}}` });
  const event = (name: string | undefined, type: EventType, reason: string, message: string) =>
    d.recorder.event(name === undefined ? podRef() : containerRef(name), type, reason, message);

  // Events the kubelet records as a container enters a back-off (kuberuntime_manager.go doBackOff,
  // image_manager.go EnsureImageExists, kuberuntime_container.go startContainer's `Error: %v`).
  function onEntered(slot: Slot, ctx: ContainerContext): void {
    if (!('waiting' in ctx.state)) return;
    const { reason } = ctx.state.waiting;
    if (reason === 'CrashLoopBackOff') event(slot.spec.name, 'Warning', 'BackOff', `Back-off restarting failed container ${slot.spec.name} in pod ${fullName}`);
    if (reason === 'ImagePullBackOff') {
      event(slot.spec.name, 'Normal', 'BackOff', `Back-off pulling image "${slot.spec.image ?? ''}"`);
      event(slot.spec.name, 'Warning', 'Failed', 'Error: ImagePullBackOff');
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
    for (const slot of slots) {
      if (terminating || forgotten) return;
      if (slot.actor.getSnapshot().matches({ waiting: 'ContainerCreating' }) && !slot.starting) {
        slot.starting = true;
        try {
          await startContainer(slot);
        } finally {
          slot.starting = false;
        }
      }
    }
    await writeStatus();
  }

  function retryAfter(ms: number): void {
    d.clock.cancel(retry);
    retry = d.clock.after(ms, () => requestSync());
  }

  async function ensureImage(slot: Slot): Promise<PulledImage | undefined> {
    const image = slot.spec.image ?? '';
    const policy = pullPolicyOf(slot.spec);
    const present = d.runtime.imageStatus(image);
    if (present && policy !== 'Always') {
      event(slot.spec.name, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return present;
    }
    if (policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      event(slot.spec.name, 'Warning', 'ErrImageNeverPull', message);
      slot.actor.send({ type: 'container.createFailed', reason: 'ErrImageNeverPull', message });
      return undefined;
    }
    event(slot.spec.name, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const began = d.clock.now();
    try {
      const pulled = await d.runtime.pullImage(image);
      const took = goDuration(d.clock.now() - began);
      event(slot.spec.name, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${pulled.sizeBytes} bytes.`);
      return pulled;
    } catch (err) {
      if (!(err instanceof PullError)) throw err;
      event(slot.spec.name, 'Warning', 'Failed', `Failed to pull image "${image}": ${err.message}`);
      event(slot.spec.name, 'Warning', 'Failed', 'Error: ErrImagePull');
      slot.actor.send({ type: 'image.pullFailed', message: err.message });
      return undefined;
    }
  }

  async function startContainer(slot: Slot): Promise<void> {
    const { spec } = slot;
    const pulled = await ensureImage(slot);
    if (!pulled || terminating || forgotten) return;
    slot.image = pulled.image;
    let env: EnvVar[];
    try {
      env = await makeEnvironment(pod, spec, d.node, d.objects, await d.serviceEnv());
    } catch (err) {
      if (!(err instanceof ContainerConfigError)) throw err;
      event(spec.name, 'Warning', 'Failed', `Error: ${err.message}`);
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
      event(spec.name, 'Warning', 'Failed', `Error: ${err.message}`);
      slot.actor.send({ type: 'container.createFailed', reason: 'CreateContainerError', message: err.message });
      return;
    }
    slot.runs.push(id);
    event(spec.name, 'Normal', 'Created', `Created container: ${spec.name}`);
    try {
      d.runtime.startContainer(id);
    } catch (err) {
      if (!(err instanceof RuntimeError)) throw err;
      event(spec.name, 'Warning', 'Failed', `Error: ${err.message}`);
      slot.actor.send({ type: 'container.createFailed', reason: 'RunContainerError', message: err.message });
      return;
    }
    event(spec.name, 'Normal', 'Started', `Started container ${spec.name}`);
    const status = d.runtime.containerStatus(id);
    slot.actor.send({ type: 'container.started', containerID: id, imageID: status?.imageRef ?? pulled.imageRef, startedAt: status?.startedAt ?? d.clock.now() });
    // A program that exited the moment it started: its exit event came before the machine was running.
    if (status && d.runtime.containerStatus(id)?.state === 'exited') containerExited(id);
  }

  function containerExited(containerId: string): void {
    const slot = slots.find((s) => s.runs.at(-1) === containerId);
    const status = d.runtime.containerStatus(containerId);
    if (!slot || !status || status.state !== 'exited') return;
    if (!slot.actor.getSnapshot().matches('running') && !slot.actor.getSnapshot().matches('halted')) return;
    slot.actor.send({
      type: 'container.exited', exitCode: status.exitCode ?? 0, reason: status.reason ?? (status.exitCode ? 'Error' : 'Completed'),
      ...(status.message ? { message: status.message } : {}),
      startedAt: status.startedAt ?? status.createdAt, finishedAt: status.finishedAt ?? d.clock.now(), containerID: containerId,
    });
  }

  // pod_workers.go TerminatingPod + kuberuntime_container.go killContainersWithSyncResult.
  async function terminate(graceSeconds: number): Promise<void> {
    terminating = true;
    d.clock.cancel(retry);
    for (const slot of slots) slot.actor.send({ type: 'pod.terminating' });
    await writeStatus();
    const grace = Math.max(graceSeconds, MINIMUM_GRACE_PERIOD_SECONDS);
    await Promise.all(slots.map(async (slot) => {
      const id = slot.runs.at(-1);
      if (!id || d.runtime.containerStatus(id)?.state !== 'running') return;
      event(slot.spec.name, 'Normal', 'Killing', `Stopping container ${slot.spec.name}`);
      await d.runtime.stopContainer(id, grace);
      containerExited(id);
    }));
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
    for (const slot of slots) slot.actor.stop();
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
    const images = new Map(slots.map((s) => [s.spec.name, s.image ?? s.spec.image ?? '']));
    const status = generatePodStatus({
      pod, containers: slots.map((s) => s.actor.getSnapshot().context),
      sandboxReady: sandboxId !== undefined && !terminal, hostIP: d.node.internalIP,
      ...(podIP ? { podIP } : {}), startTime, terminating, terminal,
    }, images, d.clock.now());
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
      for (const slot of slots) {
        const id = slot.runs.at(-1);
        if (id && d.runtime.containerStatus(id)?.state === 'running') void d.runtime.stopContainer(id, 0);
      }
      cleanUp();
      finished = true;
    },
    containerId(name, previous) {
      const runs = slots.find((s) => s.spec.name === name)?.runs ?? [];
      return previous ? runs.at(-2) : runs.at(-1);
    },
    container: (name) => slots.find((s) => s.spec.name === name)?.actor.getSnapshot().context,
    containerExited,
    get finished() { return finished; },
  };
}
