// Exponential back-off with jitter on the virtual clock. Models apimachinery
// pkg/util/wait/backoff.go NewExponentialBackoffManager and Backoff.Step, with the
// parameters client-go's reflector uses (tools/cache/reflector.go NewReflectorWithOptions):
// 800 ms doubling to a 30 s cap, jitter 1.0 (each wait is d..2d, so [30 s, 60 s) at the cap),
// and back to 800 ms once no back-off has started for 2 minutes. Jitter comes from the seeded RNG.
import type { Clock } from '../../clock/index.ts';

export interface BackoffParameters {
  initialMs: number;
  capMs: number;
  resetAfterMs: number;
  factor: number;
  jitter: number;
}

/** The reflector's back-off, as client-go v1.33 configures it. */
export const REFLECTOR_BACKOFF: BackoffParameters = { initialMs: 800, capMs: 30_000, resetAfterMs: 120_000, factor: 2, jitter: 1 };

/** Hands out successive back-off delays, in virtual milliseconds. */
export interface BackoffManager {
  next(): number;
}

export function createBackoffManager(clock: Clock, p: BackoffParameters = REFLECTOR_BACKOFF): BackoffManager {
  let duration = p.initialMs;
  let lastStart: number | undefined;
  return {
    next() {
      const now = clock.now();
      if (lastStart === undefined || now - lastStart > p.resetAfterMs) duration = p.initialMs;
      lastStart = now;
      const base = duration;
      duration = Math.min(duration * p.factor, p.capMs);
      // wait.Jitter: d + rand·jitter·d.
      return base + clock.rng.next() * p.jitter * base;
    },
  };
}
