/** A scheduled callback on a clock; pass it back to `cancel` to stop it. */
export interface TimerHandle {
  readonly id: number;
}

/** A deterministic pseudo-random source (seeded). */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A lowercase hex string of `length` characters (uids, tokens, generateName suffixes). */
  hex(length: number): string;
}

/**
 * What the engine sees of time. Everything that waits in the engine waits through this, so a
 * test or the UI can pause, step or speed up the whole cluster.
 * `setTimeout`/`clearTimeout` are xstate's `Clock` interface, so actors run on virtual time.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, virtual. */
  now(): number;
  /** Runs `fn` once after `ms` virtual milliseconds. */
  after(ms: number, fn: () => void): TimerHandle;
  /** Runs `fn` every `ms` virtual milliseconds, first after `ms`. */
  every(ms: number, fn: () => void): TimerHandle;
  cancel(handle: TimerHandle | undefined): void;
  setTimeout(fn: (...args: unknown[]) => void, ms: number): number;
  clearTimeout(id: number): void;
  readonly rng: Rng;
}

/** Whether virtual time follows real time (`playing`) or only moves when told (`paused`). */
export type ClockMode = 'paused' | 'playing';

/** What the UI draws of the clock: handed to `onChange` listeners after every change. */
export interface ClockState {
  /** Virtual milliseconds since the Unix epoch. */
  readonly now: number;
  readonly mode: ClockMode;
  /** The real-time multiplier used while playing; kept while paused so play resumes at it. */
  readonly speed: number;
}
