import { describe, expect, it } from 'vitest';
import { ClockError } from './errors.ts';
import { createRng } from './rng.ts';
import type { Rng } from './types.ts';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('createRng', () => {
  // Computed by an independent implementation of sfc32 seeded through a Weyl sequence and
  // fmix32 (12 outputs discarded). Any change here changes every simulated cluster: on purpose only.
  it.each([
    { seed: 1, want: [1828152527, 3394835397, 2967886022, 2251045104, 4148684523] },
    { seed: 42, want: [1028872839, 2516511472, 400437680, 853279530, 1920286840] },
  ])('seed $seed yields the published sfc32 sequence', ({ seed, want }) => {
    expect(draws(createRng(seed), 5).map((x) => x * 2 ** 32)).toEqual(want);
  });

  it('repeats the same sequence of next, int, pick and hex for the same seed', () => {
    const trace = (rng: Rng) => [rng.next(), rng.int(1000), rng.pick(['a', 'b', 'c']), rng.hex(12), rng.next()];
    expect(trace(createRng(7))).toEqual(trace(createRng(7)));
  });

  it.each([
    { name: 'adjacent seeds give different sequences', a: 1, b: 2 },
    { name: 'seed zero is a seed like any other', a: 0, b: 1 },
  ])('$name', ({ a, b }) => {
    expect(draws(createRng(a), 4)).not.toEqual(draws(createRng(b), 4));
  });

  it('takes the seed as a 32-bit unsigned integer', () => {
    expect(draws(createRng(2 ** 32), 4)).toEqual(draws(createRng(0), 4));
    expect(draws(createRng(-1), 4)).toEqual(draws(createRng(2 ** 32 - 1), 4));
  });

  it('next stays in [0, 1)', () => {
    for (const x of draws(createRng(3), 10_000)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it.each([1, 2, 7, 1000, 2 ** 32])('int(%i) stays in [0, n) and is whole', (n) => {
    const rng = createRng(5);
    for (let i = 0; i < 2_000; i++) {
      const x = rng.int(n);
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(n);
    }
  });

  it('int spreads evenly: a chi-square over 10 buckets stays under the 99.9% bound', () => {
    const rng = createRng(11);
    const samples = 20_000;
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < samples; i++) counts[rng.int(10)]!++;
    const expected = samples / 10;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(27.88); // 9 degrees of freedom, p = 0.001
  });

  it('pick reaches every element', () => {
    const rng = createRng(9);
    const seen = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c', 'd'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each([0, 1, 5, 8, 9, 32])('hex(%i) is that many lowercase hex digits', (length) => {
    expect(createRng(4).hex(length)).toMatch(new RegExp(`^[0-9a-f]{${length}}$`));
  });

  it.each([
    { name: 'int(0) has no value to return', call: (rng: Rng) => rng.int(0) },
    { name: 'int of a fraction is refused', call: (rng: Rng) => rng.int(1.5) },
    { name: 'int of a negative is refused', call: (rng: Rng) => rng.int(-3) },
    { name: 'int beyond 2^32 is refused', call: (rng: Rng) => rng.int(2 ** 32 + 1) },
    { name: 'pick from an empty array has nothing to pick', call: (rng: Rng) => rng.pick([]) },
    { name: 'hex of a negative length is refused', call: (rng: Rng) => rng.hex(-1) },
    { name: 'hex of a fractional length is refused', call: (rng: Rng) => rng.hex(2.5) },
  ])('$name', ({ call }) => {
    expect(() => call(createRng(1))).toThrow(expect.objectContaining({ reason: 'InvalidArgument' }));
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => createRng(Number.NaN)).toThrow(ClockError);
  });
});
