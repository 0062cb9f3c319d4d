import { describe, expect, it } from 'vitest';
import { lexLine } from './lexer.ts';

describe('lexLine', () => {
  it.each([
    { name: 'plain words split on blanks', line: 'kubectl  get pods', want: [['kubectl', 'get', 'pods']] },
    { name: 'single quotes keep everything literally', line: `kubectl get pods -o 'jsonpath={.items[*].metadata.name}'`, want: [['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']] },
    { name: 'double quotes keep blanks and unescape \\"', line: 'kubectl get pods -o "jsonpath={\\"\\n\\"}"', want: [['kubectl', 'get', 'pods', '-o', 'jsonpath={"\\n"}']] },
    { name: 'quotes join with adjacent text into one word', line: `--field-selector=status.phase='Running'`, want: [['--field-selector=status.phase=Running']] },
    { name: 'an empty quoted string is a word', line: `grep ''`, want: [['grep', '']] },
    { name: 'a backslash escapes a blank', line: 'a\\ b c', want: [['a b', 'c']] },
    { name: 'pipes split stages', line: 'kubectl get pods | grep web|wc -l', want: [['kubectl', 'get', 'pods'], ['grep', 'web'], ['wc', '-l']] },
    { name: 'a pipe inside quotes is text', line: `grep -E 'a|b'`, want: [['grep', '-E', 'a|b']] },
    { name: 'a comment ends the line', line: 'kubectl get pods # list them', want: [['kubectl', 'get', 'pods']] },
    { name: 'a hash inside a word is text', line: 'echo a#b', want: [['echo', 'a#b']] },
    { name: 'an empty line has no stages', line: '   ', want: [] },
  ])('$name', ({ line, want }) => {
    expect(lexLine(line)).toEqual({ ok: true, stages: want });
  });

  it.each([
    { name: 'an unterminated single quote', line: `kubectl get pods -o 'jsonpath={.x}`, want: "unexpected EOF while looking for matching `''" },
    { name: 'an unterminated double quote', line: 'kubectl get "pods', want: 'unexpected EOF while looking for matching `"\'' },
    { name: 'a pipe with nothing before it', line: '| grep x', want: "syntax error near unexpected token `|'" },
    { name: 'a pipe with nothing after it', line: 'kubectl get pods |', want: 'syntax error: unexpected end of file' },
  ])('refuses $name', ({ line, want }) => {
    expect(lexLine(line)).toEqual({ ok: false, message: want });
  });
});
