import { describe, expect, it } from 'vitest';
import { NamespaceLifecycle } from './NamespaceLifecycle.ts';
import { attrsFor, namespace, statusOf, type AttrsInput } from './testing.ts';

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: {} });
const stored = [namespace('default'), namespace('dev'), namespace('old', 'Terminating'), namespace('kube-system')];

describe('NamespaceLifecycle', () => {
  it.each<{ name: string; req: AttrsInput; want?: { code: number; reason: string; message: string } }>([
    { name: 'creating in an active namespace is allowed', req: { resource: 'configmaps', namespace: 'dev', object: cm('a') } },
    { name: 'creating in a missing namespace is NotFound on the namespace',
      req: { resource: 'configmaps', namespace: 'x', object: cm('a') },
      want: { code: 404, reason: 'NotFound', message: 'namespaces "x" not found' } },
    { name: 'updating in a missing namespace is NotFound too',
      req: { operation: 'UPDATE', resource: 'configmaps', namespace: 'x', name: 'a', object: cm('a'), oldObject: cm('a') },
      want: { code: 404, reason: 'NotFound', message: 'namespaces "x" not found' } },
    { name: 'creating in a terminating namespace is forbidden',
      req: { resource: 'configmaps', namespace: 'old', object: cm('a') },
      want: { code: 403, reason: 'Forbidden', message: 'configmaps "a" is forbidden: unable to create new content in namespace old because it is being terminated' } },
    { name: 'a grouped resource is named group-qualified',
      req: { group: 'apps', resource: 'deployments', namespace: 'old', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } },
      want: { code: 403, reason: 'Forbidden', message: 'deployments.apps "web" is forbidden: unable to create new content in namespace old because it is being terminated' } },
    { name: 'updating in a terminating namespace is allowed (finalizers must be removable)',
      req: { operation: 'UPDATE', resource: 'configmaps', namespace: 'old', name: 'a', object: cm('a'), oldObject: cm('a') } },
    { name: 'deleting in a missing namespace is allowed', req: { operation: 'DELETE', resource: 'configmaps', namespace: 'x', name: 'a' } },
    { name: 'deleting default is forbidden', req: { operation: 'DELETE', resource: 'namespaces', name: 'default' },
      want: { code: 403, reason: 'Forbidden', message: 'namespaces "default" is forbidden: this namespace may not be deleted' } },
    { name: 'deleting kube-system is forbidden', req: { operation: 'DELETE', resource: 'namespaces', name: 'kube-system' },
      want: { code: 403, reason: 'Forbidden', message: 'namespaces "kube-system" is forbidden: this namespace may not be deleted' } },
    { name: 'deleting kube-public is forbidden', req: { operation: 'DELETE', resource: 'namespaces', name: 'kube-public' },
      want: { code: 403, reason: 'Forbidden', message: 'namespaces "kube-public" is forbidden: this namespace may not be deleted' } },
    { name: 'deleting another namespace is allowed', req: { operation: 'DELETE', resource: 'namespaces', name: 'dev' } },
    { name: 'cluster-scoped objects are not checked', req: { resource: 'nodes', object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } } },
  ])('$name', async ({ req, want }) => {
    const status = await statusOf(NamespaceLifecycle.admit!(attrsFor({ stored, ...req })));
    if (want) expect(status).toMatchObject(want);
    else expect(status).toBeUndefined();
  });

  it('marks the terminating refusal with the NamespaceTerminating cause', async () => {
    const status = await statusOf(NamespaceLifecycle.admit!(attrsFor({ stored, resource: 'configmaps', namespace: 'old', object: cm('a') })));
    expect(status?.details).toEqual({ name: 'a', kind: 'configmaps', causes: [{ reason: 'NamespaceTerminating', message: 'namespace old is being terminated', field: 'metadata.namespace' }] });
  });
});
