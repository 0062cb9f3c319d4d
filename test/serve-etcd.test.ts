// The core of the real-kubectl suite (serve.test.ts) run a second time with the cluster kept in
// a real etcd (Debian's etcd-server, started here): the apiserver over createEtcdStore, served
// over HTTPS, driven by the real kubectl v1.33. Then Debian's etcdctl reads the keyspace, to
// check that every object sits under the key a real kube-apiserver writes it to
// (k8s.io/apiserver/pkg/storage/etcd3/store.go: /registry/<resource prefix>/[<namespace>/]<name>).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../src/engine/cluster/index.ts';
import { createEtcdStore, type Store } from '../src/engine/store/index.ts';
import { startServer, type ServedCluster } from '../src/serve/index.ts';
import { startEtcd, type EtcdServer } from './etcd-server.ts';
import type { KubectlResult } from './support/serve.ts';
import { findTool, titleWithTool } from './support/tools.ts';

const kubectlPath = findTool('kubectl');
const etcdPath = findTool('etcd');
const etcdctlPath = findTool('etcdctl');
const missing = kubectlPath === undefined ? 'kubectl' : etcdPath === undefined ? 'etcd' : etcdctlPath === undefined ? 'etcdctl' : undefined;
const title = missing === undefined ? 'real kubectl against pilothouse serve over a real etcd'
  : titleWithTool('real kubectl against pilothouse serve over a real etcd', missing, undefined);

let etcd: EtcdServer | undefined;
let store: Store | undefined;
let cluster: Cluster | undefined;
let served: ServedCluster | undefined;
let clock: VirtualClock;
let dir = '';

const kubectlEnv = () => ({ ...process.env, HOME: dir, KUBECONFIG: path.join(dir, 'kubeconfig') });
const kubectlBase = () => ['--kubeconfig', path.join(dir, 'kubeconfig'), '--cache-dir', path.join(dir, 'cache')];

/** Runs the real kubectl; never rejects on a non-zero exit. */
const kubectl = (args: string[], stdin?: string) => new Promise<KubectlResult>((resolve) => {
  const child = execFile(kubectlPath!, [...kubectlBase(), ...args], { env: kubectlEnv(), timeout: 20_000 }, (error, stdout, stderr) => {
    resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
});

/** Debian's etcdctl (API v3) against the test's etcd; rejects on a non-zero exit. */
const etcdctl = (args: string[]) => new Promise<string>((resolve, reject) => {
  execFile(etcdctlPath!, [`--endpoints=${etcd!.endpoint}`, ...args],
    { env: { ...process.env, ETCDCTL_API: '3' }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`etcdctl ${args.join(' ')} failed: ${stderr}`));
      else resolve(stdout);
    });
});

/** The keys under /registry/, as etcdctl lists them. */
const etcdKeys = async () => (await etcdctl(['get', '--prefix', '/registry/', '--keys-only'])).split('\n').filter((line) => line !== '');

const deployment = (image: string) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});
const configMap = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });

describe.skipIf(missing !== undefined)(title, () => {
  beforeAll(async () => {
    etcd = await startEtcd(etcdPath!);
    dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-serve-etcd-'));
    // The clock stays paused, as in serve.test.ts: every AGE is what the test advanced.
    clock = new VirtualClock({ seed: 1 });
    store = createEtcdStore({ endpoint: etcd.endpoint });
    cluster = await bootCluster({ store, clock });
    await cluster.ready;
    served = await startServer({ api: cluster.api, port: 0, kubeconfigPath: path.join(dir, 'kubeconfig') });
    await clock.advanceAsync(5 * 60_000);
  }, 60_000);

  afterAll(async () => {
    await served?.close();
    await cluster?.stop();
    await store?.close();
    await etcd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints the namespaces table, read from etcd', async () => {
    const { code, stdout } = await kubectl(['get', 'ns']);
    expect(code).toBe(0);
    expect(stdout).toBe([
      'NAME              STATUS   AGE',
      'default           Active   5m',
      'kube-node-lease   Active   5m',
      'kube-public       Active   5m',
      'kube-system       Active   5m',
      '',
    ].join('\n'));
  });

  it('creates a Deployment and a ConfigMap from files, and refuses a second create', async () => {
    expect(await kubectl(['create', '-f', '-'], deployment('nginx:1.27'))).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n' });
    expect(await kubectl(['create', '-f', '-'], configMap)).toMatchObject({ code: 0, stdout: 'configmap/cfg created\n' });
    expect(await kubectl(['create', '-f', '-'], configMap)).toMatchObject({
      code: 1, stderr: 'Error from server (AlreadyExists): error when creating "STDIN": configmaps "cfg" already exists\n',
    });
  });

  it('prints the Deployment as YAML with its defaults and the resourceVersion etcd gave it', async () => {
    const { code, stdout } = await kubectl(['get', 'deploy', 'web', '-o', 'yaml']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    expect(stdout).toContain('  name: web\n');
    expect(stdout).toContain('  progressDeadlineSeconds: 600\n');
    expect(stdout).toContain('    type: RollingUpdate\n');
    expect(stdout).toContain('        imagePullPolicy: IfNotPresent\n');
    const rv = /\n {2}resourceVersion: "(\d+)"\n/.exec(stdout)?.[1];
    // The object's resourceVersion is the etcd revision that last wrote its key (its mod_revision).
    const kv = JSON.parse(await etcdctl(['get', '/registry/deployments/default/web', '-w', 'json'])) as { kvs: { mod_revision: number }[] };
    expect(rv).toBe(String(kv.kvs[0]?.mod_revision));
  });

  it('applies a changed Deployment (configured), and deletes a ConfigMap', async () => {
    // kubectl apply on an object created without apply: the warning, then the patch.
    const applied = await kubectl(['apply', '-f', '-'], deployment('nginx:1.28'));
    expect(applied).toMatchObject({ code: 0, stdout: 'deployment.apps/web configured\n' });
    expect(applied.stderr).toContain('Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation');
    const image = await kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(image).toMatchObject({ code: 0, stdout: 'nginx:1.28' });
    expect(await kubectl(['apply', '-f', '-'], deployment('nginx:1.28'))).toMatchObject({ code: 0, stdout: 'deployment.apps/web unchanged\n' });
    expect(await kubectl(['create', 'configmap', 'old', '--from-literal=k=v'])).toMatchObject({ code: 0, stdout: 'configmap/old created\n' });
    expect(await kubectl(['delete', 'cm', 'old'])).toMatchObject({ code: 0, stdout: 'configmap "old" deleted\n' });
    expect(await kubectl(['get', 'cm', 'old'])).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): configmaps "old" not found\n' });
  });

  it('streams a pod created after `get pods -w` started, through an etcd watch', async () => {
    const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'kube-public' };
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await cluster!.client.create(pods, pod('listed'));
    const watcher = spawn(kubectlPath!, [...kubectlBase(), 'get', 'pods', '-w', '-n', 'kube-public'], { env: kubectlEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    watcher.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    const seen = (name: string) => new Promise<void>((resolve, reject) => {
      const check = () => { if (new RegExp(`^${name} .*\\n`, 'm').test(out)) resolve(); };
      watcher.stdout.on('data', check);
      watcher.once('exit', () => reject(new Error(`kubectl exited; output so far: ${out}`)));
      check();
    });
    try {
      await seen('listed');
      await cluster!.client.create(pods, pod('watched'));
      await seen('watched');
      expect(out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nlisted +0\/1 +Pending +0 +0s\nwatched +0\/1 +Pending +0 +0s\n/);
    } finally {
      watcher.kill();
    }
  });

  // The pods sit on a node the cluster has no Node object for: a real apiserver cannot find the kubelet to proxy to.
  it.each([
    { name: 'logs of a pod not yet scheduled print nothing', args: ['logs', 'pending'], code: 0, stderr: '' },
    { name: 'exec into a pod not yet scheduled is refused by the apiserver', args: ['exec', 'pending', '--', 'env'], code: 1, stderr: 'Error from server (BadRequest): pod pending does not have a host assigned\n' },
    { name: 'logs of a pod on a node that does not exist', args: ['logs', 'placed'], code: 1, stderr: 'Error from server (NotFound): nodes "node-9" not found\n' },
    { name: 'exec into a pod on a node that does not exist', args: ['exec', 'placed', '--', 'env'], code: 1, stderr: 'Error from server (NotFound): nodes "node-9" not found\n' },
    { name: 'logs of a missing pod', args: ['logs', 'nope'], code: 1, stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n' },
  ])('$name', async ({ args, code, stderr }) => {
    const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
    const spec = { containers: [{ name: 'c', image: 'nginx' }] };
    if (!(await cluster!.client.list(pods)).items.some((p) => p.metadata?.name === 'placed')) {
      await cluster!.client.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending' }, spec });
      const placed = await cluster!.client.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'placed' }, spec: { ...spec, nodeName: 'node-9' } });
      await cluster!.api.handle({
        ...pods, verb: 'update', subresource: 'status', name: 'placed',
        body: { ...placed, status: { phase: 'Pending', containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } },
      });
    }
    expect(await kubectl(args)).toEqual({ code, stdout: '', stderr });
  });

  it('keeps every object under the key a real kube-apiserver uses', async () => {
    const keys = await etcdKeys();
    expect(keys).toEqual(expect.arrayContaining([
      '/registry/namespaces/default',
      '/registry/namespaces/kube-system',
      '/registry/deployments/default/web',
      '/registry/configmaps/default/cfg',
      '/registry/services/specs/default/kubernetes',
      '/registry/clusterroles/cluster-admin',
      '/registry/clusterrolebindings/cluster-admin',
      '/registry/serviceaccounts/default/default',
      '/registry/configmaps/default/kube-root-ca.crt',
      '/registry/pods/kube-public/watched',
    ]));
    // Deleted is gone from etcd too, not just hidden by the apiserver.
    expect(keys).not.toContain('/registry/configmaps/default/old');
    // Nothing outside the apiserver's layout: every key is /registry/<prefix>/[<namespace>/]<name>,
    // where a prefix may be group-qualified (kube-aggregator's /registry/apiregistration.k8s.io/apiservices/v1.apps).
    for (const key of keys) expect(key).toMatch(/^\/registry\/[a-z0-9.]+(\/[a-z]+)?\/[^/]+(\/[^/]+)?$/);
  });
});
