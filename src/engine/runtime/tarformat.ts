// The tar archive format (POSIX.1-1988 ustar, as Go's archive/tar, GNU tar and busybox write
// and read it): 512-byte blocks; each member is a header block (name, octal mode/uid/gid/size/
// mtime, a checksum, a type flag, and a `prefix` that carries a long name's directories) then
// its content padded to a block; two zero blocks end the archive. Longer names come in a GNU
// `././@LongLink` member (type L) or a pax extended header (type x, Go's choice): both are read.

export const BLOCK = 512;

export interface TarEntry {
  /** The member's name as stored: `etc/hostname`, `tmp/d/` (a directory ends in `/`). */
  name: string;
  type: 'file' | 'dir' | 'other';
  mode: number;
  mtime: number;
  content: Uint8Array;
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const utf8 = new TextEncoder();

/** A NUL-terminated field. */
function field(block: Uint8Array, offset: number, length: number): Uint8Array {
  const bytes = block.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return end < 0 ? bytes : bytes.subarray(0, end);
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const text = latin1(field(block, offset, length)).trim();
  return text ? parseInt(text, 8) : 0;
}

/** The unsigned sum of a header's bytes with its checksum field read as spaces. */
function checksumOf(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum;
}

function putString(block: Uint8Array, offset: number, length: number, value: Uint8Array | string): void {
  const bytes = typeof value === 'string' ? utf8.encode(value) : value;
  block.set(bytes.subarray(0, length), offset);
}

function putOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  putString(block, offset, length - 1, value.toString(8).padStart(length - 1, '0'));
}

/** Splits a name too long for the 100-byte field at a `/` into ustar's prefix (≤155) and name (≤100). */
function splitName(name: Uint8Array): [prefix: Uint8Array, name: Uint8Array] | undefined {
  if (name.length <= 100) return [new Uint8Array(0), name];
  for (let i = Math.min(name.length - 1, 155); i > 0; i--) {
    if (name[i] === 0x2f && name.length - i - 1 <= 100 && name.length - i - 1 > 0) return [name.subarray(0, i), name.subarray(i + 1)];
  }
  return undefined;
}

function header(name: Uint8Array, typeflag: string, mode: number, size: number, mtime: number): Uint8Array {
  const split = splitName(name);
  const block = new Uint8Array(BLOCK);
  putString(block, 0, 100, split ? split[1] : name);
  putOctal(block, 100, 8, mode);
  putOctal(block, 108, 8, 0);
  putOctal(block, 116, 8, 0);
  putOctal(block, 124, 12, size);
  putOctal(block, 136, 12, mtime);
  block[156] = typeflag.charCodeAt(0);
  putString(block, 257, 6, 'ustar\0');
  putString(block, 263, 2, '00');
  putString(block, 265, 32, 'root');
  putString(block, 297, 32, 'root');
  if (split) putString(block, 345, 155, split[0]);
  putOctal(block, 148, 7, checksumOf(block));
  block[155] = 0x20;
  return block;
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** The blocks of one member; a name that fits no ustar header goes first in a GNU LongLink member. */
export function memberBlocks(entry: TarEntry): Uint8Array[] {
  const name = utf8.encode(entry.name);
  const blocks: Uint8Array[] = [];
  if (!splitName(name)) {
    const long = new Uint8Array(name.length + 1);
    long.set(name);
    blocks.push(header(utf8.encode('././@LongLink'), 'L', 0, long.length, 0), long, padding(long.length));
  }
  const size = entry.type === 'file' ? entry.content.length : 0;
  blocks.push(header(splitName(name) ? name : name.subarray(0, 100), entry.type === 'dir' ? '5' : '0', entry.mode, size, entry.mtime));
  if (size) blocks.push(entry.content, padding(size));
  return blocks;
}

/** The end of an archive: two zero blocks. */
export const END_OF_ARCHIVE = new Uint8Array(2 * BLOCK);

export function joinBlocks(blocks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Why an archive could not be read to its end (what the tar tools print for it). */
export type TarReadError = 'not-tar' | 'bad-header' | 'truncated';

/** The members of an archive, or where reading stopped and why (the members before it are still returned). */
export function readArchive(bytes: Uint8Array): { entries: TarEntry[]; error?: TarReadError } {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= bytes.length;) {
    const block = bytes.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) return { entries };
    if (octal(block, 148, 8) !== checksumOf(block)) return { entries, error: entries.length ? 'bad-header' : 'not-tar' };
    const size = octal(block, 124, 12);
    const start = at + BLOCK;
    if (start + size > bytes.length) return { entries, error: 'truncated' };
    const content = bytes.slice(start, start + size);
    at = start + size + padding(size).length;
    const typeflag = String.fromCharCode(block[156]!);
    if (typeflag === 'L') {
      longName = new TextDecoder().decode(field(content, 0, content.length));
      continue;
    }
    if (typeflag === 'x') {
      longName = paxPath(content) ?? longName;
      continue;
    }
    if (typeflag === 'g') continue;
    const magic = latin1(block.subarray(257, 262));
    const prefix = magic === 'ustar' ? new TextDecoder().decode(field(block, 345, 155)) : '';
    const short = new TextDecoder().decode(field(block, 0, 100));
    const name = longName ?? (prefix ? `${prefix}/${short}` : short);
    longName = undefined;
    const type = typeflag === '5' || ((typeflag === '0' || typeflag === '\0') && name.endsWith('/')) ? 'dir' : typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : 'other';
    entries.push({ name, type, mode: octal(block, 100, 8), mtime: octal(block, 136, 12), content: type === 'file' ? content : new Uint8Array(0) });
  }
  // An archive that ends without its zero blocks: GNU tar and busybox accept it at a member boundary.
  return { entries };
}

/** The `path` record of a pax extended header: `NN path=VALUE\n` records. */
function paxPath(content: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(content);
  let path: string | undefined;
  for (let at = 0; at < text.length;) {
    const space = text.indexOf(' ', at);
    const length = parseInt(text.slice(at, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = utf8.encode(text.slice(at)).subarray(0, length);
    const [key, ...value] = new TextDecoder().decode(record).slice(space - at + 1, -1).split('=');
    if (key === 'path') path = value.join('=');
    at += new TextDecoder().decode(record).length;
  }
  return path;
}
