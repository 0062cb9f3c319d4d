import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const day = 24 * 3600_000;

function nodeWith({ labels = {}, ready = 'True' as string | null, unschedulable = false, addresses = true, nodeInfo = true } = {}): KubeObject {
  return {
    metadata: { name: 'node-1', labels, creationTimestamp: ago(3 * day + 4 * 3600_000) },
    spec: unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        ...(ready === null ? [] : [{ type: 'Ready', status: ready }]),
      ],
      addresses: addresses ? [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }] : [],
      nodeInfo: nodeInfo
        ? { kubeletVersion: 'v1.33.1', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-45-generic', containerRuntimeVersion: 'containerd://2.1.1' }
        : { kubeletVersion: 'v1.33.1' },
    },
  };
}

function cells(obj: KubeObject) {
  return printTable({ group: '', version: 'v1', resource: 'nodes', kind: 'Node' }, [obj], { now }).rows![0]!.cells;
}

describe('node tables (printNode)', () => {
  it.each([
    { name: 'a ready worker has no roles', node: nodeWith(), want: ['Ready', '<none>'] },
    { name: 'a node without Ready condition is Unknown', node: nodeWith({ ready: null }), want: ['Unknown', '<none>'] },
    { name: 'a node whose Ready is Unknown is NotReady', node: nodeWith({ ready: 'Unknown' }), want: ['NotReady', '<none>'] },
    {
      name: 'a cordoned control plane node',
      node: nodeWith({ unschedulable: true, labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' } }),
      want: ['Ready,SchedulingDisabled', 'control-plane'],
    },
    {
      name: 'roles from both label forms are sorted and unique',
      node: nodeWith({ ready: 'False', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/gpu': 'true', 'kubernetes.io/role': 'worker' } }),
      want: ['NotReady', 'gpu,worker'],
    },
  ])('$name', ({ node, want }) => expect(cells(node).slice(0, 5)).toEqual(['node-1', ...want, '3d4h', 'v1.33.1']));

  it('prints the wide cells, with <none> and <unknown> for what the node does not report', () => {
    expect(cells(nodeWith()).slice(5)).toEqual(['172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-45-generic', 'containerd://2.1.1']);
    expect(cells(nodeWith({ addresses: false, nodeInfo: false })).slice(5)).toEqual(['<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('namespaces and leases', () => {
  it.each([
    { name: 'an active namespace', phase: 'Active' },
    { name: 'a namespace being deleted', phase: 'Terminating' },
  ])('$name shows its phase', ({ phase }) => {
    const ns = { metadata: { name: 'team-a', creationTimestamp: ago(45_000) }, status: { phase } };
    expect(printTable({ group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace' }, [ns], { now }).rows![0]!.cells).toEqual(['team-a', phase, '45s']);
  });

  it('a lease shows its holder', () => {
    const lease = { metadata: { name: 'kube-scheduler', namespace: 'kube-system', creationTimestamp: ago(day) }, spec: { holderIdentity: 'control-plane_1b2c' } };
    expect(printTable({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', kind: 'Lease' }, [lease], { now }).rows![0]!.cells)
      .toEqual(['kube-scheduler', 'control-plane_1b2c', '24h']);
  });
});

describe('runtime classes and lease candidates (printRuntimeClass, printLeaseCandidate)', () => {
  it('RuntimeClass shows its handler, under a column upstream describes with an empty string', () => {
    const t = printTable({ group: 'node.k8s.io', version: 'v1', resource: 'runtimeclasses', kind: 'RuntimeClass' },
      [{ metadata: { name: 'gvisor', creationTimestamp: ago(day) }, handler: 'runsc' }], { now });
    expect(t.columnDefinitions!.map((c) => [c.name, c.description])).toEqual([
      ['Name', t.columnDefinitions![0]!.description], ['Handler', ''], ['Age', t.columnDefinitions![2]!.description],
    ]);
    expect(t.rows![0]!.cells).toEqual(['gvisor', 'runsc', '24h']);
  });

  it('LeaseCandidate shows the lease and the versions it runs', () => {
    const t = printTable({ group: 'coordination.k8s.io', version: 'v1beta1', resource: 'leasecandidates', kind: 'LeaseCandidate' },
      [{ metadata: { name: 'kcm-1', namespace: 'kube-system', creationTimestamp: ago(day) }, spec: { leaseName: 'kube-controller-manager', binaryVersion: '1.33.1', emulationVersion: '1.33' } }], { now });
    expect(t.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'LeaseName', 'BinaryVersion', 'EmulationVersion', 'Age']);
    expect(t.rows![0]!.cells).toEqual(['kcm-1', 'kube-controller-manager', '1.33.1', '1.33', '24h']);
  });
});
