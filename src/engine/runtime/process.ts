// Processes inside a simulated container. A program is an async function on the virtual
// clock: it writes to its streams, sleeps, reads stdin and returns its exit code. The
// processes of one container (its main process and every exec) share the container's
// filesystem; a kill ends every pending sleep of the process with `Killed`, which unwinds the
// program wherever it waits.
import type { Clock, TimerHandle } from '../clock/index.ts';
import type { HttpHandler, NetworkHook } from '../network/index.ts';
import type { ContainerFs } from './fs.ts';
import { Mi, type ResourceDemand, type UsageMeter } from './usage.ts';

// The network's shapes, for the runtime's files (the network room defines them).
export type { DnsQuestion, DnsRecord, DnsReply, DnsType, HttpHandler, HttpRequest, HttpResult, NetworkHook, PodNetworkAttachment } from '../network/index.ts';

/** Thrown out of a killed process's pending waits; its exit code is 128 + the signal. */
export class Killed extends Error {
  constructor(readonly exitCode: number) {
    super(`killed (exit ${exitCode})`);
    this.name = 'Killed';
  }
}

/** Thrown by `exit` inside a program (the shell's `exit N`, a program that calls exit). */
export class Exit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'Exit';
  }
}

/** Where a process's bytes go and come from. */
export interface Stdio {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The next chunk of input, or undefined at its end. */
  readStdin(): Promise<string | undefined>;
  /** Whether stdin/stdout is a terminal (an exec with -t, a container with tty: true). */
  tty: boolean;
}

/** The network of a cluster that has none yet: no DNS server answers, and no other address does. */
export const NO_NETWORK: NetworkHook = {
  async resolve() { return undefined; },
  async request() { return { ok: false, error: 'timeout' }; },
};

/** What an image's toolset looks like to the programs inside it. */
export type Toolset = 'busybox' | 'gnu';

/** The container a process runs in: its fixed facts. */
export interface ContainerInfo {
  hostname: string;
  fs: ContainerFs;
  toolset: Toolset;
  /** Command names on PATH in this image (`sh`, `ls`, `nginx` ...). */
  commands: ReadonlySet<string>;
  network: NetworkHook;
  /** The pod's listening ports (shared by its containers, as their network namespace is). */
  listeners: Map<number, HttpHandler>;
  limits: Record<string, string>;
  /** The container's cgroup: what its processes use. */
  usage: UsageMeter;
}

export interface ProcessContext {
  readonly argv: string[];
  readonly env: Map<string, string>;
  cwd: string;
  readonly io: Stdio;
  readonly container: ContainerInfo;
  readonly clock: Clock;
  /** Waits on the virtual clock; throws Killed if the process is killed meanwhile. */
  sleep(ms: number): Promise<void>;
  /** Installs (or with undefined, removes) the handler of SIGTERM (the shell's `trap`). */
  onTerm(handler: (() => void) | undefined): void;
  /** Ends the whole process group with `exitCode` (a trap's `exit`). */
  exit(exitCode: number): void;
  /** Says what this process uses from now on (CPU cores, working set bytes). */
  use(demand: ResourceDemand): void;
  /** Runs a command of this image as a child process; resolves its exit code (127 when it is not on PATH: the caller prints the shell's message). */
  spawn(argv: string[], io: Stdio, env?: Map<string, string>): Promise<number>;
}

export type Program = (ctx: ProcessContext) => Promise<number>;

/** Core-nanoseconds a fork and exec take. */
const SPAWN_CPU_NS = [400_000, 1_200_000] as const;

/** What a process that says nothing uses: no CPU, and the resident pages of a small binary (busybox's are smaller). */
const IDLE_PROCESS: Record<Toolset, ResourceDemand> = {
  busybox: { cpu: 0, memory: [0.2 * Mi, 0.3 * Mi] },
  gnu: { cpu: 0, memory: [0.5 * Mi, 0.9 * Mi] },
};

/**
 * A process group: a container's main process or one exec, with everything it spawns.
 * Signals go to the group. A group leader that is PID 1 (the container's main process)
 * ignores SIGTERM unless it installed a handler, as the kernel does for init.
 */
export class ProcessGroup {
  private readonly waits = new Map<TimerHandle, (err: Killed) => void>();
  private termHandler: (() => void) | undefined;
  private killedWith: number | undefined;
  private readonly killListeners: ((exitCode: number) => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly container: ContainerInfo,
    private readonly programs: (name: string) => Program | undefined,
    private readonly pid1: boolean,
  ) {}

  get killed(): boolean {
    return this.killedWith !== undefined;
  }

  /** Starts the group's first process; settles with its exit code (128+signal when killed). */
  async run(argv: string[], env: Map<string, string>, cwd: string, io: Stdio): Promise<number> {
    try {
      return await this.spawn(argv, io, env, cwd);
    } catch (err) {
      if (err instanceof Killed) return err.exitCode;
      if (err instanceof Exit) return err.exitCode;
      throw err;
    }
  }

  /** SIGTERM: the handler runs; without one, PID 1 ignores it and any other process dies (143). */
  terminate(): void {
    if (this.killed) return;
    if (this.termHandler) this.termHandler();
    else if (!this.pid1) this.kill(143);
  }

  /** SIGKILL (137), or another fatal end with its exit code. */
  kill(exitCode = 137): void {
    if (this.killed) return;
    this.killedWith = exitCode;
    for (const [handle, reject] of this.waits) {
      this.clock.cancel(handle);
      reject(new Killed(exitCode));
    }
    this.waits.clear();
    for (const listener of this.killListeners) listener(exitCode);
  }

  /** Runs `listener` when the group is killed (a pending stdin read ends then). */
  onKill(listener: (exitCode: number) => void): void {
    this.killListeners.push(listener);
  }

  private spawn(argv: string[], io: Stdio, env: Map<string, string>, cwd: string): Promise<number> {
    if (this.killedWith !== undefined) return Promise.reject(new Killed(this.killedWith));
    const name = commandName(argv[0] ?? '');
    const program = this.container.commands.has(name) ? this.programs(name) : undefined;
    if (!program) return Promise.resolve(127);
    // A fork and exec costs about a millisecond of CPU; an idle process holds a little memory.
    const usage = this.container.usage;
    usage.charge(SPAWN_CPU_NS);
    const metered = usage.process(IDLE_PROCESS[this.container.toolset]);
    const ctx: ProcessContext = {
      argv, env, cwd, io, container: this.container, clock: this.clock,
      sleep: (ms) => this.sleep(ms),
      onTerm: (handler) => { this.termHandler = handler; },
      exit: (exitCode) => this.kill(exitCode),
      spawn: (childArgv, childIo, childEnv) => this.spawn(childArgv, childIo, new Map(childEnv ?? ctx.env), ctx.cwd),
      use: (demand) => metered.use(demand),
    };
    return program(ctx).finally(() => metered.release());
  }

  private sleep(ms: number): Promise<void> {
    if (this.killedWith !== undefined) return Promise.reject(new Killed(this.killedWith));
    return new Promise((resolve, reject) => {
      const handle = this.clock.after(Math.max(0, ms), () => {
        this.waits.delete(handle);
        resolve();
      });
      this.waits.set(handle, reject);
    });
  }
}

/** `/usr/bin/env` → `env`: PATH lookup by basename (every image keeps its tools on PATH). */
export function commandName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
