// store.put.idb: acknowledged puts per second through the IndexedDB store, with 100 writers each
// awaiting its acknowledgement before its next put (what 100 controllers writing at once do),
// 1 KiB values. Baseline: the same values written with raw `idb`, 100 puts per IndexedDB
// transaction, one transaction after another — the best a store that acknowledges only durable
// writes can hope for. One IndexedDB transaction per put would reach ~1/10 of it, so the
// store's group commit is what this measures.
import { deleteDB, openDB } from 'idb';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { openIdbStore } from '../src/engine/store/index.ts';
import { timed } from './harness.ts';
import type { Benchmark } from './types.ts';

const WRITERS = 100;
const PUTS_PER_WRITER = 100;
const TOTAL = WRITERS * PUTS_PER_WRITER;
const VALUE = 'x'.repeat(1024);

let databases = 0;
const freshName = (what: string) => `bench-${what}-${++databases}`;

async function storePuts(): Promise<number> {
  const name = freshName('store');
  const clock = new VirtualClock({ seed: 1 });
  const store = await openIdbStore({ clock, name, indexedDB: globalThis.indexedDB });
  const writer = async (w: number) => {
    for (let i = 0; i < PUTS_PER_WRITER; i++) await store.put({ key: `/registry/bench/w${w}/k${i}`, value: VALUE });
  };
  const ms = await timed(async () => { await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))); });
  await store.close();
  clock.dispose();
  await deleteDB(name);
  return TOTAL / (ms / 1000);
}

async function rawIdbBatches(): Promise<number> {
  const name = freshName('raw');
  // Rows shaped like the store's (a revision record keyed by [main, sub]), so both write as much.
  const db = await openDB(name, 1, { upgrade: (d) => { d.createObjectStore('revisions', { keyPath: ['main', 'sub'] }); } });
  let main = 1;
  const ms = await timed(async () => {
    for (let batch = 0; batch < TOTAL / WRITERS; batch++) {
      const tx = db.transaction('revisions', 'readwrite');
      const puts = [];
      for (let w = 0; w < WRITERS; w++) {
        main++;
        puts.push(tx.store.put({ main, sub: 0, key: `/registry/bench/w${w}/k${batch}`, value: VALUE, createRevision: main, version: 1, lease: 0, tombstone: false }));
      }
      await Promise.all([...puts, tx.done]);
    }
  });
  db.close();
  await deleteDB(name);
  return TOTAL / (ms / 1000);
}

export const storePutIdb: Benchmark = {
  name: 'store.put.idb',
  unit: 'puts/s',
  runs: 'browser',
  baseline: 'raw idb, 100 puts per IndexedDB transaction',
  targetRatio: 0.5,
  async round() {
    return { value: await storePuts(), baseline: await rawIdbBatches() };
  },
};
