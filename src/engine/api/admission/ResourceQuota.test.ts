import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { isStatusError } from '../errors.ts';
import { createApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import { defaultAdmissionPlugins } from './chain.ts';
import type { Pod } from './pod.ts';
import { createResourceQuota } from './ResourceQuota.ts';
import { attrsFor, statusOf } from './testing.ts';

const plugin = createResourceQuota(() => Date.parse('2025-01-01T00:01:00Z'));
const quota = (name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}, status?: Record<string, unknown>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'dev' }, spec: { hard, ...spec }, ...(status ? { status } : {}) });
const res = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) });
const podWith = (name: string, containers: Array<{ name: string; resources?: object }>, extra: { spec?: object; status?: { phase?: string }; metadata?: object } = {}): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'dev', ...extra.metadata }, spec: { containers, ...extra.spec }, ...(extra.status ? { status: extra.status } : {}) });
const sized = (name: string, cpu: string, memory: string) => podWith(name, [{ name: 'c', resources: res({ cpu, memory }, { cpu, memory }) }]);
const service = (name: string, type: string, ports = 1): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'dev' }, spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) } });
const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'dev' } });
const deployment = (name: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'dev' }, spec: {} });
const pvc = (name: string, storage: string, storageClassName?: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'dev' }, spec: { resources: { requests: { storage } }, ...(storageClassName ? { storageClassName } : {}) } });

describe('ResourceQuota admission refuses', () => {
  it.each([
    { name: 'a pod past the pod count, naming requested, used and limited',
      resource: 'pods', object: podWith('p3', [{ name: 'c' }]), stored: [quota('q', { pods: '2' }), podWith('p1', [{ name: 'c' }]), podWith('p2', [{ name: 'c' }])],
      want: 'pods "p3" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2' },
    { name: 'a pod past requests.cpu, showing only the exceeded resources',
      resource: 'pods', object: sized('big', '1500m', '1Gi'), stored: [quota('compute', { 'requests.cpu': '2', 'requests.memory': '4Gi' }), sized('a', '1', '1Gi')],
      want: 'pods "big" is forbidden: exceeded quota: compute, requested: requests.cpu=1500m, used: requests.cpu=1, limited: requests.cpu=2' },
    { name: 'a pod without the cpu and memory values a compute quota needs, each container named',
      resource: 'pods', object: podWith('web', [{ name: 'nginx' }, { name: 'sidecar', resources: res({ cpu: '1' }, { cpu: '1' }) }]),
      stored: [quota('mem-cpu-demo', { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' })],
      want: 'pods "web" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: nginx; limits.memory for: nginx,sidecar; requests.cpu for: nginx; requests.memory for: nginx,sidecar' },
    { name: 'a NodePort service past services.nodeports, counting one per port',
      resource: 'services', object: service('np', 'NodePort', 2), stored: [quota('svc', { 'services.nodeports': '2' }), service('old', 'NodePort')],
      want: 'services "np" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2' },
    { name: 'a second load balancer',
      resource: 'services', object: service('lb2', 'LoadBalancer'), stored: [quota('svc', { 'services.loadbalancers': '1' }), service('lb1', 'LoadBalancer')],
      want: 'services "lb2" is forbidden: exceeded quota: svc, requested: services.loadbalancers=1, used: services.loadbalancers=1, limited: services.loadbalancers=1' },
    { name: 'a config map past the legacy configmaps count',
      resource: 'configmaps', object: configMap('c2'), stored: [quota('objects', { configmaps: '1' }), configMap('c1')],
      want: 'configmaps "c2" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1' },
    { name: 'a deployment past count/deployments.apps',
      group: 'apps', resource: 'deployments', object: deployment('d2'), stored: [quota('objects', { 'count/deployments.apps': '1' }), deployment('d1')],
      want: 'deployments.apps "d2" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1' },
    { name: 'a claim past requests.storage',
      resource: 'persistentvolumeclaims', object: pvc('data2', '5Gi'), stored: [quota('storage', { 'requests.storage': '8Gi', persistentvolumeclaims: '5' }), pvc('data1', '4Gi')],
      want: 'persistentvolumeclaims "data2" is forbidden: exceeded quota: storage, requested: requests.storage=5Gi, used: requests.storage=4Gi, limited: requests.storage=8Gi' },
    { name: 'a claim past its storage class quota',
      resource: 'persistentvolumeclaims', object: pvc('fast2', '1Gi', 'gold'), stored: [quota('gold', { 'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1' }), pvc('fast1', '1Gi', 'gold')],
      want: 'persistentvolumeclaims "fast2" is forbidden: exceeded quota: gold, requested: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, used: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, limited: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1' },
    { name: 'a BestEffort pod under a BestEffort-scoped quota',
      resource: 'pods', object: podWith('be2', [{ name: 'c' }]), stored: [quota('be', { pods: '1' }, { scopes: ['BestEffort'] }), podWith('be1', [{ name: 'c' }]), sized('burst', '1', '1Gi')],
      want: 'pods "be2" is forbidden: exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1' },
    { name: 'a pod of a listed priority class under a PriorityClass In scope selector',
      resource: 'pods', object: podWith('hi2', [{ name: 'c' }], { spec: { priorityClassName: 'high' } }),
      stored: [quota('pc', { pods: '1' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }), podWith('hi1', [{ name: 'c' }], { spec: { priorityClassName: 'high' } })],
      want: 'pods "hi2" is forbidden: exceeded quota: pc, requested: pods=1, used: pods=1, limited: pods=1' },
    { name: 'GPU requests past requests.nvidia.com/gpu',
      resource: 'pods', object: podWith('train', [{ name: 'c', resources: res({ 'nvidia.com/gpu': '2' }, { 'nvidia.com/gpu': '2' }) }]),
      stored: [quota('gpu', { 'requests.nvidia.com/gpu': '1' })],
      want: 'pods "train" is forbidden: exceeded quota: gpu, requested: requests.nvidia.com/gpu=2, used: requests.nvidia.com/gpu=0, limited: requests.nvidia.com/gpu=1' },
  ])('$name', async ({ group, resource, object, stored, want }) => {
    const attrs = attrsFor({ group: group ?? '', resource, namespace: 'dev', object, stored });
    expect(await statusOf(plugin.validate!(attrs))).toMatchObject({ code: 403, reason: 'Forbidden', message: want });
  });
});

describe('ResourceQuota admission lets through', () => {
  it.each([
    { name: 'a pod within every quota', resource: 'pods', object: sized('ok', '500m', '512Mi'), stored: [quota('compute', { 'requests.cpu': '1', pods: '2' }), sized('a', '500m', '512Mi')] },
    { name: 'a pod when the namespace has no quota', resource: 'pods', object: podWith('p', [{ name: 'c' }]), stored: [] },
    { name: 'a pod a NotBestEffort quota does not cover', resource: 'pods', object: podWith('be', [{ name: 'c' }]), stored: [quota('nbe', { pods: '0' }, { scopes: ['NotBestEffort'] })] },
    { name: 'a pod without activeDeadlineSeconds past a Terminating quota', resource: 'pods', object: podWith('long', [{ name: 'c' }]), stored: [quota('t', { pods: '0' }, { scopes: ['Terminating'] })] },
    { name: 'a pod while the others are finished (terminal pods charge no compute)', resource: 'pods', object: podWith('p2', [{ name: 'c' }]),
      stored: [quota('q', { pods: '1' }), podWith('done', [{ name: 'c' }], { status: { phase: 'Succeeded' } })] },
    { name: 'a pod while the other one is past its deletion grace period', resource: 'pods', object: podWith('p2', [{ name: 'c' }]),
      stored: [quota('q', { pods: '1' }), podWith('gone', [{ name: 'c' }], { metadata: { deletionTimestamp: '2025-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } })] },
    { name: 'a ClusterIP service under a nodeports quota of zero', resource: 'services', object: service('svc', 'ClusterIP'), stored: [quota('svc', { 'services.nodeports': '0' })] },
    { name: 'a config map when only pods are limited', resource: 'configmaps', object: configMap('c'), stored: [quota('q', { pods: '0' })] },
    { name: 'an update that does not grow the claim, even over a full quota', operation: 'UPDATE' as const, resource: 'persistentvolumeclaims',
      object: pvc('data', '4Gi'), oldObject: { ...pvc('data', '4Gi'), metadata: { name: 'data', namespace: 'dev', resourceVersion: '5' } },
      stored: [quota('storage', { 'requests.storage': '4Gi' }), pvc('data', '4Gi')] },
  ])('$name', async ({ operation, resource, object, oldObject, stored }) => {
    const attrs = attrsFor({ operation, resource, namespace: 'dev', name: object.metadata?.name, object, oldObject, stored });
    expect(await statusOf(plugin.validate!(attrs))).toBeUndefined();
  });

  it('charges an update for its growth only', async () => {
    const old = { ...pvc('data', '4Gi'), metadata: { name: 'data', namespace: 'dev', resourceVersion: '5' } };
    const attrs = attrsFor({ operation: 'UPDATE', resource: 'persistentvolumeclaims', namespace: 'dev', name: 'data', object: pvc('data', '6Gi'), oldObject: old,
      stored: [quota('storage', { 'requests.storage': '5Gi' }), pvc('data', '4Gi')] });
    expect(await statusOf(plugin.validate!(attrs))).toMatchObject({
      message: 'persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: requests.storage=2Gi, used: requests.storage=4Gi, limited: requests.storage=5Gi' });
  });
});

describe('ResourceQuota through the apiserver', () => {
  it('stops the third pod of a two-pod quota, with no quota controller running', async () => {
    const clock = new VirtualClock({ seed: 1 });
    const api = createApiServer({ store: createMemoryStore({ clock }), clock, admission: defaultAdmissionPlugins(clock.rng, clock) });
    const create = async (resource: string, body: KubeObject, namespace?: string) =>
      api.handle({ verb: 'create', group: '', version: 'v1', resource, namespace, body }).catch((e: unknown) => { if (isStatusError(e)) return e.status; throw e; });
    await create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    await create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, 'dev');
    await create('resourcequotas', quota('pod-count', { pods: '2' }), 'dev');
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(await create('pods', pod('a'), 'dev')).toMatchObject({ code: 201 });
    expect(await create('pods', pod('b'), 'dev')).toMatchObject({ code: 201 });
    expect(await create('pods', pod('c'), 'dev')).toMatchObject({
      kind: 'Status', code: 403, reason: 'Forbidden', details: { name: 'c', kind: 'pods' },
      message: 'pods "c" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2' });
  });
});
