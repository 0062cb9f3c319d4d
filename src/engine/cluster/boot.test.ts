import { describe, expect, it } from 'vitest';
import { isNotFound, type KubeObject } from '../api/index.ts';
import { resources } from '../client/index.ts';
import { IDENTITY_LEASE_RENEW_MS } from '../controllers/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { bootCluster, SYSTEM_NAMESPACES } from './boot.ts';

async function boot() {
  const clock = new VirtualClock({ seed: 3 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  await clock.advanceAsync(1_000);
  return { ...cluster, clock };
}

describe('bootCluster', () => {
  it('starts with the system namespaces, the kubernetes Service, and a default ServiceAccount in each namespace', async () => {
    const { client, stop } = await boot();
    const namespaces = await client.list(resources.namespaces);
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(SYSTEM_NAMESPACES);
    const svc = await client.get({ ...resources.services, namespace: 'default' }, 'kubernetes');
    expect((svc.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
    const sas = await client.list(resources.serviceaccounts);
    const names = sas.items.map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`);
    expect(names.filter((n) => n.endsWith('/default')).sort()).toEqual(SYSTEM_NAMESPACES.map((n) => `${n}/default`));
    // The controllers' own identities (--use-service-account-credentials).
    expect(names).toContain('kube-system/namespace-controller');
    await stop();
  });

  it('starts with what the apiserver\'s own controllers write: Available local APIServices, APF\'s configuration, the kubernetes ServiceCIDR', async () => {
    const { client, stop } = await boot();
    const condition = (o: KubeObject, type: string) => (o.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions?.find((c) => c.type === type)?.status;
    const apiServices = await client.list({ group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices' });
    // The Local ones (no spec.service); add-ons may register aggregated ones beside them.
    const local = apiServices.items.filter((s) => !(s.spec as { service?: unknown }).service);
    expect(local).toHaveLength(20);
    expect(local.every((s) => condition(s, 'Available') === 'True')).toBe(true);
    const flowSchemas = await client.list({ group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource: 'flowschemas' });
    expect(flowSchemas.items).toHaveLength(13);
    expect(flowSchemas.items.every((s) => condition(s, 'Dangling') === 'False')).toBe(true);
    expect((await client.list({ group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource: 'prioritylevelconfigurations' })).items).toHaveLength(8);
    const cidr = await client.get({ group: 'networking.k8s.io', version: 'v1', resource: 'servicecidrs' }, 'kubernetes');
    expect([cidr.spec, condition(cidr, 'Ready')]).toEqual([{ cidrs: ['10.96.0.0/12'] }, 'True']);
    await stop();
  });

  it('reports the control plane it runs in ComponentStatus: no scheduler yet, the controller manager and etcd healthy', async () => {
    const { client, stop } = await boot();
    const statuses = await client.list({ group: '', version: 'v1', resource: 'componentstatuses' });
    const healthy = statuses.items.map((s) => [s.metadata?.name, (s as { conditions?: Array<{ status: string }> }).conditions?.[0]?.status]);
    expect(healthy).toEqual([['scheduler', 'False'], ['controller-manager', 'True'], ['etcd-0', 'True']]);
    await stop();
  });

  it('publishes kube-root-ca.crt in every namespace, and puts it back when deleted', async () => {
    const { client, clock, stop } = await boot();
    const cms = await client.list(resources.configmaps, { fieldSelector: 'metadata.name=kube-root-ca.crt' });
    expect(cms.items.map((c) => c.metadata?.namespace).sort()).toEqual(SYSTEM_NAMESPACES);
    expect((cms.items[0]!.data as Record<string, string>)['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    await client.delete({ ...resources.configmaps, namespace: 'default' }, 'kube-root-ca.crt');
    await clock.advanceAsync(1_000);
    expect((await client.get({ ...resources.configmaps, namespace: 'default' }, 'kube-root-ca.crt')).metadata?.name).toBe('kube-root-ca.crt');
    await stop();
  });

  it('puts back a deleted default ServiceAccount', async () => {
    const { client, clock, stop } = await boot();
    await client.delete({ ...resources.serviceaccounts, namespace: 'default' }, 'default');
    await clock.advanceAsync(1_000);
    const sa = await client.get({ ...resources.serviceaccounts, namespace: 'default' }, 'default');
    expect(sa.metadata?.name).toBe('default');
    await stop();
  });

  it('deletes a namespace by emptying it, finalizing it, then removing it', async () => {
    const { client, clock, stop } = await boot();
    await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } });
    await clock.advanceAsync(1_000);
    await client.create({ ...resources.configmaps, namespace: 'tmp' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
    const marked = await client.delete(resources.namespaces, 'tmp') as KubeObject;
    expect((marked.status as { phase: string }).phase).toBe('Terminating');
    expect(marked.metadata?.deletionTimestamp).toBeDefined();
    await clock.advanceAsync(10_000);
    const gone = await client.get(resources.namespaces, 'tmp').then(() => false, (e) => isNotFound(e));
    expect(gone).toBe(true);
    expect((await client.list({ ...resources.configmaps, namespace: 'tmp' })).items).toEqual([]);
    await stop();
  });

  it('creates the apiserver identity lease at boot and renews it every 10 s of virtual time', async () => {
    const clock = new VirtualClock({ seed: 5 });
    const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
    await cluster.ready;
    const scope = { ...resources.leases, namespace: 'kube-system' };
    const [lease] = (await cluster.client.list(scope)).items;
    expect(lease?.metadata?.name).toBe('apiserver-x5b6ydknvu6qyz5vwk3lqzd3my');
    expect(lease?.metadata?.labels).toEqual({ 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': 'pilothouse-control-plane' });
    const spec = lease!.spec as { holderIdentity: string; renewTime: string; leaseDurationSeconds: number };
    expect(spec.holderIdentity).toMatch(/^apiserver-x5b6ydknvu6qyz5vwk3lqzd3my_[0-9a-f-]{36}$/);
    expect(spec.leaseDurationSeconds).toBe(3600);
    await clock.advanceAsync(IDENTITY_LEASE_RENEW_MS);
    const renewed = await cluster.client.get(scope, lease!.metadata!.name!);
    expect((renewed.spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:10.000000Z');
    expect(Number(renewed.metadata?.resourceVersion)).toBeGreaterThan(Number(lease!.metadata?.resourceVersion));
    await cluster.stop();
  });
});
