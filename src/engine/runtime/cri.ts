// The simulated container runtime's face, shaped after the CRI (k8s.io/cri-api
// pkg/apis/runtime/v1: RuntimeService and ImageService) that the kubelet drives containerd
// through. One runtime runs per node, on the cluster's virtual clock. The kubelet resolves
// everything that needs the API first (env from ConfigMaps and Secrets, volume contents,
// the service-account token) and hands the runtime plain values, as a real kubelet does.
import type { ExecSession, ExecStreams, PodLogOptions, StreamHandle } from '../api/index.ts';
import type { HttpHandler } from './process.ts';

/** RunPodSandbox's config: the pod's network namespace and hostname. */
export interface PodSandboxConfig {
  podUid: string;
  podName: string;
  namespace: string;
  /** The pod's hostname: spec.hostname, else the pod name (truncated to 63 characters). */
  hostname: string;
  /** The pod IP the kubelet allocated: where the sandbox's listeners join the pod network. */
  ip?: string;
  /**
   * Files the sandbox gives every container of the pod, by absolute path: the kubelet's
   * managed /etc/hosts, the pod's /etc/resolv.conf and /etc/hostname.
   */
  files: Record<string, string>;
}

/** Files a volume mount shows inside the container: relative path → content. */
export interface Mount {
  /** Absolute path in the container, e.g. `/etc/config`. */
  containerPath: string;
  files: Record<string, string>;
  readOnly: boolean;
}

/** CreateContainer's config, resolved by the kubelet. */
export interface ContainerConfig {
  /** The container's name in the pod spec. */
  name: string;
  /** How many times this container has been restarted (the CRI's metadata.attempt). */
  attempt: number;
  image: string;
  /** spec.containers[].command: replaces the image's ENTRYPOINT when set. */
  command: string[];
  /** spec.containers[].args: replaces the image's CMD when set. */
  args: string[];
  /** The final environment, in order (the kubelet has expanded $(VAR) references). */
  env: { name: string; value: string }[];
  workingDir?: string;
  mounts: Mount[];
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  /** Resource limits as quantities (`memory: 128Mi`, `nvidia.com/gpu: 1`): what a program may use. */
  limits: Record<string, string>;
}

export type ContainerState = 'created' | 'running' | 'exited';

/** ContainerStatus, as the runtime reports it: enough for the kubelet's pod status. */
export interface RuntimeContainerStatus {
  id: string;
  name: string;
  attempt: number;
  state: ContainerState;
  image: string;
  /** `docker.io/library/nginx@sha256:...`: the status's imageID. */
  imageRef: string;
  /** Virtual-clock milliseconds. */
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** `Completed`, `Error` or `OOMKilled` once exited (containerd's reasons). */
  reason?: string;
  message?: string;
}

/**
 * ContainerStats (k8s.io/cri-api runtime/v1 ContainerStats): what ListContainerStats answers
 * for a running container. The labels are the ones the kubelet puts on every container it
 * creates (pkg/kubelet/kuberuntime/labels.go), which is how its stats provider finds the pod.
 */
export interface ContainerStats {
  attributes: {
    id: string;
    podSandboxId: string;
    metadata: { name: string; attempt: number };
    labels: Record<string, string>;
  };
  /** Virtual-clock milliseconds; cumulative core-nanoseconds since the container started. */
  cpu: { timestamp: number; usageCoreNanoSeconds: number; usageNanoCores: number };
  memory: { timestamp: number; workingSetBytes: number };
}

/** What PullImage answers. */
export interface PulledImage {
  /** The resolved reference, `docker.io/library/nginx:1.27`. */
  image: string;
  imageRef: string;
  sizeBytes: number;
}

/**
 * A pull the registry refuses: the runtime's own error text, which the kubelet puts in the
 * ErrImagePull waiting message and the `Failed` event.
 */
export class PullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PullError';
  }
}

/** A container the runtime cannot create or start (CreateContainerError, RunContainerError): the runtime's text. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

export interface ContainerRuntime {
  /** ImageService.PullImage: settles after the simulated download. Throws PullError. */
  pullImage(image: string): Promise<PulledImage>;
  /** ImageService.ImageStatus: the image when this node already has it. */
  imageStatus(image: string): PulledImage | undefined;

  /** RuntimeService.RunPodSandbox: the pod's sandbox id. */
  runPodSandbox(config: PodSandboxConfig): string;
  /** Stops every container of the sandbox (killed at once) and removes the sandbox. */
  removePodSandbox(sandboxId: string): void;

  /** RuntimeService.CreateContainer; throws RuntimeError. The image must have been pulled. */
  createContainer(sandboxId: string, config: ContainerConfig): string;
  /** Starts the container's program. Throws RuntimeError (e.g. its executable is not in the image). */
  startContainer(containerId: string): void;
  /**
   * Sends SIGTERM, and SIGKILL after `timeoutSeconds` if the program has not exited; settles
   * when the container has exited.
   */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  removeContainer(containerId: string): void;
  containerStatus(containerId: string): RuntimeContainerStatus | undefined;
  listContainers(sandboxId?: string): RuntimeContainerStatus[];
  /** RuntimeService.ContainerStats: undefined unless the container is running. */
  containerStats(containerId: string): ContainerStats | undefined;
  /** RuntimeService.ListContainerStats: the running containers' stats, of one sandbox or all. */
  listContainerStats(sandboxId?: string): ContainerStats[];
  /** Container lifecycle events (the CRI's container events, which the kubelet's evented PLEG reads). */
  onContainerEvent(listener: (event: { containerId: string; type: 'started' | 'exited' }) => void): () => void;

  /** The container's log as the kubelet reads it (CRI log files; kept after exit until removal). */
  readLogs(containerId: string, options: PodLogOptions, onChunk: (chunk: string) => void): StreamHandle;
  /** RuntimeService.Exec: runs a command in the running container. Throws RuntimeError. */
  exec(containerId: string, command: string[], streams: ExecStreams): ExecSession;
  /** RuntimeService.Attach: the streams of the container's main process. */
  attach(containerId: string, streams: ExecStreams): ExecSession;
  /**
   * What answers a connection to `port` in the sandbox's network namespace, or undefined when
   * nothing listens there (a dial is refused). The kubelet's httpGet and tcpSocket probes and
   * hooks dial the pod IP from the node; this is that dial.
   */
  sandboxListener(sandboxId: string, port: number): HttpHandler | undefined;
}
