// What cordon, uncordon, drain and taint share: the nodes a command line names (by name, or by
// -l selector, or --all), read with the cluster's Node objects. Models the resource.Builder calls
// of kubernetes/kubectl pkg/cmd/drain/drain.go Complete (ResourceNames("nodes", args...)).
import type { KubeList, KubeObject } from '../engine/api/index.ts';
import { resources } from '../engine/client/index.ts';
import type { Invocation } from './commands/command.ts';

/** The fields of a Node these commands read and write. */
export interface NodeTaint { key: string; value?: string; effect?: string; timeAdded?: string }
// A type alias (not an interface), so a Node is also the open object writes.ts prints.
export type Node = KubeObject & {
  spec?: { unschedulable?: boolean; taints?: NodeTaint[] };
};

export const NODES = resources.nodes;

/** The nodes `names` name (each got, so a missing one fails as NotFound), or all matching `selector`. */
export async function selectNodes(inv: Invocation, names: string[], selector: string): Promise<Node[]> {
  if (names.length > 0) {
    const nodes: Node[] = [];
    for (const name of names) nodes.push(await inv.rest.request({ verb: 'get', ...NODES, name }) as Node);
    return nodes;
  }
  const list = await inv.rest.request({ verb: 'list', ...NODES, query: selector ? { labelSelector: selector } : {} }) as KubeList<Node>;
  return list.items.map((n) => ({ apiVersion: 'v1', kind: 'Node', ...n }));
}
