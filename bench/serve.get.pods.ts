// serve.get.pods: requests per second of `GET /api/v1/namespaces/default/pods` as kubectl asks
// for it (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: the server-side printed Table)
// over 100 realistic pods, through `pilothouse serve`'s HTTPS server — TLS, bearer token,
// RBAC, content negotiation, the apiserver's list and the Table printer, JSON out — by
// CONCURRENCY clients over a keep-alive agent trusting the server's CA.
// Baseline: the same list as an in-process call (`api.handle({ verb: 'list', query: { as:
// 'Table' } })`), by as many concurrent callers. The ratio is the share of the apiserver's own
// rate that survives the HTTP layer.
//
// Node only (runs: 'node'). The bench page's Vite build imports this file too (through
// registry.ts), so node:https and src/serve/ are imported at run time under a specifier Vite
// leaves alone; only their types are imported statically.
import type * as NodeHttps from 'node:https';
import type { ApiServer } from '../src/engine/api/index.ts';
import { resources } from '../src/engine/client/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { bootCluster, type Cluster } from '../src/engine/cluster/index.ts';
import { createMemoryStore } from '../src/engine/store/index.ts';
import type * as Serve from '../src/serve/index.ts';
import { realisticPod } from './cluster.ts';
import { timed } from './harness.ts';
import type { Benchmark, Round } from './types.ts';

const PODS = 100;
const CONCURRENCY = 8;
const REQUESTS = 400;
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const PATH = '/api/v1/namespaces/default/pods';

/** A module Node loads at run time and Vite never bundles (see the header). */
const nodeOnly = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

/** Boots a cluster over a memory store with PODS pods in `default`. */
async function podsCluster(): Promise<{ cluster: Cluster; clock: VirtualClock }> {
  const clock = new VirtualClock({ seed: 1 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  clock.play(1);
  await cluster.ready;
  const scope = { ...resources.pods, namespace: 'default' };
  // The ServiceAccount admission plugin refuses pods until the service account controller has
  // created `default`'s service account, soon after boot (real time: the clock is playing).
  for (let tries = 0; ; tries++) {
    try {
      await cluster.client.get({ ...resources.serviceaccounts, namespace: 'default' }, 'default');
      break;
    } catch (e) {
      if (tries > 1000) throw e;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  for (let i = 0; i < PODS; i++) {
    // Without their owner reference: no ReplicaSet owns them here, and the garbage collector
    // would delete pods whose owner is missing.
    const { ownerReferences: _, ...metadata } = realisticPod(`web-7d9f8b6c5d-${i}`, i).metadata as Record<string, unknown>;
    await cluster.client.create(scope, { ...realisticPod(`web-7d9f8b6c5d-${i}`, i), metadata });
  }
  return { cluster, clock };
}

/** Runs `one` REQUESTS times, CONCURRENCY at a time; returns requests per second. */
async function rate(one: () => Promise<void>): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < REQUESTS) await one();
  };
  const ms = await timed(async () => { await Promise.all(Array.from({ length: CONCURRENCY }, worker)); });
  return REQUESTS / (ms / 1000);
}

/** GET `url` over `agent`; resolves with the body once it has all arrived, rejects unless 200. */
function get(https: typeof NodeHttps, agent: NodeHttps.Agent, url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { agent, headers: { Accept: TABLE, Authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${url}: ${res.statusCode} ${body}`));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function inProcessList(api: ApiServer): Promise<unknown> {
  return api.handle({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { as: 'Table' } });
}

async function round(): Promise<Round> {
  const https = await nodeOnly('node:https') as typeof NodeHttps;
  const { startServer } = await nodeOnly('../src/serve/index.ts') as typeof Serve;
  const { cluster, clock } = await podsCluster();
  const served = await startServer({ api: cluster.api, port: 0 });
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: served.caCert });
  try {
    const url = `${served.url}${PATH}`;
    // Honest work on both sides: the Table must hold every pod, over HTTP and in process.
    const rows = (JSON.parse(await get(https, agent, url, served.adminToken)) as { rows?: unknown[] }).rows?.length;
    const inProcessRows = ((await inProcessList(cluster.api)) as { body: { rows?: unknown[] } }).body.rows?.length;
    if (rows !== PODS || inProcessRows !== PODS) throw new Error(`expected ${PODS} rows, got ${rows} over HTTP and ${inProcessRows} in process`);
    const value = await rate(async () => { await get(https, agent, url, served.adminToken); });
    const baseline = await rate(async () => { await inProcessList(cluster.api); });
    return { value, baseline };
  } finally {
    agent.destroy();
    await served.close();
    clock.pause();
    await cluster.stop();
    clock.dispose();
  }
}

export const serveGetPods: Benchmark = {
  name: 'serve.get.pods',
  unit: 'requests/s',
  runs: 'node',
  baseline: `in-process api.handle list as=Table, ${CONCURRENCY} concurrent callers, same ${PODS} pods`,
  round,
};
