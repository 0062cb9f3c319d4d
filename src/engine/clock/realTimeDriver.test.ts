import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_CATCH_UP_MS, type RealTime } from './realTimeDriver.ts';
import { VirtualClock } from './VirtualClock.ts';

// Play mode runs on real timers; vitest's fake timers stand in for them, so nothing sleeps.
describe('VirtualClock play mode', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function playing(speed: number) {
    const clock = new VirtualClock({ seed: 1 });
    const start = clock.now();
    clock.play(speed);
    return { clock, start, elapsed: () => clock.now() - start };
  }

  it.each([
    { speed: 1, real: 1_000, virtual: 1_000 },
    { speed: 4, real: 1_000, virtual: 4_000 },
    { speed: 100, real: 3_000, virtual: 300_000 },
    { speed: 0.25, real: 1_000, virtual: 250 },
    { speed: 0.25, real: 10, virtual: 2 }, // 2.5 virtual ms: whole milliseconds only, the rest carried
  ])('at x$speed, $real real ms move virtual time $virtual ms', ({ speed, real, virtual }) => {
    const { clock, elapsed } = playing(speed);
    expect(clock.mode).toBe('playing');
    expect(clock.speed).toBe(speed);
    vi.advanceTimersByTime(real);
    clock.pause();
    expect(elapsed()).toBe(virtual);
  });

  it('carries fractions of a virtual millisecond, so slow speeds do not drift', () => {
    const { clock, elapsed } = playing(0.25);
    for (let i = 0; i < 400; i++) vi.advanceTimersByTime(1);
    clock.pause();
    expect(elapsed()).toBe(100);
  });

  it.each([
    { speed: 1, delay: 1_500, realFire: 1_500 },
    { speed: 10, delay: 1_500, realFire: 150 },
    { speed: 0.25, delay: 10, realFire: 40 },
  ])('at x$speed a $delay ms timer fires after $realFire real ms, at its due time', ({ speed, delay, realFire }) => {
    const { clock, elapsed } = playing(speed);
    const firedAt: number[] = [];
    clock.after(delay, () => firedAt.push(elapsed()));
    vi.advanceTimersByTime(realFire - 1);
    expect(firedAt).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(firedAt).toEqual([delay]);
  });

  it('wakes early for a timer scheduled while playing', () => {
    const { clock } = playing(1);
    vi.advanceTimersByTime(30);
    const fired = vi.fn();
    clock.after(20, fired);
    vi.advanceTimersByTime(20);
    expect(fired).toHaveBeenCalledOnce();
  });

  it('a speed change while playing settles the time played at the old speed first', () => {
    const { clock, elapsed } = playing(1);
    vi.advanceTimersByTime(1_000);
    clock.play(10);
    vi.advanceTimersByTime(1_000);
    clock.pause();
    expect(elapsed()).toBe(11_000);
  });

  it('pause stops virtual time and leaves no real timer; play resumes at the same speed', () => {
    const { clock, elapsed } = playing(2);
    vi.advanceTimersByTime(500);
    clock.pause();
    expect(clock.mode).toBe('paused');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(elapsed()).toBe(1_000);
    clock.play();
    expect(clock.speed).toBe(2);
    vi.advanceTimersByTime(500);
    expect(elapsed()).toBe(2_000);
    clock.dispose();
  });

  it('dispose leaves no real timer running and silences listeners', () => {
    const { clock, elapsed } = playing(1);
    clock.every(10, () => {});
    const listener = vi.fn();
    clock.onChange(listener);
    vi.advanceTimersByTime(100);
    clock.dispose();
    listener.mockClear();
    expect(vi.getTimerCount()).toBe(0);
    expect(clock.mode).toBe('paused');
    vi.advanceTimersByTime(1_000);
    expect(elapsed()).toBe(100);
    clock.advance(10);
    expect(listener).not.toHaveBeenCalled();
  });

  it('tells listeners about mode, speed and the passing time, once per change', () => {
    const clock = new VirtualClock({ seed: 1 });
    const start = clock.now();
    const states: string[] = [];
    clock.onChange((s) => states.push(`${s.mode} x${s.speed} +${s.now - start}`));
    clock.play(4);
    vi.advanceTimersByTime(250); // idle: one wake per MAX_TICK_MS
    clock.pause();
    clock.pause();
    expect(states).toEqual(['playing x4 +0', 'playing x4 +400', 'playing x4 +800', 'paused x4 +1000']);
  });

  it('keeps playing after a timer callback throws, handing the error to onTimerError', () => {
    const onTimerError = vi.fn();
    const clock = new VirtualClock({ seed: 1, onTimerError });
    const ticks = vi.fn();
    clock.after(10, () => { throw new Error('boom'); });
    clock.every(100, ticks);
    clock.play(1);
    vi.advanceTimersByTime(1_000);
    clock.dispose();
    expect(onTimerError).toHaveBeenCalledOnce();
    expect(ticks).toHaveBeenCalledTimes(10);
  });
});

describe('VirtualClock play mode after a long real gap', () => {
  it(`accounts at most ${MAX_CATCH_UP_MS} real ms per wake, so a throttled tab does not burst`, () => {
    let realNow = 0;
    const pending: (() => void)[] = [];
    const realTime: RealTime = {
      now: () => realNow,
      setTimeout: (fn) => pending.push(fn),
      clearTimeout: () => {},
    };
    const clock = new VirtualClock({ seed: 1, realTime });
    const start = clock.now();
    clock.play(100);
    realNow += 60 * 60 * 1_000; // the tab slept for an hour
    pending.at(-1)!();
    expect(clock.now() - start).toBe(MAX_CATCH_UP_MS * 100);
  });
});
