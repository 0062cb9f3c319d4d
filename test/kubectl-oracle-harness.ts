// The machinery of test/kubectl-oracle.test.ts: reading the sequences, serving a fresh cluster
// for each side, running a line through the real kubectl or through `pilothouse kubectl`
// in-process, and the few normalizations a wall clock or a process makes necessary.
//
// Why a fresh cluster per side: a sequence may write (create, delete ...), so the real kubectl
// and ours cannot take turns on one cluster. Each side boots the same cluster (same seed,
// clock paused after boot, so the same timestamps, UIDs and resourceVersions), served on the
// same port (so the same server URL in every message), runs the same setup through the real
// kubectl, then its own lines.
import { execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runKubectlCli } from '../src/cli/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, DEFAULT_CLUSTER_SPEC } from '../src/engine/cluster/index.ts';
import { createMemoryStore } from '../src/engine/store/index.ts';
import { startServer } from '../src/serve/index.ts';

/** One sequence of the data file. */
export interface Sequence {
  name: string;
  /** Files written to the sequence's working directory, for `-f NAME`. */
  files?: Record<string, string>;
  /** kubectl lines run through the real kubectl on both sides before the compared lines (or `sleep N`). */
  setup?: string[];
  /** kubectl lines run through each kubectl and compared (or `sleep N`, which is not compared). */
  lines: string[];
  /**
   * `default`: the default cluster's nodes, each with its kubelet (pods with `nodeName: node-1`
   * run); without it, a cluster without node pools, whose Nodes a sequence brings itself.
   */
  cluster?: 'default';
}

/** A difference the data file accepts, with the one-line reason why it is not fixed yet. */
export interface KnownGap {
  sequence: string;
  line: string;
  reason: string;
}

export interface OracleData {
  sequences: Sequence[];
  knownGaps: KnownGap[];
}

/** What one kubectl printed for a line. */
export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function parseOracleData(text: string): OracleData {
  const raw = parseYaml(text) as { sequences?: Sequence[]; knownGaps?: KnownGap[] | null };
  return { sequences: raw.sequences ?? [], knownGaps: raw.knownGaps ?? [] };
}

/** Splits a line into argv as a shell would (single and double quotes, backslashes); no expansion. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      for (i++; line[i] !== '"'; i++) word += line[i] === '\\' && '"\\$`'.includes(line[i + 1] ?? '') ? line[++i] : line[i];
      inWord = true;
    } else if (c === '\\') {
      word += line[++i] ?? '';
      inWord = true;
    } else if (c === ' ') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

// klog's header carries the wall-clock time and the process id; client-go's response line the
// time a real round trip took; client-go logs its feature gates in Go's random map order.
const KLOG_HEADER = /^([IWE])\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+ /gm;

/** The output with only wall-clock and process-dependent text made equal. */
export function normalize(text: string): string {
  const lines = text.replace(KLOG_HEADER, '$1mmdd hh:mm:ss.uuuuuu PID ').replace(/ milliseconds=\d+/g, ' milliseconds=N')
    // kubectl top's checkPodAge: time.Since(creation) on the wall clock (ours reads the virtual one).
    .replace(/(Metrics not available for pod \S+, age: )\S+/g, '$1AGE')
    .split('\n');
  const gate = (l: string) => l.includes(' envvar.go:172] "Feature gate default state"');
  for (let i = 0; i < lines.length; i++) {
    if (!gate(lines[i]!)) continue;
    let j = i;
    while (j < lines.length && gate(lines[j]!)) j++;
    lines.splice(i, j - i, ...lines.slice(i, j).sort());
    i = j;
  }
  return lines.join('\n');
}

/** Which kubectl runs the compared lines. */
export type Side = 'real' | 'ours';

/**
 * Runs `sequence` on a fresh served cluster: setup through the real kubectl, then each line
 * through `side`'s kubectl. `port` 0 picks one; the port used is returned for the other side.
 */
export async function runSequence(sequence: Sequence, side: Side, opts: { kubectl: string; dir: string; port: number }): Promise<{ port: number; outcomes: Outcome[] }> {
  const clock = new VirtualClock({ seed: 1 });
  const store = createMemoryStore({ clock });
  // Most sequences bring their own Nodes (node.yaml): a cluster without node pools.
  const spec = sequence.cluster === 'default' ? DEFAULT_CLUSTER_SPEC : { ...DEFAULT_CLUSTER_SPEC, nodePools: [] };
  const cluster = await bootCluster({ store, clock, spec });
  await cluster.ready;
  // HOME (and with it kubectl's discovery cache) is per sequence and side: nothing carries over.
  const home = path.join(opts.dir, `${side}-home`);
  const cwd = path.join(opts.dir, `${side}-work`);
  await mkdir(home, { recursive: true });
  await mkdir(cwd, { recursive: true });
  for (const [name, content] of Object.entries(sequence.files ?? {})) await writeFile(path.join(cwd, name), content);
  // One path for both sides: kubectl prints it (--v=6, some errors).
  const kubeconfigPath = path.join(opts.dir, 'kubeconfig');
  const served = await startServer({ api: cluster.api, port: opts.port, kubeconfigPath });
  const env = { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: kubeconfigPath };
  const real = (argv: string[], stdin: string) => runReal(opts.kubectl, argv, env, cwd, stdin);
  const ours = async (argv: string[], stdin: string): Promise<Outcome> => {
    let stdout = '', stderr = '';
    // A resolved interrupt: a streaming command stops after its first output, as `run` does.
    const exitCode = await runKubectlCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env, cwd, interrupt: Promise.resolve(), stdin });
    return { stdout, stderr, exitCode };
  };
  const step = async (line: string, kubectl: (argv: string[], stdin: string) => Promise<Outcome>): Promise<Outcome | undefined> => {
    const sleep = /^sleep (\d+)$/.exec(line);
    if (sleep) {
      await clock.advanceAsync(Number(sleep[1]) * 1000);
      return undefined;
    }
    const { argv, stdin } = pipedLine(line);
    const outcome = await kubectl(argv.slice(1), stdin);
    // Let the control plane react to a write before the next line (no virtual time passes).
    await clock.advanceAsync(0);
    return outcome;
  };
  try {
    for (const line of sequence.setup ?? []) {
      const outcome = await step(line, real);
      if (outcome && outcome.exitCode !== 0) throw new Error(`setup of "${sequence.name}" failed at "${line}": ${outcome.stderr}`);
    }
    const outcomes: Outcome[] = [];
    for (const line of sequence.lines) {
      const outcome = await step(line, side === 'real' ? real : ours);
      outcomes.push(outcome ?? { stdout: '', stderr: '', exitCode: 0 });
    }
    return { port: served.port, outcomes };
  } finally {
    await served.close();
    await cluster.stop();
    await store.close();
  }
}

/**
 * A line's words and its standard input: `echo WORDS | kubectl ...` pipes `WORDS` and a newline
 * into kubectl (both kubectls read the same bytes); any other line gets an empty stdin.
 */
export function pipedLine(line: string): { argv: string[]; stdin: string } {
  const words = shellWords(line);
  const bar = words.indexOf('|');
  if (words[0] !== 'echo' || bar < 0) return { argv: words, stdin: '' };
  return { argv: words.slice(bar + 1), stdin: `${words.slice(1, bar).join(' ')}\n` };
}

/** Whether a line streams until Ctrl-C (`get -w`, `logs -f`, `attach`): the real kubectl is then interrupted. */
export function isStreaming(argv: string[]): boolean {
  if (argv[0] === 'attach' && !argv.some((a) => a === '-h' || a === '--help')) return true;
  return argv.some((a) => a === '-w' || a === '--watch' || a === '--watch-only' || (argv.includes('logs') && (a === '-f' || a === '--follow')));
}

// How long a streaming real kubectl runs before its Ctrl-C: the cluster's clock is paused, so
// nothing it prints after its first output is missed.
const STREAM_MS = 1500;

function runReal(kubectl: string, argv: string[], env: NodeJS.ProcessEnv, cwd: string, stdin: string): Promise<Outcome> {
  if (isStreaming(argv)) {
    return new Promise((resolve) => {
      const child = spawn(kubectl, argv, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.end(stdin);
      let stdout = '', stderr = '';
      child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
      const timer = setTimeout(() => child.kill('SIGINT'), STREAM_MS);
      // As a shell reports a process ended by SIGINT: 128 + 2.
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, exitCode: signal === 'SIGINT' ? 130 : code ?? 1 });
      });
    });
  }
  return new Promise((resolve) => {
    const child = execFile(kubectl, argv, { env, cwd, timeout: 20_000 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, exitCode });
    });
    // stdin is a pipe that ends: `exec -i` reads it to its end, as from `echo ... |` or `< /dev/null`.
    child.stdin?.end(stdin);
  });
}
