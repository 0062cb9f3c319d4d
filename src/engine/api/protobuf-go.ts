// The Go values whose JSON form is their own MarshalJSON, not their struct fields: metav1.Time
// and MicroTime (time.go, micro_time.go), metav1.Duration (duration.go, Go's time.Duration
// String/ParseDuration), and []byte (encoding/json: standard base64).
import { WireError } from './protobuf-wire.ts';

/** time.Time{}.Unix(): the zero Go time, which metav1.Time marshals as `null`. */
export const GO_ZERO_UNIX = -62135596800n;

function utcText(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // time.Time.MarshalJSON refuses years outside [0,9999].
  if (!Number.isFinite(ms) || Number.isNaN(date.getTime()) || year < 0 || year > 9999)
    throw new WireError('Time.MarshalJSON: year outside of range [0,9999]');
  return date.toISOString().slice(0, 19);
}

/** metav1.Time from its proto {seconds, nanos}: RFC 3339, whole seconds (Unmarshal drops nanos). */
export const timeJson = (seconds: bigint): string | null => (seconds === GO_ZERO_UNIX ? null : `${utcText(seconds)}Z`);

/** metav1.MicroTime: RFC 3339 with six fraction digits (nanos truncated to microseconds). */
export function microTimeJson(seconds: bigint, nanos: number): string | null {
  if (seconds === GO_ZERO_UNIX && nanos === 0) return null;
  return `${utcText(seconds)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** metav1.Time or MicroTime text → {seconds, nanos}; the zero time for null. */
export function parseTime(text: unknown): { seconds: bigint; nanos: number } {
  if (text === null || text === undefined) return { seconds: GO_ZERO_UNIX, nanos: 0 };
  const m = typeof text === 'string' ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text) : null;
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new WireError(`parsing time ${JSON.stringify(text)} as RFC 3339: cannot parse`);
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
}

// Models time.Duration.String: "1h0m0s", "1.5s", "300ms", "0s".
export function goDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const neg = nanos < 0n;
  let u = neg ? -nanos : nanos;
  const frac = (value: bigint, prec: number): [string, bigint] => {
    const scale = 10n ** BigInt(prec);
    const digits = String(value % scale).padStart(prec, '0').replace(/0+$/, '');
    return [digits ? `.${digits}` : '', value / scale];
  };
  let text: string;
  if (u < 1_000_000_000n) {
    const [unit, prec] = u < 1000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    const [fraction, whole] = frac(u, prec as number);
    text = `${whole}${fraction}${unit}`;
  } else {
    const [fraction, seconds] = frac(u, 9);
    u = seconds;
    text = `${u % 60n}${fraction}s`;
    u /= 60n;
    if (u > 0n) {
      text = `${u % 60n}m${text}`;
      u /= 60n;
      if (u > 0n) text = `${u}h${text}`;
    }
  }
  return neg ? `-${text}` : text;
}

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** time.ParseDuration, as metav1.Duration.UnmarshalJSON uses it: "1h30m", "1.5s", "-2m", "0". */
export function parseGoDuration(text: unknown): bigint {
  const bad = () => new WireError(`time: invalid duration ${JSON.stringify(text)}`);
  if (typeof text !== 'string') throw bad();
  const m = /^([-+]?)(.*)$/.exec(text)!;
  if (m[2] === '0') return 0n;
  const parts = [...m[2]!.matchAll(/(\d*)(?:\.(\d*))?([a-zµμ]+)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== m[2]) throw bad();
  let total = 0n;
  for (const [, whole = '', fraction = '', unit = ''] of parts) {
    const scale = UNITS[unit];
    if (scale === undefined || (whole === '' && fraction === '')) throw bad();
    total += BigInt(whole || '0') * scale + (fraction ? BigInt(fraction) * scale / 10n ** BigInt(fraction.length) : 0n);
  }
  return m[1] === '-' ? -total : total;
}

/** []byte in JSON: standard base64. */
export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function base64Decode(text: unknown): Uint8Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new WireError(`illegal base64 data: ${JSON.stringify(text)}`);
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
