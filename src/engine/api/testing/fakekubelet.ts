// A scripted kubelet for the tests of the rooms above the apiserver (client, serve, kubectl):
// containers with a log a test appends to, and a few exec programs (`env`, `echo`, `cat`,
// `sh -c 'exit N'`), answering as the KubeletConnection contract says (KubeletError for a
// refusal, the error channel's Status at the end of an exec). The real kubelet and runtime
// live in src/engine/kubelet and src/engine/runtime; this one only has to be predictable.
import {
  KubeletError, type ContainerRef, type ExecSession, type ExecStatus, type ExecStreams, type KubeletConnection, type PodLogOptions, type StreamHandle,
} from '../kubeletclient.ts';

/** One container the fake runs; the key is `namespace/pod/container`. */
export interface FakeContainer {
  /** Log lines without their newline; `timestamps` prefixes each with `time`. */
  log: { time: string; text: string }[];
  /** The previous instance's log; undefined when the container never restarted. */
  previous?: { time: string; text: string }[];
  env: Record<string, string>;
}

export interface FakeKubelet extends KubeletConnection {
  /** Adds a container (replacing one of the same key). */
  run(ref: Omit<ContainerRef, 'uid'>, container?: Partial<FakeContainer>): void;
  /** Appends a log line and hands it to every follower. */
  appendLog(ref: Omit<ContainerRef, 'uid'>, text: string, time?: string): void;
  /** The container exits: every follower's stream ends. */
  exit(ref: Omit<ContainerRef, 'uid'>): void;
  /** Streams open now (follows and sessions), so tests can check nothing leaks. */
  readonly open: number;
}

const keyOf = (ref: Omit<ContainerRef, 'uid'>) => `${ref.namespace}/${ref.pod}/${ref.container}`;
const EPOCH = '2025-01-01T00:00:00.000000000Z';

/** A fake kubelet; `dial` it from an ApiServerOptions.kubelets dialer. */
export function createFakeKubelet(): FakeKubelet {
  const containers = new Map<string, FakeContainer>();
  const followers = new Map<string, Set<{ write: (line: string) => void; end: () => void }>>();
  let open = 0;

  const find = (ref: ContainerRef): FakeContainer => {
    const c = containers.get(keyOf(ref));
    // kubelet_pods.go validateContainerLogStatus for a container it has no status of.
    if (!c) throw new KubeletError(400, `container ${JSON.stringify(ref.container)} in pod ${JSON.stringify(ref.pod)} is not available`);
    return c;
  };

  const opened = (): (() => void) => {
    open++;
    let done = false;
    return () => { if (!done) { done = true; open--; } };
  };

  return {
    get open() { return open; },
    run(ref, container = {}) {
      containers.set(keyOf(ref), { log: [], env: {}, ...container });
    },
    appendLog(ref, text, time = EPOCH) {
      const c = containers.get(keyOf(ref));
      if (!c) return;
      c.log.push({ time, text });
      for (const f of followers.get(keyOf(ref)) ?? []) f.write(`${text}\n`);
    },
    exit(ref) {
      for (const f of [...followers.get(keyOf(ref)) ?? []]) f.end();
    },

    async containerLogs(ref: ContainerRef, options: PodLogOptions, onChunk: (chunk: string) => void): Promise<StreamHandle> {
      const c = find(ref);
      if (options.previous && !c.previous) throw new KubeletError(400, `previous terminated container ${JSON.stringify(ref.container)} in pod ${JSON.stringify(ref.pod)} not found`);
      const lines = options.previous ? c.previous! : c.log;
      const shown = options.tailLines !== undefined ? lines.slice(Math.max(0, lines.length - options.tailLines)) : lines;
      const format = (l: { time: string; text: string }) => `${options.timestamps ? `${l.time} ` : ''}${l.text}\n`;
      const text = shown.map(format).join('');
      if (text) onChunk(text);
      if (!options.follow || options.previous) return { stop: () => undefined, closed: Promise.resolve() };
      const close = opened();
      let end!: () => void;
      const closed = new Promise<void>((resolve) => { end = resolve; });
      const set = followers.get(keyOf(ref)) ?? new Set();
      followers.set(keyOf(ref), set);
      const follower = {
        write: (line: string) => onChunk(options.timestamps ? `${EPOCH} ${line}` : line),
        end: () => { set.delete(follower); close(); end(); },
      };
      set.add(follower);
      return { stop: follower.end, closed };
    },

    async exec(ref: ContainerRef, command: string[], streams: ExecStreams): Promise<ExecSession> {
      const c = find(ref);
      // The runtime refuses a command it cannot start, before any stream opens.
      if (!PROGRAMS.has(command[0] ?? '')) throw new KubeletError(500, `executable file ${JSON.stringify(command[0] ?? '')} not found in $PATH`);
      return session(streams, opened(), (io) => program(c, command, io));
    },

    async attach(ref: ContainerRef, streams: ExecStreams): Promise<ExecSession> {
      find(ref);
      // The main process of the fake echoes its input, as `cat` would.
      return session(streams, opened(), (io) => program({ log: [], env: {} }, ['cat'], io));
    },
  };
}

interface ProgramIO {
  out(text: string): void;
  err(text: string): void;
  /** Settles with the whole input once stdin closes ('' at once without stdin). */
  input: Promise<string>;
}

const PROGRAMS = new Set(['env', 'echo', 'cat', 'sh']);

/** The exec programs the fake knows (PROGRAMS); resolves with the exit code. */
async function program(c: FakeContainer, command: string[], io: ProgramIO): Promise<number> {
  const [name, ...args] = command;
  switch (name) {
    case 'env':
      io.out(Object.entries(c.env).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    case 'echo':
      io.out(`${args.join(' ')}\n`);
      return 0;
    case 'cat':
      io.out(await io.input);
      return 0;
    case 'sh': {
      const exit = /^exit (\d+)$/.exec(args[1] ?? '');
      if (args[0] === '-c' && exit) return Number(exit[1]);
      io.err(`sh: ${args.join(' ')}: not supported by the fake kubelet\n`);
      return 2;
    }
    default:
      return 127;
  }
}

function session(streams: ExecStreams, close: () => void, run: (io: ProgramIO) => Promise<number>): ExecSession {
  let input = '';
  // The client went away: the program sees its input end, and its output goes nowhere.
  let gone = false;
  let endInput!: (text: string) => void;
  const inputDone = new Promise<string>((resolve) => { endInput = resolve; });
  if (!streams.stdin) endInput('');
  const io: ProgramIO = {
    out: (t) => { if (t && !gone) streams.stdout?.(t); },
    // With a tty there is one output stream.
    err: (t) => { if (t && !gone) (streams.tty ? streams.stdout : streams.stderr)?.(t); },
    input: inputDone,
  };
  // The program starts after the caller holds the session, as a real exec starts after the upgrade.
  const result = Promise.resolve().then(() => run(io)).then((exitCode): ExecStatus => {
    close();
    // A program whose client went away was killed (SIGKILL: 137).
    const code = gone ? 137 : exitCode;
    if (code === 0) return { status: 'Success' };
    return {
      status: 'Failure', reason: 'NonZeroExitCode',
      message: `command terminated with non-zero exit code: error executing command, exit code ${code}`,
      details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
    };
  });
  return {
    writeStdin: (chunk) => { input += chunk; },
    closeStdin: () => endInput(input),
    resize: () => undefined,
    close: () => {
      gone = true;
      endInput(input);
    },
    result,
  };
}
