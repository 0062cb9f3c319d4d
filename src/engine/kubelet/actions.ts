// Which containers a sync starts, in the order kuberuntime_manager.go computePodActions (and
// computeInitContainerActions, with SidecarContainers on as in v1.33) starts them: init
// containers one at a time, each after the one before it has exited 0, or, for a sidecar
// (restartPolicy Always), has started and passed its startup probe; then every regular
// container and sidecar at once. Once a regular container has run the pod stays initialized:
// regular init containers never run again, sidecars are restarted like any container.

export type ContainerKind = 'init' | 'sidecar' | 'regular';

/** What the decision needs to know of one container. */
export interface ContainerFacts {
  kind: ContainerKind;
  /** Its machine waits in ContainerCreating and no start is under way: it may be started now. */
  startable: boolean;
  /** It exited 0 (a regular init container's success). */
  succeeded: boolean;
  /** It runs and its startup probe has passed (a sidecar's success). */
  started: boolean;
  /** It has ever been started (a regular container that did means the pod was initialized). */
  everRan: boolean;
}

/** An init container is done once it exited 0, a sidecar once it runs and has started. */
const initDone = (c: ContainerFacts) => (c.kind === 'sidecar' ? c.started : c.succeeded);

/** Whether initialization is over: every init container done, or a regular container has run. */
export function initialized(init: ContainerFacts[], regular: ContainerFacts[]): boolean {
  return regular.some((c) => c.everRan) || init.every(initDone);
}

/** Indexes to start now: `init` ones refer to init containers, `regular` ones to regular containers. */
export function containersToStart(init: ContainerFacts[], regular: ContainerFacts[]): { init: number[]; regular: number[] } {
  if (!initialized(init, regular)) {
    const next = init.findIndex((c) => !initDone(c));
    return { init: next >= 0 && init[next]!.startable ? [next] : [], regular: [] };
  }
  const indexes = (list: ContainerFacts[], keep: (c: ContainerFacts) => boolean) =>
    list.flatMap((c, i) => (keep(c) ? [i] : []));
  return {
    init: indexes(init, (c) => c.kind === 'sidecar' && c.startable),
    regular: indexes(regular, (c) => c.startable),
  };
}
