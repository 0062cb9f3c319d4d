// Starts and stops a real, single-member etcd for the tests that hold our store to etcd's
// answers (etcd-diff.test.ts, etcd-store.test.ts). Each server gets free 127.0.0.1 ports and a
// fresh data dir (under /dev/shm when there is one: etcd fsyncs every write, and a tmpfs keeps
// a few thousand writes within seconds), and is removed with it when stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running etcd: its client URL, and how to stop it. */
export interface EtcdServer {
  endpoint: string;
  stop(): Promise<void>;
  /** Why the process ended, if it did before stop() (exit code or signal, and its last log). */
  exitReason(): string | undefined;
}

/** A port the OS just handed out on 127.0.0.1 (free, barring a race with another process). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function isHealthy(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/health`);
    return res.ok && ((await res.json()) as { health?: string }).health === 'true';
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts etcd (the binary at `etcdPath`) and resolves once it reports itself healthy. */
export async function startEtcd(etcdPath: string): Promise<EtcdServer> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(path.join(base, 'pilothouse-etcd-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  let log = '';
  const child = spawn(etcdPath, [
    '--name', 'pilothouse',
    '--data-dir', path.join(dir, 'data'),
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `pilothouse=${peer}`, '--initial-cluster-state', 'new',
    '--log-level', 'error', '--logger', 'zap',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keepLog = (chunk: Buffer): void => { log = (log + chunk.toString()).slice(-4000); };
  child.stdout?.on('data', keepLog);
  child.stderr?.on('data', keepLog);
  let stopping = false;
  const exitReason = (): string | undefined =>
    stopping || (child.exitCode === null && child.signalCode === null)
      ? undefined
      : `etcd exited (${child.exitCode ?? child.signalCode}):\n${log}`;
  const stop = async (): Promise<void> => {
    stopping = true;
    child.kill('SIGTERM');
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  };

  // Polling a real process's health endpoint, bounded: 200 tries × 50 ms = 10 s.
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) break;
    if (await isHealthy(endpoint)) return { endpoint, stop, exitReason };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`etcd at ${endpoint} did not become healthy (exit ${child.exitCode}):\n${log}`);
}
