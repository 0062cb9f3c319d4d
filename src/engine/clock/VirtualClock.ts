// The engine's clock: virtual milliseconds since the epoch, a queue of timers, and the controls
// the UI and tests use to move time — pause, play at a speed, step, advance.
//
// Timer semantics follow the HTML timers the engine would otherwise use, made deterministic:
// - timers fire in due-time order, ties in scheduling order (TimerQueue);
// - when a timer fires, now() reads exactly its due time, so `after(100)` scheduled at t runs at t+100;
// - a timer scheduled from a firing callback fires in the same advance if it falls due within it;
// - `every(p)` started at t fires at t+p, t+2p, … — re-armed from its due time, never drifting;
// - delays follow setTimeout: negative means 0, fractions are truncated.
// Like xstate's SimulatedClock (packages/core/src/SimulatedClock.ts), which this replaces, the
// same clock is handed to `createActor(machine, { clock })`, so machine delays run on it too.
// Kubernetes' own tests inject k8s.io/utils/clock/testing/fake_clock.go FakeClock and `Step` it
// (as KWOK injects a clock into its stages); unlike FakeClock, which moves to the new time and
// then wakes every waiter, `advance` walks through each due time so callbacks see their own.
import { ClockError } from './errors.ts';
import { RealTimeDriver, type RealTime } from './realTimeDriver.ts';
import { createRng } from './rng.ts';
import { TimerQueue, type Timer } from './timerQueue.ts';
import type { Clock, ClockMode, ClockState, Rng, TimerHandle } from './types.ts';

/** 2026-01-01T00:00:00Z: where every clock starts unless told otherwise, so runs reproduce. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);
/** The play speeds the UI offers lie in this range (DESIGN.md "Time"). */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;
/** How many timers `runUntilIdle` fires before it gives up on the cluster going quiet. */
const DEFAULT_IDLE_BUDGET = 10_000;
/**
 * Event-loop turns in a row without a timer scheduled or cancelled after which `advanceAsync`
 * deems the async work started by a timer settled. A fake-indexeddb readwrite transaction
 * (put, then tx.done) takes 2 turns; 20 covers a chain of several, and a turn costs microseconds.
 */
const DEFAULT_SETTLE_TURNS = 20;
/** Most event-loop turns one settle may take before advanceAsync gives up (see `settle`). */
const MAX_SETTLE_TURNS = 10_000;

export interface VirtualClockOptions {
  /** Seeds `rng`; same seed and same inputs ⇒ same cluster. */
  seed: number;
  /** Virtual epoch milliseconds at creation; defaults to DEFAULT_START_TIME. */
  startTime?: number;
  /**
   * Where errors thrown by timer callbacks go. Without it, the advance that fired them finishes
   * (later timers still fire, as in a real event loop) and then throws the error.
   */
  onTimerError?: (error: unknown) => void;
  /** Real timers for play mode; the platform's by default. */
  realTime?: RealTime;
}

// Captured at load, unlike the driver's timers: advanceAsync must yield to the real event loop
// (so real I/O such as IndexedDB can finish) even when a test has faked the global timers.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (realSetImmediate !== undefined) realSetImmediate(resolve);
    else realSetTimeout(resolve, 0);
  });
}

/** A deterministic clock for the engine, controllable by the UI and tests. */
export class VirtualClock implements Clock {
  readonly rng: Rng;
  private current: number;
  private readonly timers = new TimerQueue();
  private nextId = 1;
  private nextSeq = 0;
  /** Bumped on every schedule and cancel; advanceAsync watches it to see async work settle. */
  private scheduleVersion = 0;
  /** True while a timer callback runs: moving time from inside one would break the order. */
  private firing = false;
  private readonly errors: unknown[] = [];
  private readonly onTimerError: ((error: unknown) => void) | undefined;
  private readonly driver: RealTimeDriver;
  private playSpeed = 1;
  private readonly listeners = new Set<(state: ClockState) => void>();
  /** What listeners last heard, so they hear only changes. */
  private told: ClockState;

  constructor(options: VirtualClockOptions) {
    const start = options.startTime ?? DEFAULT_START_TIME;
    if (!Number.isSafeInteger(start)) {
      throw new ClockError('InvalidDuration', `startTime must be whole epoch milliseconds, got ${start}`);
    }
    this.current = start;
    this.rng = createRng(options.seed);
    this.onTimerError = options.onTimerError;
    this.driver = new RealTimeDriver(
      { advanceBy: (ms) => this.advance(ms), untilNextTimer: () => this.untilNextTimer() },
      options.realTime,
    );
    this.told = this.state;
  }

  // --- Clock: what the engine uses -------------------------------------------------------

  now(): number {
    return this.current;
  }

  after(ms: number, fn: () => void): TimerHandle {
    return { id: this.schedule(delayOf(ms), undefined, fn) };
  }

  every(ms: number, fn: () => void): TimerHandle {
    const period = delayOf(ms);
    if (period < 1) throw new ClockError('InvalidPeriod', `every(ms) needs a period of at least 1 ms, got ${ms}`);
    return { id: this.schedule(period, period, fn) };
  }

  cancel(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.clearTimeout(handle.id);
  }

  /** xstate's Clock: the id is what `clearTimeout` takes back. */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    return this.schedule(delayOf(ms), undefined, () => fn());
  }

  clearTimeout(id: number): void {
    if (this.timers.delete(id)) this.scheduleVersion++;
  }

  // --- Controls: what the UI and tests use -------------------------------------------------

  get mode(): ClockMode {
    return this.driver.isRunning ? 'playing' : 'paused';
  }

  /** The play speed; kept while paused, so `play()` resumes at it. */
  get speed(): number {
    return this.playSpeed;
  }

  /** How many timers are pending (an `every` counts once). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  get state(): ClockState {
    return { now: this.current, mode: this.mode, speed: this.playSpeed };
  }

  /** Calls `listener` after each operation that changed time, mode or speed; returns the unsubscribe. */
  onChange(listener: (state: ClockState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets virtual time follow real time at `speed` (x0.25 .. x100); changes speed if playing. */
  play(speed: number = this.playSpeed): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
      throw new ClockError('SpeedOutOfRange', `speed must be between x${MIN_SPEED} and x${MAX_SPEED}, got ${speed}`);
    }
    this.driver.start(speed);
    this.playSpeed = speed;
    this.notify();
  }

  /** Stops following real time; virtual time first catches up with the real time played. */
  pause(): void {
    if (!this.driver.isRunning) return;
    this.driver.stop();
    this.notify();
  }

  /** Pauses and forgets listeners: no real timer is left running. Timers stay, for advance. */
  dispose(): void {
    this.driver.stop();
    this.listeners.clear();
  }

  /** Jumps to the earliest pending timer and fires it alone; false if none is pending. */
  step(): boolean {
    const next = this.timers.peek();
    if (next === undefined) return false;
    this.run(() => this.fire(next));
    return true;
  }

  /** Moves time forward `ms` (whole, ≥ 0), firing in order everything due up to and at the end. */
  advance(ms: number): void {
    const target = this.current + wholeDuration(ms);
    this.run(() => {
      for (let next = this.timers.peek(); next !== undefined && next.due <= target; next = this.timers.peek()) {
        this.fire(next);
      }
      this.current = target;
    });
  }

  /**
   * As `advance`, but after each timer fires it yields to the real event loop until no timer is
   * scheduled or cancelled for a few turns, so promise chains started by timers (an IndexedDB
   * write, a watch delivery) finish and their timers join this advance if due within it.
   */
  async advanceAsync(ms: number, settleTurns: number = DEFAULT_SETTLE_TURNS): Promise<void> {
    const target = this.current + wholeDuration(ms);
    this.assertNotFiring();
    for (;;) {
      await this.settle(settleTurns);
      const next = this.timers.peek();
      if (next === undefined || next.due > target) break;
      this.runQuietly(() => this.fire(next));
    }
    // Another advance (play mode, a test) may have moved past the target meanwhile.
    this.runQuietly(() => {
      this.current = Math.max(this.current, target);
    });
    this.throwTimerErrors();
  }

  /**
   * Fires timers in order until only `every` timers remain, and returns how many fired. Stops
   * with NotIdle after `maxTimers` (a retry loop never goes idle), so it cannot loop forever.
   */
  runUntilIdle(maxTimers: number = DEFAULT_IDLE_BUDGET): number {
    let fired = 0;
    this.run(() => {
      for (let next = this.timers.peek(); this.timers.hasOneShot && next !== undefined && fired < maxTimers; next = this.timers.peek()) {
        this.fire(next);
        fired++;
      }
    });
    if (this.timers.hasOneShot) {
      throw new ClockError('NotIdle', `still ${this.timers.size} timers pending after firing ${fired}`);
    }
    return fired;
  }

  // --- Internals ---------------------------------------------------------------------------

  private schedule(delay: number, period: number | undefined, fn: () => void): number {
    const timer: Timer = { id: this.nextId++, due: this.current + delay, seq: this.nextSeq++, period, fn };
    this.timers.push(timer);
    this.scheduleVersion++;
    // A timer earlier than the driver's next wake must not wait for it.
    if (!this.firing) this.driver.rearm();
    return timer.id;
  }

  private untilNextTimer(): number | undefined {
    const next = this.timers.peek();
    return next === undefined ? undefined : next.due - this.current;
  }

  /** Runs one time-moving operation, then throws what its timer callbacks threw. */
  private run(operation: () => void): void {
    this.runQuietly(operation);
    this.throwTimerErrors();
  }

  /** Runs one time-moving operation: no nesting, then the driver and observers are told. */
  private runQuietly(operation: () => void): void {
    this.assertNotFiring();
    try {
      operation();
    } finally {
      this.driver.rearm();
      this.notify();
    }
  }

  /** Fires the earliest timer, which the caller has peeked as `timer`. */
  private fire(timer: Timer): void {
    this.timers.pop();
    this.current = timer.due;
    if (timer.period !== undefined) {
      // Re-armed before the callback, from the due time (no drift), so the callback may cancel it.
      timer.due += timer.period;
      timer.seq = this.nextSeq++;
      this.timers.push(timer);
    }
    this.firing = true;
    try {
      timer.fn();
    } catch (error) {
      if (this.onTimerError !== undefined) this.onTimerError(error);
      else this.errors.push(error);
    } finally {
      this.firing = false;
    }
  }

  private throwTimerErrors(): void {
    if (this.errors.length === 0) return;
    const errors = this.errors.splice(0);
    throw errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} timer callbacks threw`);
  }

  private assertNotFiring(): void {
    if (this.firing) throw new ClockError('ReentrantAdvance', 'time cannot be moved from inside a timer callback');
  }

  /**
   * Yields to the real event loop until `turns` consecutive turns schedule or cancel nothing.
   * Async work that keeps scheduling without ever letting virtual time move would hold it
   * forever; after MAX_SETTLE_TURNS turns that is reported as NotIdle instead of hanging.
   */
  private async settle(turns: number): Promise<void> {
    for (let quiet = 0, turn = 0; quiet < turns; turn++) {
      if (turn === MAX_SETTLE_TURNS) {
        throw new ClockError('NotIdle', `async work kept scheduling timers for ${turn} event-loop turns without letting time move`);
      }
      const version = this.scheduleVersion;
      await yieldToEventLoop();
      quiet = this.scheduleVersion === version ? quiet + 1 : 0;
    }
  }

  private notify(): void {
    const state = this.state;
    const told = this.told;
    if (state.now === told.now && state.mode === told.mode && state.speed === told.speed) return;
    this.told = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}

/** setTimeout's reading of a delay: negative is 0, fractions truncate; NaN/Infinity are bugs. */
function delayOf(ms: number): number {
  if (!Number.isFinite(ms)) throw new ClockError('InvalidDuration', `timer delay must be a finite number, got ${ms}`);
  return Math.max(0, Math.trunc(ms));
}

/** An advance: whole milliseconds, never negative (virtual time only moves forward). */
function wholeDuration(ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new ClockError('InvalidDuration', `advance takes whole non-negative milliseconds, got ${ms}`);
  }
  return ms;
}
