// The controller work queue: a FIFO of keys with the guarantees controllers rely on, plus
// delayed and rate-limited adds on the virtual clock. Models client-go util/workqueue
// queue.go (Typed), delaying_queue.go and rate_limiting_queue.go.
//
// Example: add(a), add(b), add(a) → queue [a, b] (a was dirty: coalesced). get() → a, now
// processing. add(a) → a is dirty again but not queued, since a worker holds it. done(a) → a is
// queued again behind b. So a key is never handed to two workers at once, and a change made
// while it was being synced is never lost.
import type { Clock, TimerHandle } from '../../clock/index.ts';
import { defaultControllerRateLimiter, type RateLimiter } from './rateLimiters.ts';

export interface RateLimitingQueue<K = string> {
  /** Queues `item` unless it is already waiting; ignored after shutdown. */
  add(item: K): void;
  /** The next item, once there is one; undefined when the queue is shut down and empty. */
  get(): Promise<K | undefined>;
  /** Marks `item` processed; if it was added meanwhile, it is queued again now. */
  done(item: K): void;
  /** Adds `item` after `ms` virtual milliseconds (at once if ms ≤ 0); the earliest pending time wins. */
  addAfter(item: K, ms: number): void;
  /** Adds `item` after the rate limiter's delay for it. */
  addRateLimited(item: K): void;
  /** Stops rate-limit tracking of `item` (call after a successful sync). */
  forget(item: K): void;
  numRequeues(item: K): number;
  /** How many items wait to be handed out (not counting those in process or delayed). */
  len(): number;
  /** Refuses new items, drops delayed ones, and wakes waiting `get`s once the queue is empty. */
  shutDown(): void;
  /** As shutDown, then settles when every item handed out has been marked done. */
  shutDownWithDrain(): Promise<void>;
  shuttingDown(): boolean;
}

export interface QueueOptions<K> {
  clock: Clock;
  /** defaultControllerRateLimiter when absent. */
  rateLimiter?: RateLimiter<K>;
}

export function createRateLimitingQueue<K = string>(options: QueueOptions<K>): RateLimitingQueue<K> {
  const { clock } = options;
  const limiter = options.rateLimiter ?? defaultControllerRateLimiter<K>(clock);
  /** Items to hand out, in order. Invariant: every item here is in `dirty` and not in `processing`. */
  const queue: K[] = [];
  /** Items that need processing (queued, or added again while in process). */
  const dirty = new Set<K>();
  /** Items handed out and not yet done. */
  const processing = new Set<K>();
  /** Items waiting for their addAfter time: the time and its timer. */
  const waiting = new Map<K, { readyAt: number; timer: TimerHandle }>();
  /** `get` calls waiting for an item, oldest first. */
  const getters: ((item: K | undefined) => void)[] = [];
  let shutting = false;
  let drained: (() => void) | undefined;

  function handOut() {
    while (getters.length > 0 && queue.length > 0) {
      const item = queue.shift()!;
      processing.add(item);
      dirty.delete(item);
      getters.shift()!(item);
    }
    if (shutting && queue.length === 0) for (const g of getters.splice(0)) g(undefined);
  }

  const q: RateLimitingQueue<K> = {
    add(item) {
      if (shutting || dirty.has(item)) return;
      dirty.add(item);
      if (processing.has(item)) return;
      queue.push(item);
      handOut();
    },
    get() {
      if (queue.length > 0) {
        const item = queue.shift()!;
        processing.add(item);
        dirty.delete(item);
        return Promise.resolve(item);
      }
      if (shutting) return Promise.resolve(undefined);
      return new Promise((resolve) => getters.push(resolve));
    },
    done(item) {
      processing.delete(item);
      if (dirty.has(item)) {
        queue.push(item);
        handOut();
      }
      if (processing.size === 0) drained?.();
    },
    addAfter(item, ms) {
      if (shutting) return;
      if (ms <= 0) return q.add(item);
      const readyAt = clock.now() + ms;
      const pending = waiting.get(item);
      if (pending && pending.readyAt <= readyAt) return;
      clock.cancel(pending?.timer);
      const timer = clock.after(ms, () => {
        waiting.delete(item);
        q.add(item);
      });
      waiting.set(item, { readyAt, timer });
    },
    addRateLimited: (item) => q.addAfter(item, limiter.when(item)),
    forget: (item) => limiter.forget(item),
    numRequeues: (item) => limiter.numRequeues(item),
    len: () => queue.length,
    shutDown() {
      shutting = true;
      for (const { timer } of waiting.values()) clock.cancel(timer);
      waiting.clear();
      handOut();
    },
    shutDownWithDrain() {
      const done = processing.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
      q.shutDown();
      return done;
    },
    shuttingDown: () => shutting,
  };
  return q;
}
