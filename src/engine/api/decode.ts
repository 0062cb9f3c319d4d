// Strict field decoding: what the real apiserver's JSON decoder reports about a request body
// before anything else looks at it — unknown and duplicate fields (kept aside, reported as a
// `strict decoding error` or as warnings depending on fieldValidation), and the type errors
// that make a body undecodable (`json: cannot unmarshal string into Go struct field ...`).
//
// Models sigs.k8s.io/json internal/golang/encoding/json (decode.go, kubernetes_patch.go), as
// apimachinery/pkg/runtime/serializer/json/json.go runs it with UnmarshalStrict:
// - unknown and duplicate fields are collected in document order, deduplicated, at most 100;
//   nothing inside an unknown field is looked at;
// - the first type error is kept and decoding goes on; a type with its own unmarshaler
//   (Quantity, IntOrString, Time) stops decoding at its first error, which wins;
// - if any type error occurred, the strict errors are not reported.
import { goQuote, goTypeOf, quantityDecodeError, rfc3339DecodeError, base64DecodeError } from './decode-go.ts';
import { isNumberNode, isObjectNode, nodeOf, parseNodes, type JsonNode } from './decode-json.ts';
import { builtinSchemas, childSchema, resolve, type CompactSchema, type GroupVersionKind, type SchemaSource } from './schema.ts';
import { setOwn, type JsonObject, type JsonValue } from './patch/value.ts';

/** The fieldValidation query parameter. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** An unknown or duplicate field, e.g. `unknown field "spec.containers[0].imagePullPolicyy"`. */
export interface StrictFieldError {
  type: 'unknown field' | 'duplicate field';
  /** JSON path from the object's root: `spec.containers[0].name`, `metadata.labels.app` */
  path: string;
  message: string;
}

/** Why a body could not be decoded at all. */
export type DecodeError =
  /** A value of the wrong JSON type for its Go field. */
  | { reason: 'UnmarshalTypeError'; value: string; goType: string; struct: string; field: string; message: string }
  /** A Quantity, Time or []byte (base64) whose text does not parse. */
  | { reason: 'UnmarshalerError'; message: string };

export interface DecodeResult {
  /** The object as the apiserver keeps it: unknown fields dropped (and nulls in typed objects). */
  object: JsonValue;
  /** Unknown and duplicate fields, in the decoder's order; empty when `error` is set. */
  strictErrors: StrictFieldError[];
  error?: DecodeError;
}

export interface DecodeOptions {
  /** The raw request body, when there is one: the only place duplicate fields can be seen. */
  text?: string;
  /** Definitions beyond the built-ins (a CustomResourceDefinition's). */
  source?: SchemaSource;
  /**
   * Decode as a custom resource is decoded (unstructured, then pruned by its schema): no type
   * errors, duplicates first, then the pruned unknown fields.
   */
  unstructured?: boolean;
}

const MAX_STRICT_ERRORS = 100;

class Abort {
  constructor(readonly error: DecodeError) {}
}

/**
 * Decodes a body against the schema of its kind; see the file comment for the rules. Pass the kind
 * as a reference (`{ r: definitionNameFor(gvk) }`) so that errors name its Go type (`v1.Pod`).
 */
export function decodeObject(definition: CompactSchema, value: JsonValue, options: DecodeOptions = {}): DecodeResult {
  const source = options.source ?? builtinSchemas;
  const root = (options.text !== undefined ? parseNodes(options.text) : undefined) ?? nodeOf(value);
  const duplicates: StrictFieldError[] = [];
  const unknowns: StrictFieldError[] = [];
  const seen = new Set<string>();
  let saved: DecodeError | undefined;
  const unstructured = options.unstructured === true;

  // A typed decode meets both kinds in one pass, in document order; an unstructured one finds
  // duplicates while decoding and unknown fields afterwards, while pruning.
  const strict = (type: StrictFieldError['type'], path: string) => {
    const into = unstructured && type === 'unknown field' ? unknowns : duplicates;
    const key = `${type} ${path}`;
    if (duplicates.length + unknowns.length >= MAX_STRICT_ERRORS || seen.has(key)) return;
    seen.add(key);
    into.push({ type, path, message: `${type} ${goQuote(path)}` });
  };
  // Where a type error happened, as Go's errorContext: the innermost struct and the JSON field
  // names from the root (no indexes, no map keys).
  interface Context { path: string; struct: string; fields: string[] }
  const typeError = (ctx: Context, valueKind: string, schema: CompactSchema): DecodeError => {
    const goType = goTypeOf(schema, source);
    const field = ctx.fields.join('.');
    const message = ctx.struct || field
      ? `json: cannot unmarshal ${valueKind} into Go struct field ${ctx.struct}.${field} of type ${goType}`
      : `json: cannot unmarshal ${valueKind} into Go value of type ${goType}`;
    return { reason: 'UnmarshalTypeError', value: valueKind, goType, struct: ctx.struct, field, message };
  };
  const save = (error: DecodeError) => { saved ??= error; };
  const kindOf = (node: JsonNode) =>
    node === null ? 'null' : Array.isArray(node) ? 'array' : isObjectNode(node) ? 'object'
      : isNumberNode(node) ? 'number' : typeof node === 'boolean' ? 'bool' : 'string';
  const child = (ctx: Context, step: string | number): string =>
    typeof step === 'number' ? `${ctx.path}[${step}]` : ctx.path ? `${ctx.path}.${step}` : step;

  // A value below `any`: copied as is; an unstructured decode still sees its duplicates.
  const untyped = (node: JsonNode, ctx: Context, checkDuplicates: boolean): JsonValue => {
    if (Array.isArray(node)) return node.map((n, i) => untyped(n, { ...ctx, path: child(ctx, i) }, checkDuplicates));
    if (isNumberNode(node)) return node.value;
    if (!isObjectNode(node)) return node;
    const out: JsonObject = {};
    for (const [key, v] of node.entries) {
      if (checkDuplicates && Object.hasOwn(out, key)) strict('duplicate field', child(ctx, key));
      setOwn(out, key, untyped(v, { ...ctx, path: child(ctx, key) }, checkDuplicates));
    }
    return out;
  };

  const walk = (node: JsonNode, field: CompactSchema, ctx: Context): JsonValue => {
    const schema = resolve(field, source);
    if (node === null) return null;
    if (schema.t === 'any' || schema.t === undefined) return untyped(node, ctx, unstructured);
    const kind = kindOf(node);
    if (unstructured && schema.t !== 'object' && schema.t !== 'array') return untyped(node, ctx, true);
    switch (schema.t) {
      case 'string':
        if (typeof node !== 'string') {
          // metav1.Time unmarshals a string itself: its error stops decoding.
          if (schema.f === 'date-time') throw new Abort(typeError(ctx, kind, { t: 'string' }));
          save(typeError(ctx, kind, schema));
          return untyped(node, ctx, false);
        }
        if (schema.f === 'date-time') {
          const message = rfc3339DecodeError(node);
          if (message) throw new Abort({ reason: 'UnmarshalerError', message });
        }
        if (schema.f === 'byte') {
          // A base64 error is saved without the field context (it is no UnmarshalTypeError).
          const message = base64DecodeError(node);
          if (message) save({ reason: 'UnmarshalerError', message });
        }
        return node;
      case 'boolean':
        if (typeof node !== 'boolean') save(typeError(ctx, kind, schema));
        return untyped(node, ctx, false);
      case 'integer':
      case 'number':
        if (!isNumberNode(node)) save(typeError(ctx, kind, schema));
        else if (schema.t === 'integer' && !fitsInteger(node.literal, schema.f === 'int64' ? 64 : 32))
          save(typeError(ctx, `number ${node.literal}`, schema));
        return untyped(node, ctx, false);
      case 'int-or-string':
        // IntOrString.UnmarshalJSON decodes a non-string into its int32, and that error stops decoding.
        if (typeof node === 'string') return node;
        if (!isNumberNode(node)) throw new Abort(typeError(ctx, kind, { t: 'integer', f: 'int32' }));
        if (!fitsInteger(node.literal, 32)) throw new Abort(typeError(ctx, `number ${node.literal}`, { t: 'integer', f: 'int32' }));
        return node.value;
      case 'quantity': {
        const text = typeof node === 'string' ? node : isNumberNode(node) ? node.literal : JSON.stringify(untyped(node, ctx, false));
        const message = quantityDecodeError(text);
        if (message) throw new Abort({ reason: 'UnmarshalerError', message });
        return typeof node === 'string' ? node : untyped(node, ctx, false);
      }
      case 'array': {
        if (!Array.isArray(node)) {
          if (!unstructured) save(typeError(ctx, kind, field));
          return unstructured ? untyped(node, ctx, true) : null;
        }
        return node.map((item, i) => walk(item, schema.i ?? { t: 'any' }, { ...ctx, path: child(ctx, i) }));
      }
      case 'object': {
        if (!isObjectNode(node)) {
          if (!unstructured) save(typeError(ctx, kind, field));
          return unstructured ? untyped(node, ctx, true) : null;
        }
        const isStruct = schema.p !== undefined;
        const struct = field.r !== undefined ? field.r.slice(field.r.lastIndexOf('.') + 1) : ctx.struct;
        const out: JsonObject = {};
        const keys = new Set<string>();
        for (const [key, v] of node.entries) {
          const path = child(ctx, key);
          const sub = childSchema(schema, key);
          // A struct checks its known fields for duplicates; a map (and any unstructured object) every key.
          if (sub !== undefined || unstructured) {
            if (keys.has(key)) strict('duplicate field', path);
            keys.add(key);
          }
          if (sub === undefined) {
            strict('unknown field', path);
            if (unstructured) untyped(v, { ...ctx, path }, true);
            continue;
          }
          const next = isStruct && schema.p !== undefined && Object.hasOwn(schema.p, key)
            ? { path, struct, fields: [...ctx.fields, key] }
            : { ...ctx, path };
          const decoded = walk(v, sub, next);
          // Go leaves a field it got null for at its zero value, which the apiserver omits.
          if (decoded === null && isStruct && !unstructured) continue;
          setOwn(out, key, decoded);
        }
        return out;
      }
    }
  };

  try {
    const object = walk(root, definition, { path: '', struct: '', fields: [] });
    if (saved) return { object, strictErrors: [], error: saved };
    return { object, strictErrors: [...duplicates, ...unknowns] };
  } catch (e) {
    if (e instanceof Abort) return { object: null, strictErrors: [], error: e.error };
    throw e;
  }
}

// Go parses an integer field's literal with strconv.ParseInt: no fraction, no exponent, in range.
function fitsInteger(literal: string, bits: 32 | 64): boolean {
  if (!/^-?\d+$/.test(literal)) return false;
  const n = BigInt(literal);
  const max = (1n << BigInt(bits - 1)) - 1n;
  return n <= max && n >= -max - 1n;
}

/** `strict decoding error: unknown field "spec.foo", duplicate field "metadata.name"` (runtime.NewStrictDecodingError). */
export const strictDecodingErrorMessage = (errors: readonly StrictFieldError[]): string =>
  `strict decoding error: ${errors.map((e) => e.message).join(', ')}`;

/** The warnings fieldValidation=Warn adds, one per field; kubectl prints each as `Warning: <text>`. */
export const strictDecodingWarnings = (errors: readonly StrictFieldError[]): string[] => errors.map((e) => e.message);

/**
 * The message of the 400 BadRequest a create or update fails with (handlers/rest.go
 * transformDecodeError): `Pod in version "v1" cannot be handled as a Pod: <why>`.
 */
export const cannotBeHandledMessage = (gvk: GroupVersionKind, why: string): string =>
  `${gvk.kind} in version ${goQuote(gvk.version)} cannot be handled as a ${gvk.kind}: ${why}`;
