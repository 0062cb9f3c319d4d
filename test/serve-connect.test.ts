// Pod logs and exec through `pilothouse serve`, driven by the real kubectl v1.33 and by our own
// HTTP transport: a followed log is a chunked response that ends when the client goes away,
// exec is a WebSocket speaking v5.channel.k8s.io. The pods run on a scripted fake kubelet
// (the real kubelet room is not wired into the cluster yet), served by a second apiserver over
// the same store, as a real cluster's apiservers share etcd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { execFile, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiServer, createFakeKubelet, type KubeObject } from '../src/engine/api/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../src/engine/cluster/index.ts';
import { createClient, createHttpTransport, type Client } from '../src/engine/client/index.ts';
import { createMemoryStore, type Store } from '../src/engine/store/index.ts';
import { generateServingCertificates, startServer, type ServedCluster } from '../src/serve/index.ts';
import { nodeFetch, nodeWebSocket } from '../src/cli/index.ts';
import { findTool, titleWithTool } from './support/tools.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

const kubelet = createFakeKubelet();
const web = { namespace: 'default', pod: 'web', container: 'web' };
const tail = { namespace: 'default', pod: 'tail', container: 'tail' };
let dir: string, store: Store, cluster: Cluster, served: ServedCluster, client: Client;

const admin = { username: 'admin', groups: ['system:masters'] };
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.7' }] } };
const pod = (name: string, containers: string[], annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', annotations },
  spec: { nodeName: 'node-a', containers: containers.map((c) => ({ name: c, image: 'nginx' })) },
} as KubeObject);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-connect-'));
  const clock = new VirtualClock({ seed: 1 });
  store = createMemoryStore({ clock });
  const certificates = await generateServingCertificates(['127.0.0.1']);
  cluster = await bootCluster({ store, clock, caBundle: certificates.caCert });
  await cluster.ready;
  const api = createApiServer({ store, clock, kubelets: (name) => (name === 'node-a' ? kubelet : undefined) });
  const created = (await api.handle({ group: '', version: 'v1', resource: 'nodes', verb: 'create', body: node, user: admin })).body as KubeObject;
  await api.handle({ group: '', version: 'v1', resource: 'nodes', verb: 'update', subresource: 'status', name: 'node-a', body: { ...created, status: node.status }, user: admin });
  for (const p of [pod('web', ['web']), pod('two', ['a', 'b']), pod('tail', ['tail'])]) await api.handle({ group: '', version: 'v1', resource: 'pods', namespace: 'default', verb: 'create', body: p, user: admin });
  kubelet.run(web, { env: { HOSTNAME: 'web', GREETING: 'hello' }, log: [{ time: '2025-01-01T00:00:01.000000000Z', text: 'one' }, { time: '2025-01-01T00:00:02.000000000Z', text: 'two' }] });
  kubelet.run(tail, { log: [{ time: '2025-01-01T00:00:01.000000000Z', text: 'one' }, { time: '2025-01-01T00:00:02.000000000Z', text: 'two' }] });
  kubelet.run({ namespace: 'default', pod: 'two', container: 'a' }, { log: [{ time: '2025-01-01T00:00:01.000000000Z', text: 'from a' }] });
  served = await startServer({ api, port: 0, kubeconfigPath: path.join(dir, 'kubeconfig'), certificates });
  client = createClient(createHttpTransport({
    server: served.url, token: served.adminToken,
    fetch: nodeFetch({ ca: served.caCert }), webSocket: nodeWebSocket({ ca: served.caCert }),
  }));
}, 30_000);

afterAll(async () => {
  await served?.close();
  await cluster?.stop();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Waits for another process or socket (real I/O, not the virtual clock) until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('our HTTP transport against serve', () => {
  it('reads a log whole', async () => {
    expect(await client.logs('default', 'web')).toBe('one\ntwo\n');
    expect(await client.logs('default', 'web', { tailLines: 1, timestamps: true })).toBe('2025-01-01T00:00:02.000000000Z two\n');
  });

  it('follows a log as a chunked stream, and the server lets go when the client stops', async () => {
    let text = '';
    const handle = await client.followLogs('default', 'tail', {}, (c) => { text += c; });
    await until(() => text === 'one\ntwo\n', 'the log so far');
    kubelet.appendLog(tail, 'three');
    await until(() => text === 'one\ntwo\nthree\n', 'the new line');
    handle.stop();
    await handle.closed;
    await until(() => kubelet.open === 0, 'the server to stop following');
  });

  it('runs exec over a v5.channel.k8s.io WebSocket, with stdin and the exit status', async () => {
    let stdout = '';
    const env = await client.exec('default', 'web', ['env'], { stdin: false, tty: false, stdout: (t) => { stdout += t; }, stderr: () => undefined });
    expect(await env.result).toEqual({ status: 'Success' });
    expect(stdout).toBe('HOSTNAME=web\nGREETING=hello\n');
    stdout = '';
    const cat = await client.exec('default', 'web', ['cat'], { stdin: true, tty: false, stdout: (t) => { stdout += t; } });
    cat.writeStdin('typed\n');
    cat.closeStdin();
    expect(await cat.result).toEqual({ status: 'Success' });
    expect(stdout).toBe('typed\n');
    const exit = await client.exec('default', 'web', ['sh', '-c', 'exit 3'], { stdin: false, tty: false, stdout: () => undefined });
    expect(await exit.result).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
  });

  it('ends the kubelet\'s session when the client goes away mid-exec', async () => {
    const cat = await client.exec('default', 'web', ['cat'], { stdin: true, tty: false, stdout: () => undefined });
    cat.writeStdin('never ended\n');
    await until(() => kubelet.open === 1, 'the exec to run');
    cat.close();
    expect(await cat.result).toEqual({ status: 'Success' });
    await until(() => kubelet.open === 0, 'the server to close the kubelet\'s session');
  });

  it('gets the apiserver\'s refusal as a Status when the upgrade is refused', async () => {
    const error = await client.exec('default', 'nope', ['env'], { stdin: false, tty: false }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ status: { code: 404, reason: 'NotFound', message: 'pods "nope" not found' } });
  });
});

withKubectl(titleWithTool('real kubectl logs and exec against pilothouse serve', 'kubectl', kubectlPath), () => {
  const base = () => ['--kubeconfig', path.join(dir, 'kubeconfig'), '--cache-dir', path.join(dir, 'cache')];
  const kubectl = (args: string[], stdin?: string) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(kubectlPath!, [...base(), ...args], { env: { ...process.env, HOME: dir }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });

  it.each([
    { name: 'logs of a pod', args: ['logs', 'web'], code: 0, stdout: 'one\ntwo\n', stderr: '' },
    { name: 'logs --tail', args: ['logs', 'web', '--tail=1'], code: 0, stdout: 'two\n', stderr: '' },
    { name: 'logs of a missing pod', args: ['logs', 'nope'], code: 1, stdout: '', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n' },
    { name: 'logs --previous of a container that never restarted', args: ['logs', 'web', '-p'], code: 1, stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n' },
    { name: 'logs of a two-container pod default to the first', args: ['logs', 'two'], code: 0, stdout: 'from a\n', stderr: 'Defaulted container "a" out of: a, b\n' },
    { name: 'exec env', args: ['exec', 'web', '--', 'env'], code: 0, stdout: 'HOSTNAME=web\nGREETING=hello\n', stderr: '' },
    { name: 'exec with a non-zero exit', args: ['exec', 'web', '--', 'sh', '-c', 'exit 3'], code: 3, stdout: '', stderr: 'command terminated with exit code 3\n' },
    { name: 'exec in a missing pod', args: ['exec', 'nope', '--', 'env'], code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' },
  ])('$name', async (c) => {
    expect(await kubectl(c.args)).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr });
  });

  it('exec -i passes stdin', async () => {
    expect(await kubectl(['exec', '-i', 'web', '--', 'cat'], 'piped\n')).toEqual({ code: 0, stdout: 'piped\n', stderr: '' });
  });

  it('logs -f streams until kubectl is stopped, and the server lets go', async () => {
    const child = spawn(kubectlPath!, [...base(), 'logs', '-f', 'tail'], { env: { ...process.env, HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await until(() => out.includes('two\n') && kubelet.open === 1, 'kubectl to print the log so far');
    kubelet.appendLog(tail, 'followed');
    await until(() => out.includes('followed\n'), 'kubectl to print the new line');
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    await until(() => kubelet.open === 0, 'the server to stop following');
    expect(out.endsWith('followed\n')).toBe(true);
  });
});
