// `pilothouse run FILE [--cluster SPEC.yaml] [--json]`: a kubectl script on a fresh in-memory
// cluster, its transcript on stdout (src/kubectl/script.ts does the work; this reads the files).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatJsonLines, formatTranscript, runScript, type ScriptOptions } from '../kubectl/index.ts';
import type { Command } from './main.ts';
import { parseClusterSpec } from './serve.ts';

const RUN_USAGE = `Usage: pilothouse run FILE [options]

Runs each kubectl line of FILE on a fresh in-memory cluster and prints the transcript.
Lines starting with # are comments; \`sleep N\` advances the virtual clock by N seconds.

Options:
  --cluster SPEC.yaml   the cluster spec to boot (seed, features, addons)
  --json                one JSON object per line: {"command","stdout","stderr","exitCode"}
`;

/** Where `run` writes. */
export interface RunIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs the script named in `args`; resolves to 0, or 1 when a file cannot be read, 2 on bad usage. */
export async function runFile(args: string[], io: RunIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { cluster: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (e) {
    io.stderr(`pilothouse run: ${(e as Error).message}\n\n${RUN_USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length) {
    io.stderr(`pilothouse run: ${file === undefined ? 'no script FILE given' : `one FILE only, got ${parsed.positionals.length}`}\n\n${RUN_USAGE}`);
    return 2;
  }
  let text: string;
  const options: ScriptOptions = {
    // `-f PATH` is relative to the script, wherever `pilothouse run` was started.
    readFile: (p) => readFile(path.resolve(path.dirname(file), p), 'utf8'),
  };
  try {
    text = await readFile(file, 'utf8');
    if (parsed.values.cluster !== undefined) options.clusterSpec = parseClusterSpec(await readFile(parsed.values.cluster, 'utf8'));
  } catch (e) {
    io.stderr(`pilothouse run: ${(e as Error).message}\n`);
    return 1;
  }
  const steps = await runScript(text, options);
  io.stdout(parsed.values.json ? formatJsonLines(steps) : formatTranscript(steps));
  // The transcript is the result: a line that failed is part of it, not a failure of the run.
  return 0;
}

export const runCommand: Command = {
  summary: 'run a kubectl script on a fresh in-memory cluster and print its transcript (--json for JSON lines)',
  run: (args) => runFile(args, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }),
};
