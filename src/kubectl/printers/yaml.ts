// kubectl -o yaml: sigs.k8s.io/yaml, which marshals the object to JSON and re-emits it with
// go-yaml v2. So: map keys in go-yaml's key order, sequences flush with their parent key,
// 2-space indentation, and go-yaml's scalar styles — plain when it can be, double-quoted when the
// plain text would read back as another type (`"1"`, `"true"`, `""`, timestamps), single-quoted
// when plain is impossible (`'*'`, `'a: b'`), literal blocks for multi-line text, and long
// plain or quoted text folded at the first space past column 80.
// Models go.yaml.in/yaml/v2 encode.go (stringv), sorter.go (keyList.Less), resolve.go, and
// emitterc.go (yaml_emitter_analyze_scalar, select_scalar_style, write_plain_scalar, ...).

const BEST_WIDTH = 80;

// What go-yaml v2's resolver reads as a non-string: YAML 1.1 bools, null, ints, floats, and
// timestamps; base-60 numbers (`1:20`) are quoted too.
const NON_STRING = [
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(~|null|Null|NULL|)$/,
  /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/,
  /^[-+]?0b[01_]+$/, /^[-+]?0x[0-9a-fA-F_]+$/, /^[-+]?\.(inf|Inf|INF)$/, /^\.(nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
  /^\d{4}-\d{1,2}-\d{1,2}([Tt ]|$)/,
];
const resolvesAsNonString = (s: string) => NON_STRING.some((re) => re.test(s));

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2's key order: letters before others, digit runs compared as numbers. */
export function compareKeys(a: string, b: string): number {
  const ar = [...a], br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!), bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0, bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') { an = 1; bn = 1; break; }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]! < br[i]! ? -1 : 1;
  }
  return ar.length - br.length;
}

interface Analysis { blockPlain: boolean; singleQuoted: boolean; block: boolean; multiline: boolean }

const isPrintable = (c: number) => c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;

// yaml_emitter_analyze_scalar, for block context.
function analyze(s: string): Analysis {
  const chars = [...s];
  let blockIndicators = false, special = false, lineBreaks = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
  let prevSpace = false, prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByBlank = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    const precededByBlank = i === 0 || chars[i - 1] === ' ' || chars[i - 1] === '\t' || chars[i - 1] === '\n';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && followedByBlank) blockIndicators = true;
    } else {
      if (c === ':' && followedByBlank) blockIndicators = true;
      if (c === '#' && precededByBlank) blockIndicators = true;
    }
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (c === '\n') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true; prevSpace = false;
    } else {
      prevSpace = false; prevBreak = false;
    }
  });
  let blockPlain = true, singleQuoted = true, block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || special) blockPlain = singleQuoted = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { blockPlain, singleQuoted, block, multiline: lineBreaks };
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\',
  '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

/** A line being written: its text so far, for go-yaml's column checks. */
class Writer {
  out = '';
  column = 0;
  write(text: string) {
    this.out += text;
    const nl = text.lastIndexOf('\n');
    this.column = nl >= 0 ? [...text.slice(nl + 1)].length : this.column + [...text].length;
  }
  /** write_indent: a new line indented to `indent`. */
  newline(indent: number) {
    this.write(`\n${' '.repeat(indent)}`);
  }
}

// Writes a string scalar at the writer's position; `indent` is where folded lines continue.
function writeString(w: Writer, s: string, indent: number, isKey: boolean): void {
  const a = analyze(s);
  let style: 'plain' | 'single' | 'double' | 'literal';
  if (resolvesAsNonString(s)) style = 'double';
  else if (s.includes('\n')) style = 'literal';
  else style = 'plain';
  if (style === 'plain' && (!a.blockPlain || (s === '' && isKey))) style = 'single';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || isKey)) style = 'double';
  const chars = [...s];
  const allowBreaks = !isKey;
  if (style === 'plain' || style === 'single') {
    if (style === 'single') w.write("'");
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const last = i === chars.length - 1;
        const breakOk = style === 'plain' || (i !== 0 && !last);
        if (allowBreaks && !spaces && w.column > BEST_WIDTH && breakOk && chars[i + 1] !== ' ') w.newline(indent);
        else w.write(c);
        spaces = true;
      } else {
        w.write(c === "'" && style === 'single' ? "''" : c);
        spaces = false;
      }
    });
    if (style === 'single') w.write("'");
    return;
  }
  if (style === 'double') {
    w.write('"');
    let spaces = false;
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0)!;
      if (ESCAPES[c] !== undefined) w.write(`\\${ESCAPES[c]}`);
      else if (!isPrintable(cp)) w.write(cp <= 0xff ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}` : cp <= 0xffff ? `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`);
      else if (c === ' ') {
        if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          w.newline(indent);
          if (chars[i + 1] === ' ') w.write('\\');
        } else w.write(c);
        spaces = true;
        return;
      } else w.write(c);
      spaces = false;
    });
    w.write('"');
    return;
  }
  // Literal block: `|` with go-yaml's chomping (`-` strip, `+` keep) and an indentation hint
  // when the text starts with a blank.
  const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') || s === '\n' ? '+' : '';
  w.write(`|${hint}${chomp}`);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  for (const line of body.split('\n')) {
    w.write('\n');
    if (line !== '') w.write(' '.repeat(indent) + line);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isEmptyCollection(v: Json): boolean {
  return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

function writeScalar(w: Writer, v: Json, indent: number): void {
  if (v === null) w.write('null');
  else if (typeof v === 'string') writeString(w, v, indent, false);
  else if (Array.isArray(v)) w.write('[]');
  else if (typeof v === 'object') w.write('{}');
  else w.write(String(v));
}

// A mapping whose first key goes at the writer's position and the rest at `indent`.
function writeMapping(w: Writer, obj: { [key: string]: Json }, indent: number): void {
  Object.keys(obj).sort(compareKeys).forEach((key, i) => {
    if (i > 0) w.newline(indent);
    writeString(w, key, indent, true);
    w.write(':');
    const v = obj[key]!;
    if (Array.isArray(v) && v.length > 0) {
      // go-yaml v2 writes a sequence under a mapping key without indenting it.
      w.newline(indent);
      writeSequence(w, v, indent);
    } else if (v !== null && typeof v === 'object' && !isEmptyCollection(v)) {
      w.newline(indent + 2);
      writeMapping(w, v as { [key: string]: Json }, indent + 2);
    } else {
      w.write(' ');
      writeScalar(w, v, indent + 2);
    }
  });
}

function writeSequence(w: Writer, items: Json[], indent: number): void {
  items.forEach((item, i) => {
    if (i > 0) w.newline(indent);
    w.write('- ');
    if (Array.isArray(item) && item.length > 0) writeSequence(w, item, indent + 2);
    else if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) writeMapping(w, item as { [key: string]: Json }, indent + 2);
    else writeScalar(w, item, indent + 2);
  });
}

/** `value` as kubectl -o yaml prints it. */
export function printYAML(value: unknown): string {
  const data = JSON.parse(JSON.stringify(value ?? null)) as Json;
  const w = new Writer();
  if (Array.isArray(data) && data.length > 0) writeSequence(w, data, 0);
  else if (data !== null && typeof data === 'object' && !isEmptyCollection(data)) writeMapping(w, data as { [key: string]: Json }, 0);
  else writeScalar(w, data, 0);
  return `${w.out}\n`;
}
