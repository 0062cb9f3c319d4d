import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Authorizer } from './admission.ts';
import { isStatusError } from './errors.ts';
import { readerOver } from './admission/testing.ts';
import { bootstrapPolicy } from './rbac/bootstrappolicy.ts';
import { RBACAuthorizer } from './rbac/rbac.ts';
import { createApiServer } from './server.ts';
import type { KubeObject } from './types.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const stored: KubeObject[] = [
  ...bootstrapPolicy(),
  { apiVersion: RBAC, kind: 'Role', metadata: { name: 'reader', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['get'] }] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'jane-reads', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'jane' }] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'jane-dangling', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'missing' }, subjects: [{ kind: 'User', name: 'jane' }] },
];

const server = (authorizer?: Authorizer) => {
  const clock = new VirtualClock({ seed: 1 });
  return createApiServer({ store: createMemoryStore({ clock }), clock, ...(authorizer ? { authorizer } : {}) });
};
const jane = { username: 'jane', groups: ['system:authenticated'] };
// As kubectl sends it: no metadata.name, which a real apiserver does not ask for.
const review = (namespace: string | undefined) => ({
  verb: 'create' as const, group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews', user: jane,
  body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null }, spec: namespace === undefined ? {} : { namespace } },
});

const BASIC_USER = [
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
];

describe('SelfSubjectRulesReview', () => {
  it("answers with the requester's RBAC rules in the namespace, nothing stored and no spec echoed", async () => {
    const res = await server(new RBACAuthorizer(readerOver(stored))).handle(review('dev'));
    expect(res.code).toBe(201);
    const body = res.body as { kind: string; metadata: unknown; spec: unknown; status: { resourceRules: unknown[]; nonResourceRules: unknown[]; incomplete: boolean; evaluationError?: string } };
    expect({ kind: body.kind, metadata: body.metadata, spec: body.spec }).toEqual({ kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null }, spec: {} });
    expect(body.status.resourceRules).toEqual([...BASIC_USER, { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }]);
    expect(body.status.nonResourceRules).toHaveLength(2);
    // RBAC never says its list is incomplete; a role it could not find is only reported.
    expect(body.status.incomplete).toBe(false);
    expect(body.status.evaluationError).toBe('clusterrole.rbac.authorization.k8s.io "missing" not found');
  });

  it('leaves out the RoleBindings of other namespaces', async () => {
    const res = await server(new RBACAuthorizer(readerOver(stored))).handle(review('prod'));
    expect((res.body as { status: { resourceRules: unknown[] } }).status.resourceRules).toEqual(BASIC_USER);
  });

  it('answers everything without an authorizer (AlwaysAllow)', async () => {
    const res = await server().handle(review('dev'));
    expect((res.body as { status: unknown }).status).toEqual({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false,
    });
  });

  it('refuses a review without a namespace', async () => {
    const err = await server().handle(review(undefined)).catch((e: unknown) => e);
    expect(isStatusError(err) && err.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'no namespace on request' });
  });
});
