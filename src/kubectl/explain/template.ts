// kubectl explain's plaintext output, rendered from an OpenAPI v3 document. A port of the
// behaviour of kubernetes/kubectl release-1.33 pkg/explain/v2/templates/plaintext.tmpl (with
// the template functions of pkg/explain/v2/funcs.go): each named template there is a function
// here, with the same name, walking the same JSON the same way — Go template truthiness, map
// ranges in sorted key order, cycle detection through `$ref` history — so the text is the same
// byte for byte, down to the tab after a field name and the indented blank line after a
// DESCRIPTION.
import { wrapString } from './wordwrap.ts';

/** A node of an OpenAPI v3 document, as JSON decodes it. */
export type SchemaNode = { readonly [key: string]: unknown };

/** What explain renders: the resource as the user named it, resolved to a group/version/resource. */
export interface ExplainRequest {
  group: string;
  version: string;
  resource: string;
  /** The fields after the resource: `pods.spec.containers` → ['spec', 'containers']. */
  fieldPath: string[];
  recursive: boolean;
}

/**
 * What the template's `throw` raises: an error kubectl prints as is (the text starts with
 * `error: `). `partial` is what had already been written when it was raised: the Go template
 * streams to stdout, so `KIND:`/`VERSION:` come out before a field is found missing.
 */
export class ExplainError extends Error {
  constructor(message: string, readonly partial: string) {
    super(message);
    this.name = 'ExplainError';
  }
}

const isNode = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

// Go template truth: false, 0, nil, and empty strings, slices and maps are false.
function truth(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isNode(v)) return Object.keys(v).length > 0;
  return true;
}

const sortedKeys = (v: unknown) => (isNode(v) ? Object.keys(v).sort() : []);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** `index .properties name` on a map: the value, or nothing. */
const prop = (v: unknown, key: string): unknown => (isNode(v) && Object.hasOwn(v, key) ? v[key] : undefined);
/** A map-valued additionalProperties (a `true`/`false` one describes no values). */
const mapValues = (node: SchemaNode): SchemaNode | undefined =>
  isNode(node.additionalProperties) && truth(node.additionalProperties) ? node.additionalProperties : undefined;
const indent = (amount: number, s: string) => {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
};
// Go's %v of a template value: strings bare, numbers as Go formats a float64.
const goString = (v: unknown): string => (typeof v === 'number' ? goFloat(v) : typeof v === 'string' ? v : JSON.stringify(v));

// strconv.FormatFloat(f, 'g', -1, 64), as fmt prints a float64: shortest digits, exponent form
// from 1e+06 or below 1e-04.
function goFloat(f: number): string {
  if (f === 0) return '0';
  const [mantissa, exp] = f.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(f);
}

/** The template's `resolveRef`: a `#/components/schemas/...` reference looked up in the document. */
function resolveRef(ref: unknown, document: SchemaNode): SchemaNode | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#') || ref.length < 2) return undefined;
  let cur: SchemaNode = document;
  for (const k of ref.slice(1).split('/')) {
    if (k === '') continue;
    const next = cur[k];
    if (!isNode(next)) return undefined;
    cur = next;
  }
  return cur;
}

type History = Readonly<Record<string, 1>>;

/** Renders `kubectl explain` for `req` from the group-version's document; throws ExplainError. */
export function renderPlaintext(document: SchemaNode, req: ExplainRequest): string {
  const prefix = req.group ? `/apis/${req.group}` : '/api';
  const base = `${prefix}/${req.version}`;
  const searchPaths = [
    `${base}/${req.resource}`, `${base}/${req.resource}/{name}`,
    `${base}/namespaces/{namespace}/${req.resource}`, `${base}/namespaces/{namespace}/${req.resource}/{name}`,
  ];
  // As the template's loop: every path and method is visited and the last one read wins.
  let gvk: unknown;
  for (const searchPath of searchPaths) {
    const element = prop(document.paths, searchPath);
    if (!truth(element)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = prop(element, method);
      if (!truth(operation)) continue;
      gvk = prop(operation, 'x-kubernetes-group-version-kind');
      if (truth(gvk)) break;
    }
  }
  if (!truth(gvk) || !isNode(gvk)) {
    throw new ExplainError(`error: GVR (${req.group}/${req.version}, Resource=${req.resource}) not found in OpenAPI schema`, '');
  }
  let out = '';
  if (truth(gvk.group)) out += `GROUP:      ${goString(gvk.group)}\n`;
  out += `KIND:       ${goString(gvk.kind)}\nVERSION:    ${goString(gvk.version)}\n\n`;
  const body = schemaTemplate(document, gvk, req, out);
  if (!body) throw new ExplainError(`error: GVK ${goMap(gvk)} not found in OpenAPI schema`, out);
  return `${out}${body}\n`;
}

// %v of a map[string]any: `map[group:apps kind:Deployment version:v1]`.
const goMap = (m: SchemaNode) => `map[${Object.keys(m).sort().map((k) => `${k}:${goString(m[k])}`).join(' ')}]`;

/** `define "schema"`: the component carrying the GVK, explained along the field path. */
function schemaTemplate(document: SchemaNode, gvk: SchemaNode, req: ExplainRequest, written: string): string {
  const schemas = prop(prop(document, 'components'), 'schemas');
  for (const name of sortedKeys(schemas)) {
    const schema = prop(schemas, name);
    if (!isNode(schema) || !list(schema['x-kubernetes-group-version-kind']).some((k) => sameGvk(k, gvk))) continue;
    const out = output({ document, schema, history: {}, fieldPath: req.fieldPath, recursive: req.recursive });
    if (out) return out;
    throw new ExplainError(`error: field "${req.fieldPath[req.fieldPath.length - 1] ?? ''}" does not exist`, written);
  }
  return '';
}

// The template's `contains`: reflect.DeepEqual of two decoded GVK maps.
function sameGvk(a: unknown, b: SchemaNode): boolean {
  if (!isNode(a)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

interface OutputContext {
  document: SchemaNode;
  schema: SchemaNode;
  history: History;
  fieldPath: string[];
  recursive: boolean;
}

/** `define "output"`: follows the field path, then prints DESCRIPTION and FIELDS; '' if the path leaves the schema. */
function output(ctx: OutputContext): string {
  const ref = typeof ctx.schema.$ref === 'string' ? ctx.schema.$ref : '';
  const next: OutputContext = { ...ctx, history: { ...ctx.history, [ref]: 1 } };
  const resolved = resolveRef(ref, ctx.document) ?? ctx.schema;
  const [first, ...rest] = ctx.fieldPath;
  if (first === undefined) {
    const description = wrapString(descriptionOf(resolved, ctx.document) || '<empty>', 76);
    let out = `DESCRIPTION:\n${indent(4, description)}\n`;
    const fields = fieldList({ document: ctx.document, schema: resolved, level: 1, history: {}, recursive: ctx.recursive });
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && ctx.history[ref]) return ''; // a cycle
  const sub = prop(resolved.properties, first);
  if (truth(resolved.properties) && truth(sub) && isNode(sub)) {
    let out = '';
    if (rest.length === 0) out += `FIELD: ${first} <${typeGuess(sub, ctx.document)}>\n${extractEnum(sub, true, -1, 0)}\n\n`;
    return out + output({ ...next, history: {}, fieldPath: rest, schema: sub });
  }
  if (isNode(resolved.items) && truth(resolved.items)) return output({ ...next, schema: resolved.items });
  const values = mapValues(resolved);
  if (values) return output({ ...next, schema: values });
  // The alternatives of allOf, until one has anything to say.
  for (const alternative of list(resolved.allOf)) {
    if (!isNode(alternative)) continue;
    const out = output({ ...next, schema: alternative });
    if (out) return out;
  }
  return '';
}

interface FieldListContext {
  document: SchemaNode;
  schema: SchemaNode;
  level: number;
  history: History;
  recursive: boolean;
}

/** `define "fieldList"`: every field with its description, or (recursive) the tree of field names and types. */
function fieldList(ctx: FieldListContext): string {
  const ref = typeof ctx.schema.$ref === 'string' ? ctx.schema.$ref : '';
  if (ref && ctx.history[ref]) return ''; // a cycle: JSONSchemaProps holds JSONSchemaProps
  const next: FieldListContext = { ...ctx, history: { ...ctx.history, [ref]: 1 } };
  const resolved = resolveRef(ref, ctx.document) ?? ctx.schema;
  let out = '';
  for (const name of sortedKeys(resolved.properties)) {
    out += fieldDetail(name, resolved, ctx.recursive, ctx.level, ctx.document);
    const field = prop(resolved.properties, name);
    if (ctx.recursive && isNode(field)) out += fieldList({ ...next, schema: field, level: ctx.level + 1 });
  }
  for (const alternative of list(resolved.allOf)) if (isNode(alternative)) out += fieldList({ ...next, schema: alternative });
  if (isNode(resolved.items) && truth(resolved.items)) out += fieldList({ ...next, schema: resolved.items });
  const values = mapValues(resolved);
  if (values) out += fieldList({ ...next, schema: values });
  return out;
}

/** `define "fieldDetail"` (exported for its tests): `name<TAB><type>`, -required-, the enum, and (unless short) the wrapped description. */
export function fieldDetail(name: string, schema: SchemaNode, short: boolean, level: number, document: SchemaNode): string {
  const indentAmount = level * 2;
  const field = prop(schema.properties, name);
  const fieldSchema = isNode(field) ? field : {};
  const required = list(schema.required).includes(name) ? ' -required-' : '';
  let out = `${indent(indentAmount, name)}\t<${typeGuess(fieldSchema, document)}>${required}${extractEnum(fieldSchema, false, 4, indentAmount)}\n`;
  if (!short) {
    const description = typeof fieldSchema.description === 'string' && fieldSchema.description ? fieldSchema.description : '<no description>';
    out += `${indent(indentAmount + 2, wrapString(description, 78 - indentAmount))}\n\n`;
  }
  return out;
}

/** `define "description"`: the schema's description, then those of its allOf, items and map values. */
function descriptionOf(schema: SchemaNode, document: SchemaNode): string {
  const node = resolveRef(schema.$ref, document) ?? schema;
  if (!truth(node)) return '';
  let out = truth(node.description) ? `${goString(node.description)}\n` : '';
  for (const alternative of list(node.allOf)) if (isNode(alternative)) out += descriptionOf(alternative, document);
  if (isNode(node.items) && truth(node.items)) out += descriptionOf(node.items, document);
  const values = mapValues(node);
  if (values) out += descriptionOf(values, document);
  return out;
}

/**
 * `define "typeGuess"`: a type hint more helpful than OpenAPI's `type` — `string`, `Object`,
 * `[]Container`, `map[string]Quantity`, the referenced definition's short name.
 */
export function typeGuess(schema: SchemaNode, document: SchemaNode): string {
  // The template fails on an empty schema; kubectl would print the template error instead.
  if (!truth(schema)) throw new ExplainError("error: expected schema argument to subtemplate 'typeguess'", '');
  if (isNode(schema.items) && truth(schema.items)) return `[]${typeGuess(schema.items, document)}`;
  const values = mapValues(schema);
  if (values) return `map[string]${typeGuess(values, document)}`;
  const allOf = list(schema.allOf);
  if (allOf.length === 1 && !truth(schema.properties) && isNode(allOf[0])) return typeGuess(allOf[0], document);
  if (truth(schema.$ref)) {
    const ref = goString(schema.$ref);
    const target = resolveRef(ref, document);
    // Objects (and what cannot be looked up) go by their definition's short name.
    if (!target || !truth(target.type) || target.type === 'object') return ref.split('/').at(-1)!.split('.').at(-1) || 'Object';
    return goString(target.type);
  }
  if (schema.type === 'object') return 'Object';
  return truth(schema.type) ? goString(schema.type) : 'Object';
}

/**
 * `define "extractEnum"`: the long view (one field) lists every value under `ENUM:`; the short
 * view (a field list) appends `enum: a, b, c, d, ....` on the next line. Exported for its tests.
 */
export function extractEnum(schema: SchemaNode, isLongView: boolean, limit: number, indentAmount: number): string {
  const values = list(schema.enum);
  if (values.length === 0) return '';
  const max = limit || -1;
  let out = isLongView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (const [i, value] of values.entries()) {
    if (max > -1 && i >= max) {
      out += ', ....';
      break;
    }
    if (i > 0 && !isLongView) out += ', ';
    else if (isLongView) out += '\n    ';
    out += value === '' ? '""' : goString(value);
  }
  return out;
}
