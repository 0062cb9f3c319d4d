import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector, formatLabels, labelSelectorAsSelector, matches, parseSelector, selectorFromSet, selectorString,
  type Selector,
} from './labels.ts';

const parse = (s: string): Selector => {
  const r = parseSelector(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const keyMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseSelector (labels.Parse)', () => {
  it.each([
    { name: 'an empty string selects everything', input: '', canonical: '' },
    { name: 'equality forms keep their operator', input: 'app=web,tier==fe,env!=prod', canonical: 'app=web,env!=prod,tier==fe' },
    { name: 'set-based values are sorted when printed', input: 'env in (prod, dev),tier notin (b,a)', canonical: 'env in (dev,prod),tier notin (a,b)' },
    { name: 'exists and does-not-exist', input: ' canary , !legacy ', canonical: 'canary,!legacy' },
    { name: 'a prefixed key', input: 'app.kubernetes.io/name=web', canonical: 'app.kubernetes.io/name=web' },
    { name: 'an empty value after = is allowed', input: 'a=', canonical: 'a=' },
    { name: 'in and notin are identifiers inside a value list', input: 'x in (in,notin)', canonical: 'x in (in,notin)' },
    { name: 'empty items in a list are the empty value', input: 'x in (a,,b)', canonical: 'x in (,a,b)' },
    { name: 'gt and lt compare integers', input: 'replicas>2,age<10', canonical: 'age<10,replicas>2' },
  ])('$name', ({ input, canonical }) => expect(selectorString(parse(input))).toBe(canonical));

  it.each([
    { name: 'a key with a space', input: 'a b', message: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
    { name: 'an open parenthesis where a key belongs', input: '(a)', message: "found '(', expected: !, identifier, or 'end of string'" },
    { name: 'a trailing comma', input: 'a=b,', message: "found '', expected: identifier after ','" },
    { name: 'a bad operator', input: 'a in b', message: "unable to parse requirement: found 'b' expected: '('" },
    { name: 'an unclosed list', input: 'a in (b', message: "unable to parse requirement: found '', expected: ',' or ')'" },
    { name: 'a second word after a requirement', input: 'a=b c', message: "found 'c', expected: ',' or 'end of string'" },
    { name: 'an invalid key', input: 'a+b=c', message: `unable to parse requirement: <nil>: Invalid value: "a+b": ${keyMsg}` },
    { name: 'an invalid value', input: 'app=-bad', message: `unable to parse requirement: values[0][app]: Invalid value: "-bad": ${valueMsg}` },
    { name: 'a non-integer for gt', input: 'a>b', message: "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer" },
    { name: 'an operator without a key', input: '=a', message: "found '=', expected: !, identifier, or 'end of string'" },
    { name: 'a key followed by a bad operator', input: 'a(b)', message: "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt" },
  ])('refuses $name', ({ input, message }) => expect(parseSelector(input)).toEqual({ ok: false, message }));
});

describe('matches', () => {
  const labels = { app: 'web', tier: 'fe', replicas: '3' };
  it.each([
    ['app=web', true], ['app==web', true], ['app=db', false], ['app!=db', true], ['missing!=x', true],
    ['app in (web,db)', true], ['app notin (web)', false], ['missing notin (x)', true], ['app', true], ['!app', false],
    ['!missing', true], ['replicas>2', true], ['replicas<3', false], ['app>1', false], ['app=web,tier=be', false], ['', true],
    ['constructor', false], ['toString', false],
  ])('%j against app=web,tier=fe,replicas=3 is %s', (sel, want) => expect(matches(parse(sel), labels)).toBe(want));

  it('a nil LabelSelector matches nothing; an empty one everything', () => {
    expect(matches(labelSelectorAsSelector(null).ok ? { nothing: true } : parse(''), labels)).toBe(false);
    const empty = labelSelectorAsSelector({});
    expect(empty.ok && matches(empty.value, labels)).toBe(true);
  });
  it('selectorFromSet matches supersets', () => {
    expect(matches(selectorFromSet({ app: 'web' }), labels)).toBe(true);
    expect(selectorString(selectorFromSet({ b: '2', a: '1' }))).toBe('a=1,b=2');
  });
});

describe('metav1.LabelSelector', () => {
  it.each([
    { name: 'matchLabels and expressions sorted by key', ps: { matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['y', 'x'] }] }, want: 'a in (x,y),b=1' },
    { name: 'Exists and DoesNotExist', ps: { matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }, { key: 'a', operator: 'Exists' }] }, want: 'a,!b' },
  ])('$name', ({ ps, want }) => {
    const r = labelSelectorAsSelector(ps);
    expect(r.ok && selectorString(r.value)).toBe(want);
  });

  it.each([
    { name: 'an unknown operator', ps: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, message: '"Equals" is not a valid label selector operator' },
    { name: 'In without values', ps: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, message: "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty" },
    { name: 'a bad key in matchLabels', ps: { matchLabels: { 'a b': 'x' } }, message: `key: Invalid value: "a b": ${keyMsg}` },
  ])('refuses $name', ({ ps, message }) => expect(labelSelectorAsSelector(ps)).toEqual({ ok: false, message }));

  it.each([
    [{ matchLabels: { app: 'nginx' } }, 'app=nginx'], [{}, '<none>'], [null, '<none>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, '<error>'],
  ])('FormatLabelSelector(%j) is %s', (ps, want) => expect(formatLabelSelector(ps)).toBe(want));

  it.each([
    [{ b: '2', a: '1' }, 'a=1,b=2'], [{}, '<none>'], [undefined, '<none>'],
  ])('FormatLabels(%j) is %s', (labels, want) => expect(formatLabels(labels)).toBe(want));
});
