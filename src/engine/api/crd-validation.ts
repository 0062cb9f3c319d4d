// Validating and defaulting a custom resource against its CRD version's openAPIV3Schema, as
// apiextensions-apiserver does: defaults from the schema's `default`s, then kube-openapi's
// schema validator, its results turned into field errors.
// Models apiextensions-apiserver/pkg/apiserver/validation/validation.go
// (ValidateCustomResource, kubeOpenAPIResultToFieldErrors) over k8s.io/kube-openapi/pkg/validation/validate.
import type { FieldError } from './errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './patch/value.ts';
import { GoSyntax, invalid, newPath, notSupported, required, tooLong, tooMany, typeInvalid, type FieldValue } from './validation/field.ts';

/** JSON type names as kube-openapi reports a value's type. */
function jsonTypeOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

// kube-openapi's type check: an integer is also a number; int-or-string takes either.
function hasType(schema: JsonObject, v: JsonValue): boolean {
  if (schema['x-kubernetes-int-or-string'] === true) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  const type = schema.type;
  if (typeof type !== 'string') return true;
  if (v === null) return schema.nullable === true;
  const actual = jsonTypeOf(v);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** A value as a field error shows it: strings quoted, numbers bare, composites in Go syntax. */
function shown(v: JsonValue): FieldValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return new GoSyntax(Array.isArray(v) ? `[]interface {}{${v.map((x) => goLiteral(x)).join(', ')}}` : `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goLiteral(v[k]!)}`).join(', ')}}`);
}

function goLiteral(v: JsonValue): string {
  if (v === null) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return (shown(v) as GoSyntax).text;
}

const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
const item = (path: string, i: number) => `${path}[${i}]`;

/**
 * Validates a custom resource (the whole object, metadata excluded: ObjectMeta is validated as
 * for every kind) against its schema. Errors come in kube-openapi's order: a node's own checks,
 * then its properties (sorted), then its items.
 */
export function validateCustomResource(schema: JsonObject, obj: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const props = isJsonObject(schema.properties) ? schema.properties : {};
  for (const key of Object.keys(obj).sort()) {
    if (key === 'metadata' || key === 'apiVersion' || key === 'kind') continue;
    const sub = props[key];
    if (isJsonObject(sub)) validateValue(sub, obj[key]!, key, errs);
  }
  for (const name of requiredOf(schema)) if (!(name in obj)) errs.push(required(pathOf(name)));
  return errs;
}

// Upstream makes the whole kube-openapi name (`spec.items[0].name`) one child of the root path.
const pathOf = (p: string) => newPath(p);

function requiredOf(schema: JsonObject): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
}

// kube-openapi's messages name the field again, "in body", after the field error's own path.
function validateValue(schema: JsonObject, v: JsonValue, path: string, errs: FieldError[]): void {
  const at = pathOf(path);
  if (!hasType(schema, v)) {
    const type = schema['x-kubernetes-int-or-string'] === true ? 'integer,string' : String(schema.type);
    errs.push(typeInvalid(at, jsonTypeOf(v), `${path} in body must be of type ${type}: "${jsonTypeOf(v)}"`));
    return;
  }
  if (v === null) return;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
    errs.push(notSupported(at, shown(v), schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  if (typeof v === 'string') validateString(schema, v, path, errs);
  if (typeof v === 'number') validateNumber(schema, v, path, errs);
  if (Array.isArray(v)) {
    if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) errs.push(tooMany(at, v.length, schema.maxItems));
    if (typeof schema.minItems === 'number' && v.length < schema.minItems)
      errs.push(invalid(at, shown(v), `${path} in body should have at least ${schema.minItems} items`));
    if (isJsonObject(schema.items)) v.forEach((x, i) => validateValue(schema.items as JsonObject, x, item(path, i), errs));
  } else if (isJsonObject(v)) {
    validateObject(schema, v, path, errs);
  }
}

function validateString(schema: JsonObject, v: string, path: string, errs: FieldError[]): void {
  const at = pathOf(path);
  const length = [...v].length; // kube-openapi counts runes
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) errs.push(tooLong(at, schema.maxLength));
  if (typeof schema.minLength === 'number' && length < schema.minLength)
    errs.push(invalid(at, v, `${path} in body should be at least ${schema.minLength} chars long`));
  if (typeof schema.pattern === 'string' && !matches(schema.pattern, v))
    errs.push(invalid(at, v, `${path} in body should match '${schema.pattern}'`));
}

function matches(pattern: string, v: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(v);
  } catch {
    return true; // the CRD's own validation refuses patterns that do not compile
  }
}

function validateNumber(schema: JsonObject, v: number, path: string, errs: FieldError[]): void {
  const at = pathOf(path);
  const { maximum, minimum } = schema;
  if (typeof maximum === 'number') {
    if (schema.exclusiveMaximum === true ? v >= maximum : v > maximum)
      errs.push(invalid(at, v, `${path} in body should be less than ${schema.exclusiveMaximum === true ? '' : 'or equal to '}${maximum}`));
  }
  if (typeof minimum === 'number') {
    if (schema.exclusiveMinimum === true ? v <= minimum : v < minimum)
      errs.push(invalid(at, v, `${path} in body should be greater than ${schema.exclusiveMinimum === true ? '' : 'or equal to '}${minimum}`));
  }
}

function validateObject(schema: JsonObject, v: JsonObject, path: string, errs: FieldError[]): void {
  const props = isJsonObject(schema.properties) ? schema.properties : undefined;
  const additional = isJsonObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
  for (const name of requiredOf(schema)) if (!(name in v)) errs.push(required(pathOf(child(path, name))));
  for (const key of Object.keys(v).sort()) {
    const sub = props && Object.hasOwn(props, key) ? props[key] : additional;
    if (isJsonObject(sub) && schema['x-kubernetes-embedded-resource'] !== true) validateValue(sub, v[key]!, child(path, key), errs);
  }
}

/**
 * Applies the schema's defaults in place, as structural defaulting does after pruning: a missing
 * property with a `default` gets it (then its own defaults), recursively through objects and items.
 */
export function applyDefaults(schema: JsonObject, v: JsonValue): void {
  if (Array.isArray(v)) {
    if (isJsonObject(schema.items)) for (const x of v) applyDefaults(schema.items, x);
    return;
  }
  if (!isJsonObject(v)) return;
  const props = isJsonObject(schema.properties) ? schema.properties : {};
  for (const [key, sub] of Object.entries(props)) {
    if (!isJsonObject(sub) || key === 'metadata') continue;
    if (!(key in v) && sub.default !== undefined) v[key] = structuredClone(sub.default);
    if (key in v) applyDefaults(sub, v[key]!);
  }
  if (isJsonObject(schema.additionalProperties)) for (const key of Object.keys(v)) if (!(key in props)) applyDefaults(schema.additionalProperties, v[key]!);
}
