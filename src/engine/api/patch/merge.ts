// JSON merge patch (RFC 7386, `application/merge-patch+json`), as the apiserver applies it.
// Models gopkg.in/evanphx/json-patch.v4 merge.go MergePatch, with its quirks: a null in a
// patch deletes a key, and nulls inside a value that lands where nothing (or a non-object)
// was are pruned; a patch that is not an object or array is "Invalid JSON Patch" (400).
import { badRequest, failed, patched, type PatchResult } from './result.ts';
import { deepCopy, getOwn, isJsonObject, setOwn, type JsonObject, type JsonValue } from './value.ts';

/** Applies a JSON merge patch to a copy of `original` (the stored object). */
export function mergePatch(original: JsonObject, patch: JsonValue): PatchResult {
  if (Array.isArray(patch)) return patched(patch.map((v) => pruneNulls(deepCopy(v))));
  if (!isJsonObject(patch)) return failed(badRequest('Invalid JSON Patch'));
  const doc = deepCopy(original);
  mergeInto(doc, deepCopy(patch));
  return patched(doc);
}

// Models merge.go mergeDocs.
function mergeInto(doc: JsonObject, patch: JsonObject): void {
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (value === null) {
      delete doc[key];
      continue;
    }
    const current = getOwn(doc, key);
    if (current === undefined || current === null) setOwn(doc, key, pruneNulls(value));
    else setOwn(doc, key, merge(current, value));
  }
}

// Models merge.go merge: two objects merge; anything else is replaced by the patch value.
function merge(current: JsonValue, value: JsonValue): JsonValue {
  if (!isJsonObject(current)) return pruneNulls(value);
  if (!isJsonObject(value)) return value;
  mergeInto(current, value);
  return current;
}

// Models merge.go pruneNulls: null members of objects go (at every depth); null items stay.
function pruneNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) value.forEach((v) => v !== null && pruneNulls(v));
  else if (isJsonObject(value))
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else pruneNulls(value[key]!);
    }
  return value;
}
