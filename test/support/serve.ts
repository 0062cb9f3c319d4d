// Starting `pilothouse serve` in-process for tests that drive it with real clients: a booted
// cluster on a virtual clock that stays paused (so every AGE is exactly what the test advanced),
// served over HTTPS on a free port (its CA published as kube-root-ca.crt, as serve does), with a
// kubeconfig in a temporary directory, and a runner for the real kubectl pointed at it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../src/engine/cluster/index.ts';
import { createMemoryStore } from '../../src/engine/store/index.ts';
import { generateServingCertificates, startServer, type ServedCluster } from '../../src/serve/index.ts';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes as sent (compressed if the server compressed it). */
  bytes: Buffer;
}

export interface TestServer {
  served: ServedCluster;
  cluster: Cluster;
  clock: VirtualClock;
  kubeconfigPath: string;
  /** The server's temp directory, where kubectl runs (relative paths such as `kubectl cp ./f` start there). */
  dir: string;
  /** Runs the real kubectl against the server; never rejects on a non-zero exit. */
  kubectl(args: string[], stdin?: string): Promise<KubectlResult>;
  /** Starts a long-running kubectl (e.g. `get -w`); the caller kills it. */
  spawnKubectl(args: string[]): ChildProcess;
  /** One raw HTTPS request, trusting the server's CA; `token` defaults to the admin's. */
  raw(method: string, urlPath: string, options?: { headers?: Record<string, string>; body?: string | Buffer; token?: string | null }): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Boots a cluster on a paused clock and serves it; `kubectlPath` is the real kubectl (may be absent). */
export async function startTestServer(kubectlPath: string | undefined): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-serve-'));
  const clock = new VirtualClock({ seed: 1 });
  const store = createMemoryStore({ clock });
  // As `pilothouse serve`: the CA is made first and published in the cluster as kube-root-ca.crt.
  const certificates = await generateServingCertificates(['127.0.0.1']);
  const cluster = await bootCluster({ store, clock, caBundle: certificates.caCert });
  await cluster.ready;
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  const served = await startServer({ api: cluster.api, port: 0, kubeconfigPath, certificates });
  // HOME and the cache directory in the temp dir: kubectl must not read or write the user's ~/.kube.
  const env = { ...process.env, HOME: dir, KUBECONFIG: kubeconfigPath };
  const base = ['--kubeconfig', kubeconfigPath, '--cache-dir', path.join(dir, 'cache')];
  const need = () => {
    if (!kubectlPath) throw new Error('kubectl is not available');
    return kubectlPath;
  };
  return {
    served, cluster, clock, kubeconfigPath, dir,
    kubectl: (args, stdin) => new Promise((resolve) => {
      const child = execFile(need(), [...base, ...args], { env, cwd: dir, timeout: 20_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      if (stdin !== undefined) child.stdin?.end(stdin);
    }),
    spawnKubectl: (args) => spawn(need(), [...base, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    raw: (method, urlPath, options = {}) => new Promise((resolve, reject) => {
      const token = options.token === undefined ? served.adminToken : options.token;
      const req = httpsRequest(new URL(urlPath, served.url), {
        method, ca: served.caCert,
        headers: { ...(token !== null ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(options.body);
    }),
    async close() {
      await served.close();
      await cluster.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
