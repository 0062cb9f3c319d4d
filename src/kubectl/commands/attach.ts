// kubectl attach: the output of a container's main process from now on (and, with -i, its
// stdin), until the container exits or the user presses Ctrl-C.
// Models kubernetes/kubectl pkg/cmd/attach/attach.go (Validate, Run, containerToAttachTo,
// reattachMessage) with exec.go's StreamOptions.SetupTTY and pkg/cmd/util/podcmd
// FindOrDefaultContainerByName.
import { attachablePod, defaultContainer, type PodShape } from '../attachable.ts';
import { KubectlError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { awaitSession } from './exec.ts';
import { ATTACH_HELP } from './help-connect.ts';
import { optionFlags } from './options.ts';

export const attach: Command = { name: 'attach', flags: optionFlags(ATTACH_HELP), help: ATTACH_HELP, run: runAttach };

interface AttachablePod extends PodShape {
  spec?: PodShape['spec'] & { containers?: { name: string; tty?: boolean }[] };
}

async function runAttach(inv: Invocation): Promise<void> {
  const { flags, args } = inv;
  // Validate.
  if (args.length === 0) throw new KubectlError('at least 1 argument is required for attach');
  // Go's %v of a []string: [a b c].
  if (args.length > 2) throw new KubectlError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  // Run: `POD`, `TYPE/NAME` or `TYPE NAME`.
  const pod = await attachablePod(inv, args.length === 2 ? `${args[0]}/${args[1]}` : args[0]!) as AttachablePod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const quiet = flags.bool('quiet');
  const name = flags.string('container');
  const all = [...pod.spec?.containers ?? [], ...pod.spec?.initContainers ?? [], ...pod.spec?.ephemeralContainers ?? []] as { name: string; tty?: boolean }[];
  const containerName = name || defaultContainer(inv, pod, quiet);
  const container = all.find((c) => c.name === containerName);
  if (!container) throw new KubectlError(`cannot attach to the container: container ${name} not found in pod ${pod.metadata?.name ?? ''}`);
  // The terminal follows the container: -t on a container without one is dropped (saying so),
  // and a container with one forces it.
  let tty = flags.bool('tty');
  if (tty && !container.tty) {
    tty = false;
    if (!quiet) inv.io.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!tty && container.tty) {
    tty = true;
  }
  // SetupTTY: a raw terminal needs stdin and a terminal on it. Here kubectl's stdin is never a
  // terminal (a script, a pipe, the web terminal's one-shot line), so attach never goes raw and
  // never prints the "Session ended, resume using" line, which upstream prints only then.
  const stdin = flags.bool('stdin');
  if (stdin && tty && !quiet) inv.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  // v1.33 prints the hint whatever the flags (only -q silences it), before connecting.
  if (!quiet) inv.io.err("If you don't see a command prompt, try pressing enter.\n");
  const session = await inv.client.attach(pod.metadata?.namespace ?? inv.namespace, pod.metadata?.name ?? '', {
    stdin, tty: false, stdout: (t) => inv.io.out(t), stderr: (t) => inv.io.err(t),
  }, { container: container.name });
  if (stdin) {
    const input = inv.ctx.stdin ?? '';
    if (input) session.writeStdin(input);
    session.closeStdin();
  }
  // Until the container exits, or Ctrl-C (the container runs on).
  await awaitSession(inv, session);
}
