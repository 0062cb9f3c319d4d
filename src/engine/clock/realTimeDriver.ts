// Play mode: the one place in src/engine that waits on real time. It keeps at most one real
// timer pending, and on each wake advances virtual time by speed × the real time that passed.
// The real timer is armed for when the next virtual timer falls due (so a 40 ms wait at x0.25
// fires a 10 ms virtual timer on time), but never more than MAX_TICK_MS away, so that
// `onChange` listeners (the UI's time display) hear about time passing even when nothing is
// scheduled.
//
// The platform is looked up on every call rather than captured at load, so vitest's
// `vi.useFakeTimers()` can drive this file in tests without a real wait.

/** The real clock and timers the driver uses; `platformRealTime` in production. */
export interface RealTime {
  /** Monotonic real milliseconds (wall-clock jumps must not make virtual time jump). */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's performance.now/setTimeout/clearTimeout, resolved at call time. */
export const platformRealTime: RealTime = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/** What the driver moves: a VirtualClock seen from its play mode. */
export interface DrivenClock {
  /** Advances virtual time by whole milliseconds, firing what falls due. */
  advanceBy(ms: number): void;
  /** Virtual milliseconds until the earliest pending timer, or undefined if none. */
  untilNextTimer(): number | undefined;
}

/** Longest real wait between wakes while playing, for observers of the time display. */
export const MAX_TICK_MS = 100;
/**
 * Most real time one wake accounts for. A hidden tab's timers are throttled to a minute or
 * more; catching up all of it at once would fire hours of virtual timers in one frozen burst
 * at x100. Beyond this bound virtual time simply lags real time, as if paused for the gap.
 */
export const MAX_CATCH_UP_MS = 1_000;

/** Advances a DrivenClock by speed × real elapsed time until stopped. */
export class RealTimeDriver {
  /** The one pending real timer; undefined exactly when the driver is stopped or mid-wake. */
  private handle: unknown = undefined;
  /** Real time at which `handle` fires; Infinity when there is none. */
  private wakeAt = Infinity;
  /** Real time up to which elapsed time has been turned into virtual time. */
  private accountedTo = 0;
  /** Virtual milliseconds owed but not yet advanced (advance takes whole ms). Always in [0, 1). */
  private carry = 0;
  private speed = 1;
  private running = false;

  constructor(
    private readonly clock: DrivenClock,
    private readonly real: RealTime = platformRealTime,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or continues at a new speed); time owed at the old speed is settled first. */
  start(speed: number): void {
    if (this.running) this.catchUp();
    else {
      this.accountedTo = this.real.now();
      this.carry = 0;
    }
    this.speed = speed;
    this.running = true;
    this.disarm();
    this.arm();
  }

  /** Settles the time owed, then leaves no real timer behind. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.disarm();
    this.catchUp();
  }

  /** Wakes earlier if a timer was just scheduled before the pending wake. */
  rearm(): void {
    if (this.running) this.arm();
  }

  private wake = (): void => {
    this.handle = undefined;
    this.wakeAt = Infinity;
    try {
      this.catchUp();
    } finally {
      // Re-armed even if a timer callback threw, so play mode survives a buggy callback.
      if (this.running) this.arm();
    }
  };

  /** Advances virtual time by what the real time elapsed since the last account is worth. */
  private catchUp(): void {
    const realNow = this.real.now();
    const elapsed = Math.min(Math.max(realNow - this.accountedTo, 0), MAX_CATCH_UP_MS);
    this.accountedTo = realNow;
    const owed = elapsed * this.speed + this.carry;
    const whole = Math.floor(owed);
    this.carry = owed - whole;
    // Called even for 0 ms: a timer scheduled for "now" while playing fires on this wake.
    this.clock.advanceBy(whole);
  }

  /** Arms the real timer for the next virtual timer (or MAX_TICK_MS), unless one is due sooner. */
  private arm(): void {
    const realNow = this.real.now();
    let delay = MAX_TICK_MS;
    const until = this.clock.untilNextTimer();
    if (until !== undefined) {
      const owed = (realNow - this.accountedTo) * this.speed + this.carry;
      delay = Math.min(delay, Math.max(0, Math.ceil((until - owed) / this.speed)));
    }
    const wakeAt = realNow + delay;
    if (this.handle !== undefined && this.wakeAt <= wakeAt) return;
    this.disarm();
    this.wakeAt = wakeAt;
    this.handle = this.real.setTimeout(this.wake, delay);
  }

  private disarm(): void {
    if (this.handle !== undefined) this.real.clearTimeout(this.handle);
    this.handle = undefined;
    this.wakeAt = Infinity;
  }
}
