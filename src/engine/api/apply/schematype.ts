// How server-side apply sees a schema node: a scalar, a list (atomic, set, or map-list with
// keys), a map (a struct with named fields, or a map of values; atomic or granular), or
// untyped (x-kubernetes-preserve-unknown-fields, RawExtension: the value decides).
// Models k8s.io/kube-openapi/pkg/schemaconv/smd.go (OpenAPI → structured-merge-diff schema)
// and structured-merge-diff typed/helpers.go (listItemToPathElement, getAssociativeKeyDefault).
import { isJsonObject, type JsonValue } from '../patch/value.ts';
import { builtinSchemas, childSchema, listMapKeys, listMergeKey, patchStrategies, resolve, type CompactSchema, type SchemaSource } from '../schema.ts';
import generatedZero from './generated-zero.json' with { type: 'json' };
import type { PathElement } from './fieldpath.ts';

/** The shape apply merges by at one node of the schema. */
export type ApplyType =
  | { kind: 'scalar' }
  | { kind: 'list'; relationship: 'atomic' | 'set' | 'map'; keys: string[]; item: CompactSchema | undefined }
  | { kind: 'map'; atomic: boolean; node: CompactSchema }
  | { kind: 'untyped' };

/** A schema node and where its references resolve. */
export interface TypeRef {
  schema: CompactSchema | undefined;
  source: SchemaSource;
}

const UNTYPED: CompactSchema = { t: 'any' };

/** The apply type of a schema node (schemaconv: list-type, else patch strategy "merge", else atomic). */
export function applyType(ref: TypeRef): ApplyType {
  if (ref.schema === undefined) return { kind: 'untyped' };
  const s = resolve(ref.schema, ref.source);
  if (s.t === 'any' || s.x === 1) return { kind: 'untyped' };
  if (s.t === 'array') {
    if (s.l !== undefined) return { kind: 'list', relationship: s.l, keys: s.l === 'map' ? listMapKeys(s) : [], item: s.i };
    if (patchStrategies(s).includes('merge')) {
      const key = listMergeKey(s);
      return { kind: 'list', relationship: key ? 'map' : 'set', keys: key ? [key] : [], item: s.i };
    }
    return { kind: 'list', relationship: 'atomic', keys: [], item: s.i };
  }
  if (s.t === 'object' || s.p !== undefined || s.a !== undefined) {
    if (s.p === undefined && s.a === undefined) return { kind: 'untyped' };
    return { kind: 'map', atomic: s.mt === 'atomic', node: s };
  }
  if (s.t === undefined && s.u === 1) return { kind: 'untyped' };
  return { kind: 'scalar' };
}

/** The apply type of a value under an untyped node (deduced: maps granular, lists atomic). */
export function deducedType(v: JsonValue | undefined): ApplyType {
  if (isJsonObject(v)) return { kind: 'map', atomic: false, node: { t: 'object', a: UNTYPED } };
  if (Array.isArray(v)) return { kind: 'list', relationship: 'atomic', keys: [], item: UNTYPED };
  return { kind: 'scalar' };
}

/** Whether a map key is one of the struct's named fields (Map.FindField). */
export const isNamedField = (node: CompactSchema, key: string): boolean => node.p !== undefined && Object.hasOwn(node.p, key);

/** The type of a map's child: a named field's, else the map's element type. */
export function fieldType(t: Extract<ApplyType, { kind: 'map' }>, key: string, source: SchemaSource): TypeRef {
  return { schema: childSchema(t.node, key) ?? (t.node.u === 1 ? UNTYPED : undefined), source };
}

interface GeneratedZero {
  zero: Record<string, Record<string, JsonValue>>;
  keyDefaults: Record<string, Record<string, JsonValue>>;
}
const generated = generatedZero as unknown as GeneratedZero;

/**
 * The path element of a list item: `k:{...}` by the list's keys (a key left out takes its
 * schema default, e.g. ContainerPort protocol "TCP"), `v:` for a set's scalar; undefined when
 * the item cannot be keyed (upstream refuses such lists; callers treat them as atomic).
 */
export function listItemElement(t: Extract<ApplyType, { kind: 'list' }>, item: JsonValue): PathElement | undefined {
  if (t.relationship === 'map') {
    if (!isJsonObject(item)) return undefined;
    const defaults = t.item?.r !== undefined && Object.hasOwn(generated.keyDefaults, t.item.r) ? generated.keyDefaults[t.item.r]! : {};
    const key: [string, JsonValue][] = [];
    for (const name of t.keys) {
      if (Object.hasOwn(item, name)) key.push([name, item[name]!]);
      else if (Object.hasOwn(defaults, name)) key.push([name, defaults[name]!]);
    }
    if (key.length === 0) return undefined;
    return { key: key.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
  }
  if (t.relationship === 'set') return item === null || typeof item === 'object' ? undefined : { value: item };
  return undefined;
}

/**
 * The Go zero value of a built-in kind as the field manager sees it (scheme.New, converted to
 * unstructured): value structs present as {}, non-omitempty fields as their zero or null.
 * A create is compared against it; a custom resource's zero value is empty.
 */
export function zeroObject(definition: string | undefined, source: SchemaSource = builtinSchemas): JsonValue {
  const out: Record<string, JsonValue> = {};
  if (definition === undefined) return out;
  const fields = Object.hasOwn(generated.zero, definition) ? generated.zero[definition]! : {};
  const node = source.definition(definition);
  for (const [name, v] of Object.entries(fields)) {
    const ref = node?.p?.[name]?.r;
    out[name] = isJsonObject(v) && ref !== undefined ? zeroObject(ref, source) : v;
  }
  return out;
}
