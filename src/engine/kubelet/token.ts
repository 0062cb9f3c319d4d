// The projected service-account token a pod's kube-api-access volume carries. A real kubelet
// asks the apiserver for it (TokenRequest, serviceaccounts/<name>/token) and the apiserver
// signs it; Pilothouse has no signing key, so the kubelet mints a JWT of the same shape (header,
// the claims of pkg/serviceaccount/claims.go, a random signature) that nothing verifies.
import type { Clock } from '../clock/index.ts';
import type { Pod } from './pod.ts';
import type { TokenSource } from './volumes.ts';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const bytesToBase64url = (hex: string) => base64url(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => parseInt(h, 16))));

export function createTokenSource(clock: Clock, node: { name: string; uid: () => string }): TokenSource {
  const keyId = bytesToBase64url(clock.rng.hex(64)).slice(0, 43);
  return {
    token(pod: Pod, audience, expirationSeconds) {
      const iat = Math.floor(clock.now() / 1000);
      const namespace = pod.metadata?.namespace ?? 'default';
      const sa = pod.spec?.serviceAccountName ?? 'default';
      const claims = {
        aud: [audience ?? ISSUER],
        exp: iat + expirationSeconds,
        iat,
        iss: ISSUER,
        jti: [8, 4, 4, 4, 12].map((n) => clock.rng.hex(n)).join('-'),
        'kubernetes.io': {
          namespace,
          node: { name: node.name, uid: node.uid() },
          pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
          serviceaccount: { name: sa },
          warnafter: iat + 3600,
        },
        nbf: iat,
        sub: `system:serviceaccount:${namespace}:${sa}`,
      };
      const header = base64url(JSON.stringify({ alg: 'RS256', kid: keyId }));
      return `${header}.${base64url(JSON.stringify(claims))}.${bytesToBase64url(clock.rng.hex(512))}`;
    },
  };
}
