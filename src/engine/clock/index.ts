export type { Clock, ClockMode, ClockState, Rng, TimerHandle } from './types.ts';
export type { ClockErrorReason } from './errors.ts';
export { ClockError } from './errors.ts';
export { createRng } from './rng.ts';
export { VirtualClock, type VirtualClockOptions } from './VirtualClock.ts';
