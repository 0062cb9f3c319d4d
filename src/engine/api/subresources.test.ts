import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { isStatusError } from './errors.ts';
import { createApiServer } from './server.ts';
import type { ApiRequest } from './request.ts';
import type { KubeObject } from './types.ts';
import type { Table } from './printers/table.ts';

function setup() {
  const clock = new VirtualClock({ seed: 2 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const call = async (req: Omit<ApiRequest, 'namespace'>) =>
    api.handle({ namespace: 'default', ...req }).then((r) => r.body as KubeObject, (e: unknown) => { if (isStatusError(e)) return e.status as unknown as KubeObject; throw e; });
  return { api, clock, call };
}

const labels = { app: 'web' };
const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
const rc: KubeObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'old' },
  spec: { replicas: 1, selector: labels, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } });

describe('scale subresource', () => {
  it('shows a Deployment as an autoscaling/v1 Scale and writes spec.replicas on update and patch', async () => {
    const { call } = setup();
    await call({ verb: 'create', group: 'apps', version: 'v1', resource: 'deployments', body: deployment });
    const scale = await call({ verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale' });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=web' } });
    const updated = await call({ verb: 'update', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale', body: { ...scale, spec: { replicas: 5 } } });
    expect(updated).toMatchObject({ kind: 'Scale', spec: { replicas: 5 } });
    const dep = await call({ verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', name: 'web' });
    expect(dep).toMatchObject({ spec: { replicas: 5 }, metadata: { generation: 2 } });
    await call({ verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale', patchType: 'application/merge-patch+json', body: { spec: { replicas: 1 } } });
    expect((await call({ verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', name: 'web' })).spec).toMatchObject({ replicas: 1 });
  });

  it.each([
    { name: 'a Deployment', group: 'apps', resource: 'deployments', object: deployment, cells: ['web', 2, 0, '90s'] },
    { name: 'a ReplicationController', group: '', resource: 'replicationcontrollers', object: rc, cells: ['old', 1, 0, '90s'] },
  ])('prints the Scale of $name as printers.go printScale does, aged from the parent\'s creation', async ({ group, resource, object, cells }) => {
    const { call, clock } = setup();
    await call({ verb: 'create', group, version: 'v1', resource, body: object });
    clock.advance(90_000);
    const table = await call({ verb: 'get', group, version: 'v1', resource, name: object.metadata!.name!, subresource: 'scale', query: { as: 'Table' } }) as unknown as Table;
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions?.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', ''], ['Desired', 'integer', ''], ['Available', 'integer', ''], ['Age', 'string', '']]);
    expect(table.rows?.map((r) => r.cells)).toEqual([cells]);
    expect(table.rows?.[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: object.metadata!.name, creationTimestamp: '2026-01-01T00:00:00Z' } });
  });

  it('refuses a stale resourceVersion and a negative replica count', async () => {
    const { call } = setup();
    await call({ verb: 'create', group: 'apps', version: 'v1', resource: 'deployments', body: deployment });
    const scale = await call({ verb: 'get', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale' });
    await call({ verb: 'update', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale', body: { ...scale, spec: { replicas: 3 } } });
    expect(await call({ verb: 'update', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale', body: { ...scale, spec: { replicas: 4 } } }))
      .toMatchObject({ code: 409, message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again' });
    expect(await call({ verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', name: 'web', subresource: 'scale', patchType: 'application/merge-patch+json', body: { spec: { replicas: -1 } } }))
      .toMatchObject({ code: 422, reason: 'Invalid', message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' });
  });

  it('serves a ReplicationController selector as a set-based string', async () => {
    const { call } = setup();
    await call({ verb: 'create', group: '', version: 'v1', resource: 'replicationcontrollers', body: rc });
    expect(await call({ verb: 'get', group: '', version: 'v1', resource: 'replicationcontrollers', name: 'old', subresource: 'scale' }))
      .toMatchObject({ spec: { replicas: 1 }, status: { selector: 'app=web' } });
  });
});

describe('binding subresource', () => {
  it('assigns an unbound pod to a node and marks it scheduled; a second binding conflicts', async () => {
    const { call } = setup();
    await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', body: pod('web') });
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } };
    expect(await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', name: 'web', subresource: 'binding', body: binding }))
      .toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const bound = await call({ verb: 'get', group: '', version: 'v1', resource: 'pods', name: 'web' });
    expect(bound).toMatchObject({ spec: { nodeName: 'node-1' }, status: { conditions: [{ type: 'PodScheduled', status: 'True' }] } });
    expect(await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', name: 'web', subresource: 'binding', body: { ...binding, target: { kind: 'Node', name: 'node-2' } } }))
      .toMatchObject({ code: 409, reason: 'Conflict', message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"' });
  });
});

describe('eviction subresource', () => {
  const pdb = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { minAvailable: 1, selector: { matchLabels: labels } }, status });
  const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });
  const running = { phase: 'Running' };

  async function withRunningPod(call: ReturnType<typeof setup>['call'], name: string) {
    // Bound to a node, so that its deletion is graceful (an unbound pod goes at once).
    await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', body: pod(name, { nodeName: 'node-1' }) });
    const p = await call({ verb: 'get', group: '', version: 'v1', resource: 'pods', name });
    await call({ verb: 'update', group: '', version: 'v1', resource: 'pods', name, subresource: 'status', body: { ...p, status: running } });
  }

  async function setBudget(call: ReturnType<typeof setup>['call'], status: Record<string, unknown>) {
    await call({ verb: 'create', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', body: pdb({}) });
    const created = await call({ verb: 'get', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', name: 'web-pdb' });
    await call({ verb: 'update', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', name: 'web-pdb', subresource: 'status', body: { ...created, status: { observedGeneration: 1, ...status } } });
  }

  it('refuses with 429 when the budget allows no disruption, naming the budget', async () => {
    const { call } = setup();
    await withRunningPod(call, 'web-1');
    await setBudget(call, { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 });
    expect(await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', name: 'web-1', subresource: 'eviction', body: eviction('web-1') })).toMatchObject({
      code: 429, reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 1 healthy pods and has 1 currently' }] } });
    expect(await call({ verb: 'get', group: '', version: 'v1', resource: 'pods', name: 'web-1' })).toMatchObject({ metadata: { name: 'web-1' } });
  });

  it('evicts when the budget allows it: uses up a disruption and deletes the pod gracefully', async () => {
    const { call } = setup();
    await withRunningPod(call, 'web-1');
    await setBudget(call, { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 });
    expect(await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', name: 'web-1', subresource: 'eviction', body: eviction('web-1') }))
      .toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const budget = await call({ verb: 'get', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', name: 'web-pdb' });
    expect(budget.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { 'web-1': expect.any(String) } });
    // A pod is deleted gracefully: it stays, marked, for its 30 s grace period.
    expect(await call({ verb: 'get', group: '', version: 'v1', resource: 'pods', name: 'web-1' })).toMatchObject({ metadata: { deletionGracePeriodSeconds: 30 } });
  });

  it('evicts a pending pod without consulting any budget', async () => {
    const { call } = setup();
    await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', body: pod('web-2') });
    await setBudget(call, { disruptionsAllowed: 0 });
    expect(await call({ verb: 'create', group: '', version: 'v1', resource: 'pods', name: 'web-2', subresource: 'eviction', body: eviction('web-2') }))
      .toMatchObject({ status: 'Success' });
  });
});

describe('status on create', () => {
  it.each([
    ['a Node keeps the status it registers with', { group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '4' } } }, { capacity: { cpu: '4' } }],
    ['a Deployment\'s status is dropped', { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' }, { ...deployment, status: { replicas: 9 } }, undefined],
  ])('%s', async (_, target, body, status) => {
    const { api } = setup();
    const created = await api.handle({ verb: 'create', ...target, body });
    expect((created.body as KubeObject).status).toEqual(status);
  });
});
