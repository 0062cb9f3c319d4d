export type { Clock, Rng, TimerHandle } from './types.ts';
