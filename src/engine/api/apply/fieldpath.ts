// Field paths and field sets: which fields of an object a manager owns, and their FieldsV1
// encoding in metadata.managedFields.
// Models sigs.k8s.io/structured-merge-diff fieldpath/element.go (PathElement, Compare, String),
// fieldpath/set.go (Set: Members + Children) and fieldpath/serialize.go, serialize-pe.go (FieldsV1).
//
// A worked example: a Deployment's labels and a container image, owned by one manager,
//   paths   .metadata.labels.app   .spec.template.spec.containers[name="nginx"]   ...containers[name="nginx"].image
//   set     members at each level, children where a path goes deeper:
//           { f:metadata: { f:labels: { f:app } }, f:spec: { f:template: { f:spec: { f:containers:
//             { k:{"name":"nginx"} (member and child): { f:image } } } } } }
//   FieldsV1 {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":
//             {"k:{\"name\":\"nginx\"}":{".":{},"f:image":{}}}}}}}
// `.` says the node itself is in the set as well as some of its children.
import { isJsonObject, type JsonObject, type JsonValue } from '../patch/value.ts';

/** One step of a path: a field name, an associative-list key, a set value, or a list index. */
export type PathElement =
  | { field: string }
  | { key: [name: string, value: JsonValue][] }
  | { value: JsonValue }
  | { index: number };

/** A path from the object's root, e.g. `.spec.replicas`. */
export type Path = readonly PathElement[];

// Go's encoding/json (jsoniter in its standard-library mode) escapes these where JSON.stringify does not.
const goJson = (v: JsonValue): string =>
  JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A JSON object's text with its keys in the given order, nested objects' keys sorted (as a Go map encodes). */
const sortedJson = (v: JsonValue): string => goJson(sortKeys(v));
function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: sortKeys(v[k]!), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The FieldsV1 key of a path element: `f:name`, `k:{"name":"nginx"}`, `v:"value"`, `i:0` (serialize-pe.go). */
export function elementKey(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([n, v]) => `${goJson(n)}:${sortedJson(v)}`).join(',')}}`;
  if ('value' in pe) return `v:${sortedJson(pe.value)}`;
  return `i:${pe.index}`;
}

/** Parses a FieldsV1 key back into a path element; undefined if it is not one. */
export function parseElementKey(s: string): PathElement | undefined {
  const body = s.slice(2);
  try {
    switch (s.slice(0, 2)) {
      case 'f:': return { field: body };
      case 'v:': return { value: JSON.parse(body) as JsonValue };
      case 'i:': return /^-?\d+$/.test(body) ? { index: Number(body) } : undefined;
      case 'k:': {
        const o = JSON.parse(body) as JsonValue;
        if (!isJsonObject(o)) return undefined;
        return { key: Object.keys(o).sort().map((n) => [n, o[n]!] as [string, JsonValue]) };
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** value.ToString: how a key or set value prints inside a path (strings quoted as Go's %q). */
function valueString(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  return Object.keys(v).map((k) => `${k}=${valueString(v[k]!)}`).join('');
}

/** A path as upstream prints it in conflicts: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: Path): string {
  return path.map((pe) => {
    if ('field' in pe) return `.${pe.field}`;
    if ('key' in pe) return `[${pe.key.map(([n, v]) => `${n}=${valueString(v)}`).join(',')}]`;
    if ('value' in pe) return `[=${valueString(pe.value)}]`;
    return `[${pe.index}]`;
  }).join('');
}

const kindRank = (pe: PathElement) => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);
const typeRank = (v: JsonValue) =>
  typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : v === null ? 5 : 4;
const cmp = <T extends string | number | boolean>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of values in keys and sets (value.Compare): numbers, strings, booleans, lists, maps, null. */
export function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return cmp(a, b as typeof a);
  if (Array.isArray(a)) {
    const bl = b as JsonValue[];
    for (let i = 0; i < Math.min(a.length, bl.length); i++) {
      const c = compareValues(a[i]!, bl[i]!);
      if (c !== 0) return c;
    }
    return a.length - bl.length;
  }
  if (a === null) return 0;
  const bo = b as JsonObject;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(bo).sort();
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = cmp(ka[i]!, kb[i]!) || compareValues(a[ka[i]!]!, bo[kb[i]!]!);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

/** PathElement.Compare: fields before keys before values before indexes, then by content. */
export function compareElements(a: PathElement, b: PathElement): number {
  const r = kindRank(a) - kindRank(b);
  if (r !== 0) return r;
  if ('field' in a) return cmp(a.field, (b as { field: string }).field);
  if ('key' in a) {
    const bk = (b as { key: [string, JsonValue][] }).key;
    for (let i = 0; i < Math.min(a.key.length, bk.length); i++) {
      const c = cmp(a.key[i]![0], bk[i]![0]) || compareValues(a.key[i]![1], bk[i]![1]);
      if (c !== 0) return c;
    }
    return a.key.length - bk.length;
  }
  if ('value' in a) return compareValues(a.value, (b as { value: JsonValue }).value);
  return a.index - (b as { index: number }).index;
}

/**
 * A set of field paths (fieldpath.Set). Invariant: no child set is empty, so that a set is
 * empty exactly when it has no members and no children, and FieldsV1 never shows an empty
 * child as if it were a leaf.
 */
export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, { pe: PathElement; set: FieldSet }>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path (its last element becomes a member of the set at its parent). */
  insert(path: Path): void {
    if (path.length === 0) return;
    const [head, ...rest] = path as [PathElement, ...PathElement[]];
    const k = elementKey(head);
    if (rest.length === 0) {
      this.members.set(k, head);
      return;
    }
    let child = this.children.get(k);
    if (!child) this.children.set(k, (child = { pe: head, set: new FieldSet() }));
    child.set.insert(rest);
  }

  has(path: Path): boolean {
    if (path.length === 0) return false;
    const [head, ...rest] = path as [PathElement, ...PathElement[]];
    const k = elementKey(head);
    return rest.length === 0 ? this.members.has(k) : this.children.get(k)?.set.has(rest) ?? false;
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(elementKey(pe));
  }

  /** The paths below one element, relative to it (Set.WithPrefix); empty if none. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(elementKey(pe))?.set ?? new FieldSet();
  }

  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  union(o: FieldSet): FieldSet {
    const out = this.copy();
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, c] of o.children) {
      const mine = out.children.get(k);
      out.children.set(k, { pe: c.pe, set: mine ? mine.set.union(c.set) : c.set.copy() });
    }
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = o.children.get(k);
      if (theirs) out.addChild(k, c.pe, c.set.intersection(theirs.set));
    }
    return out;
  }

  /** The paths of this set not in the other (Set.Difference: a member does not remove children). */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = o.children.get(k);
      out.addChild(k, c.pe, theirs ? c.set.difference(theirs.set) : c.set.copy());
    }
    return out;
  }

  /** Like difference, but a member of the other set also removes every path below it. */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const theirs = o.children.get(k);
      out.addChild(k, c.pe, theirs ? c.set.recursiveDifference(theirs.set) : c.set.copy());
    }
    return out;
  }

  /** Every path, in upstream's Set.Iterate order: a level's members (sorted), then its children's paths. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const pe of sortedValues(this.members)) out.push([...prefix, pe]);
    for (const c of sortedChildren(this.children)) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** The FieldsV1 form (Set.ToJSON): keys in PathElement order, `.` first where a member has children. */
  toFieldsV1(): JsonObject {
    return this.emit(false);
  }

  /** Reads a FieldsV1 object; unknown keys are errors (as upstream's decoder refuses them). */
  static fromFieldsV1(fields: JsonValue | undefined): FieldSet | undefined {
    const out = new FieldSet();
    if (fields === undefined) return out;
    if (!isJsonObject(fields)) return undefined;
    for (const k of Object.keys(fields)) {
      if (k === '.') continue;
      const pe = parseElementKey(k);
      const v = fields[k]!;
      if (!pe || !isJsonObject(v)) return undefined;
      const keys = Object.keys(v);
      if (keys.length === 0 || keys.includes('.')) out.members.set(elementKey(pe), pe);
      const child = FieldSet.fromFieldsV1(v);
      if (!child) return undefined;
      out.addChild(elementKey(pe), pe, child);
    }
    return out;
  }

  private emit(includeSelf: boolean): JsonObject {
    const out: JsonObject = {};
    const put = (k: string, v: JsonObject) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (includeSelf) put('.', {});
    const entries = new Map<string, PathElement>([...this.members, ...[...this.children].map(([k, c]) => [k, c.pe] as const)]);
    for (const pe of sortedValues(entries)) {
      const k = elementKey(pe);
      const child = this.children.get(k);
      put(k, child ? child.set.emit(this.members.has(k)) : {});
    }
    return out;
  }

  private addChild(k: string, pe: PathElement, set: FieldSet) {
    if (!set.isEmpty()) this.children.set(k, { pe, set });
  }

  private copy(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, { pe: c.pe, set: c.set.copy() });
    return out;
  }
}

const sortedValues = (m: Map<string, PathElement>) => [...m.values()].sort(compareElements);
const sortedChildren = (m: Map<string, { pe: PathElement; set: FieldSet }>) => [...m.values()].sort((a, b) => compareElements(a.pe, b.pe));
