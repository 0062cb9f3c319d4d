import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { isStatusError } from '../errors.ts';
import { createApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import { defaultAdmissionPlugins } from './chain.ts';

describe('defaultAdmissionPlugins', () => {
  it('lists the plugins in upstream order', () => {
    expect(defaultAdmissionPlugins(new VirtualClock({ seed: 1 }).rng).map((p) => p.name))
      .toEqual(['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'Priority', 'DefaultStorageClass', 'ResourceQuota']);
  });

  it('admits a pod through the apiserver: defaults from LimitRange, service account token, priority', async () => {
    const clock = new VirtualClock({ seed: 3 });
    const api = createApiServer({ store: createMemoryStore({ clock }), clock, admission: defaultAdmissionPlugins(clock.rng) });
    const create = async (resource: string, body: KubeObject, namespace?: string) =>
      (await api.handle({ verb: 'create', group: '', version: 'v1', resource, namespace, body })).body as KubeObject;
    await create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    await create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, 'dev');
    await create('limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } }] } }, 'dev');
    const pod = await create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, 'dev');
    expect(pod.spec).toMatchObject({ serviceAccountName: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority',
      containers: [{ resources: { limits: { cpu: '500m' }, requests: { cpu: '250m' } }, volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }] });
    const refused = await create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, 'nowhere')
      .catch((e: unknown) => (isStatusError(e) ? e.status : e));
    expect(refused).toMatchObject({ code: 404, message: 'namespaces "nowhere" not found' });
  });
});
