// The garbage collector running in a booted cluster: background, orphan and foreground deletion
// of an owner and its dependents (ownerReferences), as a real cluster does them.
import { describe, expect, it } from 'vitest';
import { isNotFound, type KubeObject } from '../api/index.ts';
import { resources, type Client } from '../client/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { bootCluster } from './boot.ts';

const cms = { ...resources.configmaps, namespace: 'default' };

async function setup() {
  const clock = new VirtualClock({ seed: 9 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  const owner = await cluster.client.create<KubeObject>(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
  const dependent = (name: string, blockOwnerDeletion?: boolean): KubeObject => ({
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid!, ...(blockOwnerDeletion ? { blockOwnerDeletion } : {}) }] },
  });
  await cluster.client.create(cms, dependent('child', true));
  await cluster.client.create(cms, dependent('other'));
  await clock.advanceAsync(1_000);
  return { ...cluster, clock };
}

const exists = (client: Client, name: string) => client.get(cms, name).then(() => true, (e) => (isNotFound(e) ? false : Promise.reject(e)));

describe('garbage collector', () => {
  it('deletes the dependents of an owner deleted in the background', async () => {
    const { client, clock, stop } = await setup();
    await client.delete(cms, 'owner', { propagationPolicy: 'Background' });
    await clock.advanceAsync(1_000);
    expect(await exists(client, 'child')).toBe(false);
    expect(await exists(client, 'other')).toBe(false);
    await stop();
  });

  it('orphans the dependents of an owner deleted with propagationPolicy=Orphan', async () => {
    const { client, clock, stop } = await setup();
    await client.delete(cms, 'owner', { propagationPolicy: 'Orphan' });
    await clock.advanceAsync(1_000);
    expect(await exists(client, 'owner')).toBe(false);
    const child = await client.get(cms, 'child');
    expect(child.metadata?.ownerReferences).toEqual([]);
    expect(await exists(client, 'other')).toBe(true);
    await stop();
  });

  it('deletes dependents first for Foreground, holding the owner until blocking ones are gone', async () => {
    const { client, clock, stop } = await setup();
    const marked = await client.delete(cms, 'owner', { propagationPolicy: 'Foreground' }) as KubeObject;
    expect(marked.metadata?.finalizers).toEqual(['foregroundDeletion']);
    await clock.advanceAsync(1_000);
    expect(await exists(client, 'child')).toBe(false);
    expect(await exists(client, 'other')).toBe(false);
    expect(await exists(client, 'owner')).toBe(false);
    await stop();
  });

  it('leaves an object whose owner is still there alone', async () => {
    const { client, clock, stop } = await setup();
    await clock.advanceAsync(5_000);
    expect(await exists(client, 'child')).toBe(true);
    expect(await exists(client, 'owner')).toBe(true);
    await stop();
  });
});
