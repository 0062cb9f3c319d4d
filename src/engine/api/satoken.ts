// Service-account tokens: the JWTs the apiserver issues (TokenRequest, tokenrequest.ts) and
// verifies (TokenReview, and `pilothouse serve`'s bearer-token authentication).
// Models pkg/serviceaccount/claims.go (Claims, the private `kubernetes.io` claims, Validate) and
// pkg/serviceaccount/jwt.go (GenerateToken, the authenticator's AuthenticateToken).
//
// Deviation: a real apiserver signs with an RSA key (--service-account-signing-key-file). The
// engine runs in a browser without node:crypto, so the signature here is HMAC-SHA256 (Web Crypto,
// as in every browser and Node) over a 256-bit key drawn from the clock's rng on first use. The
// header still says `RS256` with a `kid`, so the token has the real shape; only this apiserver
// can verify it, and it does so by recomputing the MAC and comparing in constant time.
import type { Clock } from '../clock/index.ts';

/** The issuer and default audience of a kubeadm/kind cluster's tokens (--service-account-issuer, --api-audiences). */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

interface Ref { name: string; uid: string }

/** The private claims of claims.go `privateClaims`, under `kubernetes.io`. */
export interface KubernetesClaims {
  namespace: string;
  node?: Ref;
  pod?: Ref;
  secret?: Ref;
  serviceaccount: Ref;
  warnafter?: number;
}

export interface TokenClaims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': KubernetesClaims;
  nbf: number;
  sub: string;
}

/** What a token is minted for: the account, what it is bound to, how long, for whom. */
export interface TokenIntent {
  namespace: string;
  serviceAccount: Ref;
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
  audiences: string[];
  expirationSeconds: number;
}

/** A verified token's claims, or why it is refused (upstream's error text). */
export type TokenVerdict = { ok: true; claims: TokenClaims } | { ok: false; error: string };

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64url = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
};
const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

/** Equal-length byte arrays compared without an early exit, so the time says nothing of where they differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i % Math.max(b.length, 1)] ?? 0);
  return diff === 0;
}

/** The apiserver's token issuer and verifier; one per apiserver, its key kept in memory. */
export class ServiceAccountTokens {
  private key?: Promise<{ mac: CryptoKey; kid: string }>;

  constructor(private readonly clock: Clock) {}

  // Drawn lazily: a cluster that never issues a token draws nothing from the rng, so it stays
  // as deterministic as before tokens existed.
  private signingKey() {
    this.key ??= (async () => {
      const raw = hexBytes(this.clock.rng.hex(64));
      const mac = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      // jwt.go keyIDFromPublicKey: base64url(sha256(public key)); here of the key's digest.
      const kid = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', raw)));
      return { mac, kid };
    })();
    return this.key;
  }

  private async sign(signingInput: string): Promise<Uint8Array> {
    const { mac } = await this.signingKey();
    return new Uint8Array(await crypto.subtle.sign('HMAC', mac, encoder.encode(signingInput)));
  }

  /** Mints a token (jwt.go GenerateToken with claims.go Claims). */
  async issue(intent: TokenIntent): Promise<{ token: string; claims: TokenClaims }> {
    const { kid } = await this.signingKey();
    const iat = Math.floor(this.clock.now() / 1000);
    const claims: TokenClaims = {
      aud: intent.audiences,
      exp: iat + intent.expirationSeconds,
      iat,
      iss: SERVICE_ACCOUNT_ISSUER,
      jti: [8, 4, 4, 4, 12].map((n) => this.clock.rng.hex(n)).join('-'),
      'kubernetes.io': {
        namespace: intent.namespace,
        ...(intent.node ? { node: intent.node } : {}),
        ...(intent.pod ? { pod: intent.pod } : {}),
        ...(intent.secret ? { secret: intent.secret } : {}),
        serviceaccount: intent.serviceAccount,
      },
      nbf: iat,
      sub: `system:serviceaccount:${intent.namespace}:${intent.serviceAccount.name}`,
    };
    const header = base64url(encoder.encode(JSON.stringify({ alg: 'RS256', kid })));
    const input = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
    return { token: `${input}.${base64url(await this.sign(input))}`, claims };
  }

  /**
   * Checks a token's signature, issuer, time window and audiences (jwt.go AuthenticateToken and
   * claims.go Validate); whether its service account and bound objects still exist is the caller's.
   */
  async verify(token: string, audiences: string[]): Promise<TokenVerdict> {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, error: 'invalid bearer token' };
    const [header, payload, signature] = parts as [string, string, string];
    const presented = fromBase64url(signature);
    // Always compute the MAC, so a malformed signature costs as long as a wrong one.
    const expected = await this.sign(`${header}.${payload}`);
    if (!presented || !constantTimeEqual(expected, presented)) return { ok: false, error: 'invalid bearer token, square/go-jose: error in cryptographic primitive' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(new TextDecoder().decode(fromBase64url(payload))) as TokenClaims;
    } catch {
      return { ok: false, error: 'invalid bearer token' };
    }
    if (claims.iss !== SERVICE_ACCOUNT_ISSUER) return { ok: false, error: 'invalid bearer token' };
    const now = Math.floor(this.clock.now() / 1000);
    // claims.go Validate: jwt's leeway of one minute on either side.
    if (now > claims.exp + 60) return { ok: false, error: 'invalid bearer token, service account token has expired' };
    if (now < claims.nbf - 60) return { ok: false, error: 'invalid bearer token, service account token is not valid yet' };
    if (!claims.aud.some((a) => audiences.includes(a))) return { ok: false, error: 'invalid bearer token, token audiences ' + JSON.stringify(claims.aud) + ' is invalid for the target audiences ' + JSON.stringify(audiences) };
    return { ok: true, claims };
  }
}
