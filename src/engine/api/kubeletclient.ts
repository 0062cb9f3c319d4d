// What the apiserver reaches on a node: the kubelet's streaming API (upstream: the apiserver's
// pkg/kubelet/client, which dials https://NODE:10250, and the kubelet's pkg/kubelet/server
// handlers /containerLogs, /exec and /attach). The pods' `log`, `exec` and `attach`
// subresources are proxied there; this room only declares the shape, the kubelet room serves
// it and the cluster room hands the apiserver a dialer, as a real apiserver finds each
// kubelet by its Node's address.

/** The container a streaming request is for. */
export interface ContainerRef {
  namespace: string;
  pod: string;
  /** The pod's uid: a kubelet refuses a request for a pod it does not run. */
  uid: string;
  container: string;
}

/** core/v1 PodLogOptions, as the kubelet receives them. */
export interface PodLogOptions {
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

/** A stream the reader may stop; `closed` settles when it ends, by `stop()` or at its end. */
export interface StreamHandle {
  stop(): void;
  readonly closed: Promise<void>;
}

/**
 * The streams of an exec or attach, as the client asked for them (the `stdin`, `stdout`,
 * `stderr` and `tty` query parameters). Output arrives through the callbacks.
 *
 * A container's streams are bytes; every chunk here (and `writeStdin`'s) is a string that
 * stands for bytes in one mapping, bytes.ts's: UTF-8, with a byte that is no part of valid
 * UTF-8 carried as the lone surrogate U+DC80+byte. Text is plain text, and binary (a tar
 * archive from `kubectl cp`) round-trips exactly; whoever turns chunks into bytes (a WebSocket,
 * a terminal) uses `encodeBytes` and `ByteDecoder`, never TextEncoder/TextDecoder, which would
 * replace such bytes with U+FFFD.
 */
export interface ExecStreams {
  stdin: boolean;
  tty: boolean;
  stdout?: (chunk: string) => void;
  /** Absent with a tty: a terminal has one output stream. */
  stderr?: (chunk: string) => void;
}

/** A running exec or attach. */
export interface ExecSession {
  writeStdin(chunk: string): void;
  /** End of the client's input (Ctrl-D, or stdin's end). */
  closeStdin(): void;
  /** The terminal's size changed (v5.channel.k8s.io's resize channel). */
  resize(width: number, height: number): void;
  /**
   * The client went away (its connection closed, Ctrl-C): an exec's processes are killed, an
   * attach is detached (the container runs on). Nothing more reaches the callbacks; `result`
   * still settles. Idempotent.
   */
  close(): void;
  /**
   * Settles when the session ends with the Status a real kubelet writes on the error channel:
   * `Success`, or a Failure with reason `NonZeroExitCode` and an `ExitCode` cause.
   */
  readonly result: Promise<ExecStatus>;
}

/**
 * The metav1.Status a kubelet writes on an exec's error channel when the command ends
 * (remotecommand v4+): `{status: 'Success'}`, or for a non-zero exit, e.g. `{status: 'Failure',
 * reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: ...',
 * details: {causes: [{reason: 'ExitCode', message: '3'}]}}`.
 */
export interface ExecStatus {
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/**
 * A kubelet's streaming server. Each method throws a KubeletError when the kubelet refuses
 * (an unknown container, a container that is not running): the apiserver relays its text.
 */
export interface KubeletConnection {
  /** The container's log: `onChunk` gets what is there now, then, with `follow`, each new line until the container stops or the reader does. */
  containerLogs(ref: ContainerRef, options: PodLogOptions, onChunk: (chunk: string) => void): Promise<StreamHandle>;
  exec(ref: ContainerRef, command: string[], streams: ExecStreams): Promise<ExecSession>;
  attach(ref: ContainerRef, streams: ExecStreams): Promise<ExecSession>;
  /** GET /stats/summary: what metrics-server scrapes. Absent on a kubelet that serves no stats (the scripted fake). */
  statsSummary?(): Promise<StatsSummary>;
}

// The kubelet's Summary API (pkg/kubelet/apis/stats/v1alpha1/types.go), the fields metrics-server
// and `kubectl get --raw /api/v1/nodes/NODE/proxy/stats/summary` readers use. Times are RFC 3339.

/** CPUStats: the rate now and the cumulative CPU time since the cgroup began. */
export interface CPUStats {
  time: string;
  usageNanoCores: number;
  usageCoreNanoSeconds: number;
}

/** MemoryStats: the working set is what the kubelet's eviction and metrics-server use. */
export interface MemoryStats {
  time: string;
  workingSetBytes: number;
  usageBytes: number;
  availableBytes?: number;
}

export interface ContainerStatsSummary {
  name: string;
  startTime: string;
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface PodStatsSummary {
  podRef: { name: string; namespace: string; uid: string };
  startTime: string;
  containers: ContainerStatsSummary[];
  cpu: CPUStats;
  memory: MemoryStats;
}

export interface StatsSummary {
  node: { nodeName: string; startTime: string; cpu: CPUStats; memory: MemoryStats };
  pods: PodStatsSummary[];
}

/** Finds the kubelet of a node, as the apiserver's KubeletClient does from the Node's address; undefined when it cannot be reached. */
export type KubeletDialer = (nodeName: string) => KubeletConnection | undefined;

/**
 * A kubelet's refusal, with the HTTP code and plain-text body its streaming.WriteError writes
 * (the apiserver relays both unchanged).
 */
export class KubeletError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'KubeletError';
  }
}
