import { describe, expect, it } from 'vitest';
import { createApiServer, defaultAdmissionPlugins, type KubeObject } from '../api/index.ts';
import { createClient, createInformerFactory, createInProcessTransport, resources, runController } from '../client/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { RESOURCE_QUOTA_SYNC_PERIOD_MS, resourceQuotaController } from './resourcequota.ts';

// The apiserver with its admission chain, and this controller alone (the cluster room boots it with the others).
async function boot() {
  const clock = new VirtualClock({ seed: 7 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock, admission: defaultAdmissionPlugins(clock.rng, clock) });
  const client = createClient(createInProcessTransport(api));
  for (const name of ['dev'])
    await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  await client.create({ ...resources.serviceaccounts, namespace: 'dev' }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  const informers = createInformerFactory(client, { clock });
  const controller = runController(resourceQuotaController, { client, informers, clock });
  await controller.ready;
  return { client, clock, stop: async () => { await controller.stop(); informers.stop(); } };
}

const pod = (name: string, cpu: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu, memory: '64Mi' }, limits: { cpu, memory: '64Mi' } } }] },
});
const statusOf = (q: KubeObject) => q.status as { hard?: Record<string, string>; used?: Record<string, string> } | undefined;

describe('resourcequota controller', () => {
  it('writes hard and used, and follows pods as they come and go', async () => {
    const { client, clock, stop } = await boot();
    const quotas = { ...resources.resourcequotas, namespace: 'dev' };
    const pods = { ...resources.pods, namespace: 'dev' };
    await client.create(quotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' },
      spec: { hard: { pods: '4', 'requests.cpu': '2', 'limits.memory': '1Gi', configmaps: '10' } } });
    await clock.advanceAsync(1_000);
    // The namespace's kube-root-ca.crt is not modelled, so configmaps start at 0.
    expect(statusOf(await client.get(quotas, 'compute'))).toEqual({
      hard: { pods: '4', 'requests.cpu': '2', 'limits.memory': '1Gi', configmaps: '10' },
      used: { pods: '0', 'requests.cpu': '0', 'limits.memory': '0', configmaps: '0' },
    });
    await client.create(pods, pod('a', '500m'));
    await client.create(pods, pod('b', '250m'));
    await clock.advanceAsync(1_000);
    expect(statusOf(await client.get(quotas, 'compute'))?.used).toEqual({ pods: '2', 'requests.cpu': '750m', 'limits.memory': '128Mi', configmaps: '0' });
    await client.delete(pods, 'a', { gracePeriodSeconds: 0 });
    await clock.advanceAsync(1_000);
    expect(statusOf(await client.get(quotas, 'compute'))?.used).toMatchObject({ pods: '1', 'requests.cpu': '250m' });
    await stop();
  });

  it('counts a kind no informer watches on its periodic resync', async () => {
    const { client, clock, stop } = await boot();
    const quotas = { ...resources.resourcequotas, namespace: 'dev' };
    await client.create(quotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'objects' }, spec: { hard: { 'count/deployments.apps': '3' } } });
    await clock.advanceAsync(1_000);
    expect(statusOf(await client.get(quotas, 'objects'))?.used).toEqual({ 'count/deployments.apps': '0' });
    await client.create({ ...resources.deployments, namespace: 'dev' }, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    await clock.advanceAsync(RESOURCE_QUOTA_SYNC_PERIOD_MS);
    expect(statusOf(await client.get(quotas, 'objects'))?.used).toEqual({ 'count/deployments.apps': '1' });
    await stop();
  });
});
