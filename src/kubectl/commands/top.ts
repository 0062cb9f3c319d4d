// kubectl top node | pod: resource usage from the metrics.k8s.io API (metrics-server). Without
// that group in discovery it says `Metrics API not available`; with it but no metrics yet
// (metrics-server needs two scrapes), `metrics not available yet`.
// Models kubernetes/kubectl pkg/cmd/top/top_node.go and top_pod.go, release-1.33 (Complete,
// Validate, RunTopNode, RunTopPod, verifyEmptyMetrics, checkPodAge).
import type { KubeList, KubeObject } from '../../engine/api/index.ts';
import { KubectlError, usageError } from '../errors.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import { printNodeMetrics, printPodMetrics, type NodeMetrics, type PodMetrics } from '../printers/metrics.ts';
import { commandGroup } from '../subcommands.ts';
import type { Invocation } from './command.ts';
import { TOP_HELP } from './help-cluster.ts';

const METRICS = { group: 'metrics.k8s.io', version: 'v1beta1' };

// SupportedMetricsAPIVersionAvailable: the metrics.k8s.io group at v1beta1.
async function requireMetricsAPI(inv: Invocation): Promise<void> {
  const { groups } = await inv.discovery();
  const metrics = groups.find((g) => g.name === METRICS.group);
  if (!metrics?.versions.some((v) => v.version === METRICS.version)) throw new KubectlError('Metrics API not available');
}

function validate(inv: Invocation, use: string, selectorError: string, selectors: string[]): void {
  if (inv.args.length > 1) throw usageError(inv.commandPath, use);
  const sortBy = inv.flags.string('sort-by');
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
  if (inv.args.length === 1 && selectors.some((s) => inv.flags.string(s) !== '')) throw new KubectlError(selectorError);
}

const selectorQuery = (inv: Invocation, fields: boolean) => ({
  ...(inv.flags.string('selector') ? { labelSelector: inv.flags.string('selector') } : {}),
  ...(fields && inv.flags.string('field-selector') ? { fieldSelector: inv.flags.string('field-selector') } : {}),
});

/** Go's time.Duration String() at second precision: `2m3s`, `1h0m5s`. */
function goDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${m}m${s % 60}s` : m ? `${m}m${s % 60}s` : `${s}s`;
}

async function runTopNode(inv: Invocation): Promise<void> {
  validate(inv, 'node [NAME | -l label]', 'only one of NAME or --selector can be provided', ['selector']);
  await requireMetricsAPI(inv);
  const name = inv.args[0];
  const metrics = name
    ? [await inv.rest.request({ verb: 'get', ...METRICS, resource: 'nodes', name }) as NodeMetrics]
    : (await inv.rest.request({ verb: 'list', ...METRICS, resource: 'nodes', query: selectorQuery(inv, false) }) as KubeList).items as NodeMetrics[];
  if (metrics.length === 0) throw new KubectlError('metrics not available yet');
  const core = { group: '', version: 'v1', resource: 'nodes' };
  const nodes = name
    ? [await inv.rest.request({ verb: 'get', ...core, name }) as KubeObject]
    : (await inv.rest.request({ verb: 'list', ...core, query: selectorQuery(inv, false) }) as KubeList).items;
  const field = inv.flags.bool('show-capacity') ? 'capacity' : 'allocatable';
  const available = new Map(nodes.map((n) => [n.metadata?.name ?? '', ((n.status as Record<string, Record<string, string>> | undefined)?.[field]) ?? {}]));
  inv.io.out(printNodeMetrics(metrics, available, inv.flags.bool('no-headers'), inv.flags.string('sort-by')));
}

async function runTopPod(inv: Invocation): Promise<void> {
  validate(inv, 'pod [NAME | -l label]', 'only one of NAME or selector can be provided', ['selector', 'field-selector']);
  await requireMetricsAPI(inv);
  const all = inv.flags.bool('all-namespaces');
  const name = inv.args[0];
  const scope = { ...METRICS, resource: 'pods', ...(all ? {} : { namespace: inv.namespace }) };
  const metrics = name
    ? [await inv.rest.request({ verb: 'get', ...scope, name }) as PodMetrics]
    : (await inv.rest.request({ verb: 'list', ...scope, query: selectorQuery(inv, true) }) as KubeList).items as PodMetrics[];
  if (metrics.length === 0) {
    await verifyEmptyMetrics(inv, name);
    inv.io.err(all ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
  }
  inv.io.out(printPodMetrics(metrics, {
    containers: inv.flags.bool('containers'), withNamespace: all, noHeaders: inv.flags.bool('no-headers'),
    sortBy: inv.flags.string('sort-by'), sum: inv.flags.bool('sum'),
  }));
}

// verifyEmptyMetrics: no metrics for pods that exist. Pods older than metrics-server's
// creation delay (2 minutes) should have them; younger ones are "not available yet". As
// upstream, the pods are looked up in the -n namespace even with -A.
async function verifyEmptyMetrics(inv: Invocation, name: string | undefined): Promise<void> {
  const scope = { group: '', version: 'v1', resource: 'pods', namespace: inv.namespace };
  const pods = name
    ? [await inv.rest.request({ verb: 'get', ...scope, name }) as KubeObject]
    : (await inv.rest.request({ verb: 'list', ...scope, query: selectorQuery(inv, true) }) as KubeList).items;
  if (!name && pods.length === 0) return;
  for (const pod of pods) {
    const age = inv.ctx.clock.now() - Date.parse(pod.metadata?.creationTimestamp ?? '');
    if (age > 2 * 60_000) throw new KubectlError(`Metrics not available for pod ${pod.metadata?.namespace}/${pod.metadata?.name}, age: ${goDuration(age)}`);
  }
  throw new KubectlError('metrics not available yet');
}

const common = [
  boolFlag('no-headers', 'If present, print output without headers'),
  stringFlag('selector', 'Selector (label query) to filter on', '', 'l'),
  stringFlag('sort-by', 'If non-empty, sort nodes list using specified field. The field can be either \'cpu\' or \'memory\'.'),
  boolFlag('use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.', true),
];

export const top = commandGroup({
  name: 'top', help: TOP_HELP, helpTo: 'err',
  subcommands: [
    {
      name: 'node', aliases: ['nodes', 'no'], run: runTopNode,
      flags: [...common, boolFlag('show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.')],
    },
    {
      name: 'pod', aliases: ['pods', 'po'], run: runTopPod,
      flags: [
        ...common,
        boolFlag('all-namespaces', 'If present, list the requested object(s) across all namespaces.', false, 'A'),
        boolFlag('containers', 'If present, print usage of containers within a pod.'),
        stringFlag('field-selector', 'Selector (field query) to filter on'),
        boolFlag('sum', 'Print the sum of the resource usage'),
      ],
    },
  ],
});
