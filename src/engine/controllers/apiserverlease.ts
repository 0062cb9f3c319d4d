// The apiserver's identity lease: every kube-apiserver keeps a Lease in kube-system named
// `apiserver-<id>`, renewed every 10 s, so clients can count live apiservers (pkg/controlplane/
// apiserver identity lease, KEP-1965). Its renewals are also what makes an idle cluster's
// resourceVersion move, as on a real cluster.
import { isNotFound, rfc3339Micro, type KubeObject } from '../api/index.ts';
import type { Client } from '../client/index.ts';
import { resources } from '../client/index.ts';
import type { Clock, TimerHandle } from '../clock/index.ts';

export const IDENTITY_LEASE_RENEW_MS = 10_000;
export const IDENTITY_LEASE_DURATION_SECONDS = 3600;

export interface IdentityLease {
  /** Settles once the lease has been written at boot. */
  readonly ready: Promise<void>;
  stop(): void;
}

/** Creates or renews this apiserver's identity lease now and every 10 s of virtual time. */
export function runIdentityLease(client: Client, clock: Clock, hostname = 'pilothouse-control-plane'): IdentityLease {
  const uid = clock.rng.hex(32);
  const instance = `${uid.slice(0, 8)}-${uid.slice(8, 12)}-4${uid.slice(13, 16)}-a${uid.slice(17, 20)}-${uid.slice(20)}`;
  let name = '';
  const scope = { ...resources.leases, namespace: 'kube-system' };
  const renew = async () => {
    name ||= await identityLeaseName(hostname);
    const holder = `${name}_${instance}`;
    const now = rfc3339Micro(clock.now());
    try {
      const lease = await client.get(scope, name);
      await client.update(scope, { ...lease, spec: { ...(lease.spec as object), renewTime: now } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      const lease: KubeObject = {
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name, labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': hostname } },
        spec: { holderIdentity: holder, leaseDurationSeconds: IDENTITY_LEASE_DURATION_SECONDS, acquireTime: now, renewTime: now },
      };
      await client.create(scope, lease);
    }
  };
  let timer: TimerHandle | undefined;
  const ready = renew().then(() => {
    // A failed renewal is retried at the next period, as the lease controller does.
    timer = clock.every(IDENTITY_LEASE_RENEW_MS, () => void renew().catch(() => undefined));
  });
  return { ready, stop: () => clock.cancel(timer) };
}

/** `apiserver-` + the first 16 bytes of sha256(hostname) in lowercase unpadded base32, as upstream names it. */
export async function identityLeaseName(hostname: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(hostname))).slice(0, 16);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of hash) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return `apiserver-${out}`;
}
