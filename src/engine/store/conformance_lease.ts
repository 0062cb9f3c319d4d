// Conformance: leases — grant, keepAlive, revoke, timeToLive and (on virtual time) expiry.

import { expect, it } from 'vitest';
import { describeEvents, expectStoreError, WatchCollector, type ContextGetter, type StoreConformanceOptions } from './conformance_harness.ts';
import { prefixEnd } from './keys.ts';

export function leaseConformance(ctx: ContextGetter, options: StoreConformanceOptions): void {
  it('a grant below etcd\'s minimum TTL is raised to 2 s; the revision does not move', async () => {
    const { store, rev } = ctx();
    const base = await rev();
    const lease = await store.leaseGrant(1);
    expect(lease.ttl).toBe(2);
    expect(lease.id).toBeGreaterThan(0);
    expect(lease.header.revision).toBe(base);
    expect(await rev()).toBe(base);
    await store.leaseRevoke(lease.id);
  });

  it('a grant with a taken id is ErrLeaseExist; a TTL over etcd\'s maximum ErrLeaseTTLTooLarge', async () => {
    const { store } = ctx();
    const lease = await store.leaseGrant(60);
    await expectStoreError(store.leaseGrant(60, lease.id), 'ErrLeaseExist', 'etcdserver: lease already exists');
    await expectStoreError(store.leaseGrant(9_000_000_001), 'ErrLeaseTTLTooLarge', 'etcdserver: too large lease TTL');
    await store.leaseRevoke(lease.id);
  });

  it('timeToLive lists attached keys; revoke deletes them in one revision', async () => {
    const { store, p } = ctx();
    const lease = await store.leaseGrant(60);
    await store.put({ key: p('b'), value: '1', lease: lease.id });
    await store.put({ key: p('a'), value: '2', lease: lease.id });
    await store.put({ key: p('c'), value: '3', lease: lease.id });
    await store.put({ key: p('c'), value: 'detached' });
    const ttl = await store.leaseTimeToLive(lease.id, true);
    expect(ttl).toMatchObject({ id: lease.id, grantedTtl: 60 });
    expect(ttl.ttl).toBeGreaterThan(0);
    expect(ttl.ttl).toBeLessThanOrEqual(60);
    expect(ttl.keys).toEqual([p('a'), p('b')]);
    const w = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')) });
    const revoked = await store.leaseRevoke(lease.id);
    const events = await w.untilEvents(2);
    expect(describeEvents(events, p(''))).toEqual([`DELETE a@${revoked.header.revision}`, `DELETE b@${revoked.header.revision}`]);
    expect(w.responses).toHaveLength(1);
    const left = await store.range({ key: p(''), rangeEnd: prefixEnd(p('')) });
    expect(left.kvs.map((kv) => kv.value)).toEqual(['detached']);
    w.cancel();
  });

  it('an unknown lease: revoke and keepAlive are ErrLeaseNotFound, timeToLive answers TTL -1', async () => {
    const { store } = ctx();
    await expectStoreError(store.leaseRevoke(0x7e57), 'ErrLeaseNotFound', 'etcdserver: requested lease not found');
    await expectStoreError(store.leaseKeepAlive(0x7e57), 'ErrLeaseNotFound');
    expect(await store.leaseTimeToLive(0x7e57)).toMatchObject({ id: 0x7e57, ttl: -1 });
  });

  it('keepAlive answers the granted TTL', async () => {
    const { store } = ctx();
    const lease = await store.leaseGrant(30);
    expect(await store.leaseKeepAlive(lease.id)).toMatchObject({ id: lease.id, ttl: 30 });
    await store.leaseRevoke(lease.id);
  });

  // Expiry runs on the virtual clock; a store whose leases run on real time (a real etcd) does
  // not register these tests at all, rather than reporting them skipped.
  const itOnVirtualTime: (name: string, fn: () => Promise<void>) => void = options.virtualLeaseTime === false ? () => undefined : it;

  itOnVirtualTime('on expiry the attached keys are deleted in one revision', async () => {
    const { store, p, clock, rev } = ctx();
    const lease = await store.leaseGrant(5);
    await store.put({ key: p('a'), value: '1', lease: lease.id });
    await store.put({ key: p('b'), value: '2', lease: lease.id });
    const base = await rev();
    const w = new WatchCollector(store, { key: p(''), rangeEnd: prefixEnd(p('')) });
    await clock.advanceAsync(4_999);
    expect((await store.range({ key: p(''), rangeEnd: prefixEnd(p('')) })).count).toBe(2);
    expect((await store.leaseTimeToLive(lease.id)).ttl).toBe(0);
    await clock.advanceAsync(1);
    const events = await w.untilEvents(2);
    expect(describeEvents(events, p(''))).toEqual([`DELETE a@${base + 1}`, `DELETE b@${base + 1}`]);
    expect(await rev()).toBe(base + 1);
    expect((await store.leaseTimeToLive(lease.id)).ttl).toBe(-1);
    w.cancel();
  });

  itOnVirtualTime('keepAlive restarts the TTL', async () => {
    const { store, p, clock } = ctx();
    const lease = await store.leaseGrant(5);
    await store.put({ key: p('a'), value: '1', lease: lease.id });
    await clock.advanceAsync(4_000);
    expect((await store.leaseTimeToLive(lease.id)).ttl).toBe(1);
    await store.leaseKeepAlive(lease.id);
    await clock.advanceAsync(4_000);
    expect((await store.range({ key: p('a') })).count).toBe(1);
    await clock.advanceAsync(1_000);
    expect((await store.range({ key: p('a') })).count).toBe(0);
  });
}
