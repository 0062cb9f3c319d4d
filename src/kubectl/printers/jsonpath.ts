// kubectl's JSONPath dialect: `{.a.b}`, `[*]`, `[0]`, `[1:3]`, `..name`, `[?(@.x=="y")]`,
// `{range ...}{end}`, `{"\n"}` literals; text outside braces is printed as is. Results are
// joined by spaces; strings print bare, other values as compact JSON. Missing keys print
// nothing (kubectl's default --allow-missing-template-keys=true).
// Models client-go/util/jsonpath (parser.go, jsonpath.go).
import { KubectlError } from '../errors.ts';
import { compactJSON } from './json.ts';

type Node =
  | { type: 'text'; text: string }
  | { type: 'path'; steps: string[] }
  | { type: 'range'; steps: string[]; body: Node[] };

// Split a path expression into steps: `.a`, `[0]`, `[*]`, `..b`, `[?(...)]`.
function stepsOf(expr: string): string[] {
  const steps: string[] = [];
  let i = expr.startsWith('@') || expr.startsWith('$') ? 1 : 0;
  while (i < expr.length) {
    if (expr.startsWith('..', i)) {
      const m = /^\.\.([^.[]*)/.exec(expr.slice(i))!;
      steps.push(`..${m[1]}`);
      i += m[0].length;
    } else if (expr[i] === '.') {
      // A field name runs to the next unescaped `.` or `[`; `\.` is a dot inside it (`script\.sh`).
      const m = /^\.((?:\\.|[^.[\\])*)/.exec(expr.slice(i))!;
      if (m[1]) steps.push(m[1].replace(/\\\./g, '.'));
      i += m[0].length;
    } else if (expr[i] === '[') {
      let depth = 0, j = i;
      for (; j < expr.length; j++) {
        if (expr[j] === '[') depth++;
        else if (expr[j] === ']' && --depth === 0) break;
      }
      if (j >= expr.length) throw new KubectlError(`unterminated array`);
      steps.push(expr.slice(i, j + 1));
      i = j + 1;
    } else {
      const m = /^[^.[]+/.exec(expr.slice(i))!;
      steps.push(m[0]);
      i += m[0].length;
    }
  }
  return steps;
}

/** Parses a template into nodes; throws kubectl's error for unbalanced braces. */
export function parseJSONPath(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.push({ type: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ type: 'text', text: template.slice(i, open) });
    const close = closingBrace(template, open);
    if (close < 0) throw new KubectlError(`unclosed action`);
    const inner = template.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      const node: Node = { type: 'range', steps: stepsOf(inner.slice(6).trim()), body: [] };
      stack.at(-1)!.push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (stack.length === 1) throw new KubectlError('not in range, nothing to end');
      stack.pop();
    } else if (/^".*"$/s.test(inner) || /^'.*'$/s.test(inner)) {
      stack.at(-1)!.push({ type: 'text', text: unquote(inner) });
    } else {
      checkAction(inner);
      stack.at(-1)!.push({ type: 'path', steps: stepsOf(inner) });
    }
  }
  return root;
}

// As parseInsideAction: an action starts with a field, an index, @ or $, a quote or a keyword.
function checkAction(inner: string): void {
  const c = inner[0];
  if (c === undefined || '.[@$"\''.includes(c)) return;
  if (/[\p{L}\p{N}_]/u.test(c)) throw new KubectlError(`unrecognized identifier ${/^[\p{L}\p{N}_]+/u.exec(inner)![0]}`);
  const cp = c.codePointAt(0)!;
  throw new KubectlError(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
}

function closingBrace(s: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  return -1;
}

const unquote = (s: string) => s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c);

type Json = unknown;

function applyStep(values: Json[], step: string): Json[] {
  const out: Json[] = [];
  for (const v of values) {
    if (step === '*' || step === '[*]') {
      if (Array.isArray(v)) out.push(...v);
      else if (v && typeof v === 'object') out.push(...Object.values(v));
    } else if (step.startsWith('..')) {
      const key = step.slice(2);
      const walk = (x: Json) => {
        if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === 'object') {
          if (key in x) out.push((x as Record<string, Json>)[key]);
          Object.values(x).forEach(walk);
        }
      };
      walk(v);
    } else if (step.startsWith('[?(')) {
      if (Array.isArray(v)) out.push(...v.filter((item) => matchesFilter(item, step.slice(3, -2))));
    } else if (step.startsWith('[')) {
      const inner = step.slice(1, -1).trim();
      if (/^['"].*['"]$/.test(inner)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) pushKey(out, v, unquote(inner));
      } else if (Array.isArray(v)) {
        const slice = /^(-?\d*):(-?\d*)$/.exec(inner);
        if (slice) {
          const start = slice[1] ? Number(slice[1]) : 0;
          const end = slice[2] ? Number(slice[2]) : v.length;
          out.push(...v.slice(start < 0 ? v.length + start : start, end < 0 ? v.length + end : end));
        } else {
          const n = Number(inner);
          if (!Number.isInteger(n)) throw new KubectlError(`invalid array index ${inner}`);
          const item = v[n < 0 ? v.length + n : n];
          if (item !== undefined) out.push(item);
        }
      }
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      pushKey(out, v, step);
    }
  }
  return out;
}

const pushKey = (out: Json[], v: object, key: string) => {
  if (key in v) out.push((v as Record<string, Json>)[key]);
};

// `@.status.phase=="Running"`, `@.port>80`, or `@.name` (exists).
function matchesFilter(item: Json, expr: string): boolean {
  const m = /^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr.trim());
  if (!m) return evaluate([item], stepsOf(expr.trim())).length > 0;
  const [, path, op, rawRight] = m;
  const lefts = evaluate([item], stepsOf(path!));
  if (lefts.length === 0) return false;
  const right: Json = /^['"].*['"]$/.test(rawRight!) ? unquote(rawRight!) : Number(rawRight);
  const left = lefts[0];
  switch (op) {
    case '==': return left === right || String(left) === String(right);
    case '!=': return String(left) !== String(right);
    case '<': return Number(left) < Number(right);
    case '>': return Number(left) > Number(right);
    case '<=': return Number(left) <= Number(right);
    default: return Number(left) >= Number(right);
  }
}

/** The values `steps` select from `values`. */
export function evaluate(values: Json[], steps: string[]): Json[] {
  return steps.reduce(applyStep, values);
}

const show = (v: Json) => (typeof v === 'string' ? v : compactJSON(v));

function execute(nodes: Node[], data: Json): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'path') out += evaluate([data], node.steps).map(show).join(' ');
    else for (const item of evaluate([data], node.steps).flatMap((v) => (Array.isArray(v) ? v : [v]))) out += execute(node.body, item);
  }
  return out;
}

/** Prints `data` through a kubectl JSONPath template. */
export function printJSONPath(template: string, data: Json): string {
  return execute(parseJSONPath(template), data);
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` or `{.a.b}` → `{.a.b}`. */
export function relaxedJSONPath(expr: string): string {
  const inner = expr.startsWith('{') && expr.endsWith('}') ? expr.slice(1, -1) : expr;
  return `{${inner.startsWith('.') || inner.startsWith('@') || inner.startsWith('$') ? inner : `.${inner}`}}`;
}
