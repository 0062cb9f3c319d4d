// The compact schema of a custom resource, from its CustomResourceDefinition's
// `openAPIV3Schema` (a structural schema): what strict decoding prunes against and what
// server-side apply reads list types from. Same form as the generated built-ins (schema.ts).
import { isJsonObject, type JsonObject, type JsonValue } from './patch/value.ts';
import type { CompactSchema, SchemaType } from './schema.ts';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const TYPES = new Set<SchemaType>(['string', 'integer', 'number', 'boolean', 'object', 'array']);

/**
 * A custom resource's schema: its openAPIV3Schema, with apiVersion and kind as strings and
 * metadata as ObjectMeta whatever the CRD says (as apiextensions-apiserver does).
 */
export function customResourceSchema(openAPIV3Schema: JsonObject): CompactSchema {
  const root = compactFromOpenAPIV3(openAPIV3Schema);
  return { ...root, t: 'object', p: { ...root.p, apiVersion: { t: 'string' }, kind: { t: 'string' }, metadata: { r: OBJECT_META } } };
}

/** One JSONSchemaProps node → its compact form (descriptions, validations and defaults dropped). */
export function compactFromOpenAPIV3(node: JsonObject): CompactSchema {
  const out: CompactSchema = {};
  const str = (key: string) => (typeof node[key] === 'string' ? (node[key] as string) : undefined);
  const type = str('type');
  if (type !== undefined && TYPES.has(type as SchemaType)) out.t = type as SchemaType;
  if (node['x-kubernetes-int-or-string'] === true) out.t = 'int-or-string';
  const format = str('format');
  if (format !== undefined) out.f = format;
  const props = node.properties;
  if (isJsonObject(props))
    out.p = Object.fromEntries(Object.keys(props).flatMap((k) => (isJsonObject(props[k]) ? [[k, compactFromOpenAPIV3(props[k] as JsonObject)]] : [])));
  if (isJsonObject(node.items)) out.i = compactFromOpenAPIV3(node.items);
  if (isJsonObject(node.additionalProperties)) out.a = compactFromOpenAPIV3(node.additionalProperties);
  else if (node.additionalProperties === true) out.a = { t: 'any' };
  const required = node.required;
  if (Array.isArray(required) && required.length > 0) out.q = required.filter((r): r is string => typeof r === 'string');
  const listType = str('x-kubernetes-list-type');
  if (listType === 'atomic' || listType === 'set' || listType === 'map') out.l = listType;
  const keys: JsonValue | undefined = node['x-kubernetes-list-map-keys'];
  if (Array.isArray(keys)) out.m = keys.filter((k): k is string => typeof k === 'string');
  const mapType = str('x-kubernetes-map-type');
  if (mapType === 'atomic' || mapType === 'granular') out.mt = mapType;
  if (node['x-kubernetes-preserve-unknown-fields'] === true) out.u = 1;
  if (node['x-kubernetes-embedded-resource'] === true) out.x = 1;
  return out;
}
