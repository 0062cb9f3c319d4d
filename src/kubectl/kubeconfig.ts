// Reading the kubeconfig an invocation runs with: its context (or --context), that context's
// cluster, and the server URL (or --server), as clientcmd's DirectClientConfig resolves them.
import type { Invocation } from './commands/command.ts';
import type { Kubeconfig } from './context.ts';

type Context = Kubeconfig['contexts'][number];

/** The context named by --context, else the current one. */
export function contextOf(inv: Invocation): Context | undefined {
  const name = inv.flags.string('context') || inv.ctx.kubeconfig['current-context'];
  return inv.ctx.kubeconfig.contexts.find((c) => c.name === name);
}

/** The API server URL requests go to (restclient.Config.Host). */
export function serverOf(inv: Invocation): string {
  const clusterName = inv.flags.string('cluster') || contextOf(inv)?.context.cluster;
  const cluster = inv.ctx.kubeconfig.clusters.find((c) => c.name === clusterName);
  return inv.flags.string('server') || cluster?.cluster.server || 'https://127.0.0.1:6443';
}
