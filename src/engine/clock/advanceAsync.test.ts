import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from './VirtualClock.ts';

/** Waits for one real macrotask: async work that is not just a promise chain. */
const realHop = () => new Promise<void>((resolve) => setImmediate(resolve));

function traced() {
  const clock = new VirtualClock({ seed: 1 });
  const start = clock.now();
  const trace: string[] = [];
  const mark = (label: string) => () => void trace.push(`${label}@${clock.now() - start}`);
  return { clock, start, trace, mark };
}

describe('VirtualClock.advanceAsync', () => {
  afterEach(() => void vi.useRealTimers());

  it.each([
    { name: 'a long promise chain', work: async () => { for (let i = 0; i < 50; i++) await Promise.resolve(); } },
    { name: 'a chain through real macrotasks', work: async () => { for (let i = 0; i < 4; i++) await realHop(); } },
  ])('lets $name started by a timer finish and join the advance with the timer it schedules', async ({ work }) => {
    const { clock, start, trace, mark } = traced();
    clock.after(10, () => {
      mark('write')();
      void work().then(() => clock.after(0, mark('written')));
    });
    clock.after(10, mark('sibling'));
    clock.after(11, mark('later'));
    await clock.advanceAsync(100);
    expect(trace).toEqual(['write@10', 'sibling@10', 'written@10', 'later@11']);
    expect(clock.now()).toBe(start + 100);
  });

  it('where the synchronous advance would have moved on without it', async () => {
    const { clock, trace, mark } = traced();
    clock.after(10, () => void Promise.resolve().then(() => clock.after(0, mark('written'))));
    clock.after(11, mark('later'));
    clock.advance(100);
    await realHop();
    clock.advance(0);
    expect(trace).toEqual(['later@11', 'written@100']);
  });

  it('orders an IndexedDB write and the read it schedules on virtual time', async () => {
    const db = await openDB('advanceAsync', 1, { upgrade: (upgrading) => void upgrading.createObjectStore('kv') });
    const { clock, trace } = traced();
    clock.every(1_000, () => {
      const revision = clock.now();
      void db.put('kv', revision, 'revision').then(() =>
        clock.after(100, () => void db.get('kv', 'revision').then((read) => trace.push(`read ${read === revision}`))),
      );
    });
    // Writes at 1000, 2000, 3000; each read 100 ms after its write lands; the last one is beyond.
    await clock.advanceAsync(3_000);
    expect(trace).toEqual(['read true', 'read true']);
    db.close();
  });

  it('does not fire timers due after the end, and ends exactly at now + ms', async () => {
    const { clock, start, trace, mark } = traced();
    clock.after(50, mark('due'));
    clock.after(51, mark('beyond'));
    await clock.advanceAsync(50);
    expect(trace).toEqual(['due@50']);
    expect(clock.now()).toBe(start + 50);
  });

  it('keeps an every on its period', async () => {
    const { clock, trace, mark } = traced();
    clock.every(300, mark('tick'));
    await clock.advanceAsync(1_000);
    expect(trace).toEqual(['tick@300', 'tick@600', 'tick@900']);
  });

  it('finishes the advance, then rejects with what a callback threw', async () => {
    const { clock, start, trace, mark } = traced();
    const boom = new Error('boom');
    clock.after(10, () => { throw boom; });
    clock.after(20, mark('after'));
    await expect(clock.advanceAsync(30)).rejects.toBe(boom);
    expect(trace).toEqual(['after@20']);
    expect(clock.now()).toBe(start + 30);
  });

  it('yields to the real event loop even while a test fakes the global timers', async () => {
    vi.useFakeTimers();
    const { clock, trace, mark } = traced();
    clock.after(10, () => void Promise.resolve().then(() => clock.after(0, mark('written'))));
    await clock.advanceAsync(10);
    expect(trace).toEqual(['written@10']);
  });

  it('gives up with NotIdle on async work that schedules forever without letting time move', async () => {
    const { clock } = traced();
    let running = true;
    const churn = async () => {
      while (running) {
        clock.cancel(clock.after(1_000, () => {}));
        await realHop();
      }
    };
    clock.after(1, () => void churn());
    await expect(clock.advanceAsync(10)).rejects.toMatchObject({ reason: 'NotIdle' });
    running = false;
  });

  it('refuses a negative advance', async () => {
    await expect(traced().clock.advanceAsync(-5)).rejects.toMatchObject({ reason: 'InvalidDuration' });
  });
});
