// The authentication resources: virtual, never stored, each a create that answers at once.
//   SelfSubjectReview (authentication.k8s.io)   — "who am I?": the requester's user info (`kubectl auth whoami`).
//   TokenReview (authentication.k8s.io)         — "who holds this token?": checks a service-account token.
//   serviceaccounts/token (core, TokenRequest)  — issues a service-account token (`kubectl create token`, the kubelet).
// Models pkg/registry/authentication/selfsubjectreview/rest.go, pkg/registry/authentication/tokenreview/storage.go,
// pkg/registry/core/serviceaccount/storage/token.go, pkg/apis/authentication/validation/validation.go
// (ValidateTokenRequest) and pkg/serviceaccount/claims.go + util.go (the service account's user info).
import type { Clock } from '../clock/index.ts';
import { badRequest, conflict, invalid } from './errors.ts';
import type { ObjectStore } from './objectstore.ts';
import type { Registry, ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './request.ts';
import { SERVICE_ACCOUNT_ISSUER, type ServiceAccountTokens, type TokenClaims, type TokenIntent } from './satoken.ts';
import { rfc3339 } from './time.ts';
import type { KubeObject } from './types.ts';
import * as field from './validation/field.ts';

const GROUP = 'authentication.k8s.io';
const API_VERSION = `${GROUP}/v1`;

/** The apiserver's --api-audiences: what a token without audiences is issued for, and what reviews accept by default. */
export const API_AUDIENCES = [SERVICE_ACCOUNT_ISSUER];

export interface AuthenticationContext {
  objects: ObjectStore;
  registry: Registry;
  tokens: ServiceAccountTokens;
  clock: Clock;
}

/** Whether the request is for one of the resources served here. */
export const isAuthenticationRequest = (info: ResourceInfo, req: ApiRequest) =>
  (info.group === GROUP && (info.resource === 'selfsubjectreviews' || info.resource === 'tokenreviews'))
  || (info.group === '' && info.resource === 'serviceaccounts' && req.subresource === 'token');

export async function serveAuthentication(ctx: AuthenticationContext, info: ResourceInfo, req: ApiRequest, requester: UserInfo): Promise<ApiResponse> {
  if (req.verb !== 'create') throw badRequest(`${req.subresource ?? info.resource} supports only create`);
  if (info.resource === 'selfsubjectreviews') return { code: 201, body: selfSubjectReview(requester, ctx.clock.now()) };
  if (info.resource === 'tokenreviews') return { code: 201, body: await tokenReview(ctx, req) };
  return { code: 201, body: await tokenRequest(ctx, req) };
}

// rest.go: a fresh review, created now, whose status is the requester.
const selfSubjectReview = (user: UserInfo, now: number) => ({
  kind: 'SelfSubjectReview', apiVersion: API_VERSION, metadata: { creationTimestamp: rfc3339(now) },
  status: { userInfo: userInfoOf(user) },
});

// authenticationv1.UserInfo: every field omitempty.
const userInfoOf = (user: UserInfo) => ({
  ...(user.username ? { username: user.username } : {}), ...(user.uid ? { uid: user.uid } : {}),
  ...(user.groups.length ? { groups: user.groups } : {}), ...(user.extra && Object.keys(user.extra).length ? { extra: user.extra } : {}),
});

const lookup = (ctx: AuthenticationContext, resource: string) => ctx.registry.lookup('', 'v1', resource)!;
const refOf = (o: KubeObject) => ({ name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '' });

interface TokenRequestBody extends KubeObject {
  spec?: { audiences?: string[] | null; expirationSeconds?: number | null; boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null };
}

async function tokenRequest(ctx: AuthenticationContext, req: ApiRequest): Promise<object> {
  const name = req.name ?? '';
  const namespace = req.namespace ?? '';
  const body = (req.body ?? {}) as TokenRequestBody;
  const spec = body.spec ?? {};
  // v1 defaulting (SetDefaults_TokenRequestSpec): one hour.
  const expirationSeconds = spec.expirationSeconds ?? 3600;
  const gk = { group: GROUP, kind: 'TokenRequest' };
  const metaErrs: field.FieldError[] = [];
  if (body.metadata?.name && body.metadata.name !== name) {
    metaErrs.push(field.invalid(field.newPath('metadata', 'name'), body.metadata.name, 'must match the service account name if specified'));
  }
  if (body.metadata?.namespace && body.metadata.namespace !== namespace) {
    metaErrs.push(field.invalid(field.newPath('metadata', 'namespace'), body.metadata.namespace, 'must match the service account namespace if specified'));
  }
  if (metaErrs.length) throw invalid(gk, name, metaErrs);
  const specErrs: field.FieldError[] = [];
  if (expirationSeconds < 600) specErrs.push(field.invalid(field.newPath('spec', 'expirationSeconds'), expirationSeconds, 'may not specify a duration less than 10 minutes'));
  if (expirationSeconds > 2 ** 32) specErrs.push(field.invalid(field.newPath('spec', 'expirationSeconds'), expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  if (specErrs.length) throw invalid(gk, name, specErrs);

  const sa = await ctx.objects.get(lookup(ctx, 'serviceaccounts'), namespace, name);
  const intent: TokenIntent = {
    namespace, serviceAccount: refOf(sa), expirationSeconds,
    audiences: spec.audiences?.length ? spec.audiences : API_AUDIENCES,
  };
  const ref = spec.boundObjectRef;
  if (ref) {
    const apiVersion = ref.apiVersion ?? '';
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') as [string, string] : ['', apiVersion];
    const resource = group === '' ? { Pod: 'pods', Secret: 'secrets', Node: 'nodes' }[ref.kind ?? ''] : undefined;
    // schema.GroupVersionKind.String(): "group/version, Kind=kind".
    if (!resource) throw badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${ref.kind ?? ''}`);
    const bound = await ctx.objects.get(lookup(ctx, resource), resource === 'nodes' ? undefined : namespace, ref.name ?? '');
    if (resource === 'pods') {
      const podSA = (bound as { spec?: { serviceAccountName?: string } }).spec?.serviceAccountName ?? '';
      if (podSA !== name) throw badRequest(`cannot bind token for serviceaccount "${name}" to pod running with serviceaccount "${podSA}"`);
    }
    if (ref.uid && ref.uid !== bound.metadata?.uid) {
      throw conflict({ group: '', resource: ref.kind ?? '' }, ref.name ?? '',
        `the UID in the bound object reference (${ref.uid}) does not match the UID in record (${bound.metadata?.uid ?? ''}). The object might have been deleted and then recreated`);
    }
    if (resource === 'pods') {
      intent.pod = refOf(bound);
      // A pod-bound token also names the pod's node (ServiceAccountTokenPodNodeInfo, on in v1.33).
      const nodeName = (bound as { spec?: { nodeName?: string } }).spec?.nodeName;
      const node = nodeName ? await ctx.objects.find(lookup(ctx, 'nodes'), undefined, nodeName) : undefined;
      if (node) intent.node = refOf(node);
    } else if (resource === 'secrets') intent.secret = refOf(bound);
    else intent.node = refOf(bound);
  }
  const { token, claims } = await ctx.tokens.issue(intent);
  return {
    kind: 'TokenRequest', apiVersion: API_VERSION,
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences: intent.audiences, expirationSeconds, boundObjectRef: ref ?? null },
    status: { token, expirationTimestamp: rfc3339(claims.exp * 1000) },
  };
}

async function tokenReview(ctx: AuthenticationContext, req: ApiRequest): Promise<object> {
  const review = (req.body ?? {}) as KubeObject & { spec?: { token?: string; audiences?: string[] } };
  const spec = review.spec ?? {};
  // storage.go: an empty token is refused before any authenticator runs.
  if (!spec.token) throw badRequest('token is required for TokenReview');
  const result = await authenticateToken(ctx, spec.token, spec.audiences?.length ? spec.audiences : API_AUDIENCES);
  const status = 'user' in result
    ? { authenticated: true, user: userInfoOf(result.user), audiences: result.audiences }
    : { user: {}, error: result.error };
  return { kind: 'TokenReview', apiVersion: API_VERSION, metadata: { creationTimestamp: null }, spec: review.spec ?? {}, status };
}

/**
 * The user a service-account token stands for, with the audiences it is good for; or why not.
 * Beyond the signature and claims, the account (and any bound pod or secret) must still exist
 * with the uid the token names, as the legacy-token getter checks (claims.go Validate).
 */
export async function authenticateToken(ctx: AuthenticationContext, token: string, audiences: string[]): Promise<{ user: UserInfo; audiences: string[] } | { error: string }> {
  const verdict = await ctx.tokens.verify(token, audiences);
  if (!verdict.ok) return { error: `[${verdict.error}]` };
  const k = verdict.claims['kubernetes.io'];
  const checks: Array<[string, string | undefined, { name: string; uid: string } | undefined, string]> = [
    ['serviceaccounts', k.namespace, k.serviceaccount, 'service account'],
    ['pods', k.namespace, k.pod, 'pod'],
    ['secrets', k.namespace, k.secret, 'secret'],
  ];
  for (const [resource, namespace, ref, what] of checks) {
    if (!ref) continue;
    const found = await ctx.objects.find(lookup(ctx, resource), namespace, ref.name);
    if (!found) return { error: `[invalid bearer token, ${what} ${k.namespace}/${ref.name} has been deleted]` };
    if (found.metadata?.uid !== ref.uid) return { error: `[invalid bearer token, ${what} UID (${ref.uid}) does not match ${what} UID in record (${found.metadata?.uid ?? ''})]` };
  }
  return { user: serviceAccountUser(verdict.claims), audiences: verdict.claims.aud.filter((a) => audiences.includes(a)) };
}

// pkg/serviceaccount/util.go UserInfo: the account's groups and, as extra, what the token is bound to.
function serviceAccountUser(claims: TokenClaims): UserInfo {
  const k = claims['kubernetes.io'];
  const extra: Record<string, string[]> = { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] };
  if (k.node) Object.assign(extra, { 'authentication.kubernetes.io/node-name': [k.node.name], 'authentication.kubernetes.io/node-uid': [k.node.uid] });
  if (k.pod) Object.assign(extra, { 'authentication.kubernetes.io/pod-name': [k.pod.name], 'authentication.kubernetes.io/pod-uid': [k.pod.uid] });
  return {
    username: claims.sub, uid: k.serviceaccount.uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, 'system:authenticated'],
    extra,
  };
}
