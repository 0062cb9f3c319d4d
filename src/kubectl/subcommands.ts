// Command groups: `kubectl config view`, `kubectl rollout status`, `kubectl auth can-i`, `kubectl
// top pod`. The framework (commands/command.ts) knows single commands, so a group is one Command
// whose flags are the union of its subcommands' flags; it dispatches on the first argument and
// refuses a flag the chosen subcommand does not have, as cobra would.
// Models cobra's subcommand lookup and kubectl's cmdutil.DefaultSubCommandRun (pkg/cmd/util/helpers.go).
import type { Command, Invocation } from './commands/command.ts';
import { SUBCOMMAND_HELP } from './commands/help-subcommands.ts';
import { flagError, SilentExit, usageError } from './errors.ts';
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
 * An exit with status 1 and nothing more printed: `kubectl auth can-i` answering no (cani.go's
 * os.Exit(1)), and a group run without a subcommand after its help (DefaultSubCommandRun).
 */
export const exitSilently = () => new SilentExit();

export function commandGroup(group: CommandGroup): Command {
  const specs = unionFlags(group.subcommands);
  const find = (name: string | undefined) => group.subcommands.find((s) => s.name === name || (name !== undefined && s.aliases?.includes(name)));
  return {
    name: group.name,
    flags: specs,
    help: group.help,
    // cobra finds the subcommand before it sees --help, so the subcommand's own help is printed.
    helpFor: (args) => {
      const sub = find(args[0]);
      return sub && SUBCOMMAND_HELP[`${group.name} ${sub.name}`];
    },
    async run(inv) {
      const [name, ...rest] = inv.args;
      if (name === undefined) {
        if (group.helpTo === 'out') inv.io.out(group.help);
        else inv.io.err(group.help);
        throw exitSilently();
      }
      const sub = find(name);
      if (!sub) throw usageError(inv.commandPath, `unknown command ${JSON.stringify(name)}`);
      const commandPath = `${inv.commandPath} ${sub.name}`;
      for (const f of specs) {
        if (inv.flags.changed(f.name) && !sub.flags.some((g) => g.name === f.name)) throw flagError(commandPath, `unknown flag: --${f.name}`);
      }
      await sub.run({ ...inv, commandPath, args: rest, argsLenAtDash: inv.argsLenAtDash < 0 ? -1 : Math.max(0, inv.argsLenAtDash - 1) });
    },
  };
}
