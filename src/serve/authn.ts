// Authentication by bearer token (kube-apiserver's --token-auth-file, staging/src/k8s.io/apiserver/
// plugin/pkg/authenticator/token/tokenfile, then the service-account token authenticator of
// pkg/serviceaccount/jwt.go, as the union authenticator tries them in turn) and impersonation (staging/src/k8s.io/apiserver/pkg/
// endpoints/filters/impersonation.go): who a request runs as.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { badRequest, forbidden, type Authorizer, type UserInfo } from '../engine/api/index.ts';

const AUTHENTICATED = 'system:authenticated';

/** A fresh random bearer token (32 bytes, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// Every token is compared as its SHA-256 digest, so the buffers handed to timingSafeEqual are
// always of equal length and the comparison time says nothing about a token's length or prefix.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Verifies a service-account token (the apiserver's own: ApiServer.authenticateServiceAccountToken). */
export type ServiceAccountTokenAuthenticator = (token: string) => Promise<UserInfo | undefined>;

/** Bearer tokens and the users they stand for: the static ones issued here, then service-account tokens. */
export class TokenAuthenticator {
  private readonly tokens: Array<{ digest: Buffer; user: UserInfo }> = [];

  constructor(private readonly serviceAccounts?: ServiceAccountTokenAuthenticator) {}

  /** Issues a token for `user`; the user is given system:authenticated as upstream does. */
  add(token: string, user: UserInfo): void {
    const groups = user.groups.includes(AUTHENTICATED) ? user.groups : [...user.groups, AUTHENTICATED];
    this.tokens.push({ digest: digest(token), user: { ...user, groups } });
  }

  /**
   * The user of an `Authorization: Bearer` header, or undefined. Every known token is compared
   * (no early exit), each in constant time; a token none matches may be a service account's,
   * whose signature the apiserver checks (also in constant time).
   */
  async authenticate(authorization: string | undefined): Promise<UserInfo | undefined> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    let found: UserInfo | undefined;
    for (const entry of this.tokens) if (timingSafeEqual(entry.digest, presented)) found = entry.user;
    return found ?? await this.serviceAccounts?.(match[1]!);
  }
}

/** The user a request runs as, after the Impersonate-* headers; fails with 403 if not allowed. */
export async function impersonate(requester: UserInfo, headers: IncomingHttpHeaders, authorizer: Authorizer): Promise<UserInfo> {
  const username = headerValues(headers['impersonate-user'])[0];
  const groups = headerValues(headers['impersonate-group']);
  const uid = headerValues(headers['impersonate-uid'])[0];
  if (username === undefined) {
    // impersonation.go: groups or a uid without a user to impersonate are refused.
    if (groups.length || uid !== undefined) throw badRequest('requested impersonation without specifying a user to impersonate');
    return requester;
  }
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  const checks = [
    sa ? { resource: 'serviceaccounts', namespace: sa[1], name: sa[2]! } : { resource: 'users', name: username },
    ...groups.map((name) => ({ resource: 'groups', name })),
    ...(uid !== undefined ? [{ resource: 'uids', group: 'authentication.k8s.io', name: uid }] : []),
  ];
  for (const check of checks) {
    const group = check.group ?? '';
    const { allowed, reason } = await authorizer.authorize({
      user: requester, verb: 'impersonate', group, version: 'v1', resource: check.resource,
      ...(check.namespace ? { namespace: check.namespace } : {}), name: check.name,
    });
    if (!allowed) {
      const scope = check.namespace ? ` in the namespace "${check.namespace}"` : ' at the cluster scope';
      const who = `User "${requester.username}" cannot impersonate resource "${check.resource}" in API group "${group}"${scope}`;
      throw forbidden({ group, resource: check.resource }, check.name, reason ? `${who}: ${reason}` : who);
    }
  }
  // As upstream: an impersonated service account is in its groups; anyone but system:anonymous
  // is in system:authenticated.
  const implied = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  const all = [...new Set([...groups, ...implied])];
  if (username !== 'system:anonymous' && !all.includes(AUTHENTICATED)) all.push(AUTHENTICATED);
  return { username, groups: all, ...(uid !== undefined ? { uid } : {}) };
}

function headerValues(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}
