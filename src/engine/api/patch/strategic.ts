// Strategic merge patch (`application/strategic-merge-patch+json`), as the apiserver applies
// it to built-in kinds: lists tagged patchStrategy=merge merge their items by the
// patchMergeKey (containers by name, container ports by containerPort, env by name, volumes by
// name ...); untagged lists and maps tagged replace are replaced; the directives `$patch`
// (delete | replace), `$retainKeys`, `$setElementOrder/<list>` and
// `$deleteFromPrimitiveList/<list>` steer it. Custom resources have no patch tags: upstream
// refuses this patch type for them with 415 (strategicMergePatchUnsupported).
//
// Models apimachinery/pkg/util/strategicpatch/patch.go StrategicMergeMapPatch with
// MergeOptions{MergeParallelList: true, IgnoreUnmatchedNulls: true}, and handlers/patch.go
// interpretStrategicMergePatchError for the status each error gets.
import type { CompactSchema, SchemaSource } from '../schema.ts';
import { goFormat, goTypeString } from './gofmt.ts';
import { badRequest, failed, patched, plainError, unprocessable, type PatchFailure, type PatchResult } from './result.ts';
import { PatchMetaLookup, StrategicPatchError, sentinels, type PatchSchema } from './strategic-meta.ts';
import { deepCopy, getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './value.ts';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** The patch types a custom resource accepts (apiextensions-apiserver's crdHandler, v1.33). */
export const CUSTOM_RESOURCE_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

/** The 415 a strategic merge patch of a custom resource gets (negotiation.NewUnsupportedMediaTypeError). */
export const strategicMergePatchUnsupported = (): PatchFailure => ({
  code: 415, reason: 'UnsupportedMediaType',
  message: `the body of the request was in an unknown format - accepted media types include: ${CUSTOM_RESOURCE_PATCH_TYPES.join(', ')}`,
});

/**
 * Applies a strategic merge patch to a copy of `original`, a built-in object whose schema is
 * `schema` (pass the kind as a reference, `{ r: definitionNameFor(gvk) }`).
 */
export function strategicMergePatch(original: JsonObject, patch: JsonValue, schema: CompactSchema, source?: SchemaSource): PatchResult {
  if (!isJsonObject(patch)) return failed(badRequest(`json: cannot unmarshal ${patch === null ? 'null' : Array.isArray(patch) ? 'array' : typeof patch === 'object' ? 'object' : typeof patch === 'boolean' ? 'bool' : typeof patch} into Go value of type map[string]interface {}`));
  const meta = new PatchMetaLookup(source);
  try {
    return patched(mergeMap(meta, deepCopy(original), deepCopy(patch), meta.root(schema)));
  } catch (e) {
    if (e instanceof StrategicPatchError) return failed(statusOf(e));
    throw e;
  }
}

// Models handlers/patch.go interpretStrategicMergePatchError.
function statusOf(e: StrategicPatchError): PatchFailure {
  switch (e.sentinel) {
    case 'ErrNoListOfLists': case 'ErrPatchContentNotMatchRetainKeys': return unprocessable(e.message);
    case undefined: return plainError(e.message);
    default: return badRequest(e.message);
  }
}

const noMergeKey = (m: JsonObject, key: string) => new StrategicPatchError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
const badArgType = (expected: JsonValue, actual: JsonValue | undefined) => new StrategicPatchError(`expected a ${goTypeString(expected)}, but received a ${goTypeString(actual)}`);
const badPatchType = (t: JsonValue | undefined, m: JsonObject) => new StrategicPatchError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);

// Models patch.go mergeMap.
function mergeMap(meta: PatchMetaLookup, original: JsonObject, patch: JsonObject, at: PatchSchema): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === 'delete') return {};
    throw badPatchType(directive, patch);
  }
  applyRetainKeys(original, patch);
  mergeElementOrderLists(meta, original, patch, at);

  for (const patchKey of Object.keys(patch)) {
    const patchValue = patch[patchKey]!;
    let key = patchKey;
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    if (isDeleteList) key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST);
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const current = getOwn(original, key);
    if (current === undefined || sameGoType(current, patchValue) === false) {
      if (!isDeleteList) keepWithoutDirectives(original, key, discardNulls(patchValue));
      continue;
    }
    if (isJsonObject(current)) {
      const [sub, fieldMeta] = meta.forStruct(at, key);
      const strategy = otherStrategy(fieldMeta.strategies);
      setOwn(original, key, strategy === 'replace' ? (patchValue as JsonObject) : mergeMap(meta, current, patchValue as JsonObject, sub));
    } else if (Array.isArray(current)) {
      const [sub, fieldMeta] = meta.forSlice(at, key);
      const strategy = otherStrategy(fieldMeta.strategies);
      setOwn(original, key, strategy === 'merge' || isDeleteList
        ? mergeSlice(meta, current, patchValue as JsonValue[], sub, fieldMeta.mergeKey, isDeleteList)
        : (patchValue as JsonValue[]));
    } else keepWithoutDirectives(original, key, patchValue);
  }
  return original;
}

// Go compares reflect types: map, slice, string, int64, float64, bool.
const sameGoType = (a: JsonValue, b: JsonValue) => goTypeString(a) === goTypeString(b);

function keepWithoutDirectives(object: JsonObject, key: string, value: JsonValue): void {
  const [kept, keep] = removeDirectives(value);
  if (keep) setOwn(object, key, kept);
  else delete object[key];
}

// Models patch.go extractRetainKeysPatchStrategy: the strategy besides retainKeys.
function otherStrategy(strategies: string[]): string {
  const others = strategies.filter((s) => s !== 'retainKeys');
  if (strategies.length > 2 || others.length > 1) throw new StrategicPatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
  return others[0] ?? '';
}

// Models patch.go extractKey.
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix)
    throw prefix === DELETE_FROM_PRIMITIVE_LIST ? sentinels.ErrBadPatchFormatForPrimitiveList : sentinels.ErrBadPatchFormatForSetElementOrderList;
  return s.slice(slash + 1);
}

// Models patch.go applyRetainKeysDirective (MergeParallelList): keys of the original that the
// list does not name are cleared; the patch may not set a key the list does not name.
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS]!;
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw sentinels.ErrBadPatchFormatForRetainKeys;
  const kept = new Set(retain);
  for (const key of Object.keys(patch)) {
    if (patch[key] === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!kept.has(key)) throw sentinels.ErrBadPatchFormatForRetainKeys;
  }
  for (const key of Object.keys(original)) if (!kept.has(key)) delete original[key];
}

// Models patch.go mergePatchIntoOriginal: each `$setElementOrder/<list>` merges its list now
// and orders it: $setElementOrder first, then the patch's order, then the live order.
function mergeElementOrderLists(meta: PatchMetaLookup, original: JsonObject, patch: JsonObject, at: PatchSchema): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[directiveKey]!;
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw badArgType([], order);
    const key = extractKey(directiveKey, SET_ELEMENT_ORDER);
    const originalList = getOwn(original, key);
    const patchList = getOwn(patch, key);
    if (originalList !== undefined && !Array.isArray(originalList)) throw badArgType([], originalList);
    if (patchList !== undefined && !Array.isArray(patchList)) throw badArgType([], patchList);
    const [sub, fieldMeta] = meta.forSlice(at, key);
    const strategy = otherStrategy(fieldMeta.strategies);
    validateWithSetOrderList(patchList ?? [], order, fieldMeta.mergeKey);
    let merged: JsonValue[];
    if (originalList !== undefined && patchList === undefined) merged = originalList;
    else if (originalList === undefined && patchList !== undefined) merged = removeDirectives(patchList)[0] as JsonValue[];
    else if (originalList !== undefined && patchList !== undefined)
      merged = strategy === 'merge' ? mergeSlice(meta, originalList, patchList, sub, fieldMeta.mergeKey, false) : patchList;
    else continue;
    const [inOrder, serverOnly] = partition(merged, order, fieldMeta.mergeKey);
    const kind = elementKind([originalList ?? [], patchList ?? []]);
    setOwn(original, key, normalizeElementOrder(inOrder, serverOnly, order, originalList ?? [], fieldMeta.mergeKey, kind));
    delete patch[key];
  }
}

// Models patch.go validatePatchWithSetOrderList: the patch's items appear in the
// $setElementOrder list, in the same relative order.
function validateWithSetOrderList(patchList: JsonValue[], order: JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isJsonObject(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p]!;
    if (isJsonObject(item) && Object.hasOwn(item, DIRECTIVE)) { p++; continue; }
    if (mergeKeyValueEqual(item, order[o]!, mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length)
    throw new StrategicPatchError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`);
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isJsonObject(left)) throw badArgType({}, left);
  if (!isJsonObject(right)) throw badArgType({}, right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

// Models patch.go mergeSlice.
function mergeSlice(meta: PatchMetaLookup, original: JsonValue[], patch: JsonValue[], item: PatchSchema, mergeKey: string, isDeleteList: boolean): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch]);
  let merged: JsonValue[];
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) throw new StrategicPatchError(`cannot merge lists without merge key for ${meta.kindName(item)}`);
    [original, patch] = withSpecialElements(original, patch, mergeKey);
    merged = withoutSpecialElements(meta, original, patch, mergeKey, item);
  }
  const [inPatch, serverOnly] = partition(merged, patch, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
}

// Models patch.go sliceElementType: every item of every list has one Go type, and is no list.
function elementKind(lists: JsonValue[][]): string {
  let kind: string | undefined;
  for (const list of lists)
    for (const v of list) {
      const t = goTypeString(v);
      if (kind === undefined) {
        if (Array.isArray(v)) throw sentinels.ErrNoListOfLists;
        kind = t;
      } else if (kind !== t) throw new StrategicPatchError(`list element types are not identical: ${goFormat(lists)}`);
    }
  if (kind === undefined) throw new StrategicPatchError('no elements in any of the given slices');
  return kind === 'map[string]interface {}' ? 'map' : kind;
}

const dedupe = (items: JsonValue[]) => items.filter((v, i) => items.indexOf(v) === i);

// Models patch.go mergeSliceWithSpecialElements: `{$patch: delete, <key>: v}` removes the
// matching items; `{$patch: replace}` makes the patch's items the whole list.
function withSpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const plain: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!Object.hasOwn(item, DIRECTIVE)) { plain.push(v); continue; }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      original = original.filter((o) => !(isJsonObject(o) && o[mergeKey] === item[mergeKey]));
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw new StrategicPatchError('merging lists cannot yet be specified in the patch');
    else throw badPatchType(directive, item);
  }
  return replace ? [plain, []] : [original, plain];
}

// Models patch.go mergeSliceWithoutSpecialElements: an item whose merge key matches is merged
// into the live one; the others are appended.
function withoutSpecialElements(meta: PatchMetaLookup, original: JsonValue[], patch: JsonValue[], mergeKey: string, item: PatchSchema): JsonValue[] {
  const out = [...original];
  for (const v of patch) {
    const patchItem = v as JsonObject;
    if (!Object.hasOwn(patchItem, mergeKey)) throw noMergeKey(patchItem, mergeKey);
    const i = findByKey(out, mergeKey, patchItem[mergeKey]!);
    if (i >= 0) {
      out[i] = mergeMap(meta, out[i] as JsonObject, patchItem, item);
    } else out.push(v);
  }
  return out;
}

function findByKey(list: JsonValue[], mergeKey: string, value: JsonValue): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (!isJsonObject(v)) throw new StrategicPatchError(`value for key ${i} is not a map`);
    if (Object.hasOwn(v, mergeKey) && v[mergeKey] === value) return i;
  }
  return -1;
}

// Models partitionPrimitivesByPresentInList / partitionMapsByPresentInList.
function partition(items: JsonValue[], by: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const present: JsonValue[] = [];
  const absent: JsonValue[] = [];
  for (const v of items) {
    let found: boolean;
    if (!mergeKey) found = by.includes(v);
    else {
      if (!isJsonObject(v)) throw badArgType({}, v);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      found = findByKey(by, mergeKey, v[mergeKey]!) >= 0;
    }
    (found ? present : absent).push(v);
  }
  return [present, absent];
}

// Models patch.go normalizeElementOrder and mergeSortedSlice: the patch's items in the patch's
// order, the server-only items in the live order, interleaved by where they stood live.
function normalizeElementOrder(patchItems: JsonValue[], serverOnly: JsonValue[], patchOrder: JsonValue[], serverOrder: JsonValue[], mergeKey: string, kind: string): JsonValue[] {
  const index = (list: JsonValue[], item: JsonValue) =>
    kind === 'map' ? list.findIndex((v) => isJsonObject(v) && isJsonObject(item) && v[mergeKey] === item[mergeKey]) : list.indexOf(item);
  const sortBy = (items: JsonValue[], order: JsonValue[]) => {
    let toDelete: JsonValue[] = [];
    if (kind === 'map') {
      for (const v of [...items, ...order]) {
        if (!isJsonObject(v)) throw badArgType({}, v);
        if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      }
      toDelete = items.filter((v) => (v as JsonObject)[DIRECTIVE] === 'delete');
      items = items.filter((v) => (v as JsonObject)[DIRECTIVE] !== 'delete');
    }
    const sorted = items.map((v, i) => [v, index(order, v), i] as const)
      .sort((a, b) => (a[1] >= 0 && b[1] >= 0 ? a[1] - b[1] : 0) || a[2] - b[2]).map(([v]) => v);
    return [...sorted, ...toDelete];
  };
  const right = sortBy(patchItems, patchOrder);
  const left = sortBy(serverOnly, serverOrder);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]!);
    else if (j >= right.length) out.push(left[i++]!);
    else {
      const li = index(serverOrder, left[i]!);
      const ri = index(serverOrder, right[j]!);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]!);
      else out.push(right[j++]!);
    }
  }
  return out;
}

// Models patch.go removeDirectives: maps carrying `$patch` vanish, at any depth.
function removeDirectives(value: JsonValue): [JsonValue, boolean] {
  if (isJsonObject(value)) {
    if (Object.hasOwn(value, DIRECTIVE)) return [null, false];
    for (const key of Object.keys(value)) {
      const [v, keep] = removeDirectives(value[key]!);
      if (keep) setOwn(value, key, v);
      else delete value[key];
    }
    return [value, true];
  }
  if (Array.isArray(value)) return [value.flatMap((v) => { const [x, keep] = removeDirectives(v); return keep ? [x] : []; }), true];
  return [value, true];
}

// Models patch.go discardNullValuesFromPatch (IgnoreUnmatchedNulls).
function discardNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) value.forEach(discardNulls);
  else if (isJsonObject(value))
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else discardNulls(value[key]!);
    }
  return value;
}
