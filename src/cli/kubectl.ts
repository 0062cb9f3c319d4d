// `pilothouse kubectl ARGS...`: the project's own kubectl (src/kubectl) run from Node over the
// HTTP transport, against whatever cluster a kubeconfig names — so that ours and the real
// kubectl can be pointed at the same server and compared (test/kubectl-oracle.test.ts).
import { readFile as readFileText } from 'node:fs/promises';
import path from 'node:path';
import { VirtualClock } from '../engine/clock/index.ts';
import { createClient, createHttpTransport } from '../engine/client/index.ts';
import { stream, type KubectlContext } from '../kubectl/index.ts';
import { createDiskDiscoveryCache, kubectlCacheDir } from './discoverycache.ts';
import { nodeFetch } from './httpsfetch.ts';
import { nodeWebSocket } from './httpsws.ts';
import { KubeconfigError, kubeconfigPath, loadKubeconfig, saveKubeconfig } from './kubeconfig.ts';
import type { Command } from './main.ts';

/** The User-Agent of the kubectl Pilothouse emulates (client-go's DefaultKubernetesUserAgent). */
export const KUBECTL_USER_AGENT = 'kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0';

/** Where a run's output goes and what it runs with. */
export interface KubectlCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** $KUBECONFIG and $HOME come from here. */
  env: NodeJS.ProcessEnv;
  /** Where `-f PATH` is resolved from; the process's working directory when absent. */
  cwd?: string;
  /** Settles when a streaming command (`-w`, `logs -f`) should end, as Ctrl-C; absent: run until SIGINT. */
  interrupt?: Promise<void>;
  /** kubectl's standard input, whole (`-f -`, `exec -i`); absent: none. */
  stdin?: string;
}

/**
 * Runs `kubectl <args>` against the kubeconfig's cluster; resolves to kubectl's exit code.
 * `--kubeconfig` and `--context` choose the cluster and credentials here, and stay in the
 * arguments for kubectl itself (which reads the namespace and names from the same file).
 */
export async function runKubectlCli(args: string[], io: KubectlCliIo): Promise<number> {
  const file = kubeconfigPath(flagValue(args, 'kubeconfig'), io.env);
  let config;
  try {
    config = await loadKubeconfig(file, flagValue(args, 'context'));
  } catch (e) {
    if (!(e instanceof KubeconfigError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 1;
  }
  const transport = createHttpTransport({
    server: config.server, userAgent: KUBECTL_USER_AGENT,
    ...(config.token !== undefined ? { token: config.token } : {}),
    fetch: nodeFetch({ ...(config.caData !== undefined ? { ca: config.caData } : {}), insecureSkipTLSVerify: config.insecureSkipTLSVerify }),
    webSocket: nodeWebSocket({ ...(config.caData !== undefined ? { ca: config.caData } : {}), insecureSkipTLSVerify: config.insecureSkipTLSVerify }),
  });
  // As kubectl's default warning handler (rest.WarningWriter): each server warning on stderr.
  const client = createClient(transport, { onWarning: (w) => io.stderr(`Warning: ${w}\n`) });
  const readFile = (p: string) => readFileText(path.resolve(io.cwd ?? process.cwd(), p), 'utf8');
  // The kubectl room names the file it loaded (--v=6 loader.go line) from --kubeconfig; one
  // found through $KUBECONFIG or ~/.kube/config is passed to it that way.
  const argv = flagValue(args, 'kubeconfig') === undefined ? [`--kubeconfig=${file}`, ...args] : args;
  // Wall-clock time: it stamps --v log lines, ages kubectl computes itself (describe), and
  // times out `wait --timeout`. Played in real time while the command runs, then disposed so
  // no real timer outlives it.
  const clock = new VirtualClock({ seed: 1, startTime: Date.now() });
  clock.play(1);
  // kubectl's discovery cache is on disk, aged by the wall clock (file mtimes), not the virtual one.
  const discoveryCache = createDiskDiscoveryCache(kubectlCacheDir(io.env, flagValue(args, 'cache-dir')), () => Date.now());
  const ctx: KubectlContext = { client, kubeconfig: config.kubeconfig, clock, readFile, discoveryCache, ...(io.stdin !== undefined ? { stdin: io.stdin } : {}) };
  const before = JSON.stringify(ctx.kubeconfig);
  const running = stream(commandLine(argv), ctx, { stdout: io.stdout, stderr: io.stderr });
  // Ctrl-C ends a streaming command (-w, rollout status) as kubectl's interrupt handler does: exit code 1.
  const onSigint = () => running.stop();
  if (io.interrupt) void io.interrupt.then(onSigint);
  else process.once('SIGINT', onSigint);
  try {
    return await running.done;
  } finally {
    process.off('SIGINT', onSigint);
    clock.dispose();
    // `config use-context` and `set-context` change the context's kubeconfig; kubectl keeps it in the file.
    if (JSON.stringify(ctx.kubeconfig) !== before) await saveKubeconfig(file, ctx.kubeconfig);
  }
}

/** `kubectl` and the arguments as one line the kubectl room's lexer splits back into the same words. */
export function commandLine(args: string[]): string {
  return ['kubectl', ...args.map(shellQuote)].join(' ');
}

// Single-quoted, with a quote written as '\'' : no character inside means anything to the lexer.
function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// A global flag's value as pflag reads it (`--name value` or `--name=value`), before any `--`.
function flagValue(args: string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === `--${name}`) value = args[++i];
    else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  }
  return value;
}

export const kubectlCommand: Command = {
  summary: "run Pilothouse's kubectl against the cluster of a kubeconfig (--kubeconfig, $KUBECONFIG)",
  run: (args) => runKubectlCli(args, {
    stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env,
  }),
};
