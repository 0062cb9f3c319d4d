import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Authorizer } from './admission.ts';
import { isStatusError } from './errors.ts';
import { createApiServer } from './server.ts';

// An authorizer that allows alice to get pods, and says why it refuses the rest.
const authorizer: Authorizer = {
  authorize: async (a) => (a.user.username === 'alice' && a.verb === 'get' && a.resource === 'pods'
    ? { allowed: true } : a.resource.endsWith('accessreviews') ? { allowed: true } : { allowed: false, reason: 'not alice' }),
};
const server = () => {
  const clock = new VirtualClock({ seed: 1 });
  return createApiServer({ store: createMemoryStore({ clock }), clock, authorizer });
};
const review = (resource: string, spec: unknown, user = { username: 'alice', groups: [] as string[] }, namespace?: string) => ({
  verb: 'create' as const, group: 'authorization.k8s.io', version: 'v1', resource, user, ...(namespace ? { namespace } : {}),
  body: { apiVersion: 'authorization.k8s.io/v1', kind: resource === 'selfsubjectaccessreviews' ? 'SelfSubjectAccessReview' : 'SubjectAccessReview', metadata: {}, spec },
});

describe('access reviews', () => {
  it.each([
    { name: 'a self review asks about the requester', req: review('selfsubjectaccessreviews', { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } }), status: { allowed: true } },
    { name: 'a refusal carries the reason', req: review('selfsubjectaccessreviews', { resourceAttributes: { verb: 'delete', resource: 'pods' } }), status: { allowed: false, reason: 'not alice' } },
    { name: 'a subject review asks about the spec user', req: review('subjectaccessreviews', { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods' } }), status: { allowed: false, reason: 'not alice' } },
  ])('$name', async ({ req, status }) => {
    const res = await server().handle(req);
    expect(res.code).toBe(201);
    expect(res.body).toMatchObject({ kind: req.body.kind, status });
  });

  it.each([
    { spec: {}, message: 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' },
    { spec: { resourceAttributes: {}, nonResourceAttributes: {} }, message: 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: "null": cannot be specified in combination with resourceAttributes' },
  ])('refuses $spec', async ({ spec, message }) => {
    const err = await server().handle(review('selfsubjectaccessreviews', spec)).catch((e: unknown) => e);
    expect(isStatusError(err) && err.status).toMatchObject({ reason: 'Invalid', message });
  });
});
