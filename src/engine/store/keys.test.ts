import { describe, expect, it } from 'vitest';
import { compareKeys, prefixEnd } from './keys.ts';

describe('prefixEnd', () => {
  it.each([
    { name: 'increments the last character', prefix: '/registry/pods/', want: '/registry/pods0' },
    { name: 'works on a single character', prefix: 'a', want: 'b' },
    { name: "gives '\\0' (every key) for the empty prefix", prefix: '', want: '\0' },
    { name: 'skips the surrogate gap after U+D7FF', prefix: 'a\ud7ff', want: 'a\ue000' },
    { name: 'increments past the BMP into astral code points', prefix: 'a\uffff', want: 'a\u{10000}' },
    { name: 'drops trailing U+10FFFF and increments what is before it', prefix: 'a\u{10ffff}', want: 'b' },
    { name: "gives '\\0' when every character is U+10FFFF", prefix: '\u{10ffff}', want: '\0' },
  ])('$name', ({ prefix, want }) => expect(prefixEnd(prefix)).toBe(want));

  it('bounds exactly the keys that start with the prefix', () => {
    const keys = ['a', 'a/', 'a/b', 'a/\uffff', 'a/\u{10000}', 'a0', 'a.', 'b'];
    const end = prefixEnd('a/');
    const inRange = keys.filter((k) => compareKeys(k, 'a/') >= 0 && compareKeys(k, end) < 0);
    expect(inRange).toEqual(keys.filter((k) => k.startsWith('a/')));
  });
});

describe('compareKeys', () => {
  it('orders as UTF-8 bytes do', () => {
    const keys = ['\u{10000}', '\uffff', 'b', 'a', 'ab', '', 'é', '\ue000', '\ud7ff'];
    const bytes = (s: string) => [...new TextEncoder().encode(s)];
    const byBytes = [...keys].sort((x, y) => {
      const a = bytes(x);
      const b = bytes(y);
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    });
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
  });
});
