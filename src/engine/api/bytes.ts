// A container's streams and files are bytes; the engine carries them as strings. This is the
// one mapping between the two, used wherever bytes cross into or out of the engine (an exec's
// WebSocket frames, tar's archive): UTF-8, with every byte that is not part of a valid UTF-8
// sequence carried as the lone surrogate U+DC80..U+DCFF (Python's "surrogateescape", PEP 383).
// Text stays text (`cat` of a UTF-8 file prints as it should), and any byte sequence — a tar
// archive, a binary file — survives bytes → string → bytes exactly, since no valid UTF-8 ever
// decodes to a lone surrogate.

const ESCAPE_BASE = 0xdc00;

/** The bytes a string stands for: UTF-8, escaped bytes back to themselves (other lone surrogates become U+FFFD, as TextEncoder writes them). */
export function encodeBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      out[n++] = c - ESCAPE_BASE;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      c = 0xfffd;
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 0x3f);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
    }
    out[n++] = 0x80 | (c & 0x3f);
  }
  return out.slice(0, n);
}

/** The length of the UTF-8 sequence a lead byte starts, and the range its second byte must be in (RFC 3629's table); undefined for a byte no sequence starts with. */
function sequenceOf(lead: number): [length: number, min: number, max: number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return undefined;
}

/**
 * Bytes → string, chunk by chunk: a UTF-8 sequence split across two chunks is held back until
 * the rest arrives (`stream: true`), as TextDecoder does, so that how a stream was cut does
 * not change what it decodes to.
 */
export class ByteDecoder {
  private pending = new Uint8Array(0);

  decode(chunk: Uint8Array, options: { stream?: boolean } = {}): string {
    const bytes = this.pending.length ? concat(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    const units: number[] = [];
    let text = '';
    for (let i = 0; i < bytes.length;) {
      const lead = bytes[i]!;
      if (lead < 0x80) {
        units.push(lead);
        i++;
      } else {
        const seq = sequenceOf(lead);
        let valid = 0;
        if (seq) {
          const [length, min, max] = seq;
          valid = 1;
          while (valid < length && i + valid < bytes.length) {
            const b = bytes[i + valid]!;
            const [lo, hi] = valid === 1 ? [min, max] : [0x80, 0xbf];
            if (b < lo || b > hi) break;
            valid++;
          }
          if (valid < length && i + valid === bytes.length && options.stream) {
            // The sequence may go on in the next chunk.
            this.pending = bytes.slice(i);
            break;
          }
          if (valid === length) {
            let c = lead & (0xff >> (length + 1));
            for (let k = 1; k < length; k++) c = (c << 6) | (bytes[i + k]! & 0x3f);
            if (c >= 0x10000) units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
            else units.push(c);
            i += length;
            valid = -1;
          }
        }
        if (valid !== -1) {
          units.push(ESCAPE_BASE + lead);
          i++;
        }
      }
      if (units.length >= 8192) text += String.fromCharCode(...units.splice(0));
    }
    return text + String.fromCharCode(...units);
  }
}

/** A whole byte sequence as a string. */
export function decodeBytes(bytes: Uint8Array): string {
  return new ByteDecoder().decode(bytes);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
