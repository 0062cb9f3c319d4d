// The kubelet's streaming server (pkg/kubelet/server/server.go getContainerLogs,
// getExec, getAttach): finds the container it runs for the pod and hands the request to the
// runtime. Refusals carry the kubelet's texts: pkg/kubelet/kubelet_pods.go
// validateContainerLogStatus for logs (400, as the server writes them), findContainer's
// "container not found" for exec (GetExec) and attach (GetAttach) (500, as
// streaming.WriteError writes them).
import { KubeletError, type ContainerRef, type KubeletConnection } from '../api/index.ts';
import { RuntimeError, type ContainerRuntime } from '../runtime/index.ts';
import type { PodWorker } from './podworker.ts';

export function createStreamingServer(runtime: ContainerRuntime, workerFor: (uid: string) => PodWorker | undefined): KubeletConnection {
  const q = (s: string) => JSON.stringify(s);

  const podWorker = (ref: ContainerRef) => {
    const worker = workerFor(ref.uid);
    if (!worker) throw new KubeletError(404, `pod ${q(ref.pod)} does not exist`);
    return worker;
  };

  /** The id of the container run whose log to read, or the kubelet's reason there is none. */
  function logContainerId(worker: PodWorker, ref: ContainerRef, previous: boolean): string {
    const { container, pod } = ref;
    const c = worker.container(container);
    if (!c) throw new KubeletError(400, `container ${q(container)} in pod ${q(pod)} is not available`);
    if (previous) {
      const id = c.lastState?.containerID;
      if (!id) throw new KubeletError(400, `previous terminated container ${q(container)} in pod ${q(pod)} not found`);
      return id;
    }
    if ('running' in c.state) return c.containerID!;
    if ('terminated' in c.state) return c.state.terminated.containerID;
    if (c.lastState) return c.lastState.containerID;
    switch (c.state.waiting.reason) {
      case 'ErrImagePull': throw new KubeletError(400, `container ${q(container)} in pod ${q(pod)} is waiting to start: image can't be pulled`);
      case 'ImagePullBackOff': throw new KubeletError(400, `container ${q(container)} in pod ${q(pod)} is waiting to start: trying and failing to pull image`);
      default: throw new KubeletError(400, `container ${q(container)} in pod ${q(pod)} is waiting to start: ${c.state.waiting.reason}`);
    }
  }

  /** findContainer: only a running container can be exec'd into or attached to. */
  function runningContainerId(worker: PodWorker, container: string): string | undefined {
    const id = worker.containerId(container, false);
    return id && runtime.containerStatus(id)?.state === 'running' ? id : undefined;
  }

  // The runtime's refusal (a command not found in the image ...) reaches the client as the
  // kubelet's 500 with the runtime's text.
  const relay = <T>(call: () => T): T => {
    try {
      return call();
    } catch (err) {
      if (err instanceof RuntimeError) throw new KubeletError(500, err.message);
      throw err;
    }
  };

  return {
    async containerLogs(ref, options, onChunk) {
      const id = logContainerId(podWorker(ref), ref, options.previous === true);
      return runtime.readLogs(id, options, onChunk);
    },
    async exec(ref, command, streams) {
      const id = runningContainerId(podWorker(ref), ref.container);
      if (!id) throw new KubeletError(500, `container not found (${q(ref.container)})`);
      return relay(() => runtime.exec(id, command, streams));
    },
    async attach(ref, streams) {
      const id = runningContainerId(podWorker(ref), ref.container);
      if (!id) throw new KubeletError(500, `container ${ref.container} not found in pod ${ref.pod}_${ref.namespace}`);
      return relay(() => runtime.attach(id, streams));
    },
  };
}
