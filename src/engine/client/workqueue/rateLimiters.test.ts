import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { bucketRateLimiter, defaultControllerRateLimiter, itemExponentialFailureRateLimiter, maxOfRateLimiter } from './rateLimiters.ts';

describe('rate limiters (client-go default_rate_limiters.go)', () => {
  it.each([
    { name: 'the first failure waits the base delay', failures: 1, want: 5 },
    { name: 'each further failure doubles the delay', failures: 4, want: 40 },
    { name: 'the 18th failure reaches 5 ms · 2^17 = 655.36 s', failures: 18, want: 655_360 },
    { name: 'from the 19th failure the delay stays at the 1000 s cap', failures: 30, want: 1_000_000 },
  ])('per-item exponential: $name', ({ failures, want }) => {
    const l = itemExponentialFailureRateLimiter<string>(5, 1_000_000);
    let last = 0;
    for (let i = 0; i < failures; i++) last = l.when('k');
    expect(last).toBe(want);
    expect(l.numRequeues('k')).toBe(failures);
    expect(l.when('other')).toBe(5);
  });

  it('the token bucket lets a burst of 100 through, then one every 100 ms at 10 qps', () => {
    const clock = new VirtualClock({ seed: 1 });
    const l = bucketRateLimiter<string>(clock, 10, 100);
    const delays = Array.from({ length: 103 }, (_, i) => l.when(`k${i}`));
    expect(delays.slice(0, 100).every((d) => d === 0)).toBe(true);
    expect(delays.slice(100).map(Math.round)).toEqual([100, 200, 300]);
  });

  it('the token bucket refills on the virtual clock, never above its burst', () => {
    const clock = new VirtualClock({ seed: 1 });
    const l = bucketRateLimiter<string>(clock, 10, 2);
    expect([l.when('a'), l.when('b'), Math.round(l.when('c'))]).toEqual([0, 0, 100]);
    clock.advance(60_000);
    expect([l.when('a'), l.when('b'), Math.round(l.when('c'))]).toEqual([0, 0, 100]);
  });

  it('max-of waits as long as the slowest limiter and forgets in all', () => {
    const clock = new VirtualClock({ seed: 1 });
    const l = maxOfRateLimiter<string>(itemExponentialFailureRateLimiter(5, 1_000_000), bucketRateLimiter(clock, 10, 1));
    expect(l.when('a')).toBe(5);
    expect(Math.round(l.when('a'))).toBe(100);
    l.forget('a');
    expect(l.numRequeues('a')).toBe(0);
  });

  it('the default controller rate limiter is exponential per item until the overall bucket runs dry', () => {
    const clock = new VirtualClock({ seed: 1 });
    const l = defaultControllerRateLimiter<string>(clock);
    expect([l.when('a'), l.when('a'), l.when('a')]).toEqual([5, 10, 20]);
    for (let i = 0; i < 97; i++) l.when(`x${i}`);
    expect(Math.round(l.when('fresh'))).toBe(100);
  });
});
