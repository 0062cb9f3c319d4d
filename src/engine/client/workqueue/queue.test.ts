import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createRateLimitingQueue } from './queue.ts';
import { itemExponentialFailureRateLimiter } from './rateLimiters.ts';

const newQueue = (clock = new VirtualClock({ seed: 1 })) => ({ clock, q: createRateLimitingQueue<string>({ clock }) });

// Resolves what get() has already decided without waiting on anything else.
const peekGet = async (p: Promise<string | undefined>) => Promise.race([p, Promise.resolve('pending' as const)]);

describe('work queue (client-go util/workqueue semantics)', () => {
  it('coalesces a key added while it is still waiting', async () => {
    const { q } = newQueue();
    q.add('a'); q.add('b'); q.add('a');
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
    expect(q.len()).toBe(0);
  });

  it('never hands out a key being processed; re-added meanwhile, it comes back after done', async () => {
    const { q } = newQueue();
    q.add('a');
    expect(await q.get()).toBe('a');
    q.add('a');
    q.add('a');
    expect(q.len()).toBe(0);
    const next = q.get();
    expect(await peekGet(next)).toBe('pending');
    q.done('a');
    expect(await next).toBe('a');
    q.done('a');
    expect(q.len()).toBe(0);
  });

  it('done without a re-add does not queue the key again', async () => {
    const { q } = newQueue();
    q.add('a');
    await q.get();
    q.done('a');
    expect(q.len()).toBe(0);
  });

  it('wakes waiting gets in order, one key each', async () => {
    const { q } = newQueue();
    const first = q.get();
    const second = q.get();
    q.add('x');
    q.add('y');
    expect(await first).toBe('x');
    expect(await second).toBe('y');
  });

  it('after shutDown refuses new keys, still hands out queued ones, then answers undefined', async () => {
    const { q } = newQueue();
    q.add('a');
    q.shutDown();
    q.add('b');
    expect(q.shuttingDown()).toBe(true);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBeUndefined();
  });

  it('shutDown wakes a waiting get with undefined', async () => {
    const { q } = newQueue();
    const waiting = q.get();
    q.shutDown();
    expect(await waiting).toBeUndefined();
  });

  it('shutDownWithDrain settles only when every handed-out key is done', async () => {
    const { q } = newQueue();
    q.add('a');
    await q.get();
    let drained = false;
    const drain = q.shutDownWithDrain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    q.done('a');
    await drain;
    expect(drained).toBe(true);
  });

  it('addAfter waits on the virtual clock, and the earliest pending time wins', async () => {
    const { clock, q } = newQueue();
    q.addAfter('a', 100);
    q.addAfter('a', 50);
    q.addAfter('a', 500);
    clock.advance(49);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.len()).toBe(1);
    clock.advance(1000);
    expect(q.len()).toBe(1);
  });

  it('shutDown cancels delayed adds, leaving no timer behind', () => {
    const { clock, q } = newQueue();
    q.addAfter('a', 100);
    q.shutDown();
    expect(clock.runUntilIdle()).toBe(0);
    expect(q.len()).toBe(0);
  });

  it('addRateLimited backs off 5 ms, 10 ms, 20 ms per key, and forget starts over', async () => {
    const { clock, q } = newQueue();
    // How long until the key is queued; stepping stops when no timer is left.
    const readyAfter = async (key: string) => {
      const start = clock.now();
      q.addRateLimited(key);
      while (q.len() === 0 && clock.step());
      const waited = clock.now() - start;
      q.done((await q.get())!);
      return waited;
    };
    expect([await readyAfter('a'), await readyAfter('a'), await readyAfter('a')]).toEqual([5, 10, 20]);
    expect(q.numRequeues('a')).toBe(3);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
    expect(await readyAfter('a')).toBe(5);
  });

  it('uses a custom rate limiter when given one', () => {
    const clock = new VirtualClock({ seed: 1 });
    const q = createRateLimitingQueue<string>({ clock, rateLimiter: itemExponentialFailureRateLimiter(1000, 4000) });
    q.addRateLimited('a');
    clock.advance(999);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.len()).toBe(1);
  });
});
