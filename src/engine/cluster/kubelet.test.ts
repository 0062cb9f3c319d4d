// The kubelets of a booted cluster: every node registered with its lease, and a pod's whole
// workflow (bound by spec.nodeName, run, read through the kubelet's streaming server, deleted
// with grace) on the virtual clock.
import { describe, expect, it } from 'vitest';
import { isNotFound, type KubeObject } from '../api/index.ts';
import { resources } from '../client/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { bootCluster } from './boot.ts';

const pods = { ...resources.pods, namespace: 'default' };

async function boot() {
  const clock = new VirtualClock({ seed: 7 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  const advance = async (ms: number) => {
    await clock.advanceAsync(ms);
    for (const k of cluster.kubelets.values()) await k.settled();
    await clock.advanceAsync(0);
  };
  return { ...cluster, clock, advance };
}

interface PodShape extends KubeObject {
  status?: { phase?: string; podIP?: string; hostIP?: string; containerStatuses?: { containerID?: string; ready?: boolean }[] };
}

describe('a booted cluster', () => {
  it('registers the default nodes, tainted control plane first in the pod ranges, each with a lease', async () => {
    const c = await boot();
    const nodes = (await c.client.list(resources.nodes)).items;
    expect(nodes.map((n) => [n.metadata?.name, (n.spec as { podCIDR: string }).podCIDR, (n.spec as { taints?: { key: string }[] }).taints?.map((t) => t.key)])).toEqual([
      ['node-1', '10.244.1.0/24', undefined],
      ['node-2', '10.244.2.0/24', undefined],
      ['pilothouse-control-plane', '10.244.0.0/24', ['node-role.kubernetes.io/control-plane']],
    ]);
    const leases = (await c.client.list({ ...resources.leases, namespace: 'kube-node-lease' })).items;
    expect(leases.map((l) => l.metadata?.name)).toEqual(['node-1', 'node-2', 'pilothouse-control-plane']);
    await c.stop();
  });

  it('runs a pod bound to node-2, serves its logs, and deletes it after stopping it', async () => {
    const c = await boot();
    await c.client.create(pods, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello' },
      spec: { nodeName: 'node-2', containers: [{ name: 'sh', image: 'busybox', env: [{ name: 'GREETING', value: 'hello' }], command: ['sh', '-c', 'echo $(GREETING) from $HOSTNAME; sleep 3600'] }] },
    });
    await c.advance(5_000);
    const pod = await c.client.get<PodShape>(pods, 'hello');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.hostIP).toBe('172.18.0.4');
    expect(pod.status?.podIP).toBe('10.244.2.2');

    const chunks: string[] = [];
    const connection = c.api.kubelets?.('node-2');
    const stream = await connection!.containerLogs({ namespace: 'default', pod: 'hello', uid: pod.metadata!.uid!, container: 'sh' }, {}, (chunk) => chunks.push(chunk));
    await stream.closed;
    expect(chunks.join('')).toBe('hello from hello\n');

    await c.client.delete(pods, 'hello');
    await c.advance(31_000);
    expect(await c.client.get(pods, 'hello').then(() => 'present', (e) => (isNotFound(e) ? 'gone' : 'error'))).toBe('gone');
    await c.stop();
  });
});
