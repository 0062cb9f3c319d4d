// `pilothouse kubectl` end to end: the HTTP transport over node:https against a served cluster.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../engine/cluster/index.ts';
import { createMemoryStore, type Store } from '../engine/store/index.ts';
import { kubeconfigYaml, startServer, type ServedCluster } from '../serve/index.ts';
import { commandLine, runKubectlCli } from './kubectl.ts';

let dir: string;
let store: Store;
let cluster: Cluster;
let served: ServedCluster;
let clock: VirtualClock;
let kubeconfigFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-cli-'));
  clock = new VirtualClock({ seed: 1 });
  store = createMemoryStore({ clock });
  cluster = await bootCluster({ store, clock });
  await cluster.ready;
  kubeconfigFile = path.join(dir, 'kubeconfig');
  served = await startServer({ api: cluster.api, port: 0, kubeconfigPath: kubeconfigFile });
  await clock.advanceAsync(120_000);
}, 30_000);

afterAll(async () => {
  await served?.close();
  await cluster?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

async function kubectl(args: string[], env: NodeJS.ProcessEnv = { KUBECONFIG: kubeconfigFile, HOME: dir }, interrupt?: Promise<void>) {
  let stdout = '', stderr = '';
  const exitCode = await runKubectlCli(args, {
    stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env, ...(interrupt ? { interrupt } : {}),
  });
  return { stdout, stderr, exitCode };
}

describe('pilothouse kubectl over HTTPS', () => {
  it('lists namespaces from the served cluster, the Table printed by the server', async () => {
    expect(await kubectl(['get', 'ns'])).toEqual({
      stdout: 'NAME              STATUS   AGE\ndefault           Active   2m\nkube-node-lease   Active   2m\nkube-public       Active   2m\nkube-system       Active   2m\n',
      stderr: '', exitCode: 0,
    });
  });

  it('reads the kubeconfig named by --kubeconfig, and uses its context namespace', async () => {
    const other = path.join(dir, 'other');
    await writeFile(other, kubeconfigYaml({ server: served.url, caCert: served.caCert, token: served.adminToken, namespace: 'kube-system' }));
    expect(await kubectl(['--kubeconfig', other, 'get', 'pods'], { HOME: dir }))
      .toEqual({ stdout: '', stderr: 'No resources found in kube-system namespace.\n', exitCode: 0 });
  });

  it('keeps what config set-context changes in the kubeconfig file, as kubectl does', async () => {
    const own = path.join(dir, 'own');
    await writeFile(own, kubeconfigYaml({ server: served.url, caCert: served.caCert, token: served.adminToken }));
    const env = { KUBECONFIG: own, HOME: dir };
    expect(await kubectl(['config', 'set-context', '--current', '--namespace=kube-node-lease'], env))
      .toEqual({ stdout: 'Context "pilothouse" modified.\n', stderr: '', exitCode: 0 });
    expect(await kubectl(['get', 'pods'], env)).toMatchObject({ stderr: 'No resources found in kube-node-lease namespace.\n' });
    expect(await readFile(own, 'utf8')).toContain('certificate-authority-data: ');
  });

  it('prints the server\'s Status errors as kubectl does', async () => {
    expect(await kubectl(['get', 'ns', 'nope'])).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): namespaces "nope" not found\n', exitCode: 1,
    });
  });

  it('impersonates --as through Impersonate-User, and RBAC refuses', async () => {
    const res = await kubectl(['get', 'secrets', '--as', 'jane']);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toBe('Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"\n');
  });

  it('is refused without a valid token, with the real 401', async () => {
    const bad = path.join(dir, 'bad');
    await writeFile(bad, kubeconfigYaml({ server: served.url, caCert: served.caCert, token: 'wrong' }));
    const res = await kubectl(['get', 'ns'], { KUBECONFIG: bad, HOME: dir });
    expect(res).toEqual({ stdout: '', stderr: 'error: You must be logged in to the server (Unauthorized)\n', exitCode: 1 });
  });

  it('fails as kubectl when the kubeconfig file is missing or the context unknown', async () => {
    const missing = path.join(dir, 'missing');
    expect(await kubectl(['get', 'ns'], { KUBECONFIG: missing, HOME: dir })).toMatchObject({ stderr: `error: stat ${missing}: no such file or directory\n`, exitCode: 1 });
    expect(await kubectl(['--context', 'nowhere', 'get', 'ns'])).toMatchObject({ stderr: 'error: context was not found for specified context: nowhere\n', exitCode: 1 });
  });

  it('streams a watch until interrupted', async () => {
    let interrupt!: () => void;
    const stopped = new Promise<void>((resolve) => { interrupt = resolve; });
    let stdout = '';
    const done = runKubectlCli(['get', 'ns', '-w', '--no-headers'], {
      stdout: (t) => { stdout += t; }, stderr: () => undefined, env: { KUBECONFIG: kubeconfigFile, HOME: dir }, interrupt: stopped,
    });
    await expect.poll(() => stdout).toContain('kube-system');
    await cluster.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'watched' } });
    await expect.poll(() => stdout, { timeout: 5000 }).toContain('watched');
    interrupt();
    // As the real kubectl: its interrupt handler exits 1, silently.
    expect(await done).toBe(1);
  });
});

describe('commandLine', () => {
  it.each([
    { args: ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'], line: "kubectl get pods -o 'jsonpath={.items[*].metadata.name}'" },
    { args: ['get', 'pods', '|', 'grep'], line: "kubectl get pods '|' grep" },
    { args: ['annotate', 'pod', 'p', "note=it's"], line: "kubectl annotate pod p 'note=it'\\''s'" },
    { args: ['get', ''], line: "kubectl get ''" },
  ])('quotes $args so the lexer reads the same words', ({ args, line }) => expect(commandLine(args)).toBe(line));
});
