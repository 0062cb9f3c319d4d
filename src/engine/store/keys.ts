// Key order and key ranges, as etcd's: keys are byte strings compared byte by byte, and a
// range is (key, rangeEnd) with etcd's three shapes. Our keys are JS strings; comparing them by
// code point gives exactly UTF-8 byte order (UTF-16 code-unit order does not: '\uFFFF' sorts
// after '\u{10000}' in UTF-16 but before it in UTF-8).

/** Negative, zero or positive as `a` sorts before, with or after `b` in UTF-8 byte order. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (0xD800–0xDFFF) stand for code points above 0xFFFF, so they must outrank the BMP
// code units 0xE000–0xFFFF: shift them up past those, and those down into the gap.
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * The rangeEnd that selects every key starting with `prefix` (clientv3's GetPrefixRangeEnd,
 * by code point instead of by byte, which selects the same keys). A prefix with no end — ''
 * or one made only of U+10FFFF — gives '\0': every key from `prefix` on.
 */
export function prefixEnd(prefix: string): string {
  const points = Array.from(prefix, (ch) => ch.codePointAt(0) ?? 0);
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] ?? 0;
    if (p < 0x10ffff) {
      // The code point after U+D7FF is U+E000: surrogates are not code points.
      const next = p === 0xd7ff ? 0xe000 : p + 1;
      return String.fromCodePoint(...points.slice(0, i), next);
    }
  }
  return '\0';
}

/** A key range in the form the index walks: [from, to), `to` undefined = no upper bound. */
export interface KeySpan {
  from: string;
  /** Exclusive end; undefined = unbounded. */
  to: string | undefined;
  /** True when the range is the single key `from`. */
  single: boolean;
}

/** etcd's reading of (key, rangeEnd): none/'' = one key, '\0' = from key on, else [key, end). */
export function keySpan(key: string, rangeEnd: string | undefined): KeySpan {
  if (rangeEnd === undefined || rangeEnd === '') return { from: key, to: undefined, single: true };
  if (rangeEnd === '\0') return { from: key, to: undefined, single: false };
  return { from: key, to: rangeEnd, single: false };
}

/** Whether `key` falls in `span`. */
export function spanHas(span: KeySpan, key: string): boolean {
  if (span.single) return key === span.from;
  return compareKeys(key, span.from) >= 0 && (span.to === undefined || compareKeys(key, span.to) < 0);
}

/** Length of `s` in UTF-8 bytes (etcd measures requests in bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
