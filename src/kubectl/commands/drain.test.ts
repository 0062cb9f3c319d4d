import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resources } from '../../engine/client/index.ts';
import type { Node } from '../nodes.ts';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
const pods = { ...resources.pods, namespace: 'default' };
type PodOpts = { owner?: { kind: string; name: string; uid?: string }; emptyDir?: boolean; node?: string };
const pod = (name: string, { owner, emptyDir, node = 'n1' }: PodOpts = {}) => h.cluster.client.create(pods, {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid ?? 'u-1', controller: true }] } : {}) },
  spec: {
    nodeName: node, containers: [{ name: 'c', image: 'nginx' }],
    ...(emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}),
  },
});

// No kubelets yet: nodes and their pods are API objects; --grace-period=0 lets an evicted pod go at once.
beforeEach(async () => {
  h = await bootHarness();
  await h.cluster.client.create(resources.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
  await h.cluster.client.create({ group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default' }, {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent' }] } } },
  });
  await pod('web-1', { owner: { kind: 'ReplicaSet', name: 'web' } });
  await pod('agent-x', { owner: { kind: 'DaemonSet', name: 'agent' } });
  await pod('lonely');
  await pod('cache-0', { owner: { kind: 'StatefulSet', name: 'cache' }, emptyDir: true });
  await pod('elsewhere', { node: 'n2' });
});
afterEach(() => h.cluster.stop());

const names = async () => (await h.cluster.client.list(pods)).items.map((p) => p.metadata?.name).sort();

describe('kubectl drain', () => {
  // Texts as kubectl v1.33 prints them against `pilothouse serve` (the unmanaged reason does say
  // "cannot delete" twice). Upstream groups reasons in a Go map, so their order varies; here it is
  // the order of the pods listed.
  it('refuses with every reason at once, after cordoning', async () => {
    expect(await h.kubectl('kubectl drain n1')).toEqual({
      stdout: 'node/n1 cordoned\n',
      stderr:
`error: unable to drain node "n1" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-0, cannot delete cannot delete Pods that declare no controller (use --force to override): default/lonely], continuing command...
There are pending nodes to be drained:
 n1
cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x
cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-0
cannot delete cannot delete Pods that declare no controller (use --force to override): default/lonely
`,
      exitCode: 1,
    });
    expect((await h.cluster.client.get<Node>(resources.nodes, 'n1')).spec?.unschedulable).toBe(true);
    expect(await names()).toEqual(['agent-x', 'cache-0', 'elsewhere', 'lonely', 'web-1']);
  });

  it('evicts what it may, warns about the rest, and reports the node drained', async () => {
    const r = await h.kubectl('kubectl drain n1 --ignore-daemonsets --delete-emptydir-data --force --grace-period=0');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('Warning: ignoring DaemonSet-managed Pods: default/agent-x; deleting Pods that declare no controller: default/lonely\n');
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['node/n1 cordoned', 'evicting pod default/cache-0', 'evicting pod default/lonely', 'evicting pod default/web-1']);
    expect(r.stdout.split('\n').slice(4).sort()).toEqual(['', 'node/n1 drained', 'pod/cache-0 evicted', 'pod/lonely evicted', 'pod/web-1 evicted']);
    expect(r.stdout.endsWith('node/n1 drained\n')).toBe(true);
    expect(await names()).toEqual(['agent-x', 'elsewhere']);
  });

  it('lists what it would evict on a client dry run, changing nothing', async () => {
    expect(await h.kubectl('kubectl drain n1 --ignore-daemonsets --delete-emptydir-data --force --dry-run=client')).toEqual({
      stdout: 'node/n1 cordoned (dry run)\nevicting pod default/cache-0 (dry run)\nevicting pod default/lonely (dry run)\nevicting pod default/web-1 (dry run)\nnode/n1 drained (dry run)\n',
      stderr: 'Warning: ignoring DaemonSet-managed Pods: default/agent-x; deleting Pods that declare no controller: default/lonely\n',
      exitCode: 0,
    });
    expect((await h.cluster.client.get<Node>(resources.nodes, 'n1')).spec?.unschedulable).toBeUndefined();
  });

  it.each([
    { line: 'kubectl drain', stderr: "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n" },
    { line: 'kubectl drain nope', stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
  ])('$line', async ({ line, stderr }) => {
    expect(await h.kubectl(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
