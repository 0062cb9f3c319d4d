// The node agent: the Node a kubelet registers, its Lease renewals and its status reports.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/index.ts';
import { resources } from '../client/index.ts';
import { NODE_PRESETS } from './presets.ts';
import { startKubelet } from './testing/harness.ts';

interface NodeShape extends KubeObject {
  spec?: { podCIDR?: string; taints?: unknown[] };
  status?: { conditions?: { type: string; lastHeartbeatTime: string }[]; [k: string]: unknown };
}

describe('node agent', () => {
  it('registers the Node with labels, capacity, allocatable, conditions, addresses and nodeInfo', async () => {
    const k = await startKubelet();
    const node = await k.admin.get<NodeShape>(resources.nodes, 'node-1');
    expect(node.metadata?.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux',
    });
    expect(node.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    const status = node.status!;
    expect(status.capacity).toEqual({ cpu: '4', 'ephemeral-storage': '104857600Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16777216Ki', pods: '110' });
    expect(status.allocatable).toEqual({ cpu: '4', 'ephemeral-storage': '96636764160', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16674816Ki', pods: '110' });
    expect(status.conditions!.map((c) => Object.values({ ...c, lastHeartbeatTime: undefined, lastTransitionTime: undefined }).filter(Boolean).join(' '))).toEqual([
      'MemoryPressure False KubeletHasSufficientMemory kubelet has sufficient memory available',
      'DiskPressure False KubeletHasNoDiskPressure kubelet has no disk pressure',
      'PIDPressure False KubeletHasSufficientPID kubelet has sufficient PID available',
      'Ready True KubeletReady kubelet is posting ready status',
    ]);
    expect(status.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'node-1' }]);
    expect(status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(status.nodeInfo).toMatchObject({ architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: 'v1.33.1', containerRuntimeVersion: 'containerd://2.1.1' });
    const events = (await k.admin.list({ ...resources.events, namespace: 'default' })).items.map((e) => `${e.reason}: ${e.message}`);
    expect(events).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node node-1 status is now: NodeReady',
    ]);
  });

  it('renews its Lease in kube-node-lease every 10 s, owned by its Node', async () => {
    const k = await startKubelet();
    const scope = { ...resources.leases, namespace: 'kube-node-lease' };
    const renewals: string[] = [];
    for (let i = 0; i < 3; i++) {
      const lease = await k.admin.get(scope, 'node-1');
      renewals.push((lease.spec as { renewTime: string }).renewTime);
      await k.advance(10_000);
    }
    expect(renewals).toEqual(['2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:10.000000Z', '2026-01-01T00:00:20.000000Z']);
    const lease = await k.admin.get(scope, 'node-1');
    const node = await k.admin.get(resources.nodes, 'node-1');
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    expect(lease.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: node.metadata!.uid }]);
  });

  it('posts node status every nodeStatusReportFrequency (5 min) when nothing changed', async () => {
    const k = await startKubelet();
    const heartbeat = async () => (await k.admin.get<NodeShape>(resources.nodes, 'node-1')).status!.conditions!.find((c) => c.type === 'Ready')!.lastHeartbeatTime;
    expect(await heartbeat()).toBe('2026-01-01T00:00:00Z');
    await k.advance(290_000);
    expect(await heartbeat()).toBe('2026-01-01T00:00:00Z');
    await k.advance(10_000);
    expect(await heartbeat()).toBe('2026-01-01T00:05:00Z');
  });

  it('gives a GPU node its nvidia.com/gpu capacity and GFD labels, and a control-plane node its role and taint', async () => {
    const k = await startKubelet({
      name: 'gpu-1', preset: NODE_PRESETS['a100-80gb-x8'], podCIDR: '10.244.3.0/24', internalIP: '172.18.0.5',
      controlPlane: true, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    });
    const node = await k.admin.get<NodeShape>(resources.nodes, 'gpu-1');
    expect((node.status!.capacity as Record<string, string>)['nvidia.com/gpu']).toBe('8');
    expect(node.metadata?.labels).toMatchObject({
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/gpu.count': '8', 'nvidia.com/gpu.memory': '81920',
      'nvidia.com/gpu.family': 'ampere', 'nvidia.com/mig.capable': 'true', 'node.kubernetes.io/instance-type': 'p4de.24xlarge',
      'node-role.kubernetes.io/control-plane': '',
    });
    expect(node.spec?.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
    ]);
  });
});
