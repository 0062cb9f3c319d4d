// Command groups: `kubectl config view`, `kubectl rollout status`, `kubectl auth can-i`, `kubectl
// top pod`. The framework (commands/command.ts) knows single commands, so a group is one Command
// whose flags are the union of its subcommands' flags; it dispatches on the first argument and
// refuses a flag the chosen subcommand does not have, as cobra would.
// Models cobra's subcommand lookup and kubectl's cmdutil.DefaultSubCommandRun (pkg/cmd/util/helpers.go).
import type { Command, Invocation } from './commands/command.ts';
import { AggregateError, flagError, usageError } from './errors.ts';
import type { FlagSpec } from './flags.ts';

/** One subcommand: its name, its own flags, and what it does with the remaining arguments. */
export interface Subcommand {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  run(inv: Invocation): Promise<void>;
}

export interface CommandGroup {
  name: string;
  help: string;
  /** Where the group's help goes when no subcommand is given: `rollout` prints to stdout, the rest to stderr. */
  helpTo: 'out' | 'err';
  subcommands: Subcommand[];
}

/** Flags of several subcommands, each name once (the first spec wins; subcommands agree on types). */
function unionFlags(subs: Subcommand[]): FlagSpec[] {
  const seen = new Map<string, FlagSpec>();
  for (const s of subs) for (const f of s.flags) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

/**
 * An exit with status 1 whose stderr is exactly `text` (which ends in a newline). kubectl's
 * DefaultSubCommandRun prints the help and exits 1 without an `error:` line; checkErr prints an
 * aggregate of several errors one per line, unprefixed, which reproduces that text exactly.
 */
function exitWithStderr(text: string): AggregateError {
  const nl = text.indexOf('\n');
  return new AggregateError([new Error(text.slice(0, nl)), new Error(text.slice(nl + 1))]);
}

/**
 * An exit with status 1 and nothing printed (`kubectl auth can-i` answering no). checkErr
 * always prints a line, so an empty aggregate leaves a single newline on stderr: the closest
 * the framework allows until it has a silent exit.
 */
export const exitSilently = () => new AggregateError([]);

export function commandGroup(group: CommandGroup): Command {
  const specs = unionFlags(group.subcommands);
  return {
    name: group.name,
    flags: specs,
    help: group.help,
    async run(inv) {
      const [name, ...rest] = inv.args;
      if (name === undefined) {
        if (group.helpTo === 'out') {
          inv.io.out(group.help);
          return;
        }
        throw exitWithStderr(group.help);
      }
      const sub = group.subcommands.find((s) => s.name === name || s.aliases?.includes(name));
      if (!sub) throw usageError(inv.commandPath, `unknown command ${JSON.stringify(name)}`);
      const commandPath = `${inv.commandPath} ${sub.name}`;
      for (const f of specs) {
        if (inv.flags.changed(f.name) && !sub.flags.some((g) => g.name === f.name)) throw flagError(commandPath, `unknown flag: --${f.name}`);
      }
      await sub.run({ ...inv, commandPath, args: rest, argsLenAtDash: inv.argsLenAtDash < 0 ? -1 : Math.max(0, inv.argsLenAtDash - 1) });
    },
  };
}
