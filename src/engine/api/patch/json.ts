// JSON patch (RFC 6902, `application/json-patch+json`), as the apiserver applies it.
// Models gopkg.in/evanphx/json-patch.v4 patch.go (Patch.Apply) and handlers/patch.go
// applyJSPatch: a body that is not a list of operations is a 400 with the decoder's message;
// more than 10000 operations is a 413; an operation that does not apply is a 422 whose message
// is the generic one (the library's own text goes to `detail`, as upstream drops it).
// v4 quirks kept: negative indexes count from the end, `replace` of a missing object key adds
// it, and `test` of a missing key against null passes.
import { badRequest, failed, patched, unprocessable, type PatchResult } from './result.ts';
import { deepCopy, getOwn, isJsonObject, jsonEqual, setOwn, type JsonObject, type JsonValue } from './value.ts';

/** handlers/patch.go maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = JsonObject | JsonValue[];

class OperationError {
  constructor(readonly message: string) {}
}
const wrap = (message: string, cause: string) => new OperationError(`${message}: ${cause}`);
const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

/** Applies a JSON patch (the decoded request body) to a copy of `original`. */
export function jsonPatch(original: JsonObject, operations: JsonValue): PatchResult {
  if (!Array.isArray(operations))
    return failed(badRequest(`json: cannot unmarshal ${jsonKind(operations)} into Go value of type jsonpatch.Patch`));
  const bad = operations.find((op) => !isJsonObject(op) && op !== null);
  if (bad !== undefined)
    return failed(badRequest(`json: cannot unmarshal ${jsonKind(bad)} into Go value of type jsonpatch.Operation`));
  if (operations.length > MAX_JSON_PATCH_OPERATIONS)
    return failed({ code: 413, reason: 'RequestEntityTooLarge', message: `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}` });
  let doc: Container = deepCopy(original);
  try {
    for (const op of operations as (JsonObject | null)[]) doc = apply(doc, op ?? {});
  } catch (e) {
    if (e instanceof OperationError) return failed(unprocessable(e.message));
    throw e;
  }
  return patched(doc);
}

const jsonKind = (v: JsonValue): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;

function stringField(op: JsonObject, name: 'op' | 'path' | 'from'): string | undefined {
  const v = getOwn(op, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new OperationError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
  return v;
}

function apply(doc: Container, op: JsonObject): Container {
  const kind = stringField(op, 'op') ?? 'unknown';
  const value = getOwn(op, 'value');
  const path = () => {
    const p = stringField(op, 'path');
    if (p === undefined) throw wrap(`${kind} operation failed to decode path`, wrap('operation missing path field', MISSING).message);
    return p;
  };
  switch (kind) {
    case 'add': {
      const p = path();
      const [con, key] = findObject(doc, p) ?? fail(`add operation does not apply: doc is missing path: "${p}"`);
      add(con, key, deepCopy(value ?? null), `error in add for path: '${p}'`);
      return doc;
    }
    case 'remove': {
      const p = path();
      const [con, key] = findObject(doc, p) ?? fail(`remove operation does not apply: doc is missing path: "${p}"`);
      remove(con, key, `error in remove for path: '${p}'`);
      return doc;
    }
    case 'replace': {
      const p = path();
      if (p === '') {
        if (isJsonObject(value ?? null) || Array.isArray(value)) return deepCopy(value as Container);
        throw new OperationError('replace operation value must be object or array');
      }
      const [con, key] = findObject(doc, p) ?? fail(`replace operation does not apply: doc is missing path: ${p}`);
      if (Array.isArray(con)) {
        const i = arrayIndex(con, key, false);
        if (i === undefined) throw wrap(`replace operation does not apply: doc is missing key: ${p}`, MISSING);
        con[i] = deepCopy(value ?? null);
      } else setOwn(con, key, deepCopy(value ?? null));
      return doc;
    }
    case 'move': {
      const from = stringField(op, 'from') ?? fail('move operation failed to decode from');
      const [src, fromKey] = findObject(doc, from) ?? fail(`move operation does not apply: doc is missing from path: ${from}`);
      const moved = get(src, fromKey, `error in move for path: '${fromKey}'`);
      remove(src, fromKey, `error in move for path: '${fromKey}'`);
      const p = path();
      const [dst, key] = findObject(doc, p) ?? fail(`move operation does not apply: doc is missing destination path: ${p}`);
      add(dst, key, moved ?? null, `error in move for path: '${p}'`);
      return doc;
    }
    case 'copy': {
      const from = stringField(op, 'from') ?? fail('copy operation failed to decode from');
      const [src, fromKey] = findObject(doc, from) ?? fail(`copy operation does not apply: doc is missing from path: ${from}`);
      const copied = get(src, fromKey, `error in copy for from: '${from}'`);
      const p = path();
      const [dst, key] = findObject(doc, p) ?? fail(`copy operation does not apply: doc is missing destination path: ${p}`);
      add(dst, key, deepCopy(copied ?? null), 'error while adding value during copy');
      return doc;
    }
    case 'test': {
      const p = path();
      const failedTest = () => wrap(`testing value ${p} failed`, 'test failed');
      if (p === '') {
        if (!jsonEqual(doc, value)) throw failedTest();
        return doc;
      }
      const [con, key] = findObject(doc, p) ?? fail(`test operation does not apply: is missing path: ${p}`);
      const actual = get(con, key, `error in test for path: '${p}'`);
      if (actual === undefined || actual === null) {
        if (value === undefined || value === null) return doc;
        throw failedTest();
      }
      if (!jsonEqual(actual, value ?? null)) throw failedTest();
      return doc;
    }
    default:
      throw new OperationError(`Unexpected kind: ${kind}`);
  }
}

function fail(message: string): never {
  throw wrap(message, MISSING);
}

// RFC 6901 unescaping, as decodePatchKey.
const decodeKey = (k: string) => k.replaceAll('~1', '/').replaceAll('~0', '~');

// Models patch.go findObject: the container that holds the last segment of the path, or
// undefined if any parent is missing. A path without a leading slash drops its first segment.
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let here: Container = doc;
  for (const part of split.slice(1, -1)) {
    const next = Array.isArray(here) ? here[arrayIndex(here, decodeKey(part), false) ?? -1] : getOwn(here, decodeKey(part));
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    here = next;
  }
  return [here, decodeKey(split[split.length - 1]!)];
}

// Go's strconv.Atoi then the v4 bounds: negative indexes count from the end.
function arrayIndex(array: JsonValue[], key: string, forInsert: boolean): number | undefined {
  if (!/^[+-]?\d+$/.test(key)) return undefined;
  let i = Number(key);
  const size = array.length + (forInsert ? 1 : 0);
  if (i < 0) i += size;
  return i >= 0 && i < size ? i : undefined;
}

function get(con: Container, key: string, context: string): JsonValue | undefined {
  if (!Array.isArray(con)) return getOwn(con, key);
  const i = arrayIndex(con, key, false);
  if (i === undefined) throw wrap(context, indexProblem(key));
  return con[i];
}

function add(con: Container, key: string, value: JsonValue, context: string): void {
  if (!Array.isArray(con)) return setOwn(con, key, value);
  if (key === '-') {
    con.push(value);
    return;
  }
  if (!/^[+-]?\d+$/.test(key)) throw wrap(context, `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const i = arrayIndex(con, key, true);
  if (i === undefined) throw wrap(context, `Unable to access invalid index: ${key}: ${INVALID_INDEX}`);
  con.splice(i, 0, value);
}

function remove(con: Container, key: string, context: string): void {
  if (!Array.isArray(con)) {
    if (!Object.hasOwn(con, key)) throw wrap(context, `Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete con[key];
    return;
  }
  const i = arrayIndex(con, key, false);
  if (i === undefined) throw wrap(context, indexProblem(key));
  con.splice(i, 1);
}

const indexProblem = (key: string) =>
  /^[+-]?\d+$/.test(key) ? `Unable to access invalid index: ${key}: ${INVALID_INDEX}` : `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
