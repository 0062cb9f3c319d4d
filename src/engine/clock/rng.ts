// The seeded RNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter, 32-bit variant, from
// PractRand), its 128-bit state filled from the seed by a Weyl sequence passed through
// MurmurHash3's fmix32 finalizer. Both are tiny, public-domain and well studied; written here
// from their published definitions. Same seed ⇒ same sequence,
// on every JavaScript engine, because every step is 32-bit integer arithmetic (Math.imul, >>>).
import { ClockError } from './errors.ts';
import type { Rng } from './types.ts';

const TWO_TO_32 = 0x1_0000_0000;

/** Spreads one 32-bit seed over the four sfc32 words, so that nearby seeds diverge at once. */
function seedWord(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic random source; `seed` is taken as a 32-bit unsigned integer. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new ClockError('InvalidArgument', `rng seed must be a finite number, got ${seed}`);
  const mix = { s: Math.trunc(seed) >>> 0 };
  let a = seedWord(mix);
  let b = seedWord(mix);
  let c = seedWord(mix);
  let d = seedWord(mix);

  /** One sfc32 step: a 32-bit unsigned integer. */
  function nextUint32(): number {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }

  // sfc32 recommends discarding the first outputs so the state is well mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    next: () => nextUint32() / TWO_TO_32,
    int(n) {
      if (!Number.isInteger(n) || n < 1 || n > TWO_TO_32) {
        throw new ClockError('InvalidArgument', `rng.int(n) needs an integer n in [1, 2^32], got ${n}`);
      }
      // Rejection sampling: drop the top sliver of the 2^32 range that n does not divide,
      // so every value in [0, n) is equally likely.
      const limit = TWO_TO_32 - (TWO_TO_32 % n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    },
    pick(items) {
      if (items.length === 0) throw new ClockError('InvalidArgument', 'rng.pick needs a non-empty array');
      return items[rng.int(items.length)]!;
    },
    hex(length) {
      if (!Number.isInteger(length) || length < 0) {
        throw new ClockError('InvalidArgument', `rng.hex(length) needs a non-negative integer, got ${length}`);
      }
      let out = '';
      // Eight hex digits per 32-bit draw; the last draw is cut to the length asked.
      while (out.length < length) out += nextUint32().toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
  };
  return rng;
}
