import { describe, expect, it } from 'vitest';
import { admitPod } from './admission.ts';
import type { NodeConfig } from './node.ts';
import type { Pod } from './pod.ts';
import { NODE_PRESETS } from './presets.ts';

const cpuNode: NodeConfig = { name: 'n', preset: NODE_PRESETS['cpu-only'], podCIDR: '10.244.1.0/24', internalIP: '172.18.0.3' };
const gpuNode: NodeConfig = { ...cpuNode, preset: NODE_PRESETS['rtx-a4000'] };
const pod = (requests: Record<string, string>, limits: Record<string, string> = {}): Pod => ({
  metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests, limits } }] },
});

describe('kubelet admission', () => {
  it.each([
    { name: 'fits', node: cpuNode, want: pod({ cpu: '1', memory: '1Gi' }), admitted: [pod({ cpu: '2' })], result: { admit: true } },
    { name: 'cpu beside other pods', node: cpuNode, want: pod({ cpu: '1500m' }), admitted: [pod({ cpu: '3' })],
      result: { admit: false, reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 1500, used: 3000, capacity: 4000" } },
    { name: 'memory in bytes against allocatable', node: cpuNode, want: pod({ memory: '16Gi' }), admitted: [],
      result: { admit: false, reason: 'OutOfmemory', message: "Node didn't have enough resource: memory, requested: 17179869184, used: 0, capacity: 17075011584" } },
    { name: 'a GPU the device plugin cannot allocate', node: gpuNode, want: pod({}, { 'nvidia.com/gpu': '2' }), admitted: [],
      result: { admit: false, reason: 'UnexpectedAdmissionError', message: 'Allocate failed due to requested number of devices unavailable for nvidia.com/gpu. Requested: 2, Available: 1, which is unexpected' } },
    { name: 'a GPU on a node without the resource is dropped (removeMissingExtendedResources)', node: cpuNode, want: pod({}, { 'nvidia.com/gpu': '1' }), admitted: [], result: { admit: true } },
    { name: 'the 111th pod', node: cpuNode, want: pod({}), admitted: Array.from({ length: 110 }, () => pod({})),
      result: { admit: false, reason: 'OutOfpods', message: "Node didn't have enough resource: pods, requested: 1, used: 110, capacity: 110" } },
  ])('$name', ({ node, want, admitted, result }) => {
    expect(admitPod(want, admitted, node)).toEqual(result);
  });
});
