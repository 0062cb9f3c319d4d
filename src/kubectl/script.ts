// A kubectl script run headless, as lesson authors and tests use it (`pilothouse run FILE`): a
// fresh in-memory cluster on a virtual clock, then each line of the script as a terminal would
// run it, and the transcript of what it printed.
//
//   # comments and blank lines are skipped
//   kubectl create namespace shop
//   sleep 30                      ← 30 s of virtual time pass, the whole control plane running
//   kubectl get ns shop
//
// A line ending in `\` continues on the next, as in a shell.
import { VirtualClock } from '../engine/clock/index.ts';
import { bootCluster, DEFAULT_CLUSTER_SPEC, type ClusterSpec } from '../engine/cluster/index.ts';
import { createMemoryStore } from '../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from './context.ts';
import { createMemoryDiscoveryCache } from './discoverycache.ts';
import { run } from './kubectl.ts';

/** One line of a script and what it printed, as `pilothouse run --json` reports it. */
export interface ScriptStep {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ScriptOptions {
  /** Reads `-f PATH` as written in the script (the CLI resolves it relative to the script's file). */
  readFile?: (path: string) => Promise<string>;
  /** The cluster to boot; the default spec when absent. */
  clusterSpec?: ClusterSpec;
}

/** Boots a fresh cluster, runs every command line of `text` in order, and returns each one's output. */
export async function runScript(text: string, options: ScriptOptions = {}): Promise<ScriptStep[]> {
  const spec = options.clusterSpec ?? DEFAULT_CLUSTER_SPEC;
  const clock = new VirtualClock({ seed: spec.seed });
  const store = createMemoryStore({ clock });
  const cluster = await bootCluster({ store, clock, spec });
  try {
    await cluster.ready;
    const ctx: KubectlContext = {
      client: cluster.client, kubeconfig: defaultKubeconfig(), clock,
      // A fresh machine: the first line that needs discovery asks for it (--v=6 shows it).
      discoveryCache: createMemoryDiscoveryCache(clock),
      ...(options.readFile ? { readFile: options.readFile } : {}),
    };
    const steps: ScriptStep[] = [];
    for (const command of scriptLines(text)) {
      const sleep = /^sleep(?:\s+(.*))?$/.exec(command);
      if (sleep) {
        const step = await runSleep(command, sleep[1]?.trim() ?? '', clock);
        steps.push(step);
        continue;
      }
      steps.push({ command, ...await run(command, ctx) });
      // What the command set off at this instant (controllers reacting to a write) finishes
      // before the next line, as it would while a person types; virtual time does not move.
      await clock.advanceAsync(0);
    }
    return steps;
  } finally {
    await cluster.stop();
    await store.close();
  }
}

/** The command lines of a script: comments and blank lines dropped, `\` continuations joined. */
export function scriptLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = pending ? `${pending} ${raw.trim()}` : raw.trim();
    if (line.endsWith('\\')) {
      pending = line.slice(0, -1).trimEnd();
      continue;
    }
    pending = '';
    if (line && !line.startsWith('#')) lines.push(line);
  }
  if (pending) lines.push(pending);
  return lines;
}

// `sleep N` (seconds, fractions allowed, as GNU sleep; an `s` suffix too): advances the clock
// with every timer of the control plane firing on the way. Bad input gets GNU sleep's messages.
async function runSleep(command: string, arg: string, clock: VirtualClock): Promise<ScriptStep> {
  if (!arg) return { command, stdout: '', stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 };
  const seconds = /^\d+(\.\d+)?s?$/.test(arg) ? Number.parseFloat(arg) : Number.NaN;
  if (Number.isNaN(seconds)) {
    return { command, stdout: '', stderr: `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`, exitCode: 1 };
  }
  await clock.advanceAsync(Math.round(seconds * 1000));
  return { command, stdout: '', stderr: '', exitCode: 0 };
}

/**
 * The transcript a terminal would show: `$ ` and the line, what it printed (stdout, then
 * stderr), and `[exit N]` after a line that failed.
 */
export function formatTranscript(steps: ScriptStep[]): string {
  return steps.map((s) => {
    const out = [s.stdout, s.stderr].filter(Boolean).map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('');
    return `$ ${s.command}\n${out}${s.exitCode !== 0 ? `[exit ${s.exitCode}]\n` : ''}`;
  }).join('');
}

/** One JSON object per line: `{"command","stdout","stderr","exitCode"}`. */
export function formatJsonLines(steps: ScriptStep[]): string {
  return steps.map((s) => `${JSON.stringify({ command: s.command, stdout: s.stdout, stderr: s.stderr, exitCode: s.exitCode })}\n`).join('');
}
