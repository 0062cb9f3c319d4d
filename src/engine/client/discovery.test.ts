import { describe, expect, it } from 'vitest';
import { createApiServer, isNotFound } from '../api/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createClient } from './client.ts';
import { createFakeApiServer } from './testing/fakeApiServer.ts';
import { createInProcessTransport } from './transport.ts';

async function discover() {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  return createClient(createInProcessTransport(api)).discovery();
}

describe('discovery over the in-process transport', () => {
  it('lists the core group first, as /api precedes /apis, with its preferred version', async () => {
    const { groups } = await discover();
    expect(groups[0]).toEqual({ name: '', versions: [{ groupVersion: 'v1', version: 'v1' }], preferredVersion: { groupVersion: 'v1', version: 'v1' } });
    expect(groups.find((g) => g.name === 'autoscaling')?.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
  });

  it.each([
    { name: 'pods carry their short name and the all category', groupVersion: 'v1', resource: 'pods',
      want: { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'] } },
    { name: 'deployments are namespaced apps/v1 resources', groupVersion: 'apps/v1', resource: 'deployments',
      want: { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'] } },
    { name: 'nodes are cluster-scoped', groupVersion: 'v1', resource: 'nodes', want: { name: 'nodes', namespaced: false, kind: 'Node' } },
    { name: 'subresources are listed as resource/subresource', groupVersion: 'v1', resource: 'pods/status', want: { name: 'pods/status', kind: 'Pod' } },
  ])('$name', async ({ groupVersion, resource, want }) => {
    const { resources } = await discover();
    const list = resources.find((l) => l.groupVersion === groupVersion);
    expect(list?.kind).toBe('APIResourceList');
    expect(list?.resources.find((r) => r.name === resource)).toMatchObject(want);
  });

  it('fails as an unserved path when the transport cannot discover', async () => {
    const client = createClient(createInProcessTransport(createFakeApiServer()));
    await expect(client.discovery()).rejects.toSatisfy(isNotFound);
  });
});
