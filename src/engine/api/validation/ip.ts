// IP address validation for pod/service/endpoint IP fields.
// Models staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidIP, IsValidIPForLegacyField)
// over Go's net.ParseIP (k8s.io/utils/net ParseIPSloppy), netip.ParseAddr and net.IP.String().
import * as field from './field.ts';
import type { FieldError, Path } from './field.ts';

/** A parsed address: 4 bytes for IPv4 (also for IPv4-mapped IPv6), else 16. */
export interface ParsedIP {
  bytes: number[];
  /** The text used an IPv4 octet with a leading zero (netip.ParseAddr refuses it). */
  leadingZero: boolean;
  /** Written as IPv6 with an embedded ::ffff:a.b.c.d prefix (netip Is4In6). */
  is4In6: boolean;
}

// Models ParseIPSloppy's IPv4 parser: decimal octets, leading zeros tolerated (and remembered).
function parseIPv4(s: string): { bytes: number[]; leadingZero: boolean } | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let leadingZero = false;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    if (p.length > 1 && p.startsWith('0')) leadingZero = true;
    bytes.push(n);
  }
  return { bytes, leadingZero };
}

function parseIPv6(s: string): ParsedIP | null {
  let text = s;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  const v4 = text.slice(lastColon + 1).includes('.') ? parseIPv4(text.slice(lastColon + 1)) : undefined;
  if (v4 === null) return null;
  if (v4) text = `${text.slice(0, lastColon + 1)}0:0`;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const words: number[] = [];
  for (const g of [...head, ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    words.push(parseInt(g, 16));
  }
  if (halves.length === 1 ? words.length !== 8 : words.length > 7) return null;
  words.splice(head.length, 0, ...Array<number>(8 - words.length).fill(0));
  if (v4) words.splice(6, 2, v4.bytes[0]! * 256 + v4.bytes[1]!, v4.bytes[2]! * 256 + v4.bytes[3]!);
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  const is4In6 = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return { bytes: is4In6 ? bytes.slice(12) : bytes, leadingZero: v4?.leadingZero ?? false, is4In6 };
}

/** Parses as Go's net.ParseIP does (sloppy: IPv4 leading zeros allowed); null when invalid. */
export function parseIP(s: string): ParsedIP | null {
  if (s.includes(':')) return parseIPv6(s);
  const v4 = parseIPv4(s);
  return v4 && { bytes: v4.bytes, leadingZero: v4.leadingZero, is4In6: false };
}

// Models net.IP.String(): dotted IPv4, else RFC 5952 (longest run of >= 2 zero groups as "::").
export function formatIP(ip: ParsedIP): string {
  if (ip.bytes.length === 4) return ip.bytes.join('.');
  const words = Array.from({ length: 8 }, (_, i) => ip.bytes[2 * i]! * 256 + ip.bytes[2 * i + 1]!);
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLen))}`;
}

function parseForValidation(path: Path, value: string, strict: boolean): { ip: ParsedIP | null; errs: FieldError[] } {
  const ip = parseIP(value);
  if (!ip) return { ip, errs: [field.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] };
  const errs: FieldError[] = [];
  if (strict) {
    if (ip.leadingZero) errs.push(field.invalid(path, value, 'must not have leading 0s'));
    if (ip.is4In6) errs.push(field.invalid(path, value, 'must not be an IPv4-mapped IPv6 address'));
  }
  return { ip, errs };
}

// Models ip.go IsValidIPForLegacyField: fields that accepted sloppy IPs before v1.33's StrictIPCIDRValidation.
export function isValidIPForLegacyField(path: Path, value: string, strict: boolean, validOldIPs: readonly string[] = []): FieldError[] {
  if (validOldIPs.includes(value)) return [];
  return parseForValidation(path, value, strict).errs;
}

// Models ip.go IsValidIP: strict, and in canonical form.
export function isValidIP(path: Path, value: string): FieldError[] {
  const { ip, errs } = parseForValidation(path, value, true);
  if (errs.length || !ip) return errs;
  const canonical = formatIP(ip);
  return canonical === value ? [] : [field.invalid(path, value, `must be in canonical form (${field.goQuote(canonical)})`)];
}
