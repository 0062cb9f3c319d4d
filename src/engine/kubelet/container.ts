// One container of a pod, as the kubelet tracks it: waiting (by reason), running, terminated,
// with its restart count, its previous termination and its two back-offs. Models what
// pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions, doBackOff) and
// pkg/kubelet/images/image_manager.go decide for one container, as an xstate machine (STYLE.md
// §4): the pod worker does the runtime calls and sends what happened; the machine decides what
// the container waits for next, and its delays run on the virtual clock.
//
// Back-off is client-go's flowcontrol.Backoff (util/flowcontrol/backoff.go) keyed by the
// container: the first crash restarts at once and records a 10 s entry; a crash while that
// entry is live waits it out (CrashLoopBackOff), then doubles it, up to 300 s; an entry not
// updated for 2 × 300 s is forgotten. Image pulls back off the same way (10 s → 300 s).
import { and, assign, setup } from 'xstate';
import { goDuration } from './duration.ts';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
/** How long after a failed sync the pod worker tries again (kubelet.go backOffPeriod). */
export const POD_WORKER_BACKOFF_MS = 10_000;

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** core/v1 ContainerStateTerminated. */
export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

/** core/v1 ContainerState, with times as virtual milliseconds. */
export type State =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: number } }
  | { terminated: Terminated };

interface Backoff { ms: number; lastUpdate: number }

export interface ContainerContext {
  name: string;
  /** The image as the spec names it, for image back-off messages. */
  image: string;
  restartPolicy: RestartPolicy;
  /** format.Pod: `name_namespace(uid)`, for back-off messages. */
  podFullName: string;
  restartCount: number;
  state: State;
  lastState?: Terminated;
  containerID?: string;
  imageID?: string;
  crashBackoff?: Backoff;
  pullBackoff?: Backoff;
  /** The pod is being deleted: nothing restarts any more. */
  terminating: boolean;
}

export type ContainerEvent =
  | { type: 'config.failed'; message: string }
  | { type: 'image.pullFailed'; message: string }
  | { type: 'container.createFailed'; reason: 'CreateContainerError' | 'RunContainerError' | 'ErrImageNeverPull'; message: string }
  | { type: 'container.started'; containerID: string; imageID: string; startedAt: number }
  | { type: 'container.exited'; exitCode: number; reason: string; message?: string; startedAt: number; finishedAt: number; containerID: string }
  | { type: 'pod.terminating' };

export interface ContainerInput { name: string; image: string; restartPolicy: RestartPolicy; podFullName: string; now: number }

/** Backoff.Next: a fresh entry (none, or forgotten after 2 × max), else double up to max. */
export function nextBackoff(entry: Backoff | undefined, now: number): Backoff {
  if (!entry || now - entry.lastUpdate > 2 * MAX_BACKOFF_MS) return { ms: INITIAL_BACKOFF_MS, lastUpdate: now };
  return { ms: Math.min(entry.ms * 2, MAX_BACKOFF_MS), lastUpdate: now };
}

/** Backoff.IsInBackOffSince(key, eventTime) at eventTime itself: a live entry means wait. */
const inBackoff = (entry: Backoff | undefined, eventTime: number) => entry !== undefined && eventTime - entry.lastUpdate <= 2 * MAX_BACKOFF_MS;

type Exited = Extract<ContainerEvent, { type: 'container.exited' }>;
const terminatedOf = (e: Exited): Terminated => ({
  exitCode: e.exitCode, reason: e.reason, startedAt: e.startedAt, finishedAt: e.finishedAt, containerID: e.containerID,
  ...(e.message ? { message: e.message } : {}),
});

/** Made per pod worker: `now` reads the clock the actor runs on. */
export function containerMachine(now: () => number) {
  return setup({
    types: { context: {} as ContainerContext, events: {} as ContainerEvent, input: {} as ContainerInput },
    guards: {
      restartPolicyAllowsRestart: ({ context, event }) =>
        !context.terminating && event.type === 'container.exited'
        && (context.restartPolicy === 'Always' || (context.restartPolicy === 'OnFailure' && event.exitCode !== 0)),
      crashBackoffLive: ({ context, event }) => event.type === 'container.exited' && inBackoff(context.crashBackoff, event.finishedAt),
      pullBackoffLeft: ({ context }) => context.pullBackoff !== undefined && context.pullBackoff.ms > POD_WORKER_BACKOFF_MS,
    },
    actions: {
      markCreating: assign({ state: () => ({ waiting: { reason: 'ContainerCreating' } }) }),
      markConfigError: assign({ state: ({ event }) => ({ waiting: { reason: 'CreateContainerConfigError', message: (event as { message: string }).message } }) }),
      markCreateFailed: assign({ state: ({ event }) => {
        const e = event as Extract<ContainerEvent, { type: 'container.createFailed' }>;
        return { waiting: { reason: e.reason, message: e.message } };
      } }),
      markErrImagePull: assign({
        state: ({ event }) => ({ waiting: { reason: 'ErrImagePull', message: (event as { message: string }).message } }),
        pullBackoff: ({ context }) => nextBackoff(context.pullBackoff, now()),
      }),
      // image_manager.go: `Back-off pulling image %q` plus the last pull error (PR #127918).
      markImagePullBackOff: assign({ state: ({ context }) => {
        const last = 'waiting' in context.state ? context.state.waiting.message : undefined;
        return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${context.image}"${last ? `: ErrImagePull: ${last}` : ''}` } };
      } }),
      markRunning: assign(({ event }) => {
        const e = event as Extract<ContainerEvent, { type: 'container.started' }>;
        return { state: { running: { startedAt: e.startedAt } }, containerID: e.containerID, imageID: e.imageID };
      }),
      markTerminated: assign({ state: ({ event }) => ({ terminated: terminatedOf(event as Exited) }) }),
      // A restart: the previous run becomes lastState, and restartCount counts it.
      restartNow: assign(({ context, event }) => ({
        lastState: terminatedOf(event as Exited),
        restartCount: context.restartCount + 1,
        crashBackoff: nextBackoff(context.crashBackoff, now()),
        state: { waiting: { reason: 'ContainerCreating' } } as State,
      })),
      enterCrashLoopBackOff: assign(({ context, event }) => ({
        lastState: terminatedOf(event as Exited),
        state: { waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(context.crashBackoff!.ms)} restarting failed container=${context.name} pod=${context.podFullName}`,
        } } as State,
      })),
      restartAfterBackoff: assign(({ context }) => ({
        restartCount: context.restartCount + 1,
        crashBackoff: nextBackoff(context.crashBackoff, now()),
        state: { waiting: { reason: 'ContainerCreating' } } as State,
      })),
      markTerminating: assign({ terminating: true }),
    },
    delays: {
      // Measured from the exit, which is when the machine enters CrashLoopBackOff.
      crashLoopBackOff: ({ context }) => context.crashBackoff?.ms ?? INITIAL_BACKOFF_MS,
      podWorkerBackOff: POD_WORKER_BACKOFF_MS,
      imagePullBackOffRemaining: ({ context }) => (context.pullBackoff?.ms ?? INITIAL_BACKOFF_MS) - POD_WORKER_BACKOFF_MS,
    },
  }).createMachine({
    id: 'container',
    context: ({ input }) => ({
      name: input.name, image: input.image, restartPolicy: input.restartPolicy, podFullName: input.podFullName,
      restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } }, terminating: false,
    }),
    initial: 'waiting',
    on: { 'pod.terminating': { target: '.halted', actions: 'markTerminating' } },
    states: {
      waiting: {
        initial: 'ContainerCreating',
        states: {
          ContainerCreating: {
            on: {
              'config.failed': { target: 'CreateContainerConfigError', actions: 'markConfigError' },
              'image.pullFailed': { target: 'ErrImagePull', actions: 'markErrImagePull' },
              'container.createFailed': { target: 'CreateContainerError', actions: 'markCreateFailed' },
              'container.started': { target: '#container.running', actions: 'markRunning' },
            },
          },
          // The pod worker syncs again after its back-off and tries once more.
          CreateContainerConfigError: { after: { podWorkerBackOff: { target: 'ContainerCreating', actions: 'markCreating' } } },
          CreateContainerError: { after: { podWorkerBackOff: { target: 'ContainerCreating', actions: 'markCreating' } } },
          // The next sync finds the pull still backing off (ImagePullBackOff) unless the
          // back-off was only one sync long; the pull is tried again when it runs out.
          ErrImagePull: {
            after: {
              podWorkerBackOff: [
                { guard: 'pullBackoffLeft', target: 'ImagePullBackOff', actions: 'markImagePullBackOff' },
                { target: 'ContainerCreating', actions: 'markCreating' },
              ],
            },
          },
          ImagePullBackOff: { after: { imagePullBackOffRemaining: { target: 'ContainerCreating', actions: 'markCreating' } } },
          CrashLoopBackOff: { after: { crashLoopBackOff: { target: 'ContainerCreating', actions: 'restartAfterBackoff' } } },
        },
      },
      running: {
        on: {
          'container.exited': [
            { guard: and(['restartPolicyAllowsRestart', 'crashBackoffLive']), target: '#container.waiting.CrashLoopBackOff', actions: 'enterCrashLoopBackOff' },
            { guard: 'restartPolicyAllowsRestart', target: '#container.waiting.ContainerCreating', actions: 'restartNow' },
            { target: 'terminated', actions: 'markTerminated' },
          ],
        },
      },
      terminated: {},
      // The pod is going away: no timer restarts anything. A running container's exit still lands.
      halted: {
        on: { 'container.exited': { target: 'terminated', actions: 'markTerminated' } },
      },
    },
  });
}
