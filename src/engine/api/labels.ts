// Label selectors: parsing `app=web,tier in (a,b),!canary`, matching, and printing.
// Models staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Parse, NewRequirement, Matches,
// String), labels.go (FormatLabels) and pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector,
// FormatLabelSelector).
import { aggregate } from './errors.ts';
import * as field from './validation/field.ts';
import type { FieldError, Path } from './validation/field.ts';
import type { LabelSelector } from './validation/metav1.ts';
import { isQualifiedName, isValidLabelValue } from './validation/validation.ts';

/** selection.Operator, spelled as upstream. */
export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

const binaryOperators: Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validRequirementOperators: Operator[] = [...binaryOperators, 'exists', '!'];

/** One clause of a selector: key, operator, values (as given; String() sorts them). */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/**
 * A parsed selector. `nothing` matches no object (a nil metav1.LabelSelector); an empty
 * requirement list matches every object.
 */
export type Selector = { readonly nothing: true } | { readonly nothing?: false; readonly requirements: readonly Requirement[] };

/** Success, or upstream's error text (the apiserver returns it as a 400 BadRequest). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const everything = (): Selector => ({ requirements: [] });
export const nothing = (): Selector => ({ nothing: true });

const hasOwn = (o: Record<string, string> | undefined, k: string) => o !== undefined && Object.hasOwn(o, k);

// Go's strconv.ParseInt(s, 10, 64).
function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : null;
}

// Models selector.go NewRequirement: the checks, as field errors at `key` / `values[i]`.
export function newRequirement(key: string, operator: Operator, values: readonly string[], path: Path | null = null): Parsed<Requirement> {
  const at = (name: string) => (path ? path.child(name) : field.newPath(name));
  const errs: FieldError[] = [];
  const keyProblems = isQualifiedName(key);
  if (keyProblems.length) errs.push(field.invalid(at('key'), key, keyProblems.join('; ')));
  const valuePath = at('values');
  switch (operator) {
    case 'in': case 'notin':
      if (values.length === 0) errs.push(field.invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=': case '==': case '!=':
      if (values.length !== 1) errs.push(field.invalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists': case '!':
      if (values.length !== 0) errs.push(field.invalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt': case 'lt':
      if (values.length !== 1) errs.push(field.invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === null) errs.push(field.invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(field.notSupported(at('operator'), operator, validRequirementOperators));
  }
  values.forEach((v, i) => {
    const problems = isValidLabelValue(v);
    if (problems.length) errs.push(field.invalid(valuePath.index(i).key(key), v, problems.join('; ')));
  });
  if (errs.length) return { ok: false, message: aggregate(errs.map(field.errorString)) };
  return { ok: true, value: { key, operator, values: [...values] } };
}

// Models selector.go Requirement.Matches.
export function requirementMatches(r: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = hasOwn(labels, r.key);
  const value = has ? labels![r.key]! : '';
  switch (r.operator) {
    case 'in': case '=': case '==': return has && r.values.includes(value);
    case 'notin': case '!=': return !has || !r.values.includes(value);
    case 'exists': return has;
    case '!': return !has;
    case 'gt': case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const have = parseInt64(value), want = parseInt64(r.values[0]!);
      if (have === null || want === null) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

/** Whether an object's labels satisfy every requirement. */
export const matches = (s: Selector, labels: Record<string, string> | undefined): boolean =>
  !s.nothing && s.requirements.every((r) => requirementMatches(r, labels));

export const isEmpty = (s: Selector): boolean => !s.nothing && s.requirements.length === 0;

// Models selector.go Requirement.String.
export function requirementString(r: Requirement): string {
  const ops: Record<Operator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };
  const head = (r.operator === '!' ? '!' : '') + r.key;
  if (r.operator === 'exists' || r.operator === '!') return head;
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${head}${ops[r.operator]}(${values})` : `${head}${ops[r.operator]}${values}`;
}

/** The canonical text: requirements sorted by key, joined by `,`; '' for everything and nothing. */
export const selectorString = (s: Selector): string => (s.nothing ? '' : s.requirements.map(requirementString).join(','));

const byKey = (a: Requirement, b: Requirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

// Models selector.go SelectorFromValidatedSet: `k=v` for each pair, no validation.
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  const reqs = Object.keys(set ?? {}).map((k): Requirement => ({ key: k, operator: '=', values: [set![k]!] }));
  return { requirements: reqs.sort(byKey) };
}

// Models helpers.go LabelSelectorAsSelector: nil → nothing, empty → everything.
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): Parsed<Selector> {
  if (!ps) return { ok: true, value: nothing() };
  const matchLabels = ps.matchLabels ?? {};
  const exprs = ps.matchExpressions ?? [];
  const reqs: Requirement[] = [];
  for (const k of Object.keys(matchLabels)) {
    const r = newRequirement(k, '=', [matchLabels[k]!]);
    if (!r.ok) return r;
    reqs.push(r.value);
  }
  const ops: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const e of exprs) {
    const op = Object.hasOwn(ops, e.operator) ? ops[e.operator] : undefined;
    if (!op) return { ok: false, message: `${field.goQuote(e.operator)} is not a valid label selector operator` };
    const r = newRequirement(e.key, op, e.values ?? []);
    if (!r.ok) return r;
    reqs.push(r.value);
  }
  return { ok: true, value: { requirements: reqs.sort(byKey) } };
}

// Models labels.go FormatLabels: sorted `k=v` joined by `,`, or `<none>`.
export function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.keys(labels ?? {}).map((k) => `${k}=${labels![k]}`).sort();
  return pairs.length ? pairs.join(',') : '<none>';
}

// Models helpers.go FormatLabelSelector: `<error>` when invalid, `<none>` when it prints empty.
export function formatLabelSelector(ps: LabelSelector | null | undefined): string {
  const s = labelSelectorAsSelector(ps);
  if (!s.ok) return '<error>';
  return selectorString(s.value) || '<none>';
}

// ---- Parsing: a lexer and a recursive-descent parser, as selector.go's Lexer and Parser. ----

type Token = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';
interface Item { tok: Token; lit: string }

const literalTokens: Record<string, Token> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch);

// Models selector.go Lexer.Lex, run to the end of the string (Parser.scan).
function scan(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) { items.push({ tok: 'eos', lit: '' }); return items; }
    if (isSpecialSymbol(s[pos]!)) {
      // The longest run of symbols that still forms a known operator.
      let buffer = '';
      let last: Item | null = null;
      while (pos < s.length && isSpecialSymbol(s[pos]!)) {
        buffer += s[pos];
        const tok = Object.hasOwn(literalTokens, buffer) ? literalTokens[buffer]! : undefined;
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      while (pos < s.length && !isSpecialSymbol(s[pos]!) && !isWhitespace(s[pos]!)) buffer += s[pos++];
      const tok = Object.hasOwn(literalTokens, buffer) ? literalTokens[buffer]! : 'id';
      items.push({ tok, lit: buffer });
    }
  }
}

type Context = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;
  constructor(private readonly items: Item[], private readonly path: Path | null) {}

  // In a values context, `in` and `notin` are ordinary identifiers (`x in (in)`).
  private peek(ctx: Context): Item {
    const it = this.items[this.position]!;
    return ctx === 'values' && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }
  private next(ctx: Context): Item {
    const it = this.peek(ctx);
    this.position++;
    return it;
  }

  // Models Parser.parse.
  parse(): Parsed<Requirement[]> {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek('values');
      if (tok === 'eos') return { ok: true, value: reqs };
      if (tok !== 'id' && tok !== '!') return fail(`found '${lit}', expected: !, identifier, or 'end of string'`);
      const r = this.parseRequirement();
      if (!r.ok) return fail(`unable to parse requirement: ${r.message}`);
      reqs.push(r.value);
      const after = this.next('values');
      if (after.tok === 'eos') return { ok: true, value: reqs };
      if (after.tok !== ',') return fail(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek('values');
      if (t2.tok !== 'id' && t2.tok !== '!') return fail(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  // Models Parser.parseRequirement and parseKeyAndInferOperator.
  private parseRequirement(): Parsed<Requirement> {
    let first = this.next('values');
    const negated = first.tok === '!';
    if (negated) first = this.next('values');
    if (first.tok !== 'id') return fail(`found '${first.lit}', expected: identifier`);
    const key = first.lit;
    const keyProblems = isQualifiedName(key);
    if (keyProblems.length) return fail(field.errorString(field.invalid(this.path, key, keyProblems.join('; '))));
    const t = this.peek('values').tok;
    if (t === 'eos' || t === ',') return newRequirement(key, negated ? '!' : 'exists', [], this.path);
    if (negated) return newRequirement(key, '!', [], this.path);
    const opItem = this.next('keyAndOperator');
    const opByToken: Partial<Record<Token, Operator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    const op = opByToken[opItem.tok];
    if (!op) return fail(`found '${opItem.lit}', expected: ${binaryOperators.join(', ')}`);
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    if (!values.ok) return values;
    return newRequirement(key, op, [...values.value].sort(), this.path);
  }

  // Models Parser.parseValues: `(a,b)`; `()` means the empty value.
  private parseValues(): Parsed<Set<string>> {
    const open = this.next('values');
    if (open.tok !== '(') return fail(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek('values');
    if (tok === ')') { this.next('values'); return { ok: true, value: new Set(['']) }; }
    if (tok !== 'id' && tok !== ',') return fail(`found '${lit}', expected: ',', ')' or identifier`);
    const list = this.parseIdentifiersList();
    if (!list.ok) return list;
    if (this.next('values').tok !== ')') return fail(`found '${lit}', expected: ')'`);
    return list;
  }

  // Models Parser.parseIdentifiersList: empty items between commas are the empty value.
  private parseIdentifiersList(): Parsed<Set<string>> {
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next('values');
      if (tok === 'id') {
        set.add(lit);
        const t2 = this.peek('values');
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return { ok: true, value: set };
        return fail(`found '${t2.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') return fail(`found '${lit}', expected: ',', or identifier`);
      if (set.size === 0) set.add('');
      const t2 = this.peek('values');
      if (t2.tok === ')') { set.add(''); return { ok: true, value: set }; }
      if (t2.tok === ',') { this.next('values'); set.add(''); }
    }
  }

  // Models Parser.parseExactValue: `k=` (nothing after) means the empty value.
  private parseExactValue(): Parsed<Set<string>> {
    const t = this.peek('values').tok;
    if (t === 'eos' || t === ',') return { ok: true, value: new Set(['']) };
    const { tok, lit } = this.next('values');
    return tok === 'id' ? { ok: true, value: new Set([lit]) } : fail(`found '${lit}', expected: identifier`);
  }
}

const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

// Models selector.go Parse. `path` prefixes field errors (nil upstream, printed `<nil>`).
export function parseSelector(selector: string, path: Path | null = null): Parsed<Selector> {
  const parsed = new Parser(scan(selector), path).parse();
  if (!parsed.ok) return parsed;
  return { ok: true, value: { requirements: parsed.value.sort(byKey) } };
}
