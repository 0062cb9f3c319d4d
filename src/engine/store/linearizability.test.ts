import { describe, expect, it } from 'vitest';
import { checkStoreLinearizability } from './linearizability.ts';
import { createMemoryStore } from './memory.ts';
import type { Store, TxnRequest } from './types.ts';
import type { VirtualClock } from '../clock/index.ts';

const memory = (clock: VirtualClock) => createMemoryStore({ clock });

/** A store that forwards everything to `inner` except what `override` replaces. */
function wrap(inner: Store, override: Partial<Store>): Store {
  return {
    range: (r) => inner.range(r), put: (r) => inner.put(r), deleteRange: (r) => inner.deleteRange(r),
    txn: (r) => inner.txn(r), compact: (r) => inner.compact(r), watch: (r, cb) => inner.watch(r, cb),
    leaseGrant: (t, id) => inner.leaseGrant(t, id), leaseRevoke: (id) => inner.leaseRevoke(id),
    leaseKeepAlive: (id) => inner.leaseKeepAlive(id), leaseTimeToLive: (id, k) => inner.leaseTimeToLive(id, k),
    close: () => inner.close(), ...override,
  };
}

describe('the linearizability checker on the memory store', () => {
  it('finds nothing wrong in 200 seeded histories', async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const violations = await checkStoreLinearizability(memory, { seed });
      if (violations.length > 0) failures.push(`seed ${seed}: ${violations.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('finds nothing wrong with many clients on one key', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      expect(await checkStoreLinearizability(memory, { seed, clients: 12, opsPerClient: 20, keys: 1 })).toEqual([]);
    }
  });
});

describe('the linearizability checker catches broken stores', () => {
  it('a store that lets a stale compare-and-swap through (ignores txn compares)', async () => {
    const staleCas = (clock: VirtualClock) => {
      const inner = createMemoryStore({ clock });
      return wrap(inner, { txn: (req: TxnRequest) => inner.txn({ ...req, compare: [] }) });
    };
    const found = await anyViolation(staleCas, /stale compare-and-swap|both succeeded/);
    expect(found).toBe(true);
  });

  it('a store whose watch drops one event', async () => {
    const dropsOne = (clock: VirtualClock) => {
      const inner = createMemoryStore({ clock });
      return wrap(inner, {
        watch: (req, cb) => {
          let sent = 0;
          return inner.watch(req, (resp) => {
            sent++;
            cb(sent === 3 ? { ...resp, events: [] } : resp);
          });
        },
      });
    };
    expect(await anyViolation(dropsOne, /no event at revision|saw \[/)).toBe(true);
  });

  it('a store whose watch repeats a response', async () => {
    const repeats = (clock: VirtualClock) => {
      const inner = createMemoryStore({ clock });
      return wrap(inner, {
        watch: (req, cb) => {
          let sent = 0;
          return inner.watch(req, (resp) => {
            cb(resp);
            if (++sent === 2) cb(resp);
          });
        },
      });
    };
    expect(await anyViolation(repeats, /out of order or repeated/)).toBe(true);
  });

  it('a store that serves reads from a stale revision', async () => {
    const staleReads = (clock: VirtualClock) => {
      const inner = createMemoryStore({ clock });
      return wrap(inner, {
        range: async (req) => {
          const now = await inner.range({ key: req.key, rangeEnd: req.rangeEnd, countOnly: true });
          // Answer from two revisions ago while claiming the current one.
          const old = req.revision || Math.max(1, now.header.revision - 2);
          const resp = await inner.range({ ...req, revision: old });
          return { ...resp, header: now.header };
        },
      });
    };
    expect(await anyViolation(staleReads, /returned \[|the log says/)).toBe(true);
  });
});

/** Whether some seed among the first ten yields a violation matching `pattern`. */
async function anyViolation(makeStore: (clock: VirtualClock) => Store, pattern: RegExp): Promise<boolean> {
  for (let seed = 1; seed <= 10; seed++) {
    const violations = await checkStoreLinearizability(makeStore, { seed });
    if (violations.some((v) => pattern.test(v))) return true;
  }
  return false;
}
