// The `pilothouse serve --etcd URL` command itself, as a user runs it (bin/pilothouse.mjs in its
// own Node process, on a clock running in real time), over a real etcd started here: the real
// kubectl v1.33 creates an object through it, and Debian's etcdctl finds the object in etcd
// under the key a real kube-apiserver writes it to. serve-etcd.test.ts runs the fuller suite
// in-process; this one proves the command line wires the same pieces together.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startEtcd, type EtcdServer } from './etcd-server.ts';
import type { KubectlResult } from './support/serve.ts';
import { findTool, titleWithTool } from './support/tools.ts';

const kubectlPath = findTool('kubectl');
const etcdPath = findTool('etcd');
const etcdctlPath = findTool('etcdctl');
const missing = kubectlPath === undefined ? 'kubectl' : etcdPath === undefined ? 'etcd' : etcdctlPath === undefined ? 'etcdctl' : undefined;
const TITLE = 'pilothouse serve --etcd (the command) with the real kubectl and etcdctl';
const title = missing === undefined ? TITLE : titleWithTool(TITLE, missing, undefined);

const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'pilothouse.mjs');

let etcd: EtcdServer | undefined;
let serve: ChildProcess | undefined;
let serveExit: Promise<number | null> | undefined;
let stdout = '';
let stderr = '';
let dir = '';
const kubeconfig = () => path.join(dir, 'kubeconfig');

/** Runs the real kubectl with the kubeconfig serve wrote; never rejects on a non-zero exit. */
const kubectl = (args: string[], stdin?: string) => new Promise<KubectlResult>((resolve) => {
  const child = execFile(kubectlPath!, ['--kubeconfig', kubeconfig(), '--cache-dir', path.join(dir, 'cache'), ...args],
    { env: { ...process.env, HOME: dir }, timeout: 20_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err });
    });
  if (stdin !== undefined) child.stdin?.end(stdin);
});

/** Debian's etcdctl (API v3) against the test's etcd, as JSON; rejects on a non-zero exit. */
const etcdctlGet = (args: string[]) => new Promise<{ kvs?: Array<{ key: string; value: string; mod_revision: number }> }>((resolve, reject) => {
  execFile(etcdctlPath!, [`--endpoints=${etcd!.endpoint}`, 'get', ...args, '-w', 'json'],
    { env: { ...process.env, ETCDCTL_API: '3' }, timeout: 20_000 }, (error, out, err) => {
      if (error) reject(new Error(`etcdctl get ${args.join(' ')} failed: ${err}`));
      else resolve(JSON.parse(out) as { kvs?: Array<{ key: string; value: string; mod_revision: number }> });
    });
});
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe.skipIf(missing !== undefined)(title, () => {
  beforeAll(async () => {
    etcd = await startEtcd(etcdPath!);
    dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-serve-cli-'));
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--etcd', etcd.endpoint, '--write-kubeconfig', kubeconfig()],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    serve = child;
    serveExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    // serve prints its banner once the cluster is booted and the port is listening.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('\n  try: kubectl')) resolve();
      });
      void serveExit!.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${stdout}${stderr}`)));
    });
  }, 60_000);

  afterAll(async () => {
    serve?.kill('SIGTERM');
    await serveExit;
    await etcd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('says where it serves, on 127.0.0.1, and that the cluster is in etcd', () => {
    expect(stdout).toMatch(new RegExp(`^Pilothouse is serving a Kubernetes v1\\.33 cluster at https://127\\.0\\.0\\.1:\\d+ \\(stored in etcd at ${etcd!.endpoint.replace(/[.]/g, '\\.')}\\)\\nkubeconfig: ${kubeconfig()}\\n`));
  });

  it('creates a ConfigMap with the real kubectl, and etcd holds it under /registry/configmaps/', async () => {
    const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-cli', namespace: 'default' }, data: { greeting: 'hello' } });
    expect(await kubectl(['create', '-f', '-'], cm)).toEqual({ code: 0, stdout: 'configmap/from-cli created\n', stderr: '' });
    const rv = await kubectl(['get', 'cm', 'from-cli', '-o', 'jsonpath={.metadata.resourceVersion}']);
    const { kvs = [] } = await etcdctlGet(['--prefix', '/registry/configmaps/default/from-cli']);
    expect(kvs.map((kv) => text(kv.key))).toEqual(['/registry/configmaps/default/from-cli']);
    expect(JSON.parse(text(kvs[0]!.value))).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'from-cli', namespace: 'default' }, data: { greeting: 'hello' } });
    // The resourceVersion kubectl sees is the etcd revision that wrote the key.
    expect(rv.stdout).toBe(String(kvs[0]!.mod_revision));
  });

  it('keeps kube-root-ca.crt in etcd with the CA of the kubeconfig it wrote', async () => {
    const config = parseYaml(await readFile(kubeconfig(), 'utf8')) as { clusters: Array<{ cluster: { 'certificate-authority-data': string } }> };
    const ca = text(config.clusters[0]!.cluster['certificate-authority-data']);
    const { kvs = [] } = await etcdctlGet(['/registry/configmaps/kube-system/kube-root-ca.crt']);
    expect(kvs).toHaveLength(1);
    expect((JSON.parse(text(kvs[0]!.value)) as { data: Record<string, string> }).data['ca.crt']).toBe(ca);
  });

  it('stops cleanly on SIGTERM, and etcd keeps the cluster', async () => {
    serve!.kill('SIGTERM');
    expect(await serveExit).toBe(0);
    expect(stderr).toBe('');
    const { kvs = [] } = await etcdctlGet(['--prefix', '/registry/configmaps/default/from-cli', '--keys-only']);
    expect(kvs.map((kv) => text(kv.key))).toEqual(['/registry/configmaps/default/from-cli']);
  });
});
