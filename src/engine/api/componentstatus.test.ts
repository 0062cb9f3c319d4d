import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { healthyComponent, SCHEDULER_HEALTHZ, unreachableComponent, type ComponentProbe } from './componentstatus.ts';
import { isStatusError } from './errors.ts';
import type { Table } from './printers/table.ts';
import type { RequestQuery } from './request.ts';
import { createApiServer } from './server.ts';
import type { KubeList, KubeObject } from './types.ts';

const WARNING = 'v1 ComponentStatus is deprecated in v1.19+';
const refused = 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused';

function serve(components?: ComponentProbe[]) {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock, ...(components ? { components } : {}) });
  const request = (verb: 'get' | 'list', name?: string, query: RequestQuery = {}) =>
    api.handle({ verb, group: '', version: 'v1', resource: 'componentstatuses', ...(name ? { name } : {}), query });
  return { api, request };
}

const kubeadm = [unreachableComponent('scheduler', SCHEDULER_HEALTHZ), healthyComponent('controller-manager'), healthyComponent('etcd-0')];
const names = (body: unknown) => (body as KubeList).items.map((i) => i.metadata?.name);

describe('ComponentStatus (componentstatus/rest.go)', () => {
  it.each([
    { name: 'an apiserver without components configured reports its etcd alone', components: undefined, want: ['etcd-0'] },
    { name: 'a kubeadm control plane reports scheduler, controller-manager and etcd-0', components: kubeadm, want: ['scheduler', 'controller-manager', 'etcd-0'] },
  ])('$name', async ({ components, want }) => {
    const res = await serve(components).request('list');
    expect(res.body).toMatchObject({ kind: 'ComponentStatusList', apiVersion: 'v1' });
    expect(names(res.body)).toEqual(want);
    expect(res.warnings).toEqual([WARNING]);
  });

  it.each([
    { name: 'a healthy component is Healthy True with the probe body `ok`', component: 'etcd-0', want: { type: 'Healthy', status: 'True', message: 'ok' } },
    { name: 'a component nothing listens for fails with the dial error as its message', component: 'scheduler', want: { type: 'Healthy', status: 'False', message: refused } },
  ])('$name', async ({ component, want }) => {
    const res = await serve(kubeadm).request('get', component);
    expect(res.body).toEqual({ kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name: component, creationTimestamp: null }, conditions: [want] });
    expect(res.warnings).toEqual([WARNING]);
  });

  it('answers an unknown name with a reasonless 500, as a plain error from REST storage', async () => {
    const err = await serve(kubeadm).request('get', 'nope').catch((e: unknown) => e);
    expect(isStatusError(err) && err.status).toMatchObject({ code: 500, message: 'Component not found: nope', status: 'Failure' });
    expect(isStatusError(err) && err.status.reason).toBeUndefined();
  });

  it.each([
    { name: 'a metadata.name field selector picks one component', query: { fieldSelector: 'metadata.name=etcd-0' }, want: ['etcd-0'] },
    { name: 'a label selector matches none (statuses carry no labels)', query: { labelSelector: 'app=x' }, want: [] },
  ])('$name', async ({ query, want }) => {
    expect(names((await serve(kubeadm).request('list', undefined, query)).body)).toEqual(want);
  });

  it('prints as a Table with NAME STATUS MESSAGE ERROR, still warning', async () => {
    const res = await serve(kubeadm).request('list', undefined, { as: 'Table' });
    const table = res.body as Table;
    expect(table.columnDefinitions?.map((c) => c.name)).toEqual(['Name', 'Status', 'Message', 'Error']);
    expect(table.rows?.map((r) => r.cells)).toEqual([
      ['scheduler', 'Unhealthy', refused, ''], ['controller-manager', 'Healthy', 'ok', ''], ['etcd-0', 'Healthy', 'ok', ''],
    ]);
    expect(res.warnings).toEqual([WARNING]);
  });

  it('serves no writes or watches (the resource has get and list only)', async () => {
    const { api } = serve();
    const create = await api.handle({ verb: 'create', group: '', version: 'v1', resource: 'componentstatuses', body: { metadata: { name: 'x' } } as KubeObject }).catch((e: unknown) => e);
    expect(isStatusError(create) && create.status.reason).toBe('MethodNotAllowed');
  });
});
