// store.watch.fanout: watch events delivered per second to 100 watchers of one prefix while
// 10,000 puts land under it (100 writers, each awaiting its put; the memory store, so watch
// delivery and not IndexedDB is measured). Clocked from the first put to the last event reaching
// the last watcher.
// Baseline: the same puts with no watcher at all, counted as if each had reached 100 watchers
// for free (puts/s × 100). The ratio is the share of write throughput left once 100 watchers
// are served: 1.00 would mean fan-out costs nothing.
import { VirtualClock } from '../src/engine/clock/index.ts';
import { createMemoryStore, prefixEnd, type Store } from '../src/engine/store/index.ts';
import { timed } from './harness.ts';
import type { Benchmark } from './types.ts';

const WATCHERS = 100;
const PUTS = 10_000;
const WRITERS = 100;
const PREFIX = '/registry/pods/bench/';
const VALUE = 'x'.repeat(1024);

async function putAll(store: Store): Promise<void> {
  const writer = async (w: number) => {
    for (let i = w; i < PUTS; i += WRITERS) await store.put({ key: `${PREFIX}pod-${i % 1000}`, value: VALUE });
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
}

/** Events/s delivered to `watchers` watchers (0: puts/s × WATCHERS, the baseline). */
async function fanout(watchers: number): Promise<number> {
  const clock = new VirtualClock({ seed: 1 });
  const store = await createMemoryStore({ clock });
  const expected = watchers * PUTS;
  let delivered = 0;
  let allDelivered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => { allDelivered = resolve; });
  const cancels = Array.from({ length: watchers }, () =>
    store.watch({ key: PREFIX, rangeEnd: prefixEnd(PREFIX) }, (resp) => {
      delivered += resp.events.length;
      if (delivered === expected) allDelivered();
    }));
  const ms = await timed(async () => {
    await putAll(store);
    if (watchers) await done;
  });
  for (const w of cancels) w.cancel();
  await store.close();
  clock.dispose();
  return (watchers ? expected : WATCHERS * PUTS) / (ms / 1000);
}

export const storeWatchFanout: Benchmark = {
  name: 'store.watch.fanout',
  unit: 'events/s',
  runs: 'browser',
  baseline: 'the same 10,000 puts without watchers, x100 events',
  async round() {
    return { value: await fanout(WATCHERS), baseline: await fanout(0) };
  },
};
