// What a command is: its name, its flags, its help text and what it does. Commands write to an
// Output and throw errors (errors.ts) that the framework prints once, as kubectl's checkErr.
import type { Client, ServerDiscovery } from '../../engine/client/index.ts';
import type { KubectlContext } from '../context.ts';
import type { Flags, FlagSpec } from '../flags.ts';
import type { Rest } from '../rest.ts';
import type { RESTMapper } from '../restmapper.ts';

/** Where a command's output goes. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** One run of a command: parsed flags and arguments, and what to reach the cluster with. */
export interface Invocation {
  ctx: KubectlContext;
  /** `kubectl get`: how usage errors name the command. */
  commandPath: string;
  flags: Flags;
  args: string[];
  /** Index in `args` where `--` was, or -1. */
  argsLenAtDash: number;
  io: Output;
  /** The context's client, impersonating --as when given. */
  client: Client;
  rest: Rest;
  /**
   * The server's discovery, fetched once per invocation (a cold discovery cache logs its requests
   * at --v=6). `invalidate`: as the cached discovery client's Invalidate(), ask even if cached.
   */
  discovery(opts?: { invalidate?: boolean }): Promise<ServerDiscovery>;
  /** Resolves resource names through discovery (fetched on first use). */
  mapper(): Promise<RESTMapper>;
  /** -n, else the context's namespace, else `default`. */
  namespace: string;
  /** Whether -n was given (some commands refuse a namespace that differs from a file's). */
  explicitNamespace: boolean;
  /** Settles when the user stops a streaming command (Ctrl-C); `-w` and `-f` run until then. */
  stopped: Promise<void>;
}

export interface Command {
  /** The word that invokes it: `get`. */
  name: string;
  aliases?: string[];
  /** Its flags besides the global ones. */
  flags: FlagSpec[];
  /** The text `kubectl <name> --help` prints, as the real kubectl v1.33 prints it. */
  help: string;
  /** A command group's help for the subcommand its arguments name (`rollout status --help`); absent or undefined: `help`. */
  helpFor?(args: string[]): string | undefined;
  /** Commands under this one (`create deployment`): the first non-flag word picks one. */
  subcommands?: Command[];
  run(inv: Invocation): Promise<void>;
}
