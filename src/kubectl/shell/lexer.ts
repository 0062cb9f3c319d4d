// Splits a terminal line the way a POSIX shell would before running it: words with single and
// double quotes and backslash escapes, and `|` pipelines. There is no expansion ($VAR, globs,
// subshells): the line is kubectl plus the few text tools of ./tools.ts.

/** A line split into pipeline stages, each an argv; or the shell's syntax error. */
export type LexResult =
  | { ok: true; stages: string[][] }
  | { ok: false; message: string };

/**
 * Splits `line` into pipeline stages of words.
 * `kubectl get pods -o 'jsonpath={.items[*].metadata.name}' | grep web` →
 * [['kubectl','get','pods','-o','jsonpath={.items[*].metadata.name}'], ['grep','web']].
 */
export function lexLine(line: string): LexResult {
  const stages: string[][] = [];
  let words: string[] = [];
  let word = '';
  // A word exists once any character (or an empty quoted string, as in '') is seen.
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return eof("'");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        // Inside double quotes a backslash escapes only $ ` " \ and newline, as in bash.
        if (line[j] === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1]!)) j++;
        word += line[j];
      }
      if (j >= line.length) return eof('"');
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
    } else if (c === '|') {
      endWord();
      if (words.length === 0) return { ok: false, message: "syntax error near unexpected token `|'" };
      stages.push(words);
      words = [];
    } else if (c === '#' && !inWord) {
      break; // a comment runs to the end of the line
    } else {
      word += c;
      inWord = true;
    }
  }
  endWord();
  if (words.length === 0 && stages.length > 0) return { ok: false, message: "syntax error: unexpected end of file" };
  if (words.length > 0) stages.push(words);
  return { ok: true, stages };
}

// bash's words for an unterminated quote (parse.y, parse_matched_pair).
const eof = (quote: string): LexResult => ({ ok: false, message: `unexpected EOF while looking for matching \`${quote}'` });
