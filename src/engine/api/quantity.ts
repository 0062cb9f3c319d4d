// resource.Quantity: `500m`, `1.5Gi`, `1e3` — parsed exactly (BigInt, never floats) and printed in
// the canonical form the apiserver stores.
// Models staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity,
// CanonicalizeBytes, Add, Sub, Cmp, Value, MilliValue), suffix.go and amount.go.
//
// Worked example: "1.5Gi" → digits 15, scale -1, × 2^30 → value 1610612736 (BinarySI);
// canonical: the integer has two factors of 1024 → "1536" + "Mi".
import type { Parsed } from './labels.ts';

/** How a quantity prints: `12Mi`, `12M`, or `12e6`. Kept from the input, as upstream does. */
export type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** An exact decimal: `unscaled × 10^scale`. */
export interface Quantity {
  readonly unscaled: bigint;
  readonly scale: number;
  readonly format: Format;
  /** The input text, kept when it was already canonical (upstream caches it and serializes it verbatim). */
  readonly text?: string;
}

const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** quantity.go ErrFormatWrong, ErrNumeric, ErrSuffix. */
export const ErrFormatWrong = `quantities must match the regular expression '${splitREString}'`;
export const ErrNumeric = 'unable to parse numeric part of quantity';
export const ErrSuffix = "unable to parse quantity's suffix";

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = 2n ** 63n - 1n;

interface Scanned { positive: boolean; value: string; num: string; denom: string; suffix: string }

// Models quantity.go parseQuantityString: sign, number (leading zeros dropped), fraction, suffix.
function scanQuantity(str: string): Scanned | null {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') { positive = str[0] === '+'; pos++; }
  while (pos < str.length && str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const digitsFrom = (i: number) => { while (i < str.length && str[i]! >= '0' && str[i]! <= '9') i++; return i; };
  let end = digitsFrom(pos);
  const num = str.slice(pos, end) || '0';
  let denom = '';
  if (str[end] === '.') {
    const d = digitsFrom(end + 1);
    denom = str.slice(end + 1, d);
    end = d;
  }
  const value = str.slice(0, end);
  let i = end;
  while (i < str.length && 'eEinumkKMGTP'.includes(str[i]!)) i++;
  if (str[i] === '-' || str[i] === '+') i++;
  if (digitsFrom(i) !== str.length) return null;
  return { positive, value, num, denom, suffix: str.slice(end) };
}

// Models suffix.go interpret: SI suffixes, binary suffixes, then `e<int>` / `E<int>` (int64, cut to int32).
function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: Format } | null {
  if (Object.hasOwn(decimalSuffixes, s)) return { base: 10, exponent: decimalSuffixes[s]!, format: 'DecimalSI' };
  if (Object.hasOwn(binarySuffixes, s)) return { base: 2, exponent: binarySuffixes[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const n = BigInt(s.slice(1));
    if (n > MAX_INT64 || n < -MAX_INT64 - 1n) return null;
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return null;
}

const fail = (message: string): Parsed<Quantity> => ({ ok: false, message });
const abs = (n: bigint) => (n < 0n ? -n : n);

/** Parses a quantity string exactly as resource.ParseQuantity does, or returns its error text. */
export function parseQuantity(str: string): Parsed<Quantity> {
  if (str.length === 0) return fail(ErrFormatWrong);
  if (str === '0') return { ok: true, value: { unscaled: 0n, scale: 0, format: 'DecimalSI', text: '0' } };
  const scanned = scanQuantity(str);
  if (!scanned) return fail(ErrFormatWrong);
  const { positive, value, num, denom } = scanned;
  const suffix = interpretSuffix(scanned.suffix);
  if (!suffix) return fail(ErrSuffix);
  let { format } = suffix;
  const digits = BigInt(num + denom);
  let unscaled = suffix.base === 2 ? digits << BigInt(suffix.exponent) : digits;
  let scale = (suffix.base === 10 ? suffix.exponent : 0) - denom.length;

  // Upstream's int64 fast path: when it applies, the value is exact and, if already canonical,
  // the input text is kept as the serialized form.
  const precision = suffix.base === 10 ? 18 - (num.length + denom.length)
    : denom.length === 0 ? 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1 : -1;
  const fast = precision >= 0 && scale >= -9 && unscaled <= MAX_INT64;
  if (fast) {
    const shifted = num + denom;
    const canonical = suffix.base === 2 ? (digits & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
    const q: Quantity = { unscaled: positive ? unscaled : -unscaled, scale, format };
    return { ok: true, value: canonical ? { ...q, text: str } : q };
  }
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) return fail(ErrNumeric);
  // Slow path: round up to the nano unit (you asked for something, you get at least 1n), cap binary at int64.
  if (scale < -9 && unscaled !== 0n) {
    const drop = -9 - scale;
    if (drop > unscaled.toString().length) unscaled = 1n;
    else {
      const div = 10n ** BigInt(drop);
      unscaled = unscaled / div + (unscaled % div === 0n ? 0n : 1n);
    }
    scale = -9;
  }
  if (format === 'BinarySI' && compareMagnitude(unscaled, scale, MAX_INT64, 0) > 0) { unscaled = MAX_INT64; scale = 0; }
  if (format === 'BinarySI' && unscaled !== 0n && compareMagnitude(unscaled, scale, 1n, 0) < 0) format = 'DecimalSI';
  return { ok: true, value: { unscaled: positive ? unscaled : -unscaled, scale, format } };
}

// Compares |a·10^as| with |b·10^bs| without building huge powers of ten when the exponents are far apart.
function compareMagnitude(a: bigint, as: number, b: bigint, bs: number): number {
  a = abs(a); b = abs(b);
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  const ma = a.toString().length + as, mb = b.toString().length + bs;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const [x, y] = as >= bs ? [a * 10n ** BigInt(as - bs), b] : [a, b * 10n ** BigInt(bs - as)];
  return x === y ? 0 : x < y ? -1 : 1;
}

const sign = (q: Quantity) => (q.unscaled === 0n ? 0 : q.unscaled < 0n ? -1 : 1);
export const isZero = (q: Quantity) => q.unscaled === 0n;

/** -1, 0 or 1 as a is less than, equal to or greater than b. Models Quantity.Cmp. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const sa = sign(a), sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return sa * compareMagnitude(a.unscaled, a.scale, b.unscaled, b.scale);
}

function align(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const scale = Math.min(a.scale, b.scale);
  return [a.unscaled * 10n ** BigInt(a.scale - scale), b.unscaled * 10n ** BigInt(b.scale - scale), scale];
}

// Models Quantity.Add: a zero left side takes the right side's format; the cached text is dropped.
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const [x, y, scale] = align(a, b);
  return { unscaled: x + y, scale, format: isZero(a) ? b.format : a.format };
}

// Models Quantity.Sub.
export function subQuantity(a: Quantity, b: Quantity): Quantity {
  const [x, y, scale] = align(a, b);
  return { unscaled: x - y, scale, format: isZero(a) ? b.format : a.format };
}

// Models Quantity.ScaledValue: the value in units of 10^unitScale, rounded away from zero (ceil for positives).
function scaledValue(q: Quantity, unitScale: number): bigint {
  const shift = q.scale - unitScale;
  if (shift >= 0) return q.unscaled * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const whole = q.unscaled / div;
  return q.unscaled % div === 0n ? whole : whole + BigInt(sign(q));
}

/** Whole units, rounded up (Quantity.Value): memory in bytes, pods, GPUs. */
export const quantityValue = (q: Quantity): number => Number(scaledValue(q, 0));
/** Thousandths, rounded up (Quantity.MilliValue): CPU in millicores. */
export const milliValue = (q: Quantity): number => Number(scaledValue(q, -3));
/** An approximate float (AsApproximateFloat64), for charts and ratios only. */
export const toNumber = (q: Quantity): number => parseFloat(`${q.unscaled}e${q.scale}`);

/** A whole-number quantity in the given format (resource.NewQuantity). */
export const newQuantity = (value: number | bigint, format: Format): Quantity => ({ unscaled: BigInt(value), scale: 0, format });
/** value/1000 in the given format (resource.NewMilliQuantity). */
export const newMilliQuantity = (value: number | bigint, format: Format): Quantity => ({ unscaled: BigInt(value), scale: -3, format });

// Models quantity.go CanonicalizeBytes + String: the largest suffix that keeps the number whole.
export function quantityString(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  let whole: bigint | undefined;
  if (format === 'BinarySI') {
    if (compareMagnitude(q.unscaled, q.scale, 1024n, 0) < 0) format = 'DecimalSI';
    else {
      whole = scaledValue(q, 0);
      if (compareQuantity({ unscaled: whole, scale: 0, format }, q) !== 0) format = 'DecimalSI';
    }
  }
  if (format === 'BinarySI' && whole !== undefined) {
    let exp = 0;
    while (whole % 1024n === 0n) { whole /= 1024n; exp++; }
    const suffix = Object.keys(binarySuffixes).find((s) => binarySuffixes[s] === exp * 10) ?? '';
    return `${whole}${suffix}`;
  }
  let mantissa = q.unscaled;
  let exponent = q.scale;
  while (mantissa % 10n === 0n) { mantissa /= 10n; exponent++; }
  while (exponent % 3 !== 0) { mantissa *= 10n; exponent--; }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Past E (10^18) there is no SI suffix; upstream then prints the bare mantissa (a known quirk).
  const suffix = Object.keys(decimalSuffixes).find((s) => decimalSuffixes[s] === exponent) ?? '';
  return `${mantissa}${suffix}`;
}

// Models Quantity.UnmarshalJSON: strings are trimmed; JSON numbers parse from their text; null is zero.
export function quantityFromJSON(v: unknown): Parsed<Quantity> {
  if (v === null) return { ok: true, value: { unscaled: 0n, scale: 0, format: 'DecimalSI' } };
  if (typeof v === 'number' && Number.isFinite(v)) return parseQuantity(String(v));
  if (typeof v === 'string') return parseQuantity(v.trim());
  return fail(ErrFormatWrong);
}
