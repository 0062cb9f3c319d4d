// The patch `kubectl apply` sends: a three-way strategic merge patch from the last-applied
// configuration (original), the file (modified) and the live object (current). Changes and
// additions come from current → modified (so fields the server defaulted are left alone);
// deletions come from original → modified (so only fields the user once applied are removed).
// Lists with a patch merge key are diffed item by item (`$patch: delete`, `$setElementOrder`);
// other lists are replaced whole. Without a schema (custom resources) every list is atomic,
// which makes the result a JSON merge patch, as kubectl sends for those.
// Models apimachinery/pkg/util/strategicpatch/patch.go (CreateThreeWayMergePatch, diffMaps,
// handleMapDiff, handleSliceDiff, diffLists, diffListsOfMaps, diffListsOfScalars).
// Known difference: `$retainKeys` directives are not generated.
import type { CompactSchema } from '../../engine/api/index.ts';
import { builtinSchemas, childSchema, definitionNameFor, listMergeKey, patchStrategies, resolveSchema } from '../../engine/api/index.ts';

type Json = null | boolean | number | string | Json[] | JsonMap;
export interface JsonMap { [key: string]: Json }

interface DiffOptions {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
}

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (kindOf(a) !== kindOf(b) || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a), kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as JsonMap)[k], (b as JsonMap)[k]));
}

/** The schema of a built-in kind, for merge keys and strategies; undefined for custom resources. */
export function schemaForKind(group: string, version: string, kind: string): CompactSchema | undefined {
  const name = definitionNameFor({ group, version, kind });
  const def = name === undefined ? undefined : builtinSchemas.definition(name);
  return def && resolveSchema(def);
}

const child = (schema: CompactSchema | undefined, key: string): CompactSchema | undefined => {
  const c = schema && childSchema(schema, key);
  return c && resolveSchema(c);
};

/** CreateThreeWayMergePatch with overwrite: the patch from `current` to `modified`, deleting what `original` had. */
export function threeWayMergePatch(original: JsonMap, modified: JsonMap, current: JsonMap, schema: CompactSchema | undefined): JsonMap {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, ignoreChangesAndAdditions: false });
  const deletions = diffMaps(original, modified, schema, { ignoreDeletions: false, ignoreChangesAndAdditions: true });
  return mergePatches(deletions, delta, schema);
}

function diffMaps(original: JsonMap, modified: JsonMap, schema: CompactSchema | undefined, opts: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  for (const [key, mod] of Object.entries(modified)) {
    if (!Object.hasOwn(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    const orig = original[key]!;
    if (kindOf(orig) !== kindOf(mod)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    const field = child(schema, key);
    if (isMap(orig) && isMap(mod)) {
      if (patchStrategies(field ?? {}).includes('replace')) {
        if (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod)) patch[key] = mod;
        continue;
      }
      const sub = diffMaps(orig, mod, field, opts);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (Array.isArray(orig) && Array.isArray(mod)) {
      diffSlice(key, orig, mod, field, patch, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod)) {
      patch[key] = mod;
    }
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  return patch;
}

// handleSliceDiff: a list with the merge strategy is diffed by its merge key; any other is replaced.
function diffSlice(key: string, orig: Json[], mod: Json[], field: CompactSchema | undefined, patch: JsonMap, opts: DiffOptions) {
  const mergeKey = field ? listMergeKey(field) : '';
  const merging = field !== undefined && patchStrategies(field).includes('merge');
  if (!merging) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod)) patch[key] = mod;
    return;
  }
  if (orig.length === 0) {
    if (mod.length > 0 && !opts.ignoreChangesAndAdditions) patch[key] = mod;
    return;
  }
  const itemSchema = field.i && resolveSchema(field.i);
  if (orig.every(isMap) && mod.every(isMap)) {
    const { changes, deletions } = diffListsOfMaps(orig, mod, itemSchema, mergeKey, opts);
    // normalizeSliceOrder: patch items in the modified list's order, deletions after them.
    const order = (m: JsonMap) => mod.findIndex((x) => String((x as JsonMap)[mergeKey]) === String(m[mergeKey]));
    const list = [...changes.sort((a, b) => order(a) - order(b)), ...deletions];
    const orderSame = orig.length === mod.length && mod.every((m, i) => String((m as JsonMap)[mergeKey]) === String((orig[i] as JsonMap)[mergeKey]));
    if (list.length > 0) patch[key] = list;
    if ((!opts.ignoreChangesAndAdditions && (list.length > 0 || !orderSame)) || (!opts.ignoreDeletions && list.length > 0)) {
      patch[`$setElementOrder/${key}`] = mod.map((m) => ({ [mergeKey]: (m as JsonMap)[mergeKey]! }));
    }
    return;
  }
  // diffListsOfScalars: additions as the list, deletions in a parallel `$deleteFromPrimitiveList`.
  const has = (list: Json[], v: Json) => list.some((x) => String(x) === String(v));
  const added = opts.ignoreChangesAndAdditions ? [] : mod.filter((v) => !has(orig, v));
  const removed = opts.ignoreDeletions ? [] : [...new Set(orig.filter((v) => !has(mod, v)))];
  if (added.length > 0) patch[key] = mod.filter((v) => added.includes(v));
  if (removed.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = removed;
  if ((!opts.ignoreDeletions && removed.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(orig, mod))) patch[`$setElementOrder/${key}`] = mod;
}

function diffListsOfMaps(orig: JsonMap[], mod: JsonMap[], schema: CompactSchema | undefined, mergeKey: string, opts: DiffOptions) {
  const changes: JsonMap[] = [], deletions: JsonMap[] = [];
  const keyOf = (m: JsonMap) => String(m[mergeKey]);
  for (const m of mod) {
    const o = orig.find((x) => keyOf(x) === keyOf(m));
    if (!o) {
      if (!opts.ignoreChangesAndAdditions) changes.push(m);
      continue;
    }
    const sub = diffMaps(o, m, schema, opts);
    if (Object.keys(sub).length > 0) changes.push({ ...sub, [mergeKey]: m[mergeKey]! });
  }
  if (!opts.ignoreDeletions) {
    for (const o of orig) if (!mod.some((m) => keyOf(m) === keyOf(o))) deletions.push({ $patch: 'delete', [mergeKey]: o[mergeKey]! });
  }
  return { changes, deletions };
}

// mergeMap(deletions, delta): the two patches touch different leaves; lists of one merge-key
// item each are joined, deletions first, and directive lists agree (both are the modified order).
function mergePatches(a: JsonMap, b: JsonMap, schema: CompactSchema | undefined): JsonMap {
  const out: JsonMap = { ...a };
  for (const [key, bv] of Object.entries(b)) {
    const av = out[key];
    if (isMap(av) && isMap(bv)) out[key] = mergePatches(av, bv, child(schema, key));
    else if (Array.isArray(av) && Array.isArray(bv) && !key.startsWith('$')) {
      const mergeKey = listMergeKey(child(schema, key) ?? {});
      const merged = [...av];
      for (const item of bv) {
        const i = mergeKey && isMap(item) ? merged.findIndex((x) => isMap(x) && String(x[mergeKey]) === String(item[mergeKey])) : -1;
        const itemSchema = child(schema, key)?.i;
        if (i >= 0 && isMap(merged[i]) && isMap(item)) merged[i] = mergePatches(merged[i] as JsonMap, item, itemSchema && resolveSchema(itemSchema));
        else merged.push(item);
      }
      out[key] = merged;
    } else out[key] = bv;
  }
  return out;
}
