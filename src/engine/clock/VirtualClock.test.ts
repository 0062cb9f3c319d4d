import { describe, expect, it, vi } from 'vitest';
import { createActor, setup } from 'xstate';
import { ClockError, type ClockErrorReason } from './errors.ts';
import { DEFAULT_START_TIME, VirtualClock } from './VirtualClock.ts';

/** A clock and a trace of `label@ms-since-start` lines its timers append to. */
function traced(seed = 1) {
  const clock = new VirtualClock({ seed });
  const start = clock.now();
  const trace: string[] = [];
  const mark = (label: string) => () => void trace.push(`${label}@${clock.now() - start}`);
  return { clock, start, trace, mark };
}

describe('VirtualClock time', () => {
  it('starts at 2026-01-01T00:00:00Z by default, or at startTime', () => {
    expect(new Date(new VirtualClock({ seed: 1 }).now()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(DEFAULT_START_TIME).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(new VirtualClock({ seed: 1, startTime: 5_000 }).now()).toBe(5_000);
  });

  it('does not move by itself', () => {
    const { clock, start } = traced();
    expect(clock.now()).toBe(start);
    expect(clock.mode).toBe('paused');
  });
});

describe('VirtualClock timer order', () => {
  it.each([
    { name: 'timers fire in due-time order, whatever order they were scheduled in',
      delays: [['a', 30], ['b', 10], ['c', 20]] as const, want: ['b@10', 'c@20', 'a@30'] },
    { name: 'timers due at the same instant fire in scheduling order',
      delays: [['a', 10], ['b', 5], ['c', 10], ['d', 10]] as const, want: ['b@5', 'a@10', 'c@10', 'd@10'] },
    { name: 'zero delays fire at the current instant, in scheduling order',
      delays: [['a', 0], ['b', 0]] as const, want: ['a@0', 'b@0'] },
    { name: 'a negative delay is read as zero, as setTimeout reads it',
      delays: [['a', 1], ['b', -50]] as const, want: ['b@0', 'a@1'] },
    { name: 'a fractional delay is truncated, as setTimeout truncates it',
      delays: [['a', 2], ['b', 1.9]] as const, want: ['b@1', 'a@2'] },
  ])('$name', ({ delays, want }) => {
    const { clock, trace, mark } = traced();
    for (const [label, ms] of delays) clock.after(ms, mark(label));
    clock.advance(100);
    expect(trace).toEqual(want);
  });

  it('setTimeout and after share one queue and one order', () => {
    const { clock, trace, mark } = traced();
    clock.setTimeout(mark('xstate'), 10);
    clock.after(10, mark('engine'));
    clock.setTimeout(mark('early'), 5);
    clock.advance(10);
    expect(trace).toEqual(['early@5', 'xstate@10', 'engine@10']);
  });
});

describe('VirtualClock.advance', () => {
  it.each([
    { name: 'a timer due exactly at the end of the advance fires', delay: 100, advance: 100, fired: true },
    { name: 'a timer due one millisecond after the end does not', delay: 101, advance: 100, fired: false },
    { name: 'advance(0) fires timers due now', delay: 0, advance: 0, fired: true },
  ])('$name', ({ delay, advance, fired }) => {
    const { clock, trace, mark } = traced();
    clock.after(delay, mark('t'));
    clock.advance(advance);
    expect(trace.length === 1).toBe(fired);
  });

  it('ends exactly at now + ms, and reads each due time inside the callbacks', () => {
    const { clock, start, trace, mark } = traced();
    clock.after(30, mark('a'));
    clock.advance(45);
    expect(trace).toEqual(['a@30']);
    expect(clock.now()).toBe(start + 45);
  });

  it('fires, in the same advance, timers that firing timers schedule within it', () => {
    const { clock, trace, mark } = traced();
    clock.after(10, () => {
      mark('parent')();
      clock.after(0, mark('now'));
      clock.after(5, mark('soon'));
      clock.after(91, mark('beyond'));
    });
    clock.after(10, mark('sibling'));
    clock.advance(100);
    expect(trace).toEqual(['parent@10', 'sibling@10', 'now@10', 'soon@15']);
    clock.advance(1);
    expect(trace.at(-1)).toBe('beyond@101');
  });

  it('is the same whether time moves in one jump or many small ones', () => {
    const run = (chunks: number[]) => {
      const { clock, trace, mark } = traced();
      clock.every(7, mark('every7'));
      clock.after(10, () => clock.after(3, mark('nested')));
      clock.after(13, mark('tie'));
      for (const ms of chunks) clock.advance(ms);
      return trace;
    };
    expect(run([1, 2, 3, 5, 8, 13])).toEqual(run([32]));
  });
});

describe('VirtualClock.every', () => {
  it('keeps a fixed period from its start, however time is advanced', () => {
    const { clock, trace, mark } = traced();
    clock.every(300, mark('tick'));
    for (let i = 0; i < 100; i++) clock.advance(13);
    expect(trace).toEqual(['tick@300', 'tick@600', 'tick@900', 'tick@1200']);
  });

  it('takes its turn among equal due times from when each firing was armed', () => {
    // The second tick is armed at 100, after `once` (armed at 0), so `once` goes first at 200.
    const { clock, trace, mark } = traced();
    clock.every(100, mark('tick'));
    clock.after(200, mark('once'));
    clock.advance(200);
    expect(trace).toEqual(['tick@100', 'once@200', 'tick@200']);
  });

  it.each([0, 0.5, -10])('refuses a period of %s ms, which would never let time pass', (ms) => {
    expect(() => traced().clock.every(ms, () => {})).toThrow(expect.objectContaining({ reason: 'InvalidPeriod' }));
  });
});

describe('VirtualClock.cancel', () => {
  it('stops a timer before it fires, and is harmless twice or on undefined', () => {
    const { clock, trace, mark } = traced();
    const handle = clock.after(10, mark('a'));
    clock.cancel(handle);
    clock.cancel(handle);
    clock.cancel(undefined);
    clock.advance(20);
    expect(trace).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('clearTimeout stops a setTimeout, by id', () => {
    const { clock, trace, mark } = traced();
    const id = clock.setTimeout(mark('a'), 10);
    clock.clearTimeout(id);
    clock.advance(20);
    expect(trace).toEqual([]);
  });

  it('from inside a callback, stops a timer due at the same instant', () => {
    const { clock, trace, mark } = traced();
    clock.after(10, () => {
      mark('a')();
      clock.cancel(b);
    });
    const b = clock.after(10, mark('b'));
    clock.after(10, mark('c'));
    clock.advance(10);
    expect(trace).toEqual(['a@10', 'c@10']);
  });

  it('stops an every from outside, between firings', () => {
    const { clock, trace, mark } = traced();
    const handle = clock.every(10, mark('tick'));
    clock.advance(25);
    clock.cancel(handle);
    clock.advance(100);
    expect(trace).toEqual(['tick@10', 'tick@20']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops an every from inside its own callback', () => {
    const { clock, trace } = traced();
    let count = 0;
    const handle = clock.every(10, () => {
      trace.push(`tick${++count}`);
      if (count === 3) clock.cancel(handle);
    });
    clock.advance(1_000);
    expect(trace).toEqual(['tick1', 'tick2', 'tick3']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stays correct through many cancellations (the queue compacts dead entries)', () => {
    const { clock, trace, mark } = traced();
    const handles = Array.from({ length: 500 }, (_, i) => clock.after(i + 1, mark(`t${i + 1}`)));
    handles.forEach((h, i) => (i % 100 === 99 ? undefined : clock.cancel(h)));
    expect(clock.pendingTimers).toBe(5);
    clock.advance(1_000);
    expect(trace).toEqual(['t100@100', 't200@200', 't300@300', 't400@400', 't500@500']);
  });
});

describe('VirtualClock.step', () => {
  it('jumps to the earliest timer and fires it alone, even when others share its instant', () => {
    const { clock, start, trace, mark } = traced();
    clock.after(50, mark('a'));
    clock.after(50, mark('b'));
    clock.after(80, mark('c'));
    expect(clock.step()).toBe(true);
    expect(trace).toEqual(['a@50']);
    expect(clock.now()).toBe(start + 50);
    expect(clock.step()).toBe(true);
    expect(clock.step()).toBe(true);
    expect(trace).toEqual(['a@50', 'b@50', 'c@80']);
    expect(clock.step()).toBe(false);
    expect(clock.now()).toBe(start + 80);
  });

  it('steps through an every one firing at a time', () => {
    const { clock, trace, mark } = traced();
    clock.every(1_000, mark('tick'));
    clock.step();
    clock.step();
    expect(trace).toEqual(['tick@1000', 'tick@2000']);
  });
});

describe('VirtualClock.runUntilIdle', () => {
  it('fires chains of one-shot timers and leaves every timers running', () => {
    const { clock, trace, mark } = traced();
    clock.every(40, mark('resync'));
    clock.after(30, () => clock.after(30, () => clock.after(30, mark('last'))));
    expect(clock.runUntilIdle()).toBe(5);
    expect(trace).toEqual(['resync@40', 'resync@80', 'last@90']);
    expect(clock.pendingTimers).toBe(1);
  });

  it('gives up with NotIdle on a chain that never ends', () => {
    const { clock } = traced();
    const retry = () => void clock.after(10, retry);
    retry();
    expect(() => clock.runUntilIdle(50)).toThrow(expect.objectContaining({ reason: 'NotIdle' }));
  });
});

describe('VirtualClock refuses misuse', () => {
  const clock = new VirtualClock({ seed: 1 });
  it.each<{ name: string; call: () => unknown; reason: ClockErrorReason }>([
    { name: 'advance backwards', call: () => clock.advance(-1), reason: 'InvalidDuration' },
    { name: 'advance by a fraction of a millisecond', call: () => clock.advance(1.5), reason: 'InvalidDuration' },
    { name: 'advance by NaN', call: () => clock.advance(Number.NaN), reason: 'InvalidDuration' },
    { name: 'a timer delayed by Infinity', call: () => clock.after(Infinity, () => {}), reason: 'InvalidDuration' },
    { name: 'a setTimeout delayed by NaN', call: () => clock.setTimeout(() => {}, Number.NaN), reason: 'InvalidDuration' },
    { name: 'a start time that is not whole milliseconds', call: () => new VirtualClock({ seed: 1, startTime: 0.5 }), reason: 'InvalidDuration' },
    { name: 'play at x0 (that is pause)', call: () => clock.play(0), reason: 'SpeedOutOfRange' },
    { name: 'play below x0.25', call: () => clock.play(0.2), reason: 'SpeedOutOfRange' },
    { name: 'play above x100', call: () => clock.play(101), reason: 'SpeedOutOfRange' },
    { name: 'play at NaN', call: () => clock.play(Number.NaN), reason: 'SpeedOutOfRange' },
  ])('$name', ({ call, reason }) => {
    expect(call).toThrow(ClockError);
    expect(call).toThrow(expect.objectContaining({ reason }));
    expect(clock.mode).toBe('paused');
  });

  it.each([
    { name: 'advance', move: (c: VirtualClock) => c.advance(1) },
    { name: 'step', move: (c: VirtualClock) => c.step() },
    { name: 'runUntilIdle', move: (c: VirtualClock) => c.runUntilIdle() },
  ])('refuses $name from inside a timer callback', ({ move }) => {
    const { clock, start } = traced();
    clock.after(10, () => move(clock));
    clock.after(20, () => {});
    expect(() => clock.advance(30)).toThrow(expect.objectContaining({ reason: 'ReentrantAdvance' }));
    expect(clock.now()).toBe(start + 30);
  });
});

describe('VirtualClock timer errors', () => {
  it('fires the remaining timers, ends the advance on time, then throws what a callback threw', () => {
    const { clock, start, trace, mark } = traced();
    const boom = new TypeError('boom');
    clock.after(10, () => {
      throw boom;
    });
    clock.after(20, mark('after'));
    expect(() => clock.advance(30)).toThrow(boom);
    expect(trace).toEqual(['after@20']);
    expect(clock.now()).toBe(start + 30);
  });

  it('throws an AggregateError when several callbacks threw', () => {
    const { clock } = traced();
    clock.after(1, () => { throw new Error('one'); });
    clock.after(2, () => { throw new Error('two'); });
    expect(() => clock.advance(5)).toThrow(AggregateError);
  });

  it('hands errors to onTimerError instead, when given', () => {
    const onTimerError = vi.fn();
    const clock = new VirtualClock({ seed: 1, onTimerError });
    const boom = new Error('boom');
    clock.after(1, () => { throw boom; });
    clock.advance(5);
    expect(onTimerError).toHaveBeenCalledWith(boom);
  });
});

describe('VirtualClock.onChange', () => {
  it('reports time after each advance and step, and stops after unsubscribe', () => {
    const { clock, start } = traced();
    const seen: number[] = [];
    const unsubscribe = clock.onChange((state) => seen.push(state.now - start));
    clock.after(5, () => {});
    clock.advance(3);
    clock.step();
    unsubscribe();
    clock.advance(10);
    expect(seen).toEqual([3, 5]);
  });
});

describe('VirtualClock determinism', () => {
  /** A little cluster: timers that draw from the rng to decide what to schedule next. */
  function simulate(seed: number): string[] {
    const clock = new VirtualClock({ seed });
    const trace: string[] = [];
    const worker = (name: string) => {
      const work = () => {
        trace.push(`${name}@${clock.now()}:${clock.rng.hex(4)}`);
        if (clock.rng.next() < 0.8) clock.after(clock.rng.int(500), work);
      };
      return work;
    };
    for (const name of ['kubelet', 'scheduler', 'controller']) clock.after(clock.rng.int(100), worker(name));
    clock.every(250, () => trace.push(`resync@${clock.now()}`));
    clock.advance(5_000);
    return trace;
  }

  it('two clocks with the same seed and schedule produce identical traces', () => {
    const trace = simulate(42);
    expect(trace.length).toBeGreaterThan(20);
    expect(simulate(42)).toEqual(trace);
  });

  it('another seed produces another trace', () => {
    expect(simulate(43)).not.toEqual(simulate(42));
  });
});

describe('VirtualClock as the xstate clock', () => {
  // A container's back-off in the shape of STYLE.md §4: delays named in setup, facts as events.
  const containerMachine = setup({
    types: { events: {} as { type: 'container.exited' } },
    delays: { crashLoopBackOff: 10_000 },
  }).createMachine({
    id: 'container',
    initial: 'running',
    states: {
      running: { on: { 'container.exited': 'CrashLoopBackOff' } },
      CrashLoopBackOff: { after: { crashLoopBackOff: 'running' }, on: { 'container.exited': 'terminated' } },
      terminated: { type: 'final' },
    },
  });

  it('an `after` transition happens exactly when the clock passes the delay', () => {
    const clock = new VirtualClock({ seed: 1 });
    const actor = createActor(containerMachine, { clock }).start();
    actor.send({ type: 'container.exited' });
    expect(actor.getSnapshot().value).toBe('CrashLoopBackOff');
    clock.advance(9_999);
    expect(actor.getSnapshot().value).toBe('CrashLoopBackOff');
    clock.advance(1);
    expect(actor.getSnapshot().value).toBe('running');
    expect(clock.pendingTimers).toBe(0);
  });

  it('leaving the state early cancels its delay on the clock', () => {
    const clock = new VirtualClock({ seed: 1 });
    const actor = createActor(containerMachine, { clock }).start();
    actor.send({ type: 'container.exited' });
    expect(clock.pendingTimers).toBe(1);
    actor.send({ type: 'container.exited' });
    expect(actor.getSnapshot().value).toBe('terminated');
    expect(clock.pendingTimers).toBe(0);
    clock.advance(20_000);
    expect(actor.getSnapshot().value).toBe('terminated');
  });
});
