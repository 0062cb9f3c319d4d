// `pilothouse serve`: boots a cluster on a real-time virtual clock and serves its apiserver over
// HTTPS for real clients (kubectl, client libraries, dashboards) until SIGINT or SIGTERM.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { VirtualClock } from '../engine/clock/index.ts';
import { bootCluster, DEFAULT_CLUSTER_SPEC, type ClusterSpec } from '../engine/cluster/index.ts';
import { createEtcdStore, createMemoryStore, createStore, type Store } from '../engine/store/index.ts';
import { generateServingCertificates, openFileBackend, startServer } from '../serve/index.ts';
import type { Command } from './main.ts';

const SERVE_USAGE = `Usage: pilothouse serve [options]

Options:
  --port N                  port to listen on (default 6443; 0 picks a free one)
  --address A               address to bind (default 127.0.0.1)
  --cluster SPEC.yaml       the cluster spec to boot (seed, features, addons)
  --write-kubeconfig PATH   where to write the admin kubeconfig (default: in the temp directory)
  --store-dir DIR           keep the cluster in DIR (a durable log, reopened on the next start)
  --etcd URL                keep the cluster in a real etcd (its client URL) instead of memory
`;

export interface ServeArgs {
  port: number;
  address: string;
  clusterFile?: string;
  kubeconfigPath?: string;
  etcd?: string;
  storeDir?: string;
}

/** The serve options, or a message saying what is wrong with them. */
export function parseServeArgs(args: string[]): { ok: true; value: ServeArgs } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args, allowPositionals: false, strict: true,
      options: {
        port: { type: 'string' }, address: { type: 'string' }, cluster: { type: 'string' },
        'write-kubeconfig': { type: 'string' }, etcd: { type: 'string' }, 'store-dir': { type: 'string' },
      },
    }));
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  if (values.etcd !== undefined && values['store-dir'] !== undefined) return { ok: false, message: '--etcd and --store-dir are exclusive: the cluster lives in one store' };
  const port = values.port === undefined ? 6443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: `invalid --port ${JSON.stringify(values.port)}: want 0..65535` };
  return {
    ok: true,
    value: {
      port, address: values.address ?? '127.0.0.1',
      ...(values.cluster !== undefined ? { clusterFile: values.cluster } : {}),
      ...(values['write-kubeconfig'] !== undefined ? { kubeconfigPath: values['write-kubeconfig'] } : {}),
      ...(values.etcd !== undefined ? { etcd: values.etcd } : {}),
      ...(values['store-dir'] !== undefined ? { storeDir: values['store-dir'] } : {}),
    },
  };
}

/** A ClusterSpec from YAML: the default spec with the file's `seed` and `features`. */
export function parseClusterSpec(text: string): ClusterSpec {
  const raw = (parseYaml(text) ?? {}) as { seed?: unknown; features?: unknown; addons?: unknown };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError('a cluster spec is a YAML mapping');
  if (raw.seed !== undefined && !Number.isInteger(raw.seed)) throw new TypeError('seed: must be an integer');
  if (raw.features !== undefined && (typeof raw.features !== 'object' || raw.features === null)) throw new TypeError('features: must be a mapping');
  if (raw.addons !== undefined && (typeof raw.addons !== 'object' || raw.addons === null)) throw new TypeError('addons: must be a mapping');
  const metricsServer = (raw.addons as { metricsServer?: unknown } | undefined)?.metricsServer;
  if (metricsServer !== undefined && typeof metricsServer !== 'boolean') throw new TypeError('addons.metricsServer: must be true or false');
  return {
    seed: (raw.seed as number | undefined) ?? DEFAULT_CLUSTER_SPEC.seed,
    features: { ...DEFAULT_CLUSTER_SPEC.features, ...(raw.features as ClusterSpec['features'] | undefined) },
    addons: { ...DEFAULT_CLUSTER_SPEC.addons, ...(metricsServer !== undefined ? { metricsServer } : {}) },
  };
}

async function serve(args: string[]): Promise<number> {
  const parsed = parseServeArgs(args);
  if (!parsed.ok) {
    process.stderr.write(`pilothouse serve: ${parsed.message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  const options = parsed.value;
  let spec = DEFAULT_CLUSTER_SPEC;
  if (options.clusterFile) {
    try {
      spec = parseClusterSpec(await readFile(options.clusterFile, 'utf8'));
    } catch (e) {
      process.stderr.write(`pilothouse serve: ${options.clusterFile}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  // A timer callback that fails is a bug in a component; log it and keep the cluster running.
  // A served cluster's virtual time starts at the real time: the clients that talk to it (the
  // real kubectl, dashboards) measure ages and timeouts on their own wall clocks.
  const clock = new VirtualClock({ seed: spec.seed, startTime: Date.now(), onTimerError: (e) => console.error('pilothouse: timer error:', e) });
  const store: Store = options.etcd ? createEtcdStore({ endpoint: options.etcd })
    : options.storeDir ? await createStore({ clock, backend: await openFileBackend(options.storeDir) })
      : createMemoryStore({ clock });
  // The CA first: the cluster publishes it to every namespace as kube-root-ca.crt, and pods
  // (and learners) must find there the CA that really signed the apiserver's certificate.
  const certificates = await generateServingCertificates([options.address]);
  const cluster = await bootCluster({ store, clock, spec, caBundle: certificates.caCert });
  clock.play(1);
  await cluster.ready;
  const kubeconfigPath = options.kubeconfigPath ?? path.join(tmpdir(), `pilothouse-${process.pid}.kubeconfig`);
  const served = await startServer({ api: cluster.api, port: options.port, address: options.address, kubeconfigPath, certificates });
  process.stdout.write([
    `Pilothouse is serving a Kubernetes v1.33 cluster at ${served.url}${options.etcd ? ` (stored in etcd at ${options.etcd})` : options.storeDir ? ` (stored in ${options.storeDir})` : ''}`,
    `kubeconfig: ${kubeconfigPath}`,
    `  try: kubectl --kubeconfig ${kubeconfigPath} get namespaces`,
    '',
  ].join('\n'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.close();
  clock.pause();
  await cluster.stop();
  await store.close();
  return 0;
}

export const serveCommand: Command = {
  summary: 'serve a simulated cluster over the real Kubernetes API (HTTPS) for kubectl and other clients',
  run: serve,
};
