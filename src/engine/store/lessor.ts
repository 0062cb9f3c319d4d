// Leases: TTL'd handles that keys attach to; when one expires or is revoked, its keys go in one
// write txn. Models server/lease/lessor.go (Grant, Revoke, Renew, Attach/Detach, expiry).
// The lessor only keeps the table and the timers; deleting the keys is the store's write path.

import type { Clock, TimerHandle } from '../clock/index.ts';
import type { LeaseRecord, RevisionRecord } from './backend.ts';
import { compareKeys } from './keys.ts';

// etcd 3.4 raises every TTL below its minimum to it: minLeaseTTL = ceil(3/2 × election timeout)
// = ceil(1.5 s) = 2 s with the default 1 s election timeout (embed/config.go, etcdserver/server.go).
/** Smallest TTL a lease gets, in seconds (etcd's default minLeaseTTL). */
export const minLeaseTTL = 2;
/** Largest TTL etcd grants, in seconds (lease.MaxLeaseTTL). */
export const maxLeaseTTL = 9_000_000_000;

interface Lease extends LeaseRecord {
  /** Keys attached now (a put with this lease attaches, a delete or re-put elsewhere detaches). */
  keys: Set<string>;
  timer: TimerHandle | undefined;
}

export class Lessor {
  private leases = new Map<number, Lease>();

  /** `onExpire` runs when a lease's TTL runs out on the clock; it must revoke the lease. */
  constructor(private readonly clock: Clock, private readonly onExpire: (id: number) => void) {}

  has(id: number): boolean {
    return this.leases.has(id);
  }

  /** A fresh lease id from the seeded RNG (etcd picks ids itself when the request has none). */
  pickId(): number {
    for (;;) {
      // Two draws make a positive id below 2^53, the largest integer a number holds exactly.
      const id = this.clock.rng.int(0x200000) * 0x1_0000_0000 + this.clock.rng.int(0x1_0000_0000);
      if (id !== 0 && !this.leases.has(id)) return id;
    }
  }

  /** Grants a lease (the id is known to be free); the TTL is raised to etcd's minimum. */
  grant(id: number, ttl: number): LeaseRecord {
    const granted = Math.max(ttl, minLeaseTTL);
    const lease: Lease = { id, ttl: granted, expiresAt: this.clock.now() + granted * 1000, keys: new Set(), timer: undefined };
    this.leases.set(id, lease);
    this.schedule(lease);
    return snapshot(lease);
  }

  /** Restarts the lease's TTL from now (keepAlive). Undefined when there is no such lease. */
  renew(id: number): LeaseRecord | undefined {
    const lease = this.leases.get(id);
    if (!lease) return undefined;
    lease.expiresAt = this.clock.now() + lease.ttl * 1000;
    this.schedule(lease);
    return snapshot(lease);
  }

  /** Removes the lease and returns its keys in byte order (etcd deletes them in sorted order). */
  revoke(id: number): string[] | undefined {
    const lease = this.leases.get(id);
    if (!lease) return undefined;
    this.clock.cancel(lease.timer);
    this.leases.delete(id);
    return [...lease.keys].sort(compareKeys);
  }

  /** Seconds left (truncated, as etcd's int64(Remaining().Seconds())), granted TTL and keys. */
  timeToLive(id: number): { ttl: number; grantedTtl: number; keys: string[] } | undefined {
    const lease = this.leases.get(id);
    if (!lease) return undefined;
    const left = Math.max(0, Math.floor((lease.expiresAt - this.clock.now()) / 1000));
    return { ttl: left, grantedTtl: lease.ttl, keys: [...lease.keys].sort(compareKeys) };
  }

  attach(id: number, key: string): void {
    this.leases.get(id)?.keys.add(key);
  }

  detach(id: number, key: string): void {
    this.leases.get(id)?.keys.delete(key);
  }

  /** Replaces the whole table (load, rollback): leases from records, attachments from live keys. */
  restore(records: readonly LeaseRecord[], live: readonly RevisionRecord[]): void {
    this.stop();
    this.leases = new Map();
    for (const rec of records) {
      const lease: Lease = { ...rec, keys: new Set(), timer: undefined };
      this.leases.set(rec.id, lease);
      this.schedule(lease);
    }
    for (const rec of live) if (rec.lease !== 0) this.attach(rec.lease, rec.key);
  }

  /** Cancels every expiry timer. */
  stop(): void {
    for (const lease of this.leases.values()) this.clock.cancel(lease.timer);
  }

  private schedule(lease: Lease): void {
    this.clock.cancel(lease.timer);
    const id = lease.id;
    lease.timer = this.clock.after(Math.max(0, lease.expiresAt - this.clock.now()), () => this.onExpire(id));
  }
}

function snapshot(lease: Lease): LeaseRecord {
  return { id: lease.id, ttl: lease.ttl, expiresAt: lease.expiresAt };
}
