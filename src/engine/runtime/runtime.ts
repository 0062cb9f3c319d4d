// The simulated containerd of one node: pulls from the image catalogue, runs pod sandboxes and
// their containers as programs on the virtual clock, keeps their logs, and serves exec and
// attach. Its errors carry containerd's and runc's texts, which the kubelet shows in events
// and statuses.
import { milliValue, parseQuantity, quantityValue, type ExecSession, type ExecStatus, type PodLogOptions, type StreamHandle } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import {
  PullError, RuntimeError,
  type ContainerConfig, type ContainerRuntime, type ContainerStats, type PodSandboxConfig, type PulledImage, type RuntimeContainerStatus,
} from './cri.ts';
import { ContainerFs } from './fs.ts';
import { findImage, imageRefOf, programsOf, type ImageDefinition } from './images.ts';
import { ContainerLog } from './logs.ts';
import { commandName, NO_NETWORK, ProcessGroup, type ContainerInfo, type HttpHandler, type NetworkHook, type PodNetworkAttachment, type Program, type Stdio } from './process.ts';
import { parseImageReference } from './reference.ts';
import { UsageMeter } from './usage.ts';

export interface RuntimeOptions {
  clock: Clock;
  /** A lesson's own images, found before the catalogue's. */
  images?: ImageDefinition[];
  network?: NetworkHook;
  /** Where sandboxes with an IP attach their listeners (the node's CNI plugin); none when absent. */
  podNetwork?: PodNetworkAttachment;
  /** Registry download speed in bytes per virtual second. */
  bandwidth?: number;
}

/** Input for a process: what exec or attach clients write, read in order; ends at close or kill. */
class InputQueue {
  private readonly chunks: string[] = [];
  private waiting: ((chunk: string | undefined) => void) | undefined;
  private closed = false;

  push(chunk: string): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(chunk);
    } else {
      this.chunks.push(chunk);
    }
  }

  close(): void {
    this.closed = true;
    this.waiting?.(undefined);
    this.waiting = undefined;
  }

  read = (): Promise<string | undefined> => {
    if (this.chunks.length) return Promise.resolve(this.chunks.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => { this.waiting = resolve; });
  };
}

interface Sandbox { id: string; config: PodSandboxConfig; listeners: Map<number, HttpHandler>; containers: Set<string> }

interface Container {
  status: RuntimeContainerStatus;
  sandbox: Sandbox;
  config: ContainerConfig;
  image: ImageDefinition;
  argv: string[];
  env: Map<string, string>;
  info: ContainerInfo;
  programs: Map<string, Program>;
  log: ContainerLog;
  group?: ProcessGroup;
  stdin?: InputQueue;
  /** Attached clients' output sinks. */
  attached: Set<{ stdout?: (c: string) => void; stderr?: (c: string) => void }>;
  exited: Promise<void>;
  markExited: () => void;
  /** The kernel's OOM killer ended it (memory.oom.group: the whole container). */
  oomKilled?: boolean;
}

/** A limit as a number (cores for cpu, bytes for memory), or undefined when unset or unreadable. */
function limitOf(limits: Record<string, string>, name: string): number | undefined {
  const text = limits[name];
  const parsed = text === undefined ? undefined : parseQuantity(text);
  if (!parsed?.ok) return undefined;
  return name === 'cpu' ? milliValue(parsed.value) / 1000 : quantityValue(parsed.value);
}

// containerd's oci.DefaultPathEnv (Linux).
const DEFAULT_PATH_ENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const GRPC_UNKNOWN = 'rpc error: code = Unknown desc = ';
const GRPC_NOT_FOUND = 'rpc error: code = NotFound desc = ';

export function createContainerRuntime(options: RuntimeOptions): ContainerRuntime {
  const { clock } = options;
  const network = options.network ?? NO_NETWORK;
  const bandwidth = options.bandwidth ?? 40 * 1024 * 1024;
  const images = new Map<string, PulledImage & { def: ImageDefinition }>();
  const pulls = new Map<string, Promise<PulledImage & { def: ImageDefinition }>>();
  const sandboxes = new Map<string, Sandbox>();
  const containers = new Map<string, Container>();
  const listeners = new Set<(event: { containerId: string; type: 'started' | 'exited' }) => void>();
  const emit = (containerId: string, type: 'started' | 'exited') => { for (const l of listeners) l({ containerId, type }); };

  const resolveImage = (image: string) => {
    const parsed = parseImageReference(image);
    if (!parsed.ok) throw new PullError(`${GRPC_UNKNOWN}failed to pull and unpack image "${image}": ${parsed.message}`);
    return parsed.value;
  };

  async function pull(image: string): Promise<PulledImage & { def: ImageDefinition }> {
    const ref = resolveImage(image);
    const name = ref.normalized;
    const def = findImage(ref, options.images);
    const resolveError = (reason: string) => `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${reason}`;
    // The registry answers after a round trip, found or not.
    await new Promise<void>((resolve) => clock.after(300, resolve));
    if (!def) {
      throw new PullError(ref.repository.startsWith('docker.io/')
        ? `${GRPC_UNKNOWN}${resolveError('pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed')}`
        : `${GRPC_NOT_FOUND}${resolveError(`${name}: not found`)}`);
    }
    if (!ref.digest && !def.hasTag(ref.tag)) throw new PullError(`${GRPC_NOT_FOUND}${resolveError(`${name}: not found`)}`);
    await new Promise<void>((resolve) => clock.after(Math.round((def.sizeBytes / bandwidth) * 1000), resolve));
    const pulled = { image: name, imageRef: imageRefOf(ref), sizeBytes: def.sizeBytes, def };
    images.set(name, pulled);
    return pulled;
  }

  function container(id: string): Container {
    const c = containers.get(id);
    if (!c) throw new RuntimeError(`${GRPC_NOT_FOUND}an error occurred when try to find container "${id}": not found`);
    return c;
  }

  /** The main process ended (or never started): record it, end its log and wake its waiters. */
  function exited(c: Container, exitCode: number, reason?: string, message?: string): void {
    if (c.status.state === 'exited') return;
    c.status = {
      ...c.status, state: 'exited', finishedAt: clock.now(), exitCode,
      reason: reason ?? (c.oomKilled ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error'), ...(message ? { message } : {}),
    };
    c.stdin?.close();
    c.log.end();
    c.markExited();
    emit(c.status.id, 'exited');
  }

  const outputTo = (c: Container, stream: 'stdout' | 'stderr') => (text: string) => {
    c.log.write(stream, text);
    for (const a of c.attached) (stream === 'stdout' || c.config.tty ? a.stdout : a.stderr)?.(text);
  };

  function execStatus(command: string[], code: number): ExecStatus {
    if (code === 0) return { status: 'Success' };
    return {
      status: 'Failure', reason: 'NonZeroExitCode',
      message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
      details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
    };
  }

  /**
   * The end of an exec that never started, as the CRI streaming server reports it
   * (cri/streaming/remotecommand/exec.go ServeExec): an InternalError on the error channel.
   */
  function execFailed(message: string): ExecSession {
    const cause = `error executing command in container: ${message}`;
    const result: ExecStatus = { status: 'Failure', reason: 'InternalError', message: `Internal error occurred: ${cause}`, details: { causes: [{ message: cause }] } };
    return { writeStdin: () => undefined, closeStdin: () => undefined, resize: () => undefined, close: () => undefined, result: Promise.resolve(result) };
  }

  /** The CRI's ContainerStats of a running container: its cgroup's reading now. */
  function statsOf(c: Container): ContainerStats {
    const sample = c.info.usage.sample();
    const { podName, namespace, podUid } = c.sandbox.config;
    return {
      attributes: {
        id: c.status.id, podSandboxId: c.sandbox.id, metadata: { name: c.config.name, attempt: c.config.attempt },
        labels: { 'io.kubernetes.container.name': c.config.name, 'io.kubernetes.pod.name': podName, 'io.kubernetes.pod.namespace': namespace, 'io.kubernetes.pod.uid': podUid },
      },
      cpu: { timestamp: sample.timestamp, usageCoreNanoSeconds: sample.usageCoreNanoSeconds, usageNanoCores: sample.usageNanoCores },
      memory: { timestamp: sample.timestamp, workingSetBytes: sample.workingSetBytes },
    };
  }

  return {
    pullImage(image) {
      const name = resolveImage(image).normalized;
      let pending = pulls.get(name);
      if (!pending) {
        pending = pull(image).finally(() => pulls.delete(name));
        pulls.set(name, pending);
      }
      return pending.then(({ image: i, imageRef, sizeBytes }) => ({ image: i, imageRef, sizeBytes }));
    },

    imageStatus(image) {
      const parsed = parseImageReference(image);
      const found = parsed.ok ? images.get(parsed.value.normalized) : undefined;
      return found ? { image: found.image, imageRef: found.imageRef, sizeBytes: found.sizeBytes } : undefined;
    },

    runPodSandbox(config) {
      const id = clock.rng.hex(64);
      const sandbox: Sandbox = { id, config, listeners: new Map(), containers: new Set() };
      sandboxes.set(id, sandbox);
      if (config.ip) options.podNetwork?.attach(config.ip, sandbox.listeners);
      return id;
    },

    removePodSandbox(sandboxId) {
      const sandbox = sandboxes.get(sandboxId);
      if (!sandbox) return;
      for (const id of sandbox.containers) {
        const c = containers.get(id);
        if (c?.status.state === 'running') c.group?.kill(137);
        containers.delete(id);
      }
      if (sandbox.config.ip) options.podNetwork?.detach(sandbox.config.ip);
      sandboxes.delete(sandboxId);
    },

    createContainer(sandboxId, config) {
      const sandbox = sandboxes.get(sandboxId);
      if (!sandbox) throw new RuntimeError(`${GRPC_NOT_FOUND}failed to get sandbox "${sandboxId}": not found`);
      const parsed = parseImageReference(config.image);
      const pulled = parsed.ok ? images.get(parsed.value.normalized) : undefined;
      if (!pulled) throw new RuntimeError(`${GRPC_NOT_FOUND}failed to get image "${config.image}": not found`);
      const def = pulled.def;
      // Docker's rule: `command` replaces ENTRYPOINT and drops CMD; `args` replaces CMD.
      const entrypoint = config.command.length ? config.command : def.entrypoint;
      const args = config.command.length || config.args.length ? config.args : def.cmd;
      const argv = [...entrypoint, ...args];
      if (!argv.length) throw new RuntimeError(`${GRPC_UNKNOWN}failed to generate container spec: no command specified`);
      // containerd's containerSpec: the default PATH (oci.WithDefaultPathEnv), HOSTNAME, then the
      // image's env and the container's; a name set again keeps its place (oci.WithEnv), so
      // `env` prints PATH, HOSTNAME, then the image's variables.
      const env = new Map<string, string>([['PATH', DEFAULT_PATH_ENV], ['HOSTNAME', sandbox.config.hostname]]);
      for (const [name, value] of Object.entries(def.env)) env.set(name, value);
      for (const { name, value } of config.env) env.set(name, value);
      if (!env.has('HOME')) env.set('HOME', '/root');
      const id = clock.rng.hex(64);
      const programs = programsOf(def);
      const fs = new ContainerFs({ ...def.files, ...sandbox.config.files }, config.mounts);
      let markExited!: () => void;
      // The container's cgroup. Past memory.max the OOM killer ends every process of the
      // container (the kubelet sets memory.oom.group on cgroup v2): exit 137, OOMKilled.
      const usage = new UsageMeter({
        clock, seed: id, cpuLimit: limitOf(config.limits, 'cpu'), memoryLimit: limitOf(config.limits, 'memory'),
        onOom: () => {
          c.oomKilled = true;
          c.group?.kill(137);
        },
      });
      const c: Container = {
        status: { id, name: config.name, attempt: config.attempt, state: 'created', image: pulled.image, imageRef: pulled.imageRef, createdAt: clock.now() },
        sandbox, config, image: def, argv, env, programs,
        info: { hostname: sandbox.config.hostname, fs, toolset: def.toolset, commands: new Set(programs.keys()), network, listeners: sandbox.listeners, limits: config.limits, usage },
        log: new ContainerLog(clock),
        attached: new Set(),
        exited: new Promise((resolve) => { markExited = resolve; }),
        markExited: () => markExited(),
      };
      containers.set(id, c);
      sandbox.containers.add(id);
      return id;
    },

    startContainer(containerId) {
      const c = container(containerId);
      if (c.status.state !== 'created') throw new RuntimeError(`${GRPC_UNKNOWN}container ${containerId} is not in created state`);
      const name = commandName(c.argv[0]!);
      if (!c.programs.has(name)) {
        const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${c.argv[0]}": executable file not found in $PATH: unknown`;
        c.status = { ...c.status, startedAt: clock.now() };
        exited(c, 128, 'StartError', message);
        throw new RuntimeError(`${GRPC_UNKNOWN}${message}`);
      }
      c.status = { ...c.status, state: 'running', startedAt: clock.now() };
      const group = new ProcessGroup(clock, c.info, (n) => c.programs.get(n), true);
      c.group = group;
      if (c.config.stdin) c.stdin = new InputQueue();
      const io: Stdio = {
        tty: c.config.tty,
        stdout: outputTo(c, 'stdout'),
        stderr: outputTo(c, 'stderr'),
        readStdin: c.stdin ? c.stdin.read : async () => undefined,
      };
      group.onKill(() => c.stdin?.close());
      emit(containerId, 'started');
      group.run(c.argv, new Map(c.env), c.config.workingDir || c.image.workingDir, io).then(
        (code) => exited(c, code),
        (err: unknown) => {
          // A program that throws is a simulation bug: the container dies as a crashed process would, and says why.
          c.log.write('stderr', `pilothouse: the simulated program crashed: ${err instanceof Error ? err.message : String(err)}\n`);
          exited(c, 139);
        },
      );
    },

    async stopContainer(containerId, timeoutSeconds) {
      const c = container(containerId);
      if (c.status.state === 'created') exited(c, 0);
      if (c.status.state !== 'running') return;
      if (timeoutSeconds <= 0) c.group?.kill(137);
      else {
        c.group?.terminate();
        const timer = clock.after(timeoutSeconds * 1000, () => c.group?.kill(137));
        void c.exited.then(() => clock.cancel(timer));
      }
      await c.exited;
    },

    removeContainer(containerId) {
      const c = containers.get(containerId);
      if (!c) return;
      if (c.status.state === 'running') c.group?.kill(137);
      c.sandbox.containers.delete(containerId);
      containers.delete(containerId);
    },

    containerStatus(containerId) {
      const c = containers.get(containerId);
      return c ? { ...c.status } : undefined;
    },

    listContainers(sandboxId) {
      return [...containers.values()].filter((c) => sandboxId === undefined || c.sandbox.id === sandboxId).map((c) => ({ ...c.status }));
    },

    containerStats(containerId) {
      const c = containers.get(containerId);
      return c?.status.state === 'running' ? statsOf(c) : undefined;
    },

    listContainerStats(sandboxId) {
      return [...containers.values()]
        .filter((c) => c.status.state === 'running' && (sandboxId === undefined || c.sandbox.id === sandboxId))
        .map(statsOf);
    },

    onContainerEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    readLogs(containerId: string, logOptions: PodLogOptions, onChunk: (chunk: string) => void): StreamHandle {
      return container(containerId).log.read(logOptions, onChunk);
    },

    exec(containerId, command, streams) {
      const c = container(containerId);
      if (c.status.state !== 'running') throw new RuntimeError(`${GRPC_UNKNOWN}container ${containerId} is not created or running`);
      const name = commandName(command[0] ?? '');
      // The streams are up before runc fails to start the process: the failure is the session's end.
      if (!c.programs.has(name)) {
        return execFailed(`failed to exec in container: failed to start exec "${clock.rng.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0] ?? ''}": executable file not found in $PATH: unknown`);
      }
      const input = streams.stdin ? new InputQueue() : undefined;
      const group = new ProcessGroup(clock, c.info, (n) => c.programs.get(n), false);
      group.onKill(() => input?.close());
      // The exec dies with its container.
      void c.exited.then(() => group.kill(137));
      let gone = false;
      const io: Stdio = {
        tty: streams.tty,
        stdout: (t) => { if (!gone) streams.stdout?.(t); },
        stderr: (t) => { if (!gone) (streams.tty ? streams.stdout : streams.stderr)?.(t); },
        readStdin: input ? input.read : async () => undefined,
      };
      const result = group.run(command, new Map(c.env), c.config.workingDir || c.image.workingDir, io).then((code) => execStatus(command, code));
      return {
        writeStdin: (chunk) => input?.push(chunk),
        closeStdin: () => input?.close(),
        resize: () => undefined,
        // The client went away. A real exec'd process may outlive its client (containerd keeps
        // it: kubernetes/kubernetes#89031); the simulation ends it as a hang-up would, SIGHUP,
        // so that nothing runs on unseen.
        close: () => {
          gone = true;
          group.kill(129);
        },
        result,
      };
    },

    sandboxListener(sandboxId, port) {
      return sandboxes.get(sandboxId)?.listeners.get(port);
    },

    attach(containerId, streams) {
      const c = container(containerId);
      if (c.status.state !== 'running') throw new RuntimeError(`${GRPC_UNKNOWN}container ${containerId} is not created or running`);
      const sink = { ...(streams.stdout ? { stdout: streams.stdout } : {}), ...(streams.stderr ? { stderr: streams.stderr } : {}) };
      c.attached.add(sink);
      let detach!: () => void;
      const detached = new Promise<void>((resolve) => { detach = resolve; });
      // Ends at the container's exit, or when the client detaches (the container runs on).
      const result = Promise.race([c.exited, detached]).then(() => {
        c.attached.delete(sink);
        return execStatus(c.argv, c.status.exitCode ?? 0);
      });
      const input = streams.stdin ? c.stdin : undefined;
      // Detaching closes the container's stdin only with stdinOnce (kubectl run -i --rm).
      const closeStdin = () => { if (c.config.stdinOnce) input?.close(); };
      return {
        writeStdin: (chunk) => input?.push(chunk),
        closeStdin,
        resize: () => undefined,
        close: () => {
          c.attached.delete(sink);
          closeStdin();
          detach();
        },
        result,
      };
    },
  };
}
