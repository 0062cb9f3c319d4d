// Objects walked by their schema, as structured-merge-diff's typed package walks them: the set
// of fields a value sets, the comparison of two values, the merge of an applied configuration
// into a live object, and the removal of a set of fields.
// Models typed/tofieldset.go, typed/compare.go, typed/merge.go, typed/remove.go and
// fieldpath/set.go EnsureNamedFieldsAreMembers.
import { deepCopy, isJsonObject, jsonEqual, setOwn, type JsonObject, type JsonValue } from '../patch/value.ts';
import { elementKey, FieldSet, type Path, type PathElement } from './fieldpath.ts';
import { applyType, deducedType, fieldType, isNamedField, listItemElement, type ApplyType, type TypeRef } from './schematype.ts';

type ListType = Extract<ApplyType, { kind: 'list' }>;

/** The type at a node, deduced from the value where the schema does not say. */
function typeAt(ref: TypeRef, ...values: (JsonValue | undefined)[]): ApplyType {
  const t = applyType(ref);
  if (t.kind !== 'untyped') return t;
  const present = values.filter((v) => v !== undefined && v !== null);
  const kinds = present.map((v) => deducedType(v).kind);
  // Values of different shapes (a map replaced by a string) compare and merge as one leaf.
  return kinds.every((k) => k === kinds[0]) && present.length > 0 ? deducedType(present[0]) : { kind: 'scalar' };
}

/** Keyed list items, in order, first occurrence of each key; undefined if some item has no key. */
function indexItems(t: ListType, list: JsonValue[]): { pe: PathElement; k: string; v: JsonValue; dup: boolean }[] | undefined {
  const out: { pe: PathElement; k: string; v: JsonValue; dup: boolean }[] = [];
  const seen = new Map<string, { dup: boolean }>();
  for (const v of list) {
    const pe = listItemElement(t, v);
    if (!pe) return undefined;
    const k = elementKey(pe);
    const prior = seen.get(k);
    if (prior) { prior.dup = true; continue; }
    const entry = { pe, k, v, dup: false };
    seen.set(k, entry);
    out.push(entry);
  }
  return out;
}

/** Whether a list is merged item by item (not atomic, and every item has a key). */
const granularItems = (t: ApplyType, list: JsonValue[]) =>
  t.kind === 'list' && t.relationship !== 'atomic' ? indexItems(t, list) : undefined;

/** The fields a value sets (TypedValue.ToFieldSet): what an applier owns. */
export function toFieldSet(value: JsonValue, ref: TypeRef): FieldSet {
  const set = new FieldSet();
  walkFieldSet(value, ref, [], set);
  return set;
}

function walkFieldSet(value: JsonValue, ref: TypeRef, path: Path, set: FieldSet): void {
  const t = typeAt(ref, value);
  if (t.kind === 'scalar' || (t.kind === 'list' && t.relationship === 'atomic') || (t.kind === 'map' && t.atomic)) {
    set.insert(path);
    return;
  }
  if (t.kind === 'list') {
    if (!Array.isArray(value)) return;
    const items = indexItems(t, value);
    if (!items) { set.insert(path); return; }
    for (const it of items) {
      const p = [...path, it.pe];
      // Duplicated keys: upstream owns the item as a whole and does not look inside.
      if (!it.dup) walkFieldSet(it.v, { schema: t.item, source: ref.source }, p, set);
      set.insert(p);
    }
    return;
  }
  if (t.kind !== 'map' || !isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const v = value[key]!;
    const p = [...path, { field: key }];
    walkFieldSet(v, fieldType(t, key, ref.source), p, set);
    if (v === null || (isJsonObject(v) && Object.keys(v).length === 0) || !isNamedField(t.node, key)) set.insert(p);
  }
}

/** What changed from one value to another (typed.Comparison). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * Compares two values (TypedValue.Compare). Leaves (scalars, atomic lists and maps, empty
 * maps and lists) are added, removed or modified; a granular node is added or removed as a
 * whole too when it appears or disappears — which is why an Update's fields carry `.` on
 * the maps and lists it brought into existence.
 */
export function compare(lhs: JsonValue | undefined, rhs: JsonValue | undefined, ref: TypeRef): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkCompare(lhs, rhs, ref, [], c);
  return c;
}

function walkCompare(lhs: JsonValue | undefined, rhs: JsonValue | undefined, ref: TypeRef, path: Path, c: Comparison): void {
  const t = typeAt(ref, lhs, rhs);
  const leaf = () => {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
    else if (!jsonEqual(lhs, rhs)) c.modified.insert(path);
  };
  if (t.kind === 'list') {
    const l = Array.isArray(lhs) ? lhs : [];
    const r = Array.isArray(rhs) ? rhs : [];
    const li = l.length ? granularItems(t, l) : [];
    const ri = r.length ? granularItems(t, r) : [];
    if (t.relationship === 'atomic' || (l.length === 0 && r.length === 0) || !li || !ri) return leaf();
    const item: TypeRef = { schema: t.item, source: ref.source };
    const lByKey = new Map(li.map((e) => [e.k, e]));
    const rByKey = new Map(ri.map((e) => [e.k, e]));
    for (const e of [...li, ...ri.filter((x) => !lByKey.has(x.k))]) {
      const le = lByKey.get(e.k);
      const re = rByKey.get(e.k);
      const p = [...path, e.pe];
      if (le?.dup || re?.dup) {
        // Duplicated keys compare as one atomic item (compare.go visitListItems).
        if (!le) c.added.insert(p);
        else if (!re) c.removed.insert(p);
        else if (!jsonEqual(l.filter((v) => sameKey(t, v, e.k)), r.filter((v) => sameKey(t, v, e.k)))) c.modified.insert(p);
        continue;
      }
      walkCompare(le?.v, re?.v, item, p, c);
    }
  } else if (t.kind === 'map') {
    const l = isJsonObject(lhs) ? lhs : undefined;
    const r = isJsonObject(rhs) ? rhs : undefined;
    const empty = (m: JsonObject | undefined) => !m || Object.keys(m).length === 0;
    if (t.atomic || (empty(l) && empty(r))) return leaf();
    const keys = [...Object.keys(l ?? {}), ...Object.keys(r ?? {}).filter((k) => !l || !Object.hasOwn(l, k))];
    for (const k of keys) {
      walkCompare(l && Object.hasOwn(l, k) ? l[k] : undefined, r && Object.hasOwn(r, k) ? r[k] : undefined, fieldType(t, k, ref.source), [...path, { field: k }], c);
    }
  } else {
    return leaf();
  }
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
}

const sameKey = (t: ListType, v: JsonValue, k: string) => {
  const pe = listItemElement(t, v);
  return pe !== undefined && elementKey(pe) === k;
};

/**
 * Merges an applied configuration into a live object (TypedValue.Merge): the configuration
 * wins at leaves, maps merge key by key, granular lists item by item (by key or value),
 * keeping live-only items where they were relative to the shared ones.
 */
export function merge(lhs: JsonValue | undefined, rhs: JsonValue | undefined, ref: TypeRef): JsonValue | undefined {
  if (rhs === undefined) return lhs === undefined ? undefined : deepCopy(lhs);
  if (lhs === undefined) return deepCopy(rhs);
  const t = typeAt(ref, lhs, rhs);
  if (t.kind === 'map' && !t.atomic && isJsonObject(lhs) && isJsonObject(rhs)) {
    const out = deepCopy(lhs);
    for (const k of Object.keys(rhs)) setOwn(out, k, merge(Object.hasOwn(lhs, k) ? lhs[k] : undefined, rhs[k], fieldType(t, k, ref.source))!);
    return out;
  }
  if (t.kind === 'list' && Array.isArray(lhs) && Array.isArray(rhs) && (lhs.length > 0 || rhs.length > 0)) {
    const li = granularItems(t, lhs);
    const ri = granularItems(t, rhs);
    if (li && ri) return mergeItems(li, ri, { schema: t.item, source: ref.source });
  }
  return deepCopy(rhs);
}

type Item = { pe: PathElement; k: string; v: JsonValue };

// Mirrors typed/merge.go visitListItems: walk both lists; shared items take the applied order,
// live-only items stay in place, applied-only items come where the configuration puts them.
function mergeItems(li: Item[], ri: Item[], item: TypeRef): JsonValue[] {
  const lKeys = new Map(li.map((e) => [e.k, e]));
  const rKeys = new Map(ri.map((e) => [e.k, e]));
  const shared = ri.filter((e) => lKeys.has(e.k)).map((e) => e.k);
  let next = 0;
  const merged = new Set<string>();
  const out: JsonValue[] = [];
  let l = 0;
  let r = 0;
  while (l < li.length || r < ri.length) {
    if (l < li.length && r < ri.length) {
      const le = li[l]!;
      if (le.k === ri[r]!.k) {
        merged.add(le.k);
        out.push(merge(le.v, ri[r]!.v, item)!);
        l++; r++; next++;
        continue;
      }
      if (rKeys.has(le.k) && next < shared.length && shared[next] !== le.k) { l++; continue; }
    }
    if (l < li.length) {
      const le = li[l]!;
      if (!rKeys.has(le.k)) { out.push(deepCopy(le.v)); l++; continue; }
      if (merged.has(le.k)) l++;
    }
    if (r < ri.length) {
      const re = ri[r]!;
      merged.add(re.k);
      out.push(merge(lKeys.get(re.k)?.v, re.v, item)!);
      r++;
      if (next < shared.length && shared[next] === re.k) next++;
    }
  }
  return out;
}

/**
 * A value without the fields of a set (TypedValue.RemoveItems): a member goes with everything
 * below it. A map or list left empty by the removal goes too, as a Go nil map or slice is
 * omitted when the object is encoded.
 */
export function removeItems(value: JsonValue, set: FieldSet, ref: TypeRef): JsonValue | undefined {
  const t = typeAt(ref, value);
  if (t.kind === 'map' && !t.atomic && isJsonObject(value) && Object.keys(value).length > 0) {
    const out: JsonObject = {};
    for (const k of Object.keys(value)) {
      const pe = { field: k };
      if (set.hasMember(pe)) continue;
      const sub = set.withPrefix(pe);
      const v = sub.isEmpty() ? value[k] : removeItems(value[k]!, sub, fieldType(t, k, ref.source));
      if (v !== undefined) setOwn(out, k, v);
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (t.kind === 'list' && Array.isArray(value) && value.length > 0) {
    const items = granularItems(t, value);
    if (!items) return value;
    const out: JsonValue[] = [];
    for (const v of value) {
      const pe = listItemElement(t, v)!;
      if (set.hasMember(pe)) continue;
      const sub = set.withPrefix(pe);
      const kept = sub.isEmpty() ? v : removeItems(v, sub, { schema: t.item, source: ref.source });
      if (kept !== undefined) out.push(kept);
    }
    return out.length ? out : undefined;
  }
  return value;
}

/**
 * A set where every struct field that has owned fields below it is also a member
 * (Set.EnsureNamedFieldsAreMembers), so that removing it removes the struct field itself.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, ref: TypeRef): FieldSet {
  const out = new FieldSet();
  for (const p of set.paths()) {
    // Walk the path's steps, adding the named struct fields met on the way.
    let t: ApplyType = applyType(ref);
    for (let i = 0; i < p.length - 1; i++) {
      const pe = p[i]!;
      let next: TypeRef = { schema: undefined, source: ref.source };
      if ('field' in pe && t.kind === 'map') {
        if (isNamedField(t.node, pe.field)) out.insert(p.slice(0, i + 1));
        next = fieldType(t, pe.field, ref.source);
      } else if (t.kind === 'list') {
        next = { schema: t.item, source: ref.source };
      }
      t = applyType(next);
    }
    out.insert(p);
  }
  return out;
}
