// The POSIX shell grammar that container commands use (`sh -c 'while true; do echo hi; sleep
// 5; done'`, `until nslookup db; do sleep 2; done`, `echo $(date) >> /data/log`): lists with
// ; & && ||, pipelines, if/while/until/for, { } and ( ) groups, redirections, quoting,
// parameter and command substitution, $((arithmetic)). Here-documents, functions, case and
// globbing are out of scope; the parser says so with the shell's syntax-error wording.

/** One piece of a word: literal text, `$NAME`/`${NAME}`, `$(...)`/backticks, or `$((...))`. */
export type WordPart =
  | { type: 'text'; text: string; quoted: boolean }
  | { type: 'param'; name: string; quoted: boolean; fallback?: { op: ':-' | '-' | ':=' | '='; word: Word } }
  | { type: 'command'; script: string; quoted: boolean }
  | { type: 'arith'; expr: string; quoted: boolean };
export type Word = WordPart[];

export interface Redirect { fd: number; op: '>' | '>>' | '<' | '>&'; target: Word }

export type Command =
  | { type: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[] }
  | { type: 'if'; branches: { cond: List; body: List }[]; otherwise?: List; redirects: Redirect[] }
  | { type: 'loop'; until: boolean; cond: List; body: List; redirects: Redirect[] }
  | { type: 'for'; name: string; items?: Word[]; body: List; redirects: Redirect[] }
  | { type: 'group'; subshell: boolean; body: List; redirects: Redirect[] };

export interface Pipeline { negate: boolean; commands: Command[] }
export interface AndOr { first: Pipeline; rest: { op: '&&' | '||'; pipeline: Pipeline }[]; background: boolean }
export type List = AndOr[];

/** A script the shell cannot parse: the message after `sh: `. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: string } | { kind: 'newline' } | { kind: 'eof' };

const OPERATORS = ['&&', '||', ';;', '>>', '>&', '<&', ';', '&', '|', '(', ')', '<', '>'];
const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '{', '}', '!']);

class Lexer {
  private pos = 0;
  constructor(private readonly src: string) {}

  next(): Token {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      else break;
    }
    if (this.pos >= s.length) return { kind: 'eof' };
    if (s[this.pos] === '\n') {
      this.pos++;
      return { kind: 'newline' };
    }
    // An IO number: `2>`, `2>>`, `1>&2`.
    const io = /^(\d)(?=[<>])/.exec(s.slice(this.pos));
    if (io) {
      this.pos += 1;
      const op = OPERATORS.find((o) => s.startsWith(o, this.pos))!;
      this.pos += op.length;
      return { kind: 'op', op: `${io[1]}${op}` };
    }
    const op = OPERATORS.find((o) => s.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      return { kind: 'op', op };
    }
    return this.word();
  }

  private word(): Token {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let text = '';
    const flush = (quoted: boolean) => {
      if (text) parts.push({ type: 'text', text, quoted });
      text = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (' \t\n;&|()<>'.includes(c)) break;
      if (c === '\\') {
        text += s[this.pos + 1] ?? '';
        flush(true);
        this.pos += 2;
      } else if (c === "'") {
        flush(false);
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        parts.push({ type: 'text', text: s.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush(false);
        this.pos++;
        this.doubleQuoted(parts);
      } else if (c === '$' || c === '`') {
        flush(false);
        parts.push(this.expansion(false));
      } else {
        text += c;
        this.pos++;
      }
    }
    flush(false);
    return { kind: 'word', word: parts.length ? parts : [{ type: 'text', text: '', quoted: true }], raw: s.slice(start, this.pos) };
  }

  private doubleQuoted(parts: WordPart[]): void {
    const s = this.src;
    let text = '';
    const flush = () => {
      if (text) parts.push({ type: 'text', text, quoted: true });
      text = '';
    };
    for (;;) {
      if (this.pos >= s.length) throw new ShellSyntaxError('unterminated quoted string');
      const c = s[this.pos]!;
      if (c === '"') {
        this.pos++;
        flush();
        if (!parts.length) parts.push({ type: 'text', text: '', quoted: true });
        return;
      }
      if (c === '\\' && '$`"\\\n'.includes(s[this.pos + 1] ?? '')) {
        text += s[this.pos + 1] === '\n' ? '' : s[this.pos + 1];
        this.pos += 2;
      } else if ((c === '$' && /[\w{(?$#@!*-]/.test(s[this.pos + 1] ?? '')) || c === '`') {
        flush();
        parts.push(this.expansion(true));
      } else {
        text += c;
        this.pos++;
      }
    }
  }

  private expansion(quoted: boolean): WordPart {
    const s = this.src;
    if (s[this.pos] === '`') {
      const end = s.indexOf('`', this.pos + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      const script = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { type: 'command', script, quoted };
    }
    this.pos++; // $
    if (s.startsWith('((', this.pos)) {
      const end = this.matching(this.pos + 1, '(', ')');
      if (s[end + 1] !== ')') throw new ShellSyntaxError('missing ))');
      const expr = s.slice(this.pos + 2, end);
      this.pos = end + 2;
      return { type: 'arith', expr, quoted };
    }
    if (s[this.pos] === '(') {
      const end = this.matching(this.pos, '(', ')');
      const script = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { type: 'command', script, quoted };
    }
    if (s[this.pos] === '{') {
      const end = this.matching(this.pos, '{', '}');
      const inner = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      const m = /^([A-Za-z_]\w*|[?$#@!*0-9])(?:(:-|-|:=|=)(.*))?$/s.exec(inner);
      if (!m) throw new ShellSyntaxError(`\${${inner}}: bad substitution`);
      const part: WordPart = { type: 'param', name: m[1]!, quoted };
      if (m[2] !== undefined) part.fallback = { op: m[2] as ':-', word: wordOf(m[3] ?? '') };
      return part;
    }
    const m = /^([A-Za-z_]\w*|[?$#@!*0-9])/.exec(s.slice(this.pos));
    if (!m) return { type: 'text', text: '$', quoted };
    this.pos += m[1]!.length;
    return { type: 'param', name: m[1]!, quoted };
  }

  /** The index of the bracket closing the one at `open`, skipping quotes. */
  private matching(open: number, left: string, right: string): number {
    const s = this.src;
    let depth = 0;
    for (let i = open; i < s.length; i++) {
      const c = s[i];
      if (c === "'") i = s.indexOf("'", i + 1);
      else if (c === '\\') i++;
      else if (c === left) depth++;
      else if (c === right && --depth === 0) return i;
      if (i < 0) break;
    }
    throw new ShellSyntaxError(`syntax error: unterminated ${left === '(' ? '$(' : '${'}`);
  }
}

/** The parts of a word given as text (a `${X:-default}` default). */
function wordOf(text: string): Word {
  if (!text) return [{ type: 'text', text: '', quoted: true }];
  const token = new Lexer(`"${text.replace(/"/g, '\\"')}"`).next();
  return token.kind === 'word' ? token.word : [{ type: 'text', text, quoted: true }];
}

/** Parses a script into its command list. */
export function parseScript(src: string): List {
  return new Parser(src).script();
}

class Parser {
  private readonly lexer: Lexer;
  private peeked: Token | undefined;

  constructor(src: string) {
    this.lexer = new Lexer(src);
  }

  script(): List {
    const list = this.list([]);
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t);
    return list;
  }

  private peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  private take(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private isReserved(t: Token, ...words: string[]): boolean {
    return t.kind === 'word' && words.includes(t.raw);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  private unexpected(t: Token): ShellSyntaxError {
    const what = t.kind === 'eof' ? 'end of file' : t.kind === 'newline' ? 'newline' : t.kind === 'op' ? t.op : t.raw;
    return new ShellSyntaxError(`syntax error: unexpected ${t.kind === 'eof' ? what : `"${what}"`}`);
  }

  /** As `list`, but an empty list is the syntax error the shell gives (`if then`, `do done`). */
  private body(terminators: string[]): List {
    const list = this.list(terminators);
    if (!list.length) throw this.unexpected(this.peek());
    return list;
  }

  /** Commands until one of `terminators` (reserved words) or `)` or the end. */
  private list(terminators: string[]): List {
    const list: List = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'op' && t.op === ')') || this.isReserved(t, ...terminators)) return list;
      const andOr = this.andOr();
      const sep = this.peek();
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.take();
        andOr.background = sep.op === '&';
      } else if (sep.kind !== 'newline' && sep.kind !== 'eof' && !(sep.kind === 'op' && sep.op === ')') && !this.isReserved(sep, ...terminators)) {
        throw this.unexpected(sep);
      }
      list.push(andOr);
    }
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.isReserved(this.peek(), '!')) {
      this.take();
      negate = true;
    }
    const commands = [this.command()];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || t.op !== '|') break;
      this.take();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private expectWord(word: string): void {
    const t = this.take();
    if (!this.isReserved(t, word)) throw this.unexpected(t);
  }

  private command(): Command {
    const t = this.peek();
    let command: Command;
    if (this.isReserved(t, 'if')) command = this.ifCommand();
    else if (this.isReserved(t, 'while', 'until')) {
      this.take();
      const cond = this.body(['do']);
      this.expectWord('do');
      const body = this.body(['done']);
      this.expectWord('done');
      command = { type: 'loop', until: t.kind === 'word' && t.raw === 'until', cond, body, redirects: [] };
    } else if (this.isReserved(t, 'for')) command = this.forCommand();
    else if (this.isReserved(t, '{')) {
      this.take();
      const body = this.list(['}']);
      this.expectWord('}');
      command = { type: 'group', subshell: false, body, redirects: [] };
    } else if (t.kind === 'op' && t.op === '(') {
      this.take();
      const body = this.list([]);
      const close = this.take();
      if (close.kind !== 'op' || close.op !== ')') throw this.unexpected(close);
      command = { type: 'group', subshell: true, body, redirects: [] };
    } else {
      return this.simple();
    }
    command.redirects.push(...this.redirects());
    return command;
  }

  private ifCommand(): Command {
    this.take();
    const branches: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.body(['then']);
      this.expectWord('then');
      const body = this.body(['elif', 'else', 'fi']);
      branches.push({ cond, body });
      const t = this.take();
      if (this.isReserved(t, 'elif')) continue;
      if (this.isReserved(t, 'else')) {
        otherwise = this.body(['fi']);
        this.expectWord('fi');
      } else if (!this.isReserved(t, 'fi')) {
        throw this.unexpected(t);
      }
      return { type: 'if', branches, ...(otherwise ? { otherwise } : {}), redirects: [] };
    }
  }

  private forCommand(): Command {
    this.take();
    const name = this.take();
    if (name.kind !== 'word' || !/^[A-Za-z_]\w*$/.test(name.raw)) throw this.unexpected(name);
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isReserved(this.peek(), 'in')) {
      this.take();
      items = [];
      for (let t = this.peek(); t.kind === 'word'; t = this.peek()) items.push((this.take() as { word: Word }).word);
    }
    const sep = this.peek();
    if (sep.kind === 'op' && sep.op === ';') this.take();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(['done']);
    this.expectWord('done');
    return { type: 'for', name: name.raw, ...(items ? { items } : {}), body, redirects: [] };
  }

  private simple(): Command {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && /^\d?(>>|>&|<&|>|<)$/.test(t.op)) {
        redirects.push(this.redirect());
        continue;
      }
      if (t.kind !== 'word') break;
      // Reserved words end a simple command only where a command could start (`done`, `fi` ...).
      if (words.length === 0 && assigns.length === 0 && RESERVED.has(t.raw) && t.raw !== '!') break;
      this.take();
      const assign = /^([A-Za-z_]\w*)=/.exec(t.raw);
      if (assign && words.length === 0) {
        assigns.push({ name: assign[1]!, value: dropPrefix(t.word, assign[0].length) });
      } else {
        words.push(t.word);
      }
    }
    if (!words.length && !assigns.length && !redirects.length) throw this.unexpected(this.peek());
    return { type: 'simple', assigns, words, redirects };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t.kind === 'op' && /^\d?(>>|>&|<&|>|<)$/.test(t.op); t = this.peek()) out.push(this.redirect());
    return out;
  }

  private redirect(): Redirect {
    const t = this.take() as { op: string };
    const m = /^(\d?)(.*)$/.exec(t.op)!;
    const op = m[2] === '<&' ? '>&' : (m[2] as Redirect['op']);
    const fd = m[1] ? Number(m[1]) : op === '<' ? 0 : 1;
    const target = this.take();
    if (target.kind !== 'word') throw this.unexpected(target);
    return { fd, op, target: target.word };
  }
}

/** A word without its first `n` characters of literal text (`NAME=` of an assignment). */
function dropPrefix(word: Word, n: number): Word {
  const out: Word = [];
  let skip = n;
  for (const part of word) {
    if (skip > 0 && part.type === 'text') {
      const take = Math.min(skip, part.text.length);
      skip -= take;
      if (part.text.length > take) out.push({ ...part, text: part.text.slice(take) });
      continue;
    }
    out.push(part);
  }
  return out.length ? out : [{ type: 'text', text: '', quoted: true }];
}
