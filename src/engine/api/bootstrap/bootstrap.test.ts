import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { Registry } from '../registry.ts';
import { createApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import { localAPIServices } from './apiservices.ts';
import { bootstrapFlowSchemas, bootstrapPriorityLevels } from './flowcontrol.ts';
import { defaultServiceCIDR } from './servicecidr.ts';

const NOW = '2026-01-01T00:00:00Z';
const V133_LOCAL = [
  'v1.', 'v1.admissionregistration.k8s.io', 'v1.apiextensions.k8s.io', 'v1.apps', 'v1.authentication.k8s.io', 'v1.authorization.k8s.io',
  'v1.autoscaling', 'v2.autoscaling', 'v1.batch', 'v1.certificates.k8s.io', 'v1.coordination.k8s.io', 'v1.discovery.k8s.io', 'v1.events.k8s.io',
  'v1.flowcontrol.apiserver.k8s.io', 'v1.networking.k8s.io', 'v1.node.k8s.io', 'v1.policy', 'v1.rbac.authorization.k8s.io',
  'v1.scheduling.k8s.io', 'v1.storage.k8s.io',
];
const names = (objs: KubeObject[]) => objs.map((o) => o.metadata?.name ?? '');

describe('local APIServices (autoregister)', () => {
  it.each([
    { name: 'a default v1.33 cluster has one per GA group-version, and none for apiregistration.k8s.io itself', features: {}, want: V133_LOCAL },
    { name: 'DRA switched on adds resource.k8s.io\'s beta versions', features: { dynamicResourceAllocation: true }, want: [...V133_LOCAL, 'v1beta1.resource.k8s.io', 'v1beta2.resource.k8s.io'] },
  ])('$name', ({ features, want }) => {
    expect(names(localAPIServices(new Registry(features), NOW)).sort()).toEqual([...want].sort());
  });

  it('writes the priorities of apiVersionPriorities, the onstart label, no service, and Available from the start', () => {
    const byName = new Map(localAPIServices(new Registry(), NOW).map((s) => [s.metadata?.name, s]));
    expect(byName.get('v1.')).toEqual({
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService',
      metadata: { name: 'v1.', labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
      spec: { group: '', version: 'v1', groupPriorityMinimum: 18000, versionPriority: 1 },
      status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: NOW, reason: 'Local', message: 'Local APIServices are always available' }] },
    });
    expect(byName.get('v2.autoscaling')?.spec).toEqual({ group: 'autoscaling', version: 'v2', groupPriorityMinimum: 17500, versionPriority: 30 });
    expect(byName.get('v1.flowcontrol.apiserver.k8s.io')?.spec).toMatchObject({ groupPriorityMinimum: 16100, versionPriority: 21 });
  });
});

describe('APF bootstrap configuration (bootstrap/default.go)', () => {
  const levels = bootstrapPriorityLevels();
  const schemas = bootstrapFlowSchemas(NOW);

  it('has the 8 priority levels and 13 flow schemas, each marked for auto-update', () => {
    expect(names(levels)).toEqual(['catch-all', 'exempt', 'system', 'node-high', 'leader-election', 'workload-high', 'workload-low', 'global-default']);
    expect(names(schemas)).toEqual([
      'exempt', 'catch-all', 'system-nodes', 'system-node-high', 'probes', 'system-leader-election', 'workload-leader-election',
      'endpoint-controller', 'kube-controller-manager', 'kube-scheduler', 'kube-system-service-accounts', 'service-accounts', 'global-default',
    ]);
    for (const o of [...levels, ...schemas]) expect(o.metadata?.annotations).toEqual({ 'apf.kubernetes.io/autoupdate-spec': 'true' });
  });

  it('marks every flow schema not dangling, naming a level that exists', () => {
    const levelNames = new Set(names(levels));
    for (const fs of schemas) {
      const level = (fs.spec as { priorityLevelConfiguration: { name: string } }).priorityLevelConfiguration.name;
      expect(levelNames.has(level)).toBe(true);
      expect(fs.status).toEqual({ conditions: [{ type: 'Dangling', status: 'False', lastTransitionTime: NOW, reason: 'Found',
        message: `This FlowSchema references the PriorityLevelConfiguration object named "${level}" and it exists` }] });
    }
  });

  // As upstream's internalbootstrap test: the registered defaulting leaves the bootstrap specs unchanged.
  it.each([...levels, ...schemas].map((o) => ({ name: `${o.kind} ${o.metadata?.name}`, object: o })))('defaulting leaves $name unchanged', async ({ object }) => {
    const clock = new VirtualClock({ seed: 1 });
    const api = createApiServer({ store: createMemoryStore({ clock }), clock });
    const resource = object.kind === 'FlowSchema' ? 'flowschemas' : 'prioritylevelconfigurations';
    const created = (await api.handle({ verb: 'create', group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource, body: structuredClone(object) })).body as KubeObject;
    expect(created.spec).toEqual(object.spec);
  });
});

describe('default ServiceCIDR', () => {
  it('covers kubeadm\'s service range and is Ready as the apiserver\'s controller applies it', () => {
    expect(defaultServiceCIDR(NOW)).toEqual({
      apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/12'] },
      status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: NOW, reason: '', message: 'Kubernetes default Service CIDR is ready' }] },
    });
  });
});
