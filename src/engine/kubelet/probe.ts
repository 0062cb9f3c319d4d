// What one probe or hook action does against a container: exec in it, GET from its pod's
// port, dial its port. Models pkg/probe/exec/exec.go, pkg/probe/http/http.go (DoHTTPProbe),
// pkg/probe/tcp/tcp.go and pkg/probe/grpc/grpc.go, with the outputs the kubelet puts in its
// Unhealthy events. The kubelet dials the pod IP from the node; here that dial is the runtime's
// sandboxListener (what listens on the port in the pod's network namespace).
import type { Clock } from '../clock/index.ts';
import { RuntimeError, type ContainerRuntime } from '../runtime/index.ts';
import { goDuration } from './duration.ts';
import type { HttpGetAction, PodContainer, ProbeHandler } from './pod.ts';

/** pkg/probe Result: success, warning (a success worth an event), failure, unknown. */
export type ProbeOutcome =
  | { result: 'success' | 'warning' | 'failure'; output: string }
  | { result: 'unknown'; error: string };

/** Where the probe runs: the container's current run, its pod's sandbox and IP. */
export interface ProbeSite {
  runtime: ContainerRuntime;
  clock: Clock;
  containerID: string;
  sandboxId: string;
  podIP: string;
  container: PodContainer;
}

const GRPC_UNKNOWN = 'rpc error: code = Unknown desc = ';

/** probe.ResolveContainerPort: a number, a named container port, or a number in a string. */
export function resolvePort(port: number | string, container: PodContainer): { port: number } | { error: string } {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const named = container.ports?.find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else return { error: `strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax` };
  }
  return n > 0 && n < 65536 ? { port: n } : { error: `invalid port number: ${n}` };
}

/** RunInContainer with a timeout: the exit code and combined output, or why there is none. */
export async function execInContainer(site: ProbeSite, command: string[], timeoutMs: number | undefined):
  Promise<{ exitCode: number; output: string } | { timedOut: true } | { error: string }> {
  let output = '';
  const collect = (chunk: string) => { output += chunk; };
  let result;
  try {
    result = site.runtime.exec(site.containerID, command, { stdin: false, tty: false, stdout: collect, stderr: collect }).result;
  } catch (err) {
    if (!(err instanceof RuntimeError)) throw err;
    return { error: err.message.startsWith('rpc error') ? err.message : `${GRPC_UNKNOWN}${err.message}` };
  }
  // remote_runtime.go ExecSync: the CRI call's deadline. The exec itself is left to the runtime.
  let timer;
  const timeout = timeoutMs === undefined ? undefined : new Promise<'timeout'>((resolve) => { timer = site.clock.after(timeoutMs, () => resolve('timeout')); });
  const status = await (timeout ? Promise.race([result, timeout]) : result);
  site.clock.cancel(timer);
  if (status === 'timeout') return { timedOut: true };
  const code = status.status === 'Success' ? 0 : Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? 1);
  return { exitCode: code, output };
}

/** The URL the kubelet builds for an httpGet action (NewRequestForHTTPGetAction). */
export function httpUrl(action: HttpGetAction, host: string, port: number): string {
  const path = action.path ? (action.path.startsWith('/') ? action.path : `/${action.path}`) : '/';
  return `${(action.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
}

/** An HTTP GET from the node to the pod: the status code and body, or Go's dial error. */
export function httpGet(site: ProbeSite, action: HttpGetAction): { status: number; body: string } | { error: string } {
  const resolved = resolvePort(action.port, site.container);
  if ('error' in resolved) return resolved;
  const host = action.host || site.podIP;
  const url = httpUrl(action, host, resolved.port);
  const handler = host === site.podIP ? site.runtime.sandboxListener(site.sandboxId, resolved.port) : undefined;
  if (!handler) return { error: `Get ${JSON.stringify(url)}: dial tcp ${host}:${resolved.port}: connect: connection refused` };
  const res = handler({ method: 'GET', host, port: resolved.port, path: new URL(url).pathname });
  return { status: res.status, body: res.body };
}

/** One probe attempt (prober.go runProbe), with `timeoutSeconds` on the virtual clock. */
export async function runProbe(site: ProbeSite, handler: ProbeHandler, timeoutSeconds: number): Promise<ProbeOutcome> {
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const run = await execInContainer(site, command, timeoutSeconds * 1000);
    if ('error' in run) return { result: 'unknown', error: run.error };
    // exec.go: a timed-out command is a failure whose output is the timeout error (ExecProbeTimeout, GA).
    if ('timedOut' in run) return { result: 'failure', output: `command ${JSON.stringify(command.join(' '))} timed out` };
    return { result: run.exitCode === 0 ? 'success' : 'failure', output: run.output };
  }
  if (handler.httpGet) {
    const res = httpGet(site, handler.httpGet);
    if ('error' in res) return res.error.startsWith('Get ') ? { result: 'failure', output: res.error } : { result: 'unknown', error: res.error };
    if (res.status >= 200 && res.status < 400) {
      return res.status >= 300 ? { result: 'warning', output: `Probe terminated redirects, Response body: ${res.body}` } : { result: 'success', output: res.body };
    }
    return { result: 'failure', output: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (handler.tcpSocket) {
    const resolved = resolvePort(handler.tcpSocket.port, site.container);
    if ('error' in resolved) return { result: 'unknown', error: resolved.error };
    const host = handler.tcpSocket.host || site.podIP;
    const open = host === site.podIP && site.runtime.sandboxListener(site.sandboxId, resolved.port) !== undefined;
    return open ? { result: 'success', output: '' } : { result: 'failure', output: `dial tcp ${host}:${resolved.port}: connect: connection refused` };
  }
  if (handler.grpc) {
    // Simulated programs do not speak gRPC health: a listener on the port counts as SERVING.
    const { port } = handler.grpc;
    const open = site.runtime.sandboxListener(site.sandboxId, port) !== undefined;
    return open
      ? { result: 'success', output: '' }
      : { result: 'failure', output: `timeout: failed to connect service ${JSON.stringify(`${site.podIP}:${port}`)} within ${goDuration(timeoutSeconds * 1000)}: context deadline exceeded` };
  }
  return { result: 'unknown', error: `missing probe handler for ${site.container.name}` };
}
