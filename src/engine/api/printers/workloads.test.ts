import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: ago(2 * 3600_000), ...extra });
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } };

function print(group: string, resource: string, obj: KubeObject) {
  const table = printTable({ group, version: 'v1', resource, kind: '' }, [obj], { now });
  return { headers: table.columnDefinitions!.map((c) => (c.priority ? `${c.name}*` : c.name)), cells: table.rows![0]!.cells };
}

describe('workload tables', () => {
  it.each([
    {
      name: 'a deployment rolling out shows ready/desired, up-to-date, available and its selector string',
      group: 'apps', resource: 'deployments',
      obj: { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 3, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 } },
      headers: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*'],
      cells: ['web', '2/3', 1, 2, '120m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web'],
    },
    {
      name: 'a new deployment without status counts zeros',
      group: 'apps', resource: 'deployments',
      obj: { metadata: meta('web'), spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template } },
      headers: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*'],
      cells: ['web', '0/2', 0, 0, '120m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web'],
    },
    {
      name: 'a replica set shows desired, current, ready and a formatted selector',
      group: 'apps', resource: 'replicasets',
      obj: { metadata: meta('web-5d9c'), spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d9c' } }, template }, status: { replicas: 3, readyReplicas: 1 } },
      headers: ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*'],
      cells: ['web-5d9c', 3, 3, 1, '120m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,pod-template-hash=5d9c'],
    },
    {
      name: 'a replication controller prints its map selector with FormatLabels',
      group: '', resource: 'replicationcontrollers',
      obj: { metadata: meta('legacy'), spec: { replicas: 2, selector: { app: 'legacy' }, template }, status: { replicas: 2, readyReplicas: 2 } },
      headers: ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*'],
      cells: ['legacy', 2, 2, 2, '120m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=legacy'],
    },
    {
      name: 'a stateful set shows ready/desired and no selector',
      group: 'apps', resource: 'statefulsets',
      obj: { metadata: meta('db'), spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template }, status: { readyReplicas: 1 } },
      headers: ['Name', 'Ready', 'Age', 'Containers*', 'Images*'],
      cells: ['db', '1/3', '120m', 'nginx,sidecar', 'nginx:1.27,busybox'],
    },
    {
      name: 'a daemon set shows its scheduling counts and node selector',
      group: 'apps', resource: 'daemonsets',
      obj: {
        metadata: meta('agent'),
        spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
        status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
      },
      headers: ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers*', 'Images*', 'Selector*'],
      cells: ['agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '120m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=agent'],
    },
    {
      name: 'a daemon set without a node selector shows <none>',
      group: 'apps', resource: 'daemonsets',
      obj: { metadata: meta('agent'), spec: { selector: { matchLabels: { app: 'agent' } }, template } },
      headers: ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers*', 'Images*', 'Selector*'],
      cells: ['agent', 0, 0, 0, 0, 0, '<none>', '120m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=agent'],
    },
    {
      name: 'a controller revision names its controller by kind.group/name',
      group: 'apps', resource: 'controllerrevisions',
      obj: {
        metadata: meta('agent-6f7b', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u1', controller: true }] }),
        revision: 2,
      },
      headers: ['Name', 'Controller', 'Revision', 'Age'],
      cells: ['agent-6f7b', 'daemonset.apps/agent', 2, '120m'],
    },
    {
      name: 'a controller revision without a controller shows <none>',
      group: 'apps', resource: 'controllerrevisions',
      obj: { metadata: meta('orphan'), revision: 1 },
      headers: ['Name', 'Controller', 'Revision', 'Age'],
      cells: ['orphan', '<none>', 1, '120m'],
    },
  ])('$name', ({ group, resource, obj, headers, cells }) => {
    const got = print(group, resource, obj);
    expect(got.headers).toEqual(headers);
    expect(got.cells).toEqual(cells);
  });

  it('prints <invalid> for a deployment selector that does not parse', () => {
    const obj = { metadata: meta('web'), spec: { replicas: 1, selector: { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, template } };
    expect(print('apps', 'deployments', obj).cells[7]).toBe('<invalid>');
  });
});
