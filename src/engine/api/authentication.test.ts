import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { isStatusError } from './errors.ts';
import type { ApiRequest } from './request.ts';
import { createApiServer } from './server.ts';

async function cluster() {
  const clock = new VirtualClock({ seed: 7 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const create = (resource: string, body: object, namespace?: string) => api.handle({ verb: 'create', group: '', version: 'v1', resource, body, ...(namespace ? { namespace } : {}) });
  await create('namespaces', { metadata: { name: 'default' } });
  await create('serviceaccounts', { metadata: { name: 'robot' } }, 'default');
  await create('nodes', { metadata: { name: 'node-1' } });
  await create('pods', { metadata: { name: 'web' }, spec: { serviceAccountName: 'robot', nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } }, 'default');
  return { api, clock };
}

const tokenRequest = (spec: object, name = 'robot', body: object = {}): ApiRequest => ({
  verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name,
  body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', ...body, spec },
});
const tokenReview = (token: string, audiences?: string[]): ApiRequest => ({
  verb: 'create', group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews',
  body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, ...(audiences ? { audiences } : {}) } },
});

interface Issued { metadata: object; spec: { expirationSeconds: number; audiences: string[] }; status: { token: string; expirationTimestamp: string } }
const claimsOf = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
const headerOf = (token: string) => JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;

describe('SelfSubjectReview', () => {
  it.each([
    { name: 'the default admin', user: undefined, userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } },
    { name: 'a user with uid and extra', user: { username: 'alice', uid: 'u1', groups: ['dev'], extra: { scopes: ['a'] } }, userInfo: { username: 'alice', uid: 'u1', groups: ['dev'], extra: { scopes: ['a'] } } },
  ])('answers with $name, needing no name', async ({ user, userInfo }) => {
    const { api, clock } = await cluster();
    const res = await api.handle({ verb: 'create', group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews', body: { metadata: {} }, ...(user ? { user } : {}) });
    const creationTimestamp = new Date(Math.floor(clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    expect(res).toEqual({ code: 201, body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp }, status: { userInfo } } });
  });
});

describe('TokenRequest', () => {
  it('issues a JWT with the claims of claims.go, an hour by default', async () => {
    const { api, clock } = await cluster();
    const sa = await api.read('', 'serviceaccounts', 'default', 'robot');
    const res = await api.handle(tokenRequest({}));
    const body = res.body as Issued;
    expect(res.code).toBe(201);
    expect(body.metadata).toEqual({ name: 'robot', namespace: 'default', creationTimestamp: null });
    expect(body.spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600, boundObjectRef: null });
    const iat = Math.floor(clock.now() / 1000);
    expect(headerOf(body.status.token)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(claimsOf(body.status.token)).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'], exp: iat + 3600, iat, nbf: iat, iss: 'https://kubernetes.default.svc.cluster.local',
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid: sa?.metadata?.uid } },
      sub: 'system:serviceaccount:default:robot',
    });
    expect(Date.parse(body.status.expirationTimestamp)).toBe((iat + 3600) * 1000);
  });

  it('binds a token to a pod and its node', async () => {
    const { api } = await cluster();
    const pod = await api.read('', 'pods', 'default', 'web');
    const node = await api.read('', 'nodes', undefined, 'node-1');
    const body = (await api.handle(tokenRequest({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' }, audiences: ['vault'], expirationSeconds: 600 }))).body as Issued;
    const claims = claimsOf(body.status.token);
    expect(claims).toMatchObject({ aud: ['vault'], 'kubernetes.io': { pod: { name: 'web', uid: pod?.metadata?.uid }, node: { name: 'node-1', uid: node?.metadata?.uid } } });
  });

  it.each([
    { name: 'a missing service account', req: tokenRequest({}, 'ghost'), reason: 'NotFound', message: 'serviceaccounts "ghost" not found' },
    { name: 'a too short duration', req: tokenRequest({ expirationSeconds: 60 }), reason: 'Invalid', message: 'TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes' },
    { name: 'a name that is not the account', req: tokenRequest({}, 'robot', { metadata: { name: 'other' } }), reason: 'Invalid', message: 'TokenRequest.authentication.k8s.io "robot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified' },
    { name: 'a pod of another account', req: tokenRequest({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } }, 'default'), reason: 'BadRequest', message: 'cannot bind token for serviceaccount "default" to pod running with serviceaccount "robot"' },
    { name: 'an unbindable kind', req: tokenRequest({ boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'x' } }), reason: 'BadRequest', message: 'cannot bind token to object of type /v1, Kind=ConfigMap' },
  ])('refuses $name', async ({ req, reason, message }) => {
    const { api } = await cluster();
    if (req.name === 'default') await api.handle({ verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default', body: { metadata: { name: 'default' } } });
    const err = await api.handle(req).catch((e: unknown) => e);
    expect(isStatusError(err) && err.status).toMatchObject({ reason, message });
  });
});

describe('TokenReview', () => {
  it('authenticates an issued token as its service account', async () => {
    const { api } = await cluster();
    const sa = await api.read('', 'serviceaccounts', 'default', 'robot');
    const { status } = (await api.handle(tokenRequest({}))).body as Issued;
    const jti = claimsOf(status.token).jti as string;
    const res = await api.handle(tokenReview(status.token));
    expect(res.body).toMatchObject({
      kind: 'TokenReview',
      status: {
        authenticated: true, audiences: ['https://kubernetes.default.svc.cluster.local'],
        user: {
          username: 'system:serviceaccount:default:robot', uid: sa?.metadata?.uid,
          groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
          extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`] },
        },
      },
    });
    expect(await api.authenticateServiceAccountToken(status.token)).toMatchObject({ username: 'system:serviceaccount:default:robot' });
  });

  it.each([
    { name: 'a forged signature', mutate: (t: string) => `${t.slice(0, t.lastIndexOf('.') + 1)}${'A'.repeat(43)}`, error: '[invalid bearer token, square/go-jose: error in cryptographic primitive]' },
    { name: 'edited claims', mutate: (t: string) => { const [h, , s] = t.split('.'); return `${h}.${btoa(JSON.stringify({ sub: 'system:admin' }))}.${s}`; }, error: '[invalid bearer token, square/go-jose: error in cryptographic primitive]' },
    { name: 'not a JWT', mutate: () => 'abc', error: '[invalid bearer token]' },
  ])('refuses $name', async ({ mutate, error }) => {
    const { api } = await cluster();
    const { status } = (await api.handle(tokenRequest({}))).body as Issued;
    const res = await api.handle(tokenReview(mutate(status.token)));
    expect(res.body).toMatchObject({ status: { user: {}, error } });
    expect((res.body as { status: object }).status).not.toHaveProperty('authenticated');
    expect(await api.authenticateServiceAccountToken(mutate(status.token))).toBeUndefined();
  });

  it('refuses an expired token, a wrong audience and a deleted account', async () => {
    const { api, clock } = await cluster();
    const { status } = (await api.handle(tokenRequest({ expirationSeconds: 600 }))).body as Issued;
    expect(await api.handle(tokenReview(status.token, ['vault']))).toMatchObject({ body: { status: { error: '[invalid bearer token, token audiences ["https://kubernetes.default.svc.cluster.local"] is invalid for the target audiences ["vault"]]' } } });
    clock.advance(661_000);
    expect(await api.handle(tokenReview(status.token))).toMatchObject({ body: { status: { error: '[invalid bearer token, service account token has expired]' } } });
    const fresh = ((await api.handle(tokenRequest({}))).body as Issued).status.token;
    await api.handle({ verb: 'delete', group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default', name: 'robot' });
    expect(await api.handle(tokenReview(fresh))).toMatchObject({ body: { status: { error: '[invalid bearer token, service account default/robot has been deleted]' } } });
  });
});
