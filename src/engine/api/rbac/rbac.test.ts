import { describe, expect, it } from 'vitest';
import type { AuthorizationAttributes } from '../admission.ts';
import type { UserInfo } from '../request.ts';
import type { KubeObject } from '../types.ts';
import { readerOver } from '../admission/testing.ts';
import { bootstrapPolicy } from './bootstrappolicy.ts';
import { RBACAuthorizer, serviceAccountUser } from './rbac.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (name: string, namespace: string, rules: unknown[]): KubeObject => ({ apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules });
const binding = (name: string, namespace: string, roleRef: { kind: string; name: string }, subjects: unknown[]): KubeObject =>
  ({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects });
const user = (username: string, groups: string[] = ['system:authenticated']): UserInfo => ({ username, groups });
const req = (u: UserInfo, verb: string, resource: string, more: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes =>
  ({ user: u, verb, group: '', version: 'v1', resource, namespace: 'dev', ...more });

const stored: KubeObject[] = [
  ...bootstrapPolicy(),
  role('pod-reader', 'dev', [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }]),
  role('one-cm', 'dev', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get'] }]),
  role('any-status', 'dev', [{ apiGroups: ['*'], resources: ['*/status'], verbs: ['get'] }]),
  binding('alice-reads', 'dev', { kind: 'Role', name: 'pod-reader' }, [{ kind: 'User', name: 'alice' }]),
  binding('alice-cm', 'dev', { kind: 'Role', name: 'one-cm' }, [{ kind: 'User', name: 'alice' }]),
  binding('ops-status', 'dev', { kind: 'Role', name: 'any-status' }, [{ kind: 'Group', name: 'ops' }]),
  binding('builder-edit', 'dev', { kind: 'ClusterRole', name: 'edit' }, [{ kind: 'ServiceAccount', name: 'builder' }]),
  binding('all-sa-view', 'dev', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', name: 'system:serviceaccounts:ci' }]),
  binding('dangling', 'dev', { kind: 'ClusterRole', name: 'missing' }, [{ kind: 'User', name: 'carol' }]),
];

describe('RBACAuthorizer', () => {
  const authz = new RBACAuthorizer(readerOver(stored));
  it.each([
    { name: 'system:masters is always allowed', attrs: req(user('root', ['system:masters']), 'delete', 'nodes', { namespace: undefined }), want: true },
    { name: 'a Role bound to a user allows its verbs', attrs: req(user('alice'), 'list', 'pods'), want: true },
    { name: 'a Role does not reach other verbs', attrs: req(user('alice'), 'delete', 'pods'), want: false },
    { name: 'a Role does not reach other namespaces', attrs: req(user('alice'), 'list', 'pods', { namespace: 'prod' }), want: false },
    { name: 'a subresource must be listed as resource/subresource', attrs: req(user('alice'), 'get', 'pods', { subresource: 'log' }), want: true },
    { name: 'the parent resource does not grant subresources', attrs: req(user('alice'), 'get', 'pods', { subresource: 'exec' }), want: false },
    { name: '*/status matches any status subresource', attrs: req(user('bob', ['ops']), 'get', 'deployments', { group: 'apps', subresource: 'status' }), want: true },
    { name: 'resourceNames allow the named object', attrs: req(user('alice'), 'get', 'configmaps', { name: 'app' }), want: true },
    { name: 'resourceNames do not allow other names', attrs: req(user('alice'), 'get', 'configmaps', { name: 'other' }), want: false },
    { name: 'resourceNames do not allow unnamed lists', attrs: req(user('alice'), 'list', 'configmaps'), want: false },
    { name: 'a ServiceAccount subject without namespace means the binding namespace', attrs: req(serviceAccountUser('dev', 'builder'), 'create', 'deployments', { group: 'apps' }), want: true },
    { name: 'edit does not include roles', attrs: req(serviceAccountUser('dev', 'builder'), 'create', 'roles', { group: 'rbac.authorization.k8s.io' }), want: false },
    { name: 'a service account of another namespace is a different user', attrs: req(serviceAccountUser('prod', 'builder'), 'create', 'deployments', { group: 'apps' }), want: false },
    { name: 'system:serviceaccounts:<ns> groups match', attrs: req(serviceAccountUser('ci', 'runner'), 'list', 'pods'), want: true },
    { name: 'view does not read secrets', attrs: req(serviceAccountUser('ci', 'runner'), 'get', 'secrets'), want: false },
    { name: 'system:authenticated may get /version', attrs: req(user('dave'), 'get', '', { path: '/version', namespace: undefined }), want: true },
    { name: 'system:authenticated may discover /apis/apps', attrs: req(user('dave'), 'get', '', { path: '/apis/apps', namespace: undefined }), want: true },
    { name: 'system:authenticated may not read /metrics', attrs: req(user('dave'), 'get', '', { path: '/metrics', namespace: undefined }), want: false },
    { name: 'system:authenticated may create selfsubjectaccessreviews', attrs: req(user('dave'), 'create', 'selfsubjectaccessreviews', { group: 'authorization.k8s.io', namespace: undefined }), want: true },
    { name: 'a user with no bindings may not list pods', attrs: req(user('dave'), 'list', 'pods'), want: false },
  ])('$name', async ({ attrs, want }) => {
    expect((await authz.authorize(attrs)).allowed).toBe(want);
  });

  it('gives no reason for a plain miss, and the missing role for a dangling binding', async () => {
    expect(await authz.authorize(req(user('dave'), 'list', 'pods'))).toEqual({ allowed: false });
    expect(await authz.authorize(req(user('carol'), 'list', 'pods'))).toEqual({ allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found' });
  });
});

describe('bootstrapPolicy', () => {
  it('aggregates view into edit and edit into admin, as the aggregation controller leaves them', () => {
    const byName = new Map(bootstrapPolicy().filter((o) => o.kind === 'ClusterRole').map((o) => [o.metadata?.name, o]));
    const rulesOf = (n: string) => byName.get(n)?.rules as unknown[];
    expect(rulesOf('edit')).toEqual([...rulesOf('system:aggregate-to-edit'), ...rulesOf('view')]);
    expect(rulesOf('admin')).toEqual([...rulesOf('edit'), ...rulesOf('system:aggregate-to-admin')]);
    expect(byName.get('view')?.metadata?.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
    const masters = bootstrapPolicy().find((o) => o.kind === 'ClusterRoleBinding' && o.metadata?.name === 'cluster-admin');
    expect(masters).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }] });
  });
});
