// kubectl exec: runs a command in a container, its stdout and stderr relayed, its exit code
// kubectl's own.
// Models kubernetes/kubectl pkg/cmd/exec/exec.go (Complete, Validate, Run, StreamOptions.SetupTTY)
// and pkg/cmd/util/helpers.go checkErr for `command terminated with exit code N`.
import { attachablePod, defaultContainer } from '../attachable.ts';
import type { ExecSession, ExecStatus } from '../../engine/api/index.ts';
import { KubectlError, SilentExit, usageError } from '../errors.ts';
import type { Command, Invocation, Output } from './command.ts';
import { withinGrace } from './grace.ts';
import { EXEC_HELP } from './help-connect.ts';
import { optionFlags } from './options.ts';

export const exec: Command = { name: 'exec', flags: optionFlags(EXEC_HELP), help: EXEC_HELP, run: runExec };

async function runExec(inv: Invocation): Promise<void> {
  const { flags, args, argsLenAtDash } = inv;
  // Complete: the pod is the first argument before `--`; everything after it is the command.
  if (args.length === 0 || argsLenAtDash === 0) {
    if (flags.strings('filename').length === 0) throw new KubectlError('pod, type/name or --filename must be specified');
    throw new KubectlError('Pilothouse does not implement "kubectl exec -f" yet');
  }
  if (argsLenAtDash === -1 && args.length > 1) {
    throw usageError('kubectl exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  const command = args.slice(1);
  if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');
  const pod = await attachablePod(inv, args[0]!);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const quiet = flags.bool('quiet');
  const container = flags.string('container') || defaultContainer(inv, pod, quiet);
  const stdin = flags.bool('stdin');
  // SetupTTY: a terminal needs stdin, and a terminal on stdin. A command line run here (a
  // script, or the web terminal's one-shot line) has none, as kubectl in a pipe.
  if (flags.bool('tty') && stdin && !quiet) inv.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const session = await inv.client.exec(pod.metadata?.namespace ?? inv.namespace, pod.metadata?.name ?? '', command, {
    stdin, tty: false, stdout: (t) => inv.io.out(t), stderr: (t) => inv.io.err(t),
  }, { container });
  if (stdin) {
    const input = inv.ctx.stdin ?? '';
    if (input) session.writeStdin(input);
    session.closeStdin();
  }
  await awaitSession(inv, session);
}

/**
 * Waits for an exec or attach to end, and ends as kubectl does. Ctrl-C: without a raw terminal
 * kubectl installs no interrupt handler, so SIGINT ends it and a shell reports 128 + 2; the
 * connection closes (the server kills the exec, or detaches the attach). A stop lets an end
 * that is on its way arrive first (grace.ts).
 */
export async function awaitSession(inv: Invocation, session: ExecSession): Promise<void> {
  const interrupted = inv.stopped.then(async () => await withinGrace(session.result) ?? 'interrupted' as const);
  const ended = await Promise.race([session.result, interrupted]);
  if (ended === 'interrupted') {
    session.close();
    throw new SilentExit(130);
  }
  checkSessionEnd(inv.io, ended);
}

/**
 * How kubectl ends after an exec or attach (remotecommand's v4 error decoder, then checkErr):
 * nothing on success, `command terminated with exit code N` and N for a non-zero exit, else
 * the Status's message as an error.
 */
function checkSessionEnd(io: Output, status: ExecStatus): void {
  if (status.status === 'Success') return;
  // remotecommand's v4 error decoder: NonZeroExitCode carries the code as its ExitCode cause.
  const exitCode = status.reason === 'NonZeroExitCode' ? Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message) : NaN;
  if (Number.isInteger(exitCode)) {
    io.err(`command terminated with exit code ${exitCode}\n`);
    throw new SilentExit(exitCode);
  }
  throw new KubectlError(status.message ?? 'error stream protocol error: unknown error');
}
