// metrics-server, as a simulated cluster component (like CoreDNS in the network room: no pod
// runs it; it reads the API as its service account and dials the kubelets itself). Every
// metric resolution (15 s, its --metric-resolution default) it scrapes each node's kubelet
// Summary API, keeps the last two points (storage.ts), and serves their rates as the
// metrics.k8s.io/v1beta1 API behind the apiserver's aggregator: NodeMetrics (cluster-scoped)
// and PodMetrics (namespaced), get and list with label selectors, as `kubectl top` reads them.
// Models sigs.k8s.io/metrics-server pkg/scraper/scraper.go (Scrape), pkg/server (RunUntil:
// the first scrape at start, then every resolution), pkg/api/node.go and pod.go (Get, List).
import {
  badRequest, notFound, parseQuantity, parseSelector, quantityString, rfc3339, selectorMatches,
  type AggregatedAPI, type ApiRequest, type ApiResponse, type KubeletDialer, type KubeObject, type StatsSummary,
} from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { createInformerFactory, resources, type Client } from '../client/index.ts';
import { METRICS_GROUP, METRICS_VERSION } from './objects.ts';
import { NodeStorage, PodStorage, type MetricsPoint, type PodPoints, type Usage } from './storage.ts';
import { metricsTable } from './table.ts';

/** metrics-server's --metric-resolution default. */
export const METRIC_RESOLUTION_MS = 15_000;

export interface MetricsServerOptions {
  /** Reads nodes and pods as system:serviceaccount:kube-system:metrics-server. */
  client: Client;
  clock: Clock;
  /** Reaches each node's kubelet (its Summary API). */
  kubelets: KubeletDialer;
  resolutionMs?: number;
  onError?: (err: unknown) => void;
}

export interface RunningMetricsServer {
  /** What the apiserver's aggregator serves for v1beta1.metrics.k8s.io. */
  readonly api: AggregatedAPI;
  /** Settles once its informers have synced (it then scrapes at once). */
  readonly ready: Promise<void>;
  stop(): void;
}

const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
const time = (rfc: string) => Date.parse(rfc);

/** A Go time.Duration's String() for a window: `15s`, `12.345s`, `1m0s`. */
function goDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = `${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
  return minutes ? `${minutes}m${seconds}` : seconds;
}

// The Quantities metrics-server builds: resource.NewScaledQuantity(nanocores, -9) and
// resource.NewQuantity(bytes, BinarySI), printed canonically ("4100n", "2m", "3620Ki").
const cpuQuantity = (nanoCores: number) => {
  const q = parseQuantity(`${nanoCores}n`);
  return q.ok ? quantityString({ unscaled: q.value.unscaled, scale: q.value.scale, format: 'DecimalSI' }) : '0';
};
const memoryQuantity = (bytes: number) => quantityString({ unscaled: BigInt(bytes), scale: 0, format: 'BinarySI' });

const usageOf = (u: Pick<Usage, 'cpuNanoCores' | 'memoryBytes'>) => ({ cpu: cpuQuantity(u.cpuNanoCores), memory: memoryQuantity(u.memoryBytes) });

export function runMetricsServer({ client, clock, kubelets, resolutionMs = METRIC_RESOLUTION_MS, onError = () => {} }: MetricsServerOptions): RunningMetricsServer {
  const nodesStore = new NodeStorage();
  const podsStore = new PodStorage(resolutionMs);
  const informers = createInformerFactory(client, { clock, onError });
  const nodes = informers.informerFor(resources.nodes);
  const pods = informers.informerFor(resources.pods);

  /** One scrape of every node; nodes whose kubelet does not answer are left out of this round. */
  async function scrape(): Promise<void> {
    const summaries = await Promise.all(nodes.lister().list().map(async (node): Promise<StatsSummary | undefined> => {
      try {
        return await kubelets(node.metadata?.name ?? '')?.statsSummary?.();
      } catch (err) {
        onError(err);
        return undefined;
      }
    }));
    const nodePoints = new Map<string, MetricsPoint>();
    const podPoints: PodPoints[] = [];
    for (const s of summaries) {
      if (!s) continue;
      nodePoints.set(s.node.nodeName, { startTime: time(s.node.startTime), timestamp: time(s.node.cpu.time), cumulativeCpu: s.node.cpu.usageCoreNanoSeconds, memory: s.node.memory.workingSetBytes });
      for (const p of s.pods) {
        podPoints.push({
          namespace: p.podRef.namespace, name: p.podRef.name,
          containers: new Map(p.containers.map((c) => [c.name, { startTime: time(c.startTime), timestamp: time(c.cpu.time), cumulativeCpu: c.cpu.usageCoreNanoSeconds, memory: c.memory.workingSetBytes }])),
        });
      }
    }
    nodesStore.store(nodePoints);
    podsStore.store(podPoints);
  }

  const tick = () => { scrape().catch(onError); };
  let timer: ReturnType<Clock['every']> | undefined;
  let stopped = false;
  informers.start();
  const ready = informers.waitForCacheSync().then(() => {
    if (stopped) return;
    tick();
    timer = clock.every(resolutionMs, tick);
  });

  const meta = (object: KubeObject, namespaced: boolean) => ({
    name: object.metadata?.name ?? '',
    ...(namespaced ? { namespace: object.metadata?.namespace ?? '' } : {}),
    creationTimestamp: rfc3339(clock.now()),
    ...(object.metadata?.labels ? { labels: { ...object.metadata.labels } } : {}),
  });

  function nodeMetrics(node: KubeObject): KubeObject | undefined {
    const usage = nodesStore.usage(node.metadata?.name ?? '');
    if (!usage) return undefined;
    return { kind: 'NodeMetrics', apiVersion: API_VERSION, metadata: meta(node, false), timestamp: rfc3339(usage.timestamp), window: goDuration(usage.windowMs), usage: usageOf(usage) };
  }

  function podMetrics(pod: KubeObject): KubeObject | undefined {
    const found = podsStore.usage(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    if (!found) return undefined;
    return {
      kind: 'PodMetrics', apiVersion: API_VERSION, metadata: meta(pod, true), timestamp: rfc3339(found.timestamp), window: goDuration(found.windowMs),
      containers: found.containers.map((c) => ({ name: c.name, usage: usageOf(c.usage) })),
    };
  }

  const selectorOf = (req: ApiRequest) => {
    const parsed = parseSelector(req.query?.labelSelector ?? '');
    if (!parsed.ok) throw badRequest(parsed.message);
    return parsed.value;
  };

  const byName = (a: KubeObject, b: KubeObject) =>
    (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');

  async function handle(req: ApiRequest): Promise<ApiResponse> {
    const isNodes = req.resource === 'nodes';
    const gr = { group: METRICS_GROUP, resource: isNodes ? 'nodemetrics' : 'podmetrics' };
    const serve = isNodes ? nodeMetrics : podMetrics;
    if (req.verb === 'get') {
      const name = req.name ?? '';
      const object = isNodes ? nodes.lister().get(name) : pods.lister().get(`${req.namespace ?? ''}/${name}`);
      const metrics = object && serve(object);
      if (!metrics) throw notFound(gr, name);
      return { code: 200, body: req.query?.as === 'Table' ? metricsTable([metrics]) : metrics };
    }
    const selector = selectorOf(req);
    const objects = isNodes ? nodes.lister().list() : req.namespace ? pods.lister().listNamespace(req.namespace) : pods.lister().list();
    const items = objects.filter((o) => selectorMatches(selector, o.metadata?.labels)).sort(byName).map(serve).filter((m): m is KubeObject => m !== undefined);
    if (req.query?.as === 'Table') return { code: 200, body: metricsTable(items) };
    return { code: 200, body: { kind: isNodes ? 'NodeMetricsList' : 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items } };
  }

  return {
    api: {
      group: METRICS_GROUP, version: METRICS_VERSION,
      resources: [
        { resource: 'nodes', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'] },
        { resource: 'pods', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'] },
      ],
      handle,
    },
    ready,
    stop() {
      stopped = true;
      clock.cancel(timer);
      informers.stop();
    },
  };
}
