// kubectl top node | pod: resource usage from the metrics.k8s.io API. Pilothouse serves no
// Metrics API yet, so after validating the line, kubectl answers as it does against a cluster
// without metrics-server: `error: Metrics API not available`.
// Models kubernetes/kubectl pkg/cmd/top/top_node.go and top_pod.go (Complete, Validate, RunTopNode/RunTopPod).
import { KubectlError, usageError } from '../errors.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import { commandGroup, type Subcommand } from '../subcommands.ts';
import type { Invocation } from './command.ts';
import { TOP_HELP } from './help-cluster.ts';

// SupportedMetricsAPIVersionAvailable: the metrics.k8s.io group at v1beta1.
async function requireMetricsAPI(inv: Invocation): Promise<void> {
  const { groups } = await inv.discovery();
  const metrics = groups.find((g) => g.name === 'metrics.k8s.io');
  if (!metrics?.versions.some((v) => v.version === 'v1beta1')) throw new KubectlError('Metrics API not available');
  throw new KubectlError('Pilothouse does not read the Metrics API yet');
}

function topSubcommand(name: string, aliases: string[], use: string, selectorError: string, flags: Subcommand['flags']): Subcommand {
  return {
    name, aliases, flags,
    async run(inv) {
      if (inv.args.length > 1) throw usageError(inv.commandPath, use);
      const sortBy = inv.flags.string('sort-by');
      if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
      if (inv.args.length === 1 && inv.flags.string('selector') !== '') throw new KubectlError(selectorError);
      await requireMetricsAPI(inv);
    },
  };
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
    topSubcommand('node', ['nodes', 'no'], 'node [NAME | -l label]', 'only one of NAME or --selector can be provided',
      [...common, boolFlag('show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.')]),
    topSubcommand('pod', ['pods', 'po'], 'pod [NAME | -l label]', 'only one of NAME or selector can be provided', [
      ...common,
      boolFlag('all-namespaces', 'If present, list the requested object(s) across all namespaces.', false, 'A'),
      boolFlag('containers', 'If present, print usage of containers within a pod.'),
      stringFlag('field-selector', 'Selector (field query) to filter on'),
      boolFlag('sum', 'Print the sum of the resource usage'),
    ]),
  ],
});
