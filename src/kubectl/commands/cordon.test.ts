import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resources } from '../../engine/client/index.ts';
import type { Node } from '../nodes.ts';
import { DEFAULT_CLUSTER_SPEC } from '../../engine/cluster/index.ts';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeEach(async () => {
  // A cluster without node pools, and one Node with no kubelet behind it, as `kubectl apply`
  // of a Node would make it (so `--all` means n1 alone).
  h = await bootHarness({ ...DEFAULT_CLUSTER_SPEC, nodePools: [] });
  await h.cluster.client.create(resources.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { pool: 'a' } } });
});
afterEach(() => h.cluster.stop());

const node = async () => h.cluster.client.get<Node>(resources.nodes, 'n1');

// Each step and its answer, as kubectl v1.33 printed them against `pilothouse serve`, in order.
type Step = [line: string, stdout: string, stderr?: string];
const run = async (steps: Step[]) => {
  for (const [line, stdout, stderr = ''] of steps) {
    expect({ line, ...(await h.kubectl(line)) }).toEqual({ line, stdout, stderr, exitCode: stderr ? 1 : 0 });
  }
};

describe('kubectl cordon / uncordon', () => {
  it('cordons and uncordons, saying when nothing changes', async () => {
    await run([
      ['kubectl cordon', '', "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"],
      ['kubectl uncordon', '', "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n"],
      ['kubectl cordon nope', '', 'Error from server (NotFound): nodes "nope" not found\n'],
      ['kubectl cordon n1', 'node/n1 cordoned\n'],
      ['kubectl cordon n1', 'node/n1 already cordoned\n'],
      ['kubectl cordon n1 --dry-run=client', 'node/n1 already cordoned (dry run)\n'],
      ['kubectl uncordon n1 --dry-run=server', 'node/n1 uncordoned (server dry run)\n'],
    ]);
    expect((await node()).spec?.unschedulable).toBe(true);
    await run([
      ['kubectl uncordon n1', 'node/n1 uncordoned\n'],
      ['kubectl uncordon n1', 'node/n1 already uncordoned\n'],
    ]);
    expect((await node()).spec?.unschedulable).toBeUndefined();
    await run([
      ['kubectl cordon -l pool=a', 'node/n1 cordoned\n'],
      ['kubectl cordon n1 -l pool=a', '', "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n"],
    ]);
  });
});

describe('kubectl taint', () => {
  it('adds, overwrites and removes taints with kubectl messages', async () => {
    const nameRule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    const help = "\nSee 'kubectl taint -h' for help and examples\n";
    await run([
      ['kubectl taint', '', 'error: one or more resources must be specified as <resource> <name>\n'],
      ['kubectl taint nodes', '', 'error: at least one taint update is required\n'],
      ['kubectl taint pods n1 a=b:NoSchedule', '', 'error: invalid resource type pods, only node types are supported\n'],
      ['kubectl taint nodes n1 a=b:Bad', '', `error: invalid taint effect: Bad, unsupported taint effect${help}`],
      ['kubectl taint nodes n1 a=b', '', `error: invalid taint spec: a=b, ${nameRule}${help}`],
      ['kubectl taint nodes n1 k=v=w:NoSchedule', '', `error: invalid taint spec: k=v=w:NoSchedule${help}`],
      ['kubectl taint nodes n1 a=b:NoSchedule a=c:NoSchedule', '', `error: duplicated taints with the same key and effect: {a c NoSchedule <nil>}${help}`],
      ['kubectl taint nodes n1 a=b:NoSchedule', 'node/n1 tainted\n'],
      ['kubectl taint nodes n1 a=c:NoSchedule', '', 'error: node n1 already has a taint(s) with same effect(s) and --overwrite is false\n'],
      ['kubectl taint nodes n1 a=c:NoSchedule --overwrite', 'node/n1 modified\n'],
      ['kubectl taint nodes n1 b:NoExecute', 'node/n1 tainted\n'],
      ['kubectl taint nodes n1 a-', 'node/n1 untainted\n'],
      ['kubectl taint nodes n1 a-', '', 'error: taint "a" not found\n'],
      ['kubectl taint nodes n1 b:NoExecute- c=d:NoSchedule', 'node/n1 modified\n'],
      ['kubectl taint nodes n1 x=y:NoSchedule x-', '', 'error: can not both modify and remove the following taint(s) in the same command: x=\n'],
      ['kubectl taint nodes n1 a=b:NoSchedule n2', '', 'error: all resources must be specified before taint changes: n2\n'],
      ['kubectl taint nodes nope a=b:NoSchedule', '', 'Error from server (NotFound): nodes "nope" not found\n'],
      ['kubectl taint node --all q=r:PreferNoSchedule', 'node/n1 tainted\n'],
    ]);
    expect((await node()).spec?.taints).toEqual([{ key: 'q', value: 'r', effect: 'PreferNoSchedule' }, { key: 'c', value: 'd', effect: 'NoSchedule' }]);
  });
});
