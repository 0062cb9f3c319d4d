// Rate limiters for work queue retries, on the virtual clock. Models client-go
// util/workqueue/default_rate_limiters.go: ItemExponentialFailureRateLimiter, BucketRateLimiter
// (golang.org/x/time/rate's token bucket, reservation delays only), MaxOfRateLimiter and
// DefaultControllerRateLimiter.
import type { Clock } from '../../clock/index.ts';

/** How long an item must wait before its next retry, and how often it has been retried. */
export interface RateLimiter<K> {
  /** The delay before `item` may be retried; counts as one more failure. */
  when(item: K): number;
  /** Stops tracking `item`: its next failure starts from the base delay again. */
  forget(item: K): void;
  numRequeues(item: K): number;
}

/** baseMs · 2^failures, capped at maxMs, per item. */
export function itemExponentialFailureRateLimiter<K>(baseMs: number, maxMs: number): RateLimiter<K> {
  const failures = new Map<K, number>();
  return {
    when(item) {
      const exp = failures.get(item) ?? 0;
      failures.set(item, exp + 1);
      const backoff = baseMs * 2 ** exp;
      return backoff > maxMs ? maxMs : backoff;
    },
    forget: (item) => void failures.delete(item),
    numRequeues: (item) => failures.get(item) ?? 0,
  };
}

/**
 * A token bucket shared by all items: `qps` tokens a second, holding at most `burst`, full at
 * first. Each `when` reserves one token and returns how long until it exists (0 if one is there).
 * Example (10 qps, burst 100): the first 100 retries wait 0, the 101st 100 ms, the 102nd 200 ms.
 */
export function bucketRateLimiter<K>(clock: Clock, qps: number, burst: number): RateLimiter<K> {
  let tokens = burst;
  let last = clock.now();
  return {
    when() {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * qps);
      last = now;
      tokens -= 1;
      return tokens >= 0 ? 0 : (-tokens / qps) * 1000;
    },
    forget: () => {},
    numRequeues: () => 0,
  };
}

/** The longest delay any of `limiters` asks for; requeues as the most of theirs. */
export function maxOfRateLimiter<K>(...limiters: RateLimiter<K>[]): RateLimiter<K> {
  return {
    when: (item) => Math.max(0, ...limiters.map((l) => l.when(item))),
    forget: (item) => limiters.forEach((l) => l.forget(item)),
    numRequeues: (item) => Math.max(0, ...limiters.map((l) => l.numRequeues(item))),
  };
}

/**
 * DefaultControllerRateLimiter (client-go v1.33): per item 5 ms doubling to 1000 s, and overall
 * 10 retries a second with a burst of 100, whichever waits longer.
 */
export function defaultControllerRateLimiter<K>(clock: Clock): RateLimiter<K> {
  return maxOfRateLimiter<K>(itemExponentialFailureRateLimiter<K>(5, 1_000_000), bucketRateLimiter<K>(clock, 10, 100));
}
