// JSON values as the apiserver handles them (request bodies, stored objects, patches), and the
// few accessors that stay safe when a key is "__proto__" or "constructor": a body is untrusted,
// and `obj[key] = v` with key "__proto__" would replace the object's prototype instead of
// adding a field. Every patch and decode step reads and writes keys through these.
import { deepCopy as deepCopyAny } from '../meta.ts';

/** A decoded JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A decoded JSON object: own enumerable keys only, in document order. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Whether a value is a JSON object (not null, not an array). */
export const isJsonObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value of an own key, never one inherited from Object.prototype. */
export const getOwn = (object: JsonObject, key: string): JsonValue | undefined =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** Sets an own key; "__proto__" becomes an ordinary field, as JSON.parse makes it. */
export function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy (own keys only, "__proto__" kept as a field): the api room's one deepCopy, typed for JSON values. */
export const deepCopy: <T extends JsonValue>(value: T) => T = deepCopyAny;

/** Deep equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}
