// The Swagger 2.0 document in protobuf, as kube-openapi's handler serves it for
// `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (pkg/handler/handler.go
// ToProtoBinary: gnostic's openapi_v2.ParseDocument of the JSON, then proto.Marshal). The
// message layout is google/gnostic-models openapiv2/OpenAPIv2.proto; this is what client-go's
// DiscoveryClient.OpenAPISchema reads (kubectl apply's fallback for kinds OpenAPI v3 cannot
// patch, `kubectl explain --output plaintext-openapiv2`, client-side validation).
// Vendor extensions and defaults are `Any { yaml }`, as gnostic stores them (compiler.Marshal).
import { stringify as yamlStringify } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A protobuf message being written: fields appended in ascending field order by the callers. */
class Message {
  private readonly parts: Buffer[] = [];

  private key(field: number, wireType: number): void {
    this.parts.push(varint(BigInt(field * 8 + wireType)));
  }
  /** A proto3 string: the empty string is the default and is not written. */
  string(field: number, value: Json | undefined): this {
    if (typeof value === 'string' && value !== '') this.bytes(field, Buffer.from(value, 'utf8'));
    return this;
  }
  strings(field: number, values: Json | undefined): this {
    // Repeated strings are written even when empty, one record each.
    if (Array.isArray(values)) for (const v of values) if (typeof v === 'string') this.bytes(field, Buffer.from(v, 'utf8'));
    return this;
  }
  bool(field: number, value: Json | undefined, always = false): this {
    if (value === true || (always && value === false)) {
      this.key(field, 0);
      this.parts.push(varint(value ? 1n : 0n));
    }
    return this;
  }
  int64(field: number, value: Json | undefined): this {
    if (typeof value === 'number' && value !== 0) {
      this.key(field, 0);
      this.parts.push(varint(BigInt.asUintN(64, BigInt(Math.trunc(value)))));
    }
    return this;
  }
  double(field: number, value: Json | undefined): this {
    if (typeof value === 'number' && value !== 0) {
      this.key(field, 1);
      const b = Buffer.alloc(8);
      b.writeDoubleLE(value);
      this.parts.push(b);
    }
    return this;
  }
  message(field: number, m: Message | undefined): this {
    if (m) this.bytes(field, m.finish());
    return this;
  }
  private bytes(field: number, value: Buffer): void {
    this.key(field, 2);
    this.parts.push(varint(BigInt(value.length)), value);
  }
  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function varint(value: bigint): Buffer {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: Json | undefined): Array<[string, Json]> => (isObject(v) ? Object.entries(v) : []);

/** gnostic's Any: the value as YAML text (field 2). */
const any = (value: Json) => new Message().string(2, yamlStringify(value));

/** NamedAny records for the `x-` keys of an object (gnostic's `MAP: Any ^x-`). */
function vendorExtensions(m: Message, field: number, o: JsonObject): Message {
  for (const [name, value] of Object.entries(o))
    if (name.startsWith('x-')) m.message(field, new Message().string(1, name).message(2, any(value)));
  return m;
}

const SCHEMA_KEYS = new Set(['$ref', 'format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum',
  'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties',
  'required', 'enum', 'additionalProperties', 'type', 'items', 'allOf', 'properties', 'discriminator', 'readOnly', 'example']);

/** openapi_v2.Schema. */
function schema(s: Json): Message {
  if (!isObject(s)) throw new TypeError(`a schema must be an object, not ${JSON.stringify(s)}`);
  for (const k of Object.keys(s)) if (!SCHEMA_KEYS.has(k) && !k.startsWith('x-')) throw new TypeError(`schema key ${k} has no place in openapi_v2.Schema`);
  const m = new Message()
    .string(1, s.$ref).string(2, s.format).string(3, s.title).string(4, s.description);
  if (s.default !== undefined) m.message(5, any(s.default));
  m.double(6, s.multipleOf).double(7, s.maximum).bool(8, s.exclusiveMaximum).double(9, s.minimum).bool(10, s.exclusiveMinimum)
    .int64(11, s.maxLength).int64(12, s.minLength).string(13, s.pattern).int64(14, s.maxItems).int64(15, s.minItems)
    .bool(16, s.uniqueItems).int64(17, s.maxProperties).int64(18, s.minProperties).strings(19, s.required);
  if (Array.isArray(s.enum)) for (const e of s.enum) m.message(20, any(e));
  const ap = s.additionalProperties;
  if (typeof ap === 'boolean') m.message(21, new Message().bool(2, ap, true));
  else if (ap !== undefined) m.message(21, new Message().message(1, schema(ap)));
  if (s.type !== undefined) m.message(22, new Message().strings(1, Array.isArray(s.type) ? s.type : [s.type]));
  if (s.items !== undefined) {
    const items = new Message();
    for (const item of Array.isArray(s.items) ? s.items : [s.items]) items.message(1, schema(item));
    m.message(23, items);
  }
  if (Array.isArray(s.allOf)) for (const a of s.allOf) m.message(24, schema(a));
  if (s.properties !== undefined) {
    const props = new Message();
    for (const [name, value] of entries(s.properties)) props.message(1, new Message().string(1, name).message(2, schema(value)));
    m.message(25, props);
  }
  m.string(26, s.discriminator).bool(27, s.readOnly);
  if (s.example !== undefined) m.message(30, any(s.example));
  return vendorExtensions(m, 31, s);
}

/** openapi_v2.Parameter: a body parameter, or a query/path/header/formData one. */
function parameter(p: JsonObject): Message {
  if (p.in === 'body') {
    const body = new Message().string(1, p.description).string(2, p.name).string(3, p.in).bool(4, p.required);
    if (p.schema !== undefined) body.message(5, schema(p.schema));
    return new Message().message(1, vendorExtensions(body, 6, p));
  }
  // Query and formData sub-schemas have allow_empty_value at 5, moving the rest up by one.
  const shifted = p.in === 'query' || p.in === 'formData' ? 1 : 0;
  const sub = new Message().bool(1, p.required).string(2, p.in).string(3, p.description).string(4, p.name);
  if (shifted) sub.bool(5, p.allowEmptyValue);
  sub.string(5 + shifted, p.type).string(6 + shifted, p.format).string(8 + shifted, p.collectionFormat)
    .bool(19 + shifted, p.uniqueItems);
  vendorExtensions(sub, 22 + shifted, p);
  const which = { header: 1, formData: 2, query: 3, path: 4 }[String(p.in)];
  if (which === undefined) throw new TypeError(`parameter in ${JSON.stringify(p.in)}`);
  return new Message().message(2, new Message().message(which, sub));
}

/** openapi_v2.ParametersItem: a parameter or a JSON reference to a shared one. */
function parametersItem(p: Json): Message {
  if (!isObject(p)) throw new TypeError('a parameter must be an object');
  if (typeof p.$ref === 'string') return new Message().message(2, new Message().string(1, p.$ref).string(2, p.description));
  return new Message().message(1, parameter(p));
}

function operation(op: JsonObject): Message {
  const m = new Message().strings(1, op.tags).string(2, op.summary).string(3, op.description).string(5, op.operationId)
    .strings(6, op.produces).strings(7, op.consumes);
  if (Array.isArray(op.parameters)) for (const p of op.parameters) m.message(8, parametersItem(p));
  const responses = new Message();
  for (const [code, r] of entries(op.responses)) {
    if (!isObject(r)) continue;
    const response = new Message().string(1, r.description);
    if (r.schema !== undefined) response.message(2, new Message().message(1, schema(r.schema)));
    responses.message(1, new Message().string(1, code).message(2, new Message().message(1, vendorExtensions(response, 5, r))));
  }
  m.message(9, responses).strings(10, op.schemes).bool(11, op.deprecated);
  return vendorExtensions(m, 13, op);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/** The gnostic openapi_v2.Document of a Swagger 2.0 document, as protobuf bytes. */
export function encodeOpenApiV2(doc: JsonObject): Buffer {
  const m = new Message().string(1, doc.swagger);
  if (isObject(doc.info)) m.message(2, vendorExtensions(new Message().string(1, doc.info.title).string(2, doc.info.version).string(3, doc.info.description), 7, doc.info));
  m.string(3, doc.host).string(4, doc.basePath).strings(5, doc.schemes).strings(6, doc.consumes).strings(7, doc.produces);
  // paths is required by gnostic's Document (always written); definitions and parameters only when present.
  const paths = new Message();
  for (const [name, item] of entries(doc.paths)) {
    if (!isObject(item)) continue;
    const pi = new Message().string(1, item.$ref);
    METHODS.forEach((method, i) => {
      const op = item[method];
      if (isObject(op)) pi.message(2 + i, operation(op));
    });
    if (Array.isArray(item.parameters)) for (const p of item.parameters) pi.message(9, parametersItem(p));
    paths.message(2, new Message().string(1, name).message(2, vendorExtensions(pi, 10, item)));
  }
  m.message(8, paths);
  if (doc.definitions !== undefined) {
    const definitions = new Message();
    for (const [name, s] of entries(doc.definitions)) definitions.message(1, new Message().string(1, name).message(2, schema(s)));
    m.message(9, definitions);
  }
  if (doc.parameters !== undefined) {
    const shared = new Message();
    for (const [name, p] of entries(doc.parameters)) if (isObject(p)) shared.message(1, new Message().string(1, name).message(2, parameter(p)));
    m.message(10, shared);
  }
  if (Array.isArray(doc.security)) for (const requirement of doc.security) {
    const r = new Message();
    for (const [name, scopes] of entries(requirement)) r.message(1, new Message().string(1, name).message(2, new Message().strings(1, scopes)));
    m.message(12, r);
  }
  if (doc.securityDefinitions !== undefined) {
    const defs = new Message();
    for (const [name, d] of entries(doc.securityDefinitions)) {
      if (!isObject(d) || d.type !== 'apiKey') throw new TypeError(`security definition ${name}: only apiKey is written`);
      const apiKey = new Message().string(1, d.type).string(2, d.name).string(3, d.in).string(4, d.description);
      defs.message(1, new Message().string(1, name).message(2, new Message().message(2, vendorExtensions(apiKey, 5, d))));
    }
    m.message(13, defs);
  }
  return vendorExtensions(m, 16, doc).finish();
}
