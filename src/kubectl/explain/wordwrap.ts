// Word wrapping as kubectl explain's `wrap` template function does it: kubectl's
// term.NewWordWrapWriter over github.com/mitchellh/go-wordwrap v1.0.1 WrapString. Lines break
// only at whitespace, so a long word (a URL) runs past the limit; widths count code points.

const NBSP = 0xa0;

// Go's unicode.IsSpace: Latin-1 spaces and the Unicode White_Space category (JS's \s also
// matches U+FEFF, Go's does not).
const isGoSpace = (cp: number) =>
  (cp >= 0x09 && cp <= 0x0d) || cp === 0x20 || cp === 0x85 || cp === NBSP || cp === 0x1680 ||
  (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;

/** Wraps `s` within `limit` columns; a limit of 0 leaves it as is (the writer's pass-through). */
export function wrapString(s: string, limit: number): string {
  if (limit <= 0) return s;
  let out = '';
  let current = 0;
  // The word being read and the spaces before it, held until we know whether they fit.
  let word = '', wordLen = 0, space = '', spaceLen = 0;
  const flush = () => {
    current += spaceLen + wordLen;
    out += space + word;
    space = ''; spaceLen = 0; word = ''; wordLen = 0;
  };
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      if (wordLen === 0) {
        // Trailing spaces are kept only while they fit on the line.
        if (current + spaceLen <= limit) out += space;
        space = ''; spaceLen = 0;
      } else {
        flush();
      }
      out += ch;
      current = 0;
    } else if (isGoSpace(cp) && cp !== NBSP) {
      if (spaceLen === 0 || wordLen > 0) flush();
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      // The word no longer fits: break before it, dropping the spaces that led to it.
      if (current + spaceLen + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        space = ''; spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}
