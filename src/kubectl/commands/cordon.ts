// kubectl cordon / uncordon: set or clear a node's spec.unschedulable, printing
// `node/x cordoned` or `node/x already cordoned`. Models kubernetes/kubectl pkg/cmd/drain/drain.go
// (NewCmdCordon, NewCmdUncordon, Complete, RunCordonOrUncordon) and pkg/drain/cordon.go (CordonHelper).
import { usageError } from '../errors.ts';
import { stringFlag } from '../flagspec.ts';
import { NODES, selectNodes, type Node } from '../nodes.ts';
import { dryRunQuery, dryRunStrategy, printWritten } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { CORDON_HELP, UNCORDON_HELP } from './help-cluster.ts';

/** The nodes a cordon/uncordon/drain line names; usage errors as drain.go's Complete. */
export async function nodesToCordon(inv: Invocation, use: string): Promise<Node[]> {
  const selector = inv.flags.string('selector');
  if (inv.args.length === 0 && !inv.flags.changed('selector')) throw usageError(inv.commandPath, `USAGE: ${use} [flags]`);
  if (inv.args.length > 0 && selector) throw usageError(inv.commandPath, 'cannot specify both a node name and a --selector option');
  return selectNodes(inv, inv.args, selector);
}

/**
 * RunCordonOrUncordon for each node: a strategic merge patch of spec.unschedulable when it must
 * change (not for a client dry run); a failed patch is reported and the next node goes on.
 */
export async function cordonNodes(inv: Invocation, nodes: Node[], desired: boolean): Promise<void> {
  const dryRun = dryRunStrategy(inv);
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    if ((node.spec?.unschedulable ?? false) === desired) {
      printWritten(inv, node, `already ${verb}ed`, { dryRun });
      continue;
    }
    if (dryRun !== 'client') {
      try {
        await inv.rest.request({
          verb: 'patch', ...NODES, name, patchType: 'application/strategic-merge-patch+json',
          body: { spec: { unschedulable: desired ? true : null } }, query: dryRunQuery(dryRun),
        });
      } catch (err) {
        inv.io.err(`error: unable to ${verb} node ${JSON.stringify(name)}: ${err instanceof Error ? err.message : String(err)}\n`);
        continue;
      }
    }
    printWritten(inv, node, `${verb}ed`, { dryRun });
  }
}

const FLAGS = [
  stringFlag('dry-run', 'Must be "none", "server", or "client".', 'none'),
  stringFlag('selector', 'Selector (label query) to filter on', '', 'l'),
];

export const cordon: Command = {
  name: 'cordon', flags: FLAGS, help: CORDON_HELP,
  run: async (inv) => cordonNodes(inv, await nodesToCordon(inv, 'cordon NODE'), true),
};

export const uncordon: Command = {
  name: 'uncordon', flags: FLAGS, help: UNCORDON_HELP,
  run: async (inv) => cordonNodes(inv, await nodesToCordon(inv, 'uncordon NODE'), false),
};
