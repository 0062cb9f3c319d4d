// The resource metrics pipeline of a booted cluster: containers' usage in the runtime, the
// kubelets' Summary API, metrics-server's scrapes every 15 s, and metrics.k8s.io served
// through the aggregator, on the virtual clock.
import { describe, expect, it } from 'vitest';
import { isNotFound, type KubeObject } from '../api/index.ts';
import { resources } from '../client/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { bootCluster } from './boot.ts';
import { DEFAULT_CLUSTER_SPEC, type ClusterSpec } from './spec.ts';

const pods = { ...resources.pods, namespace: 'default' };
const nodeMetrics = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'nodes' };
const podMetrics = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', namespace: 'default' };

async function boot(spec: ClusterSpec = DEFAULT_CLUSTER_SPEC) {
  const clock = new VirtualClock({ seed: 7 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock, spec });
  await cluster.ready;
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) await clock.advanceAsync(Math.min(1000, ms - t));
    for (const k of cluster.kubelets.values()) await k.settled();
    await clock.advanceAsync(0);
  };
  return { ...cluster, clock, advance };
}

const pod = (name: string, node: string, image: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
  spec: { nodeName: node, containers: [{ name: 'main', image, ...extra }] },
});

interface Metrics extends KubeObject {
  window?: string;
  usage?: { cpu: string; memory: string };
  containers?: { name: string; usage: { cpu: string; memory: string } }[];
}

/** Parses "1234n" / "2m" / "0" into millicores, and "3620Ki" / "150Mi" into MiB. */
const millicores = (q: string) => (q.endsWith('n') ? Number(q.slice(0, -1)) / 1e6 : q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
const mebibytes = (q: string) => (q.endsWith('Ki') ? Number(q.slice(0, -2)) / 1024 : q.endsWith('Mi') ? Number(q.slice(0, -2)) : Number(q) / 1024 / 1024);

describe('the metrics pipeline', () => {
  it('serves nothing before two scrapes of a node, then every node with its usage over a 15s window', async () => {
    const c = await boot();
    expect((await c.client.list<Metrics>(nodeMetrics)).items).toEqual([]);
    await c.advance(30_000);
    const items = (await c.client.list<Metrics>(nodeMetrics)).items;
    expect(items.map((m) => [m.metadata?.name, m.window, m.kind])).toEqual([
      ['node-1', '15s', 'NodeMetrics'], ['node-2', '15s', 'NodeMetrics'], ['pilothouse-control-plane', '15s', 'NodeMetrics'],
    ]);
    const cp = items[2]!;
    expect(millicores(cp.usage!.cpu)).toBeGreaterThan(100);
    expect(mebibytes(cp.usage!.memory)).toBeGreaterThan(600);
    expect(mebibytes(items[0]!.usage!.memory)).toBeLessThan(250);
    await c.stop();
  });

  it.each([
    { name: 'an idle nginx uses up to a millicore and 3–8Mi', image: 'nginx', extra: {}, cpu: [0, 1], memory: [3, 8] },
    { name: 'redis idles near 2m and 4Mi', image: 'redis', extra: {}, cpu: [1.5, 2.5], memory: [3.5, 4.5] },
    { name: 'busybox sleeping uses nothing but half a MiB', image: 'busybox', extra: { command: ['sh', '-c', 'sleep 3600'] }, cpu: [0, 0], memory: [0.4, 0.6] },
    { name: 'stress --cpu 2 under a 1 CPU limit is throttled to 1000m', image: 'polinux/stress', extra: { command: ['stress'], args: ['--cpu', '2'], resources: { limits: { cpu: '1' } } }, cpu: [1000, 1000], memory: [0.5, 1.5] },
    { name: 'stress --vm-bytes 150M within a 200Mi limit holds 150Mi', image: 'polinux/stress', extra: { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], resources: { limits: { memory: '200Mi' } } }, cpu: [30, 90], memory: [150.5, 151.5] },
  ])('$name', async ({ image, extra, cpu, memory }) => {
    const c = await boot();
    await c.client.create(pods, pod('p', 'node-1', image, extra));
    await c.advance(60_000);
    const m = await c.client.get<Metrics>(podMetrics, 'p');
    const usage = m.containers?.[0]?.usage;
    expect(m.containers?.map((x) => x.name)).toEqual(['main']);
    expect(millicores(usage!.cpu)).toBeGreaterThanOrEqual(cpu[0]!);
    expect(millicores(usage!.cpu)).toBeLessThanOrEqual(cpu[1]!);
    expect(mebibytes(usage!.memory)).toBeGreaterThanOrEqual(memory[0]!);
    expect(mebibytes(usage!.memory)).toBeLessThanOrEqual(memory[1]!);
    await c.stop();
  });

  it('a container past its memory limit is OOMKilled (137), and the kubelet restarts it', async () => {
    const c = await boot();
    await c.client.create(pods, pod('oom', 'node-1', 'polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' } } }));
    await c.advance(20_000);
    const got = await c.client.get<KubeObject & { status?: { containerStatuses?: { restartCount: number; lastState?: { terminated?: { reason: string; exitCode: number } } }[] } }>(pods, 'oom');
    const status = got.status?.containerStatuses?.[0];
    expect(status?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(status?.restartCount).toBeGreaterThan(0);
    await c.stop();
  });

  it('lists pod metrics by label selector with the pods\' labels, and answers NotFound for a pod without metrics', async () => {
    const c = await boot();
    await c.client.create(pods, pod('web', 'node-1', 'nginx', {}, { app: 'web' }));
    await c.client.create(pods, pod('cache', 'node-2', 'redis', {}, { app: 'cache' }));
    await c.advance(45_000);
    const list = (await c.client.list<Metrics>(podMetrics, { labelSelector: 'app=web' })).items;
    expect(list.map((m) => [m.metadata?.name, m.metadata?.labels])).toEqual([['web', { app: 'web' }]]);
    expect((await c.client.list<Metrics>({ ...podMetrics, namespace: undefined })).items.map((m) => m.metadata?.name)).toEqual(['cache', 'web']);
    const err = await c.client.get(podMetrics, 'nope').catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect((err as { status: { message: string } }).status.message).toBe('podmetrics.metrics.k8s.io "nope" not found');
    await c.stop();
  });

  it('a kubelet\'s Summary API has each running pod\'s containers, and the node\'s usage includes them', async () => {
    const c = await boot();
    await c.client.create(pods, pod('web', 'node-1', 'nginx'));
    await c.client.create(pods, pod('other', 'node-2', 'nginx'));
    await c.advance(10_000);
    const summary = await c.kubelets.get('node-1')!.connection.statsSummary!();
    expect(summary.pods.map((p) => [p.podRef.namespace, p.podRef.name, p.containers.map((x) => x.name)])).toEqual([['default', 'web', ['main']]]);
    const web = summary.pods[0]!;
    expect(web.memory.workingSetBytes).toBe(web.containers[0]!.memory.workingSetBytes);
    expect(summary.node.nodeName).toBe('node-1');
    expect(summary.node.memory.workingSetBytes).toBeGreaterThan(web.memory.workingSetBytes + 150 * 1024 * 1024);
    expect(summary.node.cpu.usageCoreNanoSeconds).toBeGreaterThan(web.cpu.usageCoreNanoSeconds);
    await c.stop();
  });

  it('is in discovery with get and list, and creates the manifest\'s APIService, Service and RBAC', async () => {
    const c = await boot();
    const gv = c.api.registry.groupVersions().find((g) => g.group === 'metrics.k8s.io');
    expect(gv?.resources.map((r) => [r.resource, r.kind, r.namespaced, r.verbs])).toEqual([
      ['nodes', 'NodeMetrics', false, ['get', 'list']], ['pods', 'PodMetrics', true, ['get', 'list']],
    ]);
    const apiService = await c.client.get<KubeObject & { spec?: { service?: { name: string; namespace: string } }; status?: { conditions?: { type: string; status: string }[] } }>(
      { group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices' }, 'v1beta1.metrics.k8s.io');
    expect(apiService.spec?.service).toMatchObject({ name: 'metrics-server', namespace: 'kube-system' });
    expect(apiService.status?.conditions?.[0]).toMatchObject({ type: 'Available', status: 'True' });
    const reader = await c.client.get<KubeObject>({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' }, 'system:aggregated-metrics-reader');
    expect(reader.metadata?.labels?.['rbac.authorization.k8s.io/aggregate-to-view']).toBe('true');
    await c.client.get({ ...resources.services, namespace: 'kube-system' }, 'metrics-server');
    await c.stop();
  });

  it('with the add-on off, metrics.k8s.io is not served', async () => {
    const c = await boot({ ...DEFAULT_CLUSTER_SPEC, addons: { metricsServer: false } });
    expect(c.api.registry.groupVersions().some((g) => g.group === 'metrics.k8s.io')).toBe(false);
    await c.stop();
  });
});
