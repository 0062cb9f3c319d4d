// The entry point: a terminal line in, kubectl's stdout, stderr and exit code out. Splits the
// line into a pipeline (shell/lexer.ts), runs `kubectl ...` through the command registry, and
// pipes its stdout through the text tools (shell/tools.ts).
// Models kubernetes/kubectl pkg/cmd/cmd.go (NewKubectlCommand) and cobra's command lookup.
import type { ServerDiscovery } from '../engine/client/index.ts';
import type { KubectlContext } from './context.ts';
import type { Command, Invocation, Output } from './commands/command.ts';
import { GLOBAL_FLAGS } from './commands/global.ts';
import { ROOT_HELP } from './commands/help-text.ts';
import { findCommand, KUBECTL_COMMANDS } from './commands/registry.ts';
import { checkErr, ConfigurationError, flagError, KubectlError, serverResponseObjects } from './errors.ts';
import { parseFlags, type FlagSpec } from './flags.ts';
import { createRest, featureGateLines, klogHeader, serverResponseObjectLine } from './rest.ts';
import { RESTMapper } from './restmapper.ts';
import { lexLine } from './shell/lexer.ts';
import { runTool, type ProcessResult } from './shell/tools.ts';

// Where a kubeconfig lives when no --kubeconfig is given: the learner's shell runs as root.
const DEFAULT_KUBECONFIG_PATH = '/root/.kube/config';

/** A running command line: `stop()` ends a streaming command (`-w`) as Ctrl-C would. */
export interface RunningLine {
  /** The exit code, once the line has finished. */
  done: Promise<number>;
  stop(): void;
}

/** Output callbacks for streaming: text arrives as the command writes it. */
export interface LineSink {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Runs one line to completion and returns what it printed. A streaming command (`get -w`) is
 * stopped right after its first output, as a script cannot press Ctrl-C.
 */
export async function run(line: string, ctx: KubectlContext): Promise<ProcessResult> {
  let stdout = '', stderr = '';
  const running = stream(line, ctx, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } }, { stopped: true });
  const exitCode = await running.done;
  return { stdout, stderr, exitCode };
}

/**
 * Runs one line, delivering output as it is produced. When the line pipes kubectl into text
 * tools, kubectl's stdout is collected and piped once the command ends.
 */
export function stream(line: string, ctx: KubectlContext, sink: LineSink, opts: { stopped?: boolean } = {}): RunningLine {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  if (opts.stopped) stop();
  const done = runLine(line, ctx, sink, stopped);
  return { done, stop };
}

async function runLine(line: string, ctx: KubectlContext, sink: LineSink, stopped: Promise<void>): Promise<number> {
  const lexed = lexLine(line);
  if (!lexed.ok) {
    sink.stderr(`${lexed.message}\n`);
    return 2;
  }
  const [first, ...tools] = lexed.stages;
  if (!first) return 0;
  if (first[0] !== 'kubectl') return runTools([first, ...tools], '', sink);
  if (tools.length === 0) return runKubectl(first.slice(1), ctx, { out: sink.stdout, err: sink.stderr }, stopped);
  if (tools.every(isLineFilter)) return runFiltered(first.slice(1), tools, ctx, sink, stopped);
  let input = '';
  await runKubectl(first.slice(1), ctx, { out: (t) => { input += t; }, err: sink.stderr }, stopped);
  return runTools(tools, input, sink);
}

/** Runs text tools in sequence over `input`; the exit code is the last one's, as a shell's pipeline. */
function runTools(tools: string[][], input: string, sink: LineSink): number {
  let exitCode = 0;
  for (const [i, argv] of tools.entries()) {
    const result = runTool(argv, input);
    sink.stderr(result.stderr);
    if (i === tools.length - 1) sink.stdout(result.stdout);
    input = result.stdout;
    exitCode = result.exitCode;
  }
  return exitCode;
}

// grep without -c answers line by line, so `kubectl get pods -w | grep web` can stream.
const isLineFilter = (argv: string[]) => argv[0] === 'grep' && !argv.some((a) => /^-[a-zA-Z]*c/.test(a));

/** kubectl piped through greps: each complete line goes through the filters as it is written. */
async function runFiltered(argv: string[], greps: string[][], ctx: KubectlContext, sink: LineSink, stopped: Promise<void>): Promise<number> {
  // A usage error (bad pattern) shows once, before kubectl runs, as the shell starts both at once.
  for (const g of greps) {
    const check = runTool(g, '');
    if (check.exitCode > 1) {
      sink.stderr(check.stderr);
      return check.exitCode;
    }
  }
  let pending = '';
  let matched = false;
  const filter = (text: string) => {
    const out = greps.reduce((input, g) => runTool(g, input).stdout, text);
    if (out) {
      matched = true;
      sink.stdout(out);
    }
  };
  await runKubectl(argv, ctx, {
    out: (t) => {
      pending += t;
      const end = pending.lastIndexOf('\n');
      if (end < 0) return;
      filter(pending.slice(0, end + 1));
      pending = pending.slice(end + 1);
    },
    err: sink.stderr,
  }, stopped);
  if (pending) filter(pending);
  return matched ? 0 : 1;
}

/** Runs `kubectl <argv>`; returns the exit code. */
export async function runKubectl(argv: string[], ctx: KubectlContext, io: Output, stopped: Promise<void>): Promise<number> {
  try {
    const name = commandName(argv);
    if (name === undefined) {
      io.out(ROOT_HELP);
      return 0;
    }
    const command = findCommand(name);
    if (!command) throw unknownCommand(name);
    const rest = [...argv];
    rest.splice(rest.indexOf(name), 1);
    await invoke(command, rest, ctx, io, stopped);
    return 0;
  } catch (err) {
    const { stderr, exitCode } = checkErr(err);
    if (stderr) io.err(stderr);
    return exitCode;
  }
}

// As cobra's Find: the first word that is neither a global flag nor a global flag's value.
function commandName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-') return a;
    if (a === '--') return argv[i + 1];
    if (a.includes('=')) continue;
    const spec = a.startsWith('--') ? GLOBAL_FLAGS.find((f) => f.name === a.slice(2)) : GLOBAL_FLAGS.find((f) => f.shorthand === a.slice(-1) && a.length === 2);
    if (spec && spec.type !== 'bool') i++;
  }
  return undefined;
}

// cobra's "unknown command" with its suggestions: Levenshtein distance <= 2 or a prefix match.
function unknownCommand(name: string): KubectlError {
  if (KUBECTL_COMMANDS.includes(name)) return new KubectlError(`Pilothouse does not implement "kubectl ${name}" yet`);
  const lower = name.toLowerCase();
  const suggestions = KUBECTL_COMMANDS.filter((c) => levenshtein(lower, c) <= 2 || c.startsWith(lower));
  const did = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '';
  return new KubectlError(`unknown command ${JSON.stringify(name)} for "kubectl"${did}`);
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

// As cobra's Find below a command: the first word that is not a flag (nor a flag's value) names
// a subcommand when it is one (`create deployment`, `set image`); otherwise it is an argument.
function findSubcommand(command: Command, argv: string[]): { command: Command; argv: string[]; path: string } | undefined {
  if (!command.subcommands) return undefined;
  const specs = [...command.flags, ...GLOBAL_FLAGS];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') {
      const sub = command.subcommands?.find((c) => c.name === a || c.aliases?.includes(a));
      return sub ? { command: sub, argv: [...argv.slice(0, i), ...argv.slice(i + 1)], path: sub.name } : undefined;
    }
    if (a.includes('=')) continue;
    const spec = a.startsWith('--') ? specs.find((f) => f.name === a.slice(2)) : specs.find((f) => f.shorthand === a.slice(-1) && a.length === 2);
    if (spec && spec.type !== 'bool') i++;
  }
  return undefined;
}

async function invoke(parent: Command, parentArgv: string[], ctx: KubectlContext, io: Output, stopped: Promise<void>): Promise<void> {
  let command = parent, argv = parentArgv, commandPath = `kubectl ${parent.name}`;
  for (let sub = findSubcommand(command, argv); sub; sub = findSubcommand(command, argv)) {
    ({ command, argv } = sub);
    commandPath += ` ${sub.path}`;
  }
  const specs: FlagSpec[] = [...command.flags, ...GLOBAL_FLAGS.filter((g) => !command.flags.some((f) => f.name === g.name))];
  const parsed = parseFlags(argv, specs);
  if (!parsed.ok) throw flagError(commandPath, parsed.message);
  const { flags } = parsed;
  if (flags.bool('help')) {
    io.out(command.helpFor?.(parsed.args) ?? command.help);
    return;
  }
  const kubeconfig = ctx.kubeconfig;
  const contextName = flags.string('context') || kubeconfig['current-context'];
  const context = kubeconfig.contexts.find((c) => c.name === contextName);
  if (!context) throw new ConfigurationError(`context was not found for specified context: ${contextName}`);
  const cluster = kubeconfig.clusters.find((c) => c.name === (flags.string('cluster') || context.context.cluster));
  const verbosity = flags.int('v');
  // client-go logs where the kubeconfig came from at --v=6 (clientcmd/loader.go), before its feature gates.
  if (verbosity >= 6) io.err(`${klogHeader(ctx.clock.now(), 'loader.go:402')}Config loaded from file:  ${flags.string('kubeconfig') || DEFAULT_KUBECONFIG_PATH}\n`);
  if (verbosity >= 1) featureGateLines(ctx.clock.now()).forEach((l) => io.err(l));
  // Impersonation (--as): the apiserver then treats the request as that user's; like upstream's
  // impersonation filter, an impersonated user is also system:authenticated.
  const as = flags.string('as');
  const client = as ? ctx.client.as({ username: as, groups: [...flags.strings('as-group'), 'system:authenticated'] }) : ctx.client;
  const server = flags.string('server') || cluster?.cluster.server || 'https://127.0.0.1:6443';
  const rest = createRest(client, { verbosity, server, clock: ctx.clock, log: io.err });
  let mapper: Promise<RESTMapper> | undefined;
  let discovered: Promise<ServerDiscovery> | undefined;
  const discovery = (opts: { invalidate?: boolean } = {}) => (discovered ??= (async () => {
    const cache = ctx.discoveryCache;
    const cold = cache !== undefined && (opts.invalidate === true || !(await cache.isFresh(server)));
    const d = await rest.discovery(cold);
    if (cold) await cache.markFetched(server);
    return d;
  })());
  const inv: Invocation = {
    ctx, commandPath, flags, args: parsed.args, argsLenAtDash: parsed.argsLenAtDash, io, client, rest, discovery,
    mapper: () => (mapper ??= discovery().then((d) => new RESTMapper(d))),
    namespace: flags.string('namespace') || context.context.namespace || 'default',
    explicitNamespace: flags.changed('namespace'),
    stopped,
  };
  try {
    await command.run(inv);
  } catch (err) {
    // checkErr's StandardErrorMessage logs each API error's Status at --v=4 before the error is printed.
    if (verbosity >= 4) for (const status of serverResponseObjects(err)) io.err(serverResponseObjectLine(ctx.clock.now(), status));
    throw err;
  }
}
