// Misuse of the clock is a programming error, but it still gets a typed value, never
// `new Error('oops')`: callers and tests check `reason`, not message text (STYLE.md §5).

/** Why the clock refused a call. */
export type ClockErrorReason =
  /** `play(speed)` outside x0.25 .. x100. */
  | 'SpeedOutOfRange'
  /** A duration that is not a finite number, or a negative `advance` (time never goes back). */
  | 'InvalidDuration'
  /** `every(ms)` with a period under 1 ms: it would fire forever without time passing. */
  | 'InvalidPeriod'
  /** `advance`/`step`/`runUntilIdle` called from inside a firing timer. */
  | 'ReentrantAdvance'
  /**
   * `runUntilIdle` fired its whole budget and one-shot timers were still pending, or async work
   * under `advanceAsync` kept scheduling timers without ever letting time move.
   */
  | 'NotIdle'
  /** An RNG call with an argument it cannot honour (`int(0)`, `pick([])`, negative length). */
  | 'InvalidArgument';

/** The one error type thrown by src/engine/clock. A RangeError, as the misuse is of a value. */
export class ClockError extends RangeError {
  override readonly name = 'ClockError';
  constructor(
    readonly reason: ClockErrorReason,
    message: string,
  ) {
    super(message);
  }
}
