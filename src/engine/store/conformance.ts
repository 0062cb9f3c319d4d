// The store conformance suite: one body of tests every Store runs — the memory store, the
// IndexedDB store, and our etcd backend against a real etcd — so they all answer as etcd does.
//
//   describeStoreConformance(name: string,
//     makeStore: (clock: VirtualClock) => Store | Promise<Store>,
//     options?: { virtualLeaseTime?: boolean; keyPrefix?: string }): void
//
// Call it at the top level of a test file. `makeStore` runs before each test with a fresh
// VirtualClock (seed 1); the store is closed after it. Tests use keys under their own prefix
// and assert revisions relative to the revision they start at, so a store shared between tests
// (one etcd for the whole file) works. Set `virtualLeaseTime: false` for a store whose leases
// run on real time (real etcd): the lease-expiry tests are then skipped. Set `keyPrefix` to
// something fresh per run when the store outlives the run.

import { afterEach, beforeEach, describe } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import type { Store } from './types.ts';
import type { ConformanceContext, StoreConformanceOptions } from './conformance_harness.ts';
import { kvConformance } from './conformance_kv.ts';
import { txnConformance } from './conformance_txn.ts';
import { watchConformance } from './conformance_watch.ts';
import { leaseConformance } from './conformance_lease.ts';

export type { StoreConformanceOptions } from './conformance_harness.ts';

/** Registers the conformance suite for one kind of store. */
export function describeStoreConformance(
  name: string,
  makeStore: (clock: VirtualClock) => Store | Promise<Store>,
  options: StoreConformanceOptions = {},
): void {
  describe(`Store conformance: ${name}`, () => {
    let current: ConformanceContext | undefined;
    let tests = 0;
    beforeEach(async () => {
      const clock = new VirtualClock({ seed: 1 });
      const store = await makeStore(clock);
      const prefix = `${options.keyPrefix ?? '/conformance/'}${++tests}/`;
      current = {
        store, clock, p: (suffix) => prefix + suffix,
        rev: async () => (await store.range({ key: prefix })).header.revision,
      };
    });
    afterEach(async () => {
      await current?.store.close();
      current = undefined;
    });
    const ctx = (): ConformanceContext => {
      if (!current) throw new Error('conformance context used outside a test');
      return current;
    };
    kvConformance(ctx);
    txnConformance(ctx);
    watchConformance(ctx);
    leaseConformance(ctx, options);
  });
}
