// The JSONPath subset CRD printer columns use: `.spec.replicas`, `.metadata.labels['app.kubernetes.io/name']`,
// `.spec.items[0].name`, `.spec.items[*].name`, `.status.conditions[?(@.type=="Ready")].status`.
// Models the parts of staging/src/k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go) that the
// apiextensions table convertor exercises, with AllowMissingKeys(true): a missing key yields nothing.
// Example: on `{status:{conditions:[{type:'Ready',status:'True'}]}}`,
// `.status.conditions[?(@.type=="Ready")].status` finds `['True']`.

type Literal = string | number | boolean;
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; left: Step[]; op: '==' | '!=' | '<' | '>' | '<=' | '>=' | 'exists'; right?: Literal };

/** A parsed path, or why it could not be parsed. */
export type ParsedPath = { ok: true; steps: Step[] } | { ok: false; error: string };

/** The outcome of evaluating a path: the values found, or an evaluation error (upstream then prints no value). */
export type PathResult = { ok: true; values: unknown[] } | { ok: false; error: string };

const FIELD_CHAR = /[^.[\]\s]/;

export function parseJSONPath(path: string): ParsedPath {
  let text = path.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  if (text.startsWith('$')) text = text.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '.') {
      let j = i + 1;
      while (j < text.length && FIELD_CHAR.test(text[j]!)) j++;
      if (j === i + 1) return { ok: false, error: `unrecognized field at ${i} in ${path}` };
      steps.push({ kind: 'field', name: text.slice(i + 1, j) });
      i = j;
    } else if (ch === '[') {
      const end = closingBracket(text, i);
      if (end < 0) return { ok: false, error: `unterminated [ in ${path}` };
      const step = parseBracket(text.slice(i + 1, end).trim());
      if (!step) return { ok: false, error: `unrecognized ${text.slice(i, end + 1)} in ${path}` };
      steps.push(step);
      i = end + 1;
    } else {
      return { ok: false, error: `unrecognized character ${JSON.stringify(ch)} in ${path}` };
    }
  }
  return { ok: true, steps };
}

// The `]` closing the `[` at `start`, skipping quoted text and nested brackets.
function closingBracket(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(inner: string): Step | undefined {
  if (inner === '*') return { kind: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = parseLiteral(inner);
  if (typeof quoted === 'string' && /^["']/.test(inner)) return { kind: 'field', name: quoted };
  const filter = /^\?\((.*)\)$/s.exec(inner);
  if (!filter) return undefined;
  const expr = filter[1]!.trim();
  const cmp = /^(@[^=!<>]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/s.exec(expr);
  if (cmp) {
    const left = parseJSONPath(cmp[1]!.slice(1));
    const right = parseLiteral(cmp[3]!.trim());
    if (!left.ok || right === undefined) return undefined;
    return { kind: 'filter', left: left.steps, op: cmp[2] as '==', right };
  }
  if (expr.startsWith('@')) {
    const left = parseJSONPath(expr.slice(1));
    return left.ok ? { kind: 'filter', left: left.steps, op: 'exists' } : undefined;
  }
  return undefined;
}

function parseLiteral(text: string): Literal | undefined {
  const q = /^(["'])(.*)\1$/s.exec(text);
  if (q) return q[2]!.replace(/\\(.)/g, '$1');
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Evaluates a parsed path against a JSON value. */
export function findResults(steps: Step[], root: unknown): PathResult {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      switch (step.kind) {
        case 'field':
          if (isObject(value) && Object.hasOwn(value, step.name)) next.push(value[step.name]);
          break;
        case 'index':
          if (Array.isArray(value)) {
            const at = step.index < 0 ? value.length + step.index : step.index;
            if (at < 0 || at >= value.length) return { ok: false, error: `array index out of bounds: index ${step.index}, length ${value.length}` };
            next.push(value[at]);
          }
          break;
        case 'wildcard':
          if (Array.isArray(value)) next.push(...value);
          else if (isObject(value)) next.push(...Object.keys(value).sort().map((k) => value[k]));
          break;
        case 'filter': {
          if (!Array.isArray(value)) return { ok: false, error: 'not array or slice and cannot be filtered' };
          for (const item of value) {
            const lefts = findResults(step.left, item);
            if (!lefts.ok) return lefts;
            if (step.op === 'exists') {
              if (lefts.values.length > 0) next.push(item);
              continue;
            }
            // As upstream: each element must give exactly one value to compare.
            if (lefts.values.length !== 1) return { ok: false, error: 'can only compare one element at a time' };
            const pass = compare(lefts.values[0], step.op, step.right!);
            if (pass === undefined) return { ok: false, error: 'incompatible types for comparison' };
            if (pass) next.push(item);
          }
          break;
        }
      }
    }
    current = next;
  }
  return { ok: true, values: current };
}

function compare(left: unknown, op: Exclude<Extract<Step, { kind: 'filter' }>['op'], 'exists'>, right: Literal): boolean | undefined {
  if (typeof left !== typeof right) return undefined;
  const l = left as Literal;
  switch (op) {
    case '==': return l === right;
    case '!=': return l !== right;
    case '<': return l < right;
    case '>': return l > right;
    case '<=': return l <= right;
    case '>=': return l >= right;
  }
}
