import { describe, expect, it } from 'vitest';
import { Registry } from './registry.ts';
import { restLine, restPath } from './restpath.ts';

describe('Registry', () => {
  it('serves the GA group-versions of v1.33 and none of the alpha or beta ones by default', () => {
    const registry = new Registry();
    const served = registry.groupVersions().map((gv) => (gv.group ? `${gv.group}/${gv.version}` : gv.version));
    expect(served).toContain('apps/v1');
    expect(served).toContain('autoscaling/v2');
    expect(served).toContain('autoscaling/v1');
    expect(served.filter((gv) => /alpha|beta/.test(gv))).toEqual([]);
    expect(registry.lookup('policy', 'v1beta1', 'podsecuritypolicies')).toBeUndefined();
  });

  it('serves resource.k8s.io (DRA) only when the cluster spec turns it on, as in v1.33', () => {
    expect(new Registry().lookupKind('resource.k8s.io', 'v1beta1', 'DeviceClass')).toBeUndefined();
    const dra = new Registry({ dynamicResourceAllocation: true });
    expect(dra.lookupKind('resource.k8s.io', 'v1beta1', 'DeviceClass')).toMatchObject({ resource: 'deviceclasses', namespaced: false });
    expect(dra.lookup('resource.k8s.io', 'v1beta2', 'resourceclaims')).toMatchObject({ kind: 'ResourceClaim', namespaced: true });
    // resource.k8s.io/v1 arrives with v1.34.
    expect(dra.lookup('resource.k8s.io', 'v1', 'resourceclaims')).toBeUndefined();
  });

  it.each([
    { resource: 'pods', group: '', shortNames: ['po'], namespaced: true, categories: ['all'], storagePrefix: 'pods' },
    { resource: 'nodes', group: '', shortNames: ['no'], namespaced: false, categories: [], storagePrefix: 'minions' },
    { resource: 'services', group: '', shortNames: ['svc'], namespaced: true, categories: ['all'], storagePrefix: 'services/specs' },
    { resource: 'deployments', group: 'apps', shortNames: ['deploy'], namespaced: true, categories: ['all'], storagePrefix: 'deployments' },
    { resource: 'customresourcedefinitions', group: 'apiextensions.k8s.io', shortNames: ['crd', 'crds'], namespaced: false, categories: ['api-extensions'], storagePrefix: 'apiextensions.k8s.io/customresourcedefinitions' },
  ])('describes $resource as discovery and etcd see it', ({ resource, group, ...want }) => {
    const registry = new Registry();
    const version = registry.groups().find((g) => g.group === group)!.preferredVersion;
    expect(registry.lookup(group, version, resource)).toMatchObject(want);
  });

  it('lists a group\'s preferred version first', () => {
    expect(new Registry().groups().find((g) => g.group === 'autoscaling')).toEqual({ group: 'autoscaling', versions: ['v2', 'v1'], preferredVersion: 'v2' });
  });
});

describe('restPath', () => {
  it.each([
    { name: 'a namespaced list with a limit', req: { verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { limit: 500 } }, line: 'GET /api/v1/namespaces/default/pods?limit=500' },
    { name: 'a cluster-scoped get', req: { verb: 'get', group: '', version: 'v1', resource: 'nodes', name: 'node-1' }, line: 'GET /api/v1/nodes/node-1' },
    { name: 'a namespace itself', req: { verb: 'delete', group: '', version: 'v1', resource: 'namespaces', namespace: 'team', name: 'team' }, line: 'DELETE /api/v1/namespaces/team' },
    { name: 'a status subresource of a group resource', req: { verb: 'update', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web', subresource: 'status' }, line: 'PUT /apis/apps/v1/namespaces/default/deployments/web/status' },
    { name: 'a watch', req: { verb: 'watch', group: '', version: 'v1', resource: 'pods', query: { resourceVersion: '7' } }, line: 'GET /api/v1/pods?resourceVersion=7&watch=true' },
  ] as const)('renders $name', ({ req, line }) => {
    expect(restLine(req)).toBe(line);
    expect(restPath(req)).toBe(line.split(' ')[1]);
  });
});
