// The text tools learners pipe kubectl into: grep, head, tail, wc and sort, with the few flags
// people type. Each reads the previous stage's stdout and answers as GNU coreutils/grep would
// (exit 1 from grep when nothing matches, usage errors with exit 2).

/** What one process of a pipeline produced. */
export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type Tool = (args: string[], input: string) => ProcessResult;

const ok = (stdout: string): ProcessResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode: number): ProcessResult => ({ stdout: '', stderr, exitCode });

/** Lines of `text` without their newlines; a final unterminated line still counts. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
const joinLines = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

// GNU grep's basic regular expressions: + ? | ( ) { } are literal unless escaped.
function basicToJs(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      out += '+?|(){}'.includes(n) ? n : `\\${n}`;
    } else {
      out += '+?|(){}'.includes(c) ? `\\${c}` : c;
    }
  }
  return out;
}

const grep: Tool = (args, input) => {
  let ignoreCase = false, invert = false, count = false, extended = false;
  const operands: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a.length > 1 && operands.length === 0) {
      for (const f of a.slice(1)) {
        if (f === 'i') ignoreCase = true;
        else if (f === 'v') invert = true;
        else if (f === 'c') count = true;
        else if (f === 'E') extended = true;
        else return fail(`grep: invalid option -- '${f}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2);
      }
    } else operands.push(a);
  }
  const pattern = operands[0];
  if (pattern === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
  let re: RegExp;
  try {
    re = new RegExp(extended ? pattern : basicToJs(pattern), ignoreCase ? 'i' : '');
  } catch {
    return fail('grep: Unmatched ( or \\(\n', 2);
  }
  const selected = linesOf(input).filter((l) => re.test(l) !== invert);
  const stdout = count ? `${selected.length}\n` : joinLines(selected);
  return { stdout, stderr: '', exitCode: selected.length > 0 ? 0 : 1 };
};

/** `-n N`, `-nN`, `--lines=N`, `-N`: the count head and tail take, or an error text. */
function lineCount(tool: string, args: string[]): { n: number; fromStart: boolean } | string {
  let value = '10';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n') value = args[++i] ?? '';
    else if (a.startsWith('--lines=')) value = a.slice('--lines='.length);
    else if (a.startsWith('-n')) value = a.slice(2);
    else if (/^-\d+$/.test(a)) value = a.slice(1);
    else return `${tool}: cannot open '${a}' for reading: No such file or directory\n`;
  }
  const fromStart = value.startsWith('+');
  const n = Number(value.replace(/^[+-]/, ''));
  if (!/^[+-]?\d+$/.test(value)) return `${tool}: invalid number of lines: ‘${value}’\n`;
  return { n, fromStart };
}

const head: Tool = (args, input) => {
  const c = lineCount('head', args);
  return typeof c === 'string' ? fail(c, 1) : ok(joinLines(linesOf(input).slice(0, c.n)));
};

const tail: Tool = (args, input) => {
  const c = lineCount('tail', args);
  if (typeof c === 'string') return fail(c, 1);
  const lines = linesOf(input);
  // `tail -n +N` starts at line N (1-based).
  return ok(joinLines(c.fromStart ? lines.slice(Math.max(c.n - 1, 0)) : c.n === 0 ? [] : lines.slice(-c.n)));
};

const wc: Tool = (args, input) => {
  const counts = {
    l: (input.match(/\n/g) ?? []).length,
    w: input.split(/\s+/).filter(Boolean).length,
    c: new TextEncoder().encode(input).length,
  };
  const wanted = args.flatMap((a) => (a.startsWith('-') ? [...a.slice(1)] : []));
  const bad = wanted.find((f) => !'lwc'.includes(f));
  if (bad) return fail(`wc: invalid option -- '${bad}'\nTry 'wc --help' for more information.\n`, 1);
  const shown = (['l', 'w', 'c'] as const).filter((f) => wanted.length === 0 || wanted.includes(f));
  // GNU wc prints one count bare, and pads several to a common width of 7 for standard input.
  if (shown.length === 1) return ok(`${counts[shown[0]!]}\n`);
  return ok(`${shown.map((f) => String(counts[f]).padStart(7)).join(' ')}\n`);
};

const sort: Tool = (args, input) => {
  let reverse = false, numeric = false, unique = false, key: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-k') key = parseInt(args[++i] ?? '', 10);
    else if (a.startsWith('-k')) key = parseInt(a.slice(2), 10);
    else if (a.startsWith('-')) {
      for (const f of a.slice(1)) {
        if (f === 'r') reverse = true;
        else if (f === 'n') numeric = true;
        else if (f === 'u') unique = true;
        else return fail(`sort: invalid option -- '${f}'\nTry 'sort --help' for more information.\n`, 2);
      }
    }
  }
  if (key !== undefined && !(key > 0)) return fail('sort: invalid number at field start: invalid count at start of \'' + String(key) + "'\n", 2);
  const field = (line: string) => (key === undefined ? line : line.trim().split(/\s+/).slice(key - 1).join(' '));
  const compare = (a: string, b: string) => {
    const fa = field(a), fb = field(b);
    if (numeric) {
      const d = (parseFloat(fa) || 0) - (parseFloat(fb) || 0);
      if (d !== 0) return d;
    } else if (fa !== fb) return fa < fb ? -1 : 1;
    // As sort's last-resort comparison: the whole line, byte by byte.
    return a === b ? 0 : a < b ? -1 : 1;
  };
  let lines = linesOf(input).sort(compare);
  if (reverse) lines.reverse();
  if (unique) lines = lines.filter((l, i) => i === 0 || compare(lines[i - 1]!, l) !== 0);
  return ok(joinLines(lines));
};

const TOOLS: Record<string, Tool> = { grep, head, tail, wc, sort };

/** Runs one text tool of a pipeline over `input`; an unknown program is what bash says of it. */
export function runTool(argv: string[], input: string): ProcessResult {
  const [name = '', ...args] = argv;
  const tool = TOOLS[name];
  return tool ? tool(args, input) : fail(`${name}: command not found\n`, 127);
}
