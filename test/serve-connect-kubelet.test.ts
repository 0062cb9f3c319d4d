// Pod logs, exec and attach end to end on a booted cluster: the pods run on node-1's kubelet
// (src/engine/kubelet) and the simulated containerd (src/engine/runtime), the apiserver
// proxies to that kubelet, `pilothouse serve` speaks HTTP and WebSocket, and the real kubectl
// v1.33 (and our HTTP transport) are the clients. test/serve-connect.test.ts covers the same
// wire with a scripted kubelet, which can count the streams the server holds.
//
// The cluster's clock is paused: the tests move it (clock.advanceAsync) and wait for the other
// process with `until` (real I/O, not the virtual clock).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/engine/api/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../src/engine/cluster/index.ts';
import { createClient, createHttpTransport, type Client } from '../src/engine/client/index.ts';
import { createMemoryStore, type Store } from '../src/engine/store/index.ts';
import { generateServingCertificates, startServer, type ServedCluster } from '../src/serve/index.ts';
import { nodeFetch, nodeWebSocket, runKubectlCli } from '../src/cli/index.ts';
import { findTool, titleWithTool } from './support/tools.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

let dir: string, clock: VirtualClock, store: Store, cluster: Cluster, served: ServedCluster, client: Client;

const COUNTER = 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 1; done';
const objects: KubeObject[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'default' }, data: { key: 'from-configmap' } } as KubeObject,
  {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
    spec: {
      nodeName: 'node-1',
      containers: [{
        name: 'nginx', image: 'nginx:1.27', env: [{ name: 'GREETING', value: 'hello' }],
        volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
      }],
      volumes: [{ name: 'config', configMap: { name: 'config' } }],
    },
  } as KubeObject,
  {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'counter', namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'count', image: 'busybox:1.36', command: ['sh', '-c', COUNTER] }] },
  } as KubeObject,
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-connect-kubelet-'));
  clock = new VirtualClock({ seed: 1 });
  store = createMemoryStore({ clock });
  const certificates = await generateServingCertificates(['127.0.0.1']);
  cluster = await bootCluster({ store, clock, caBundle: certificates.caCert });
  await cluster.ready;
  for (const o of objects) {
    const resource = o.kind === 'Pod' ? 'pods' : 'configmaps';
    await cluster.client.create({ group: '', version: 'v1', resource, namespace: 'default' }, o);
  }
  // Pulls, starts, and ten seconds of the counter's output.
  await clock.advanceAsync(10_000);
  served = await startServer({ api: cluster.api, port: 0, kubeconfigPath: path.join(dir, 'kubeconfig'), certificates });
  client = createClient(createHttpTransport({
    server: served.url, token: served.adminToken,
    fetch: nodeFetch({ ca: served.caCert }), webSocket: nodeWebSocket({ ca: served.caCert }),
  }));
}, 60_000);

afterAll(async () => {
  await served?.close();
  await cluster?.stop();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Waits for another process or socket (real I/O, not the virtual clock) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** An exec through our HTTP transport: its stdout and how it ended. */
async function execOver(command: string[]): Promise<{ stdout: string; status: unknown }> {
  let stdout = '';
  const session = await client.exec('default', 'web', command, { stdin: false, tty: false, stdout: (t) => { stdout += t; } });
  const status = await session.result;
  return { stdout, status };
}

describe('our HTTP transport against serve, on kubelet-run pods', () => {
  it('reads the log the container wrote on the virtual clock', async () => {
    const log = await client.logs('default', 'counter');
    expect(log).toMatch(/^line 0\nline 1\n(line \d+\n)+$/);
    expect(await client.logs('default', 'counter', { tailLines: 1 })).toBe(`${log.trimEnd().split('\n').pop()!}\n`);
  });

  it('runs exec in the container: its files, env and exit status', async () => {
    expect(await execOver(['cat', '/etc/config/key'])).toEqual({ stdout: 'from-configmap', status: { status: 'Success' } });
    expect((await execOver(['env'])).stdout).toContain('GREETING=hello\n');
    expect((await execOver(['sh', '-c', 'exit 3'])).status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
  });

  it('follows new lines as the clock moves, and an attach sees output from now on until it detaches', async () => {
    let followed = '', attached = '';
    const follow = await client.followLogs('default', 'counter', { tailLines: 0 }, (c) => { followed += c; });
    const session = await client.attach('default', 'counter', { stdin: false, tty: false, stdout: (t) => { attached += t; }, stderr: (t) => { attached += t; } });
    await clock.advanceAsync(2_000);
    await until(() => followed.split('\n').length === 3 && attached.split('\n').length === 3, 'two new lines on both streams');
    expect(attached).toBe(followed);
    session.close();
    follow.stop();
    await follow.closed;
    expect(await session.result).toEqual({ status: 'Success' });
    // The container runs on after its client detached.
    expect((await cluster.client.get<KubeObject & { status?: { phase?: string } }>({ group: '', version: 'v1', resource: 'pods', namespace: 'default' }, 'counter')).status?.phase).toBe('Running');
  });
});

describe('pilothouse kubectl against serve, on kubelet-run pods', () => {
  /** Runs our kubectl with Ctrl-C pressed once `pressed` settles. */
  async function ours(args: string[], pressed: Promise<void>) {
    let stdout = '', stderr = '';
    const exitCode = await runKubectlCli(args, {
      stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: { KUBECONFIG: path.join(dir, 'kubeconfig'), HOME: dir }, interrupt: pressed,
    });
    return { stdout, stderr, exitCode };
  }

  it('exec and attach end at Ctrl-C as the real kubectl does (128 + SIGINT), and the exec is killed', async () => {
    let press!: () => void;
    const pressed = new Promise<void>((resolve) => { press = resolve; });
    const running = ours(['exec', 'web', '--', 'sh', '-c', 'while true; do echo tick >> /tmp/ours; echo tick; sleep 1; done'], pressed);
    await clock.advanceAsync(1_500);
    press();
    expect(await running).toEqual({ stdout: 'tick\ntick\n', stderr: '', exitCode: 130 });
    const count = async () => (await execOver(['sh', '-c', 'wc -l < /tmp/ours'])).stdout.trim();
    await until(async () => {
      const before = await count();
      await clock.advanceAsync(2_000);
      return await count() === before;
    }, 'the exec to be killed');
    expect(await ours(['attach', 'counter'], Promise.resolve())).toEqual({ stdout: '', stderr: "If you don't see a command prompt, try pressing enter.\n", exitCode: 130 });
  });
});

withKubectl(titleWithTool('real kubectl logs, exec and attach on kubelet-run pods', 'kubectl', kubectlPath), () => {
  const env = () => ({ ...process.env, HOME: dir, KUBECONFIG: path.join(dir, 'kubeconfig') });
  const kubectl = (args: string[], stdin = '') => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(kubectlPath!, args, { env: env(), timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
  const started = (args: string[]) => {
    const child = spawn(kubectlPath!, args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => { out.stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out.stderr += d.toString(); });
    return { child, out };
  };
  const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  it('logs, logs --tail and logs --timestamps read what the HTTP transport reads', async () => {
    expect(await kubectl(['logs', 'counter'])).toEqual({ code: 0, stdout: await client.logs('default', 'counter'), stderr: '' });
    expect(await kubectl(['logs', 'counter', '--tail=2'])).toEqual({ code: 0, stdout: await client.logs('default', 'counter', { tailLines: 2 }), stderr: '' });
    const stamped = await kubectl(['logs', 'counter', '--tail=1', '--timestamps']);
    expect(stamped.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line \d+\n$/);
  });

  it.each([
    { name: 'exec cat of a ConfigMap volume', args: ['exec', 'web', '--', 'cat', '/etc/config/key'], code: 0, stdout: 'from-configmap', stderr: '' },
    { name: 'exec hostname', args: ['exec', 'web', '--', 'hostname'], code: 0, stdout: 'web\n', stderr: '' },
    { name: 'exec with a non-zero exit', args: ['exec', 'web', '--', 'sh', '-c', 'exit 3'], code: 3, stdout: '', stderr: 'command terminated with exit code 3\n' },
    { name: 'exec -c of a container the pod does not have', args: ['exec', 'web', '-c', 'nope', '--', 'env'], code: 1, stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n' },
  ])('$name', async (c) => {
    expect(await kubectl(c.args)).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr });
  });

  it('exec of a command the image lacks prints containerd\'s error through the apiserver', async () => {
    const result = await kubectl(['exec', 'web', '--', 'nosuch']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/);
  });

  it('exec -i passes stdin to the command', async () => {
    expect(await kubectl(['exec', '-i', 'web', '--', 'sh', '-c', 'read a b; echo "$b $a"'], 'one two\n')).toEqual({ code: 0, stdout: 'two one\n', stderr: '' });
  });

  it('logs -f prints new lines as the clock moves, until Ctrl-C (exit 1)', async () => {
    const { child, out } = started(['logs', '-f', 'counter', '--tail=1']);
    await until(() => /^line \d+\n$/.test(out.stdout), 'the last line so far');
    const first = Number(/\d+/.exec(out.stdout)![0]);
    await clock.advanceAsync(2_000);
    await until(() => out.stdout.split('\n').length === 4, 'two new lines');
    expect(out.stdout).toBe(`line ${first}\nline ${first + 1}\nline ${first + 2}\n`);
    const end = exited(child);
    child.kill('SIGINT');
    expect(await end).toEqual({ code: 1, signal: null });
  });

  it('attach prints the main process\'s output from now on, until Ctrl-C', async () => {
    const { child, out } = started(['attach', 'counter']);
    await until(() => out.stderr === "If you don't see a command prompt, try pressing enter.\n", 'the prompt hint');
    // Nothing from before the attach; the next lines as they come. kubectl prints the hint
    // before it connects, so the clock moves until the attach (however slow to connect) hears a line.
    await until(async () => {
      await clock.advanceAsync(1_000);
      return out.stdout !== '';
    }, 'a line');
    const seen = out.stdout.split('\n').length;
    await clock.advanceAsync(1_000);
    await until(() => out.stdout.split('\n').length > seen, 'a next line');
    // Consecutive lines of the counter, starting after line 0 (which attach does not replay).
    const numbers = out.stdout.trimEnd().split('\n').map((l) => Number(/^line (\d+)$/.exec(l)?.[1]));
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    expect(numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1]! + 1))).toBe(true);
    expect(numbers[0]).toBeGreaterThan(0);
    const end = exited(child);
    child.kill('SIGINT');
    expect(await end).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('an exec whose kubectl is interrupted (SIGINT ends it: no handler without a terminal) is killed in the container', async () => {
    const script = 'while true; do echo tick >> /tmp/ticks; sleep 1; done';
    const { child } = started(['exec', 'web', '--', 'sh', '-c', script]);
    const ticks = async () => Number((await execOver(['sh', '-c', 'cat /tmp/ticks 2>/dev/null | wc -l'])).stdout.trim());
    await until(async () => await ticks() > 0, 'the exec to start writing');
    await clock.advanceAsync(2_000);
    expect(await ticks()).toBeGreaterThan(1);
    const end = exited(child);
    child.kill('SIGINT');
    expect(await end).toEqual({ code: null, signal: 'SIGINT' });
    // The server sees the connection close and the runtime kills the exec: the count stops.
    await until(async () => {
      const before = await ticks();
      await clock.advanceAsync(2_000);
      return await ticks() === before;
    }, 'the exec to be killed');
    const stopped = await ticks();
    await clock.advanceAsync(5_000);
    expect(await ticks()).toBe(stopped);
  });
});

