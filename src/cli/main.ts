// `pilothouse <command> [args]`: the Node entry point (bin/pilothouse.mjs runs it through tsx).
// Each subcommand is one entry of COMMANDS; `kubectl`, `run` and `lesson check` join the table
// as their rooms arrive.
import { kubectlCommand } from './kubectl.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve.ts';

/** A subcommand: its one-line summary for the usage text, and what it runs (resolving to an exit code). */
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  kubectl: kubectlCommand,
  run: runCommand,
};

/** The usage text: every subcommand with its summary. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['Usage: pilothouse <command> [options]', '', 'Commands:', ...lines, ''].join('\n');
}

/** Runs the subcommand `argv[0]` with the rest; an unknown or missing one prints usage and gives 2. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    process.stderr.write(`${name === undefined ? 'pilothouse: no command given' : `pilothouse: unknown command "${name}"`}\n\n${usage()}`);
    return 2;
  }
  return command.run(args);
}
