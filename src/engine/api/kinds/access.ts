// Typed reads and defaulting writes over the open JSON of API objects. Kinds' fields are
// `Record<string, unknown>` (types.ts); these helpers keep the strategies free of casts.
import * as field from '../validation/field.ts';

/** A JSON object as decoded from a request body. */
export type Obj = Record<string, unknown>;

/** The value as an object, or undefined when it is absent or not an object. */
export const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The value as a list of objects (non-objects dropped), or [] when absent. */
export const asObjs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => asObj(x) !== undefined) : []);

export const asStr = (v: unknown): string => (typeof v === 'string' ? v : '');
export const asNum = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** A string map (labels, selectors, data keys). */
export const asStrMap = (v: unknown): Record<string, string> | undefined => asObj(v) as Record<string, string> | undefined;

/** The object at `o[k]`, created empty when missing (for defaulting nested structs). */
export function child(o: Obj, k: string): Obj {
  const existing = asObj(o[k]);
  if (existing) return existing;
  const made: Obj = {};
  o[k] = made;
  return made;
}

/** Sets `o[k] = v` when the field is unset or empty, as Go defaulters test `== ""` / `== nil`. */
export function setDefault(o: Obj, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = v;
}

/** Go's `%#v` of a map[string]string: keys sorted, `map[string]string(nil)` when nil. */
export function goStringMap(m: Record<string, string> | undefined): field.GoSyntax {
  if (!m) return new field.GoSyntax('map[string]string(nil)');
  const pairs = Object.keys(m).sort().map((k) => `${field.goQuote(k)}:${field.goQuote(m[k]!)}`);
  return new field.GoSyntax(`map[string]string{${pairs.join(', ')}}`);
}

/** Go's `%#v` of a metav1.LabelSelector, as immutability errors print it. */
export function goLabelSelector(v: unknown): field.GoSyntax {
  const sel = asObj(v);
  if (!sel) return new field.GoSyntax('null');
  const exprs = Array.isArray(sel.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${asObjs(sel.matchExpressions).map((e) => {
      const values = Array.isArray(e.values) ? `[]string{${e.values.map((x) => field.goQuote(asStr(x))).join(', ')}}` : '[]string(nil)';
      return `v1.LabelSelectorRequirement{Key:${field.goQuote(asStr(e.key))}, Operator:${field.goQuote(asStr(e.operator))}, Values:${values}}`;
    }).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new field.GoSyntax(`v1.LabelSelector{MatchLabels:${goStringMap(asStrMap(sel.matchLabels)).text}, MatchExpressions:${exprs}}`);
}

/** Structural equality of JSON values, key order ignored (Go's apiequality.Semantic.DeepEqual for our purposes). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const oa = asObj(a);
  const ob = asObj(b);
  if (!oa || !ob) return false;
  const ka = Object.keys(oa).filter((k) => oa[k] !== undefined);
  const kb = Object.keys(ob).filter((k) => ob[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual(oa[k], ob[k]));
}
