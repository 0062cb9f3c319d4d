import { beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../engine/api/index.ts';
import { VirtualClock } from '../engine/clock/index.ts';
import { createClient, createInProcessTransport } from '../engine/client/index.ts';
import { createMemoryStore } from '../engine/store/index.ts';
import { kindPrefix, RESTMapper } from './restmapper.ts';

let mapper: RESTMapper;
beforeAll(async () => {
  const clock = new VirtualClock({ seed: 1 });
  const client = createClient(createInProcessTransport(createApiServer({ store: createMemoryStore({ clock }), clock })));
  mapper = new RESTMapper(await client.discovery());
});

describe('RESTMapper.mappingFor', () => {
  it.each([
    { name: 'a plural', arg: 'pods', want: { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true } },
    { name: 'a singular', arg: 'pod', want: { resource: 'pods' } },
    { name: 'a short name', arg: 'po', want: { resource: 'pods' } },
    { name: 'a kind, in any case', arg: 'Deployment', want: { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' } },
    { name: 'upper case', arg: 'PODS', want: { resource: 'pods' } },
    { name: 'resource.group', arg: 'deployments.apps', want: { group: 'apps', resource: 'deployments' } },
    { name: 'a short name with its group', arg: 'deploy.apps', want: { group: 'apps', resource: 'deployments' } },
    { name: 'resource.version.group', arg: 'deployments.v1.apps', want: { group: 'apps', version: 'v1', resource: 'deployments' } },
    { name: 'a group with dots', arg: 'ingresses.networking.k8s.io', want: { group: 'networking.k8s.io', resource: 'ingresses' } },
    { name: 'a name two groups serve goes to the core group first', arg: 'events', want: { group: '', resource: 'events' } },
    { name: 'the preferred version of a group with several', arg: 'hpa', want: { group: 'autoscaling', version: 'v2' } },
    { name: 'a non-preferred version when asked for', arg: 'horizontalpodautoscalers.v1.autoscaling', want: { group: 'autoscaling', version: 'v1' } },
    { name: 'a cluster-scoped resource', arg: 'no', want: { resource: 'nodes', namespaced: false } },
  ])('resolves $name', ({ arg, want }) => {
    expect(mapper.mappingFor(arg)).toMatchObject(want);
  });

  it.each(['foo', 'pods.foo', 'deployments.v2.apps'])('refuses %s with the server\'s words', (arg) => {
    expect(() => mapper.mappingFor(arg)).toThrow(`the server doesn't have a resource type "${arg}"`);
  });
});

describe('RESTMapper.mappingsFor', () => {
  it('expands the all category to its resources, in discovery order', () => {
    expect(mapper.mappingsFor('all').map(kindPrefix)).toEqual([
      'pod', 'replicationcontroller', 'service', 'daemonset.apps', 'deployment.apps', 'replicaset.apps', 'statefulset.apps',
      'horizontalpodautoscaler.autoscaling', 'cronjob.batch', 'job.batch',
    ]);
  });
  it('resolves comma-separated types once each', () => {
    expect(mapper.mappingsFor('deploy,svc,deployments').map((m) => m.resource)).toEqual(['deployments', 'services']);
  });
});
