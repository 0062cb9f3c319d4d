// A randomized linearizability-style checker for any Store (issue 3 item 5). Simulated clients
// run concurrently on a seeded schedule — puts, compare-and-swaps on version or modRevision,
// deletes, reads now and at past revisions, watches from past revisions — while one watcher
// records the whole log. The recorded history is then checked (linearizability_check.ts).
//
//   const violations = await checkStoreLinearizability((clock) => createMemoryStore({ clock }), { seed: 7 });
//   expect(violations).toEqual([]);
//
// Concurrency comes from promises: every client has one request outstanding at a time and
// yields a seeded number of microtask turns between requests, so requests of different clients
// interleave differently for each seed, and the same seed replays the same interleaving.

import { createRng, VirtualClock, type Rng } from '../clock/index.ts';
import type { Store, WatchResponse } from './types.ts';
import { prefixEnd } from './keys.ts';
import { checkHistory, type HistoryOp, type WatchRecord } from './linearizability_check.ts';

export interface LinearizabilityOptions {
  seed: number;
  /** Concurrent clients (default 4). */
  clients?: number;
  /** Requests per client (default 12). */
  opsPerClient?: number;
  /** Distinct keys the clients fight over (default 3: few keys, many conflicts). */
  keys?: number;
  /** Prefix of every key written (default '/linearizability/'). */
  keyPrefix?: string;
}

/** Runs one seeded history against a fresh store from `makeStore` and returns what is wrong
 *  with it, one sentence per violation (empty when the history is linearizable). */
export async function checkStoreLinearizability(
  makeStore: (clock: VirtualClock) => Store | Promise<Store>,
  options: LinearizabilityOptions,
): Promise<string[]> {
  const clock = new VirtualClock({ seed: options.seed });
  const store = await makeStore(clock);
  try {
    return await runHistory(store, clock, createRng(options.seed), options);
  } finally {
    await store.close();
  }
}

/** A HistoryOp without its client and timing (Omit distributed over the union). */
type OpBody = HistoryOp extends infer T ? (T extends HistoryOp ? Omit<T, 'client' | 'invoked' | 'completed'> : never) : never;

async function runHistory(store: Store, clock: VirtualClock, rng: Rng, options: LinearizabilityOptions): Promise<string[]> {
  const prefix = `${options.keyPrefix ?? '/linearizability/'}${options.seed}/`;
  const keys = Array.from({ length: options.keys ?? 3 }, (_, i) => `${prefix}k${i}`);
  const all = { key: prefix, rangeEnd: prefixEnd(prefix) };
  const base = (await store.range(all)).header.revision;
  let tick = 0;
  const ops: HistoryOp[] = [];
  const watches: WatchRecord[] = [];
  const log: WatchResponse[] = [];
  const logWatcher = store.watch({ ...all, startRevision: base + 1, prevKv: true }, (r) => log.push(r));
  let latest = base;

  const watchFrom = (startRevision: number) => {
    const record: WatchRecord = { startRevision, responses: [] };
    watches.push(record);
    store.watch({ ...all, startRevision }, (r) => record.responses.push(r));
  };

  async function client(id: number): Promise<void> {
    for (let i = 0; i < (options.opsPerClient ?? 12); i++) {
      for (let turns = rng.int(4); turns > 0; turns--) await Promise.resolve();
      const key = rng.pick(keys);
      const value = `c${id}-${i}`;
      const invoked = ++tick;
      const done = (op: OpBody) => {
        ops.push({ ...op, client: id, invoked, completed: ++tick });
        if (op.revision > latest) latest = op.revision;
      };
      const kind = rng.int(10);
      if (kind < 3) {
        const r = await store.put({ key, value });
        done({ kind: 'put', key, value, revision: r.header.revision });
      } else if (kind < 6) {
        const seen = (await store.range({ key })).kvs[0];
        const onMod = rng.int(2) === 0;
        const expected = onMod ? seen?.modRevision ?? 0 : seen?.version ?? 0;
        const casInvoked = ++tick;
        const r = await store.txn({
          compare: [onMod ? { key, target: 'MOD', result: 'EQUAL', modRevision: expected } : { key, target: 'VERSION', result: 'EQUAL', version: expected }],
          success: [{ requestPut: { key, value } }],
        });
        ops.push({ kind: 'cas', client: id, invoked: casInvoked, completed: ++tick, key, value, target: onMod ? 'MOD' : 'VERSION', expected, succeeded: r.succeeded, revision: r.header.revision });
        if (r.header.revision > latest) latest = r.header.revision;
      } else if (kind < 7) {
        const r = await store.deleteRange({ key });
        done({ kind: 'delete', key, deleted: r.deleted, revision: r.header.revision });
      } else if (kind < 9) {
        // Now, or a past revision some client has already seen acknowledged.
        const at = rng.int(2) === 0 || latest === base ? 0 : base + 1 + rng.int(latest - base);
        const r = await store.range({ ...all, revision: at });
        done({ kind: 'range', at, kvs: r.kvs, revision: r.header.revision });
      } else {
        watchFrom(base + 1 + rng.int(latest - base + 1));
      }
    }
  }

  await Promise.all(Array.from({ length: options.clients ?? 4 }, (_, id) => client(id)));
  // A last write every watcher must see: once it arrived, each has sent all it ever will.
  const sentinel = await store.put({ key: `${prefix}~end`, value: 'end' });
  ops.push({ kind: 'put', client: -1, invoked: ++tick, completed: ++tick, key: `${prefix}~end`, value: 'end', revision: sentinel.header.revision });
  const seenSentinel = (responses: WatchResponse[]) =>
    responses.some((r) => r.canceled || r.events.some((e) => e.kv.modRevision >= sentinel.header.revision));
  // advanceAsync(0) moves no time but yields to the real event loop (an IndexedDB commit needs
  // real turns); the bound keeps a store that never delivers from hanging the check.
  for (let round = 0; round < 200 && ![log, ...watches.map((w) => w.responses)].every(seenSentinel); round++) {
    await clock.advanceAsync(0);
  }
  logWatcher.cancel();

  // Every acknowledged write must read back at its own revision.
  const readBacks = new Map<number, Awaited<ReturnType<Store['range']>>>();
  for (const op of ops) {
    if ((op.kind === 'put' || op.kind === 'delete' || (op.kind === 'cas' && op.succeeded)) && !readBacks.has(op.revision)) {
      readBacks.set(op.revision, await store.range({ ...all, revision: op.revision }));
    }
  }
  return checkHistory({ base, sentinelRevision: sentinel.header.revision, ops, log, watches, readBacks });
}
