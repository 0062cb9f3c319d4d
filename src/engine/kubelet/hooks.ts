// Container lifecycle hooks (postStart, preStop): exec in the container, GET from its pod, or
// sleep. Models pkg/kubelet/lifecycle/handlers.go (HandlerRunner.Run and its failure messages,
// which become the PostStartHookError waiting message; the events themselves say only
// `PostStartHook failed` / `PreStopHook failed`, so that no secret leaks into them).
import type { LifecycleHandler } from './pod.ts';
import { execInContainer, httpGet, type ProbeSite } from './probe.ts';

/** Go's %v of a []string: `[sh -c exit 1]`. */
const goSlice = (s: string[]) => `[${s.join(' ')}]`;

/** Runs the hook; settles with undefined when it succeeded, else handlers.go's message. */
export async function runHook(site: ProbeSite, handler: LifecycleHandler, podFullName: string): Promise<string | undefined> {
  const where = `for Container ${JSON.stringify(site.container.name)} in Pod ${JSON.stringify(podFullName)}`;
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const run = await execInContainer(site, command, undefined);
    if ('exitCode' in run && run.exitCode === 0) return undefined;
    // remote_runtime.go ExecSync: a non-zero exit is an error naming the command and its code.
    const error = 'error' in run ? run.error : 'exitCode' in run ? `command '${command.join(' ')}' exited with ${run.exitCode}: ${run.output}` : 'timed out';
    const output = 'output' in run ? run.output : '';
    return `Exec lifecycle hook (${goSlice(command)}) ${where} failed - error: ${error}, message: ${JSON.stringify(output)}`;
  }
  if (handler.httpGet) {
    // runHTTPHandler: only a request that gets no response fails; any status code passes.
    const res = httpGet(site, handler.httpGet);
    return 'error' in res ? `HTTP lifecycle hook (${handler.httpGet.path ?? ''}) ${where} failed - error: ${res.error}` : undefined;
  }
  if (handler.sleep) {
    await new Promise<void>((resolve) => site.clock.after(handler.sleep!.seconds * 1000, resolve));
  }
  return undefined;
}
