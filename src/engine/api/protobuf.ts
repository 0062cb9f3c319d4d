// Kubernetes' protobuf serialization (`application/vnd.kubernetes.protobuf`), as
// staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go frames it: the
// 4-byte magic `k8s\0`, then a runtime.Unknown {typeMeta {apiVersion, kind}, raw, contentEncoding,
// contentType} whose raw bytes are the object's message (k8s.io/api's generated.pb.go).
//
// The apiserver works on JSON objects, so a protobuf body becomes exactly what encoding/json
// would print for the Go struct the message unmarshals into: every field of the struct (absent
// ones as Go zero values), omitempty honoured, pointers kept when present even if zero, structs
// never omitted (`"status": {}`), map keys sorted, and the types with their own MarshalJSON
// (Time, MicroTime, Duration, Quantity, IntOrString, RawExtension, FieldsV1) as they print.
// Encoding is the reverse, with gogo's Marshal rules (non-pointer fields always written).
import { badRequest } from './errors.ts';
import type { JsonObject, JsonValue } from './patch/value.ts';
import { parseQuantity, quantityString } from './quantity.ts';
import { base64Decode, base64Encode, goDuration, microTimeJson, parseGoDuration, parseTime, timeJson } from './protobuf-go.ts';
import { messageFields, messageForKind, SCALAR_TYPES, SLICE_MESSAGES, type FieldInfo } from './protobuf-schema.ts';
import { readPackedVarints, readRecords, WireError, WireWriter, type WireValue } from './protobuf-wire.ts';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** protobuf.go protoEncodingPrefix. */
const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/**
 * A protobuf request body → the JSON object it stands for (apiVersion and kind from the envelope).
 * A body that is not a well-formed message of a known kind is upstream's 400 BadRequest.
 */
export function decodeProtobuf(body: Uint8Array): JsonObject {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b))
    throw badRequest(`provided data does not appear to be a protobuf message, expected prefix [${[...MAGIC].join(' ')}]`);
  try {
    return decodeEmbedded(body.subarray(MAGIC.length));
  } catch (e) {
    if (e instanceof WireError) throw badRequest(e.message);
    throw e;
  }
}

/** A JSON object with apiVersion and kind → its protobuf form, envelope included. */
export function encodeProtobuf(object: JsonObject): Uint8Array {
  try {
    const body = encodeEmbedded(object);
    const framed = new Uint8Array(MAGIC.length + body.length);
    framed.set(MAGIC);
    framed.set(body, MAGIC.length);
    return framed;
  } catch (e) {
    if (e instanceof WireError) throw badRequest(e.message);
    throw e;
  }
}

function decodeEmbedded(unknownBytes: Uint8Array): JsonObject {
  const envelope = lastByField(readRecords(unknownBytes));
  const typeMeta = lastByField(readRecords(bytesOf(envelope.get(1), 'typeMeta') ?? new Uint8Array()));
  const apiVersion = stringOf(typeMeta.get(1), 'apiVersion');
  const kind = stringOf(typeMeta.get(2), 'kind');
  const encoding = stringOf(envelope.get(3), 'contentEncoding');
  if (encoding !== '') throw new WireError(`unsupported content encoding ${JSON.stringify(encoding)}`);
  const name = messageForKind(apiVersion, kind);
  if (!name) throw new WireError(`no kind "${kind}" is registered for version "${apiVersion}"`);
  const fields = decodeMessage(name, bytesOf(envelope.get(2), 'raw') ?? new Uint8Array());
  return { apiVersion, kind, ...(fields as JsonObject) };
}

function encodeEmbedded(object: JsonObject): Uint8Array {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') throw new WireError('Object \'Kind\' or \'apiVersion\' is missing');
  const name = messageForKind(apiVersion, kind);
  if (!name) throw new WireError(`no kind "${kind}" is registered for version "${apiVersion}"`);
  const typeMeta = new WireWriter().string(1, apiVersion).string(2, kind).finish();
  return new WireWriter().bytes(1, typeMeta).bytes(2, encodeMessage(name, object)).string(3, '').string(4, '').finish();
}

// ---- decoding: wire records → Go struct → its JSON ----

type Records = Map<number, WireValue[]>;

function groupRecords(bytes: Uint8Array): Records {
  const byField: Records = new Map();
  for (const { field, ...value } of readRecords(bytes)) {
    const list = byField.get(field);
    if (list) list.push(value);
    else byField.set(field, [value]);
  }
  return byField;
}

function lastByField(records: Array<{ field: number } & WireValue>): Map<number, WireValue> {
  return new Map(records.map(({ field, ...value }) => [field, value]));
}

function bytesOf(value: WireValue | undefined, field: string): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (value.wireType !== 2) throw new WireError(`proto: wrong wireType = ${value.wireType} for field ${field}`);
  return value.value;
}

const utf8 = new TextDecoder();
const stringOf = (value: WireValue | undefined, field: string) => utf8.decode(bytesOf(value, field) ?? new Uint8Array());

function varintOf(value: WireValue | undefined, field: string): bigint {
  if (value === undefined) return 0n;
  if (value.wireType !== 0) throw new WireError(`proto: wrong wireType = ${value.wireType} for field ${field}`);
  return value.value;
}

// A non-repeated message field seen more than once is merged, as gogo's Unmarshal does into the
// same struct: merging two messages is parsing their concatenation.
function concat(values: WireValue[], field: string): Uint8Array {
  const parts = values.map((v) => bytesOf(v, field)!);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function scalarJson(type: string, value: WireValue, field: string): JsonValue {
  switch (type) {
    case 'string': return stringOf(value, field);
    case 'bytes': return base64Encode(bytesOf(value, field)!);
    case 'bool': return varintOf(value, field) !== 0n;
    case 'int32': return Number(BigInt.asIntN(32, varintOf(value, field)));
    case 'int64': return Number(BigInt.asIntN(64, varintOf(value, field)));
    case 'uint32': return Number(BigInt.asUintN(32, varintOf(value, field)));
    case 'uint64': return Number(varintOf(value, field));
    case 'double': case 'float': {
      const size = type === 'double' ? 8 : 4;
      if (value.wireType !== (size === 8 ? 1 : 5)) throw new WireError(`proto: wrong wireType = ${value.wireType} for field ${field}`);
      const view = new DataView(value.value.buffer, value.value.byteOffset, size);
      return size === 8 ? view.getFloat64(0, true) : view.getFloat32(0, true);
    }
    default: throw new WireError(`unknown scalar type ${type}`);
  }
}

const ZERO: Record<string, JsonValue> = { string: '', bool: false, int32: 0, int64: 0, uint32: 0, uint64: 0, double: 0, float: 0 };

// Repeated numbers may come packed (one length-delimited record) or one record each.
function repeatedScalars(type: string, values: WireValue[], field: string): JsonValue[] {
  const numeric = type !== 'string' && type !== 'bytes';
  return values.flatMap((v) =>
    numeric && v.wireType === 2 && type !== 'double' && type !== 'float'
      ? readPackedVarints(v.value).map((n) => scalarJson(type, { wireType: 0, value: n }, field))
      : [scalarJson(type, v, field)]);
}

const elementJson = (type: string, value: WireValue, field: string): JsonValue =>
  SCALAR_TYPES.has(type) ? scalarJson(type, value, field) : decodeMessage(type, bytesOf(value, field)!);

function mapJson(f: FieldInfo, values: WireValue[]): JsonObject {
  const entries = new Map<string, JsonValue>();
  for (const v of values) {
    const entry = lastByField(readRecords(bytesOf(v, f.json)!));
    const value = entry.get(2);
    const key = stringOf(entry.get(1), `${f.json} key`);
    entries.set(key, value !== undefined ? elementJson(f.type, value, f.json)
      : SCALAR_TYPES.has(f.type) ? (f.type === 'bytes' ? '' : ZERO[f.type]!) : decodeMessage(f.type, new Uint8Array()));
  }
  // encoding/json writes map keys sorted.
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const isEmpty = (v: JsonValue) => v === '' || v === 0 || v === false || (Array.isArray(v) && v.length === 0);

/** The JSON of one field: its value, or undefined when encoding/json would leave the key out. */
function fieldJson(f: FieldInfo, values: WireValue[] | undefined): JsonValue | undefined {
  const absent = values === undefined || values.length === 0;
  const nil = () => (f.omitempty ? undefined : null);
  if (f.map) {
    if (absent) return nil();
    const object = mapJson(f, values);
    return f.omitempty && Object.keys(object).length === 0 ? undefined : object;
  }
  if (f.repeated) {
    if (absent) return nil();
    const list = SCALAR_TYPES.has(f.type) ? repeatedScalars(f.type, values, f.json) : values.map((v) => elementJson(f.type, v, f.json));
    return f.omitempty && list.length === 0 ? undefined : list;
  }
  if (SCALAR_TYPES.has(f.type)) {
    // A pointer, or a []byte (a slice: nil when absent), keeps "present" apart from zero.
    if (absent) return f.pointer || f.type === 'bytes' ? nil() : f.omitempty ? undefined : ZERO[f.type]!;
    const value = scalarJson(f.type, values[values.length - 1]!, f.json);
    return f.omitempty && !f.pointer && isEmpty(value) ? undefined : value;
  }
  if (SLICE_MESSAGES.has(f.type) || f.pointer) {
    if (absent) return nil();
    const value = decodeMessage(f.type, concat(values, f.json));
    return f.omitempty && !f.pointer && isEmpty(value) ? undefined : value;
  }
  // A struct value: never omitted by encoding/json, its zero value printed when absent.
  return decodeMessage(f.type, absent ? new Uint8Array() : concat(values, f.json));
}

/** The JSON encoding/json prints for the Go value a message unmarshals into. */
function decodeMessage(name: string, bytes: Uint8Array): JsonValue {
  const custom = decodeCustom(name, bytes);
  if (custom !== undefined) return custom;
  const fields = messageFields(name);
  if (!fields) throw new WireError(`unknown message ${name}`);
  const records = groupRecords(bytes);
  // A named slice present on the wire is non-nil (gogo: `if m.Verbs == nil { m.Verbs = Verbs{} }`).
  if (SLICE_MESSAGES.has(name)) {
    const items = fields[0]!;
    const values = records.get(items.number) ?? [];
    return SCALAR_TYPES.has(items.type) ? repeatedScalars(items.type, values, 'items') : values.map((v) => elementJson(items.type, v, 'items'));
  }
  const object: JsonObject = {};
  for (const f of fields) {
    const value = fieldJson(f, records.get(f.number));
    if (f.inline) Object.assign(object, value);
    else if (value !== undefined) object[f.json] = value;
  }
  return object;
}

function decodeCustom(name: string, bytes: Uint8Array): JsonValue | undefined {
  switch (name) {
    case 'meta.v1.Time': case 'meta.v1.MicroTime': {
      // time_proto.go: no bytes is the zero time; otherwise seconds (and, for MicroTime, nanos).
      if (bytes.length === 0) return null;
      const r = lastByField(readRecords(bytes));
      const seconds = BigInt.asIntN(64, varintOf(r.get(1), 'seconds'));
      return name === 'meta.v1.Time' ? timeJson(seconds) : microTimeJson(seconds, Number(BigInt.asIntN(32, varintOf(r.get(2), 'nanos'))));
    }
    case 'meta.v1.Duration':
      return goDuration(BigInt.asIntN(64, varintOf(lastByField(readRecords(bytes)).get(1), 'duration')));
    case 'apimachinery.resource.Quantity': case 'apimachinery.resource.QuantityValue': {
      // quantity_proto.go: the string is parsed (a bad one fails the decode); JSON prints it canonical.
      const text = lastByField(readRecords(bytes)).get(1);
      if (text === undefined) return '0';
      const parsed = parseQuantity(stringOf(text, 'string'));
      if (!parsed.ok) throw new WireError(parsed.message);
      return quantityString(parsed.value);
    }
    case 'apimachinery.intstr.IntOrString': {
      const r = lastByField(readRecords(bytes));
      const type = varintOf(r.get(1), 'type');
      if (type === 0n) return Number(BigInt.asIntN(32, varintOf(r.get(2), 'intVal')));
      if (type === 1n) return stringOf(r.get(3), 'strVal');
      throw new WireError('impossible IntOrString.Type');
    }
    case 'apimachinery.runtime.RawExtension': case 'meta.v1.FieldsV1': {
      const raw = bytesOf(lastByField(readRecords(bytes)).get(1), 'raw');
      if (raw === undefined || raw.length === 0) return null;
      // An embedded object may itself be protobuf (the serializer encodes it with the same codec).
      if (MAGIC.every((b, i) => raw[i] === b)) return decodeEmbedded(raw.subarray(MAGIC.length));
      try {
        return JSON.parse(utf8.decode(raw)) as JsonValue;
      } catch {
        throw new WireError(`${name === 'meta.v1.FieldsV1' ? 'FieldsV1' : 'RawExtension'} does not hold JSON`);
      }
    }
    default: return undefined;
  }
}

// ---- encoding: JSON → the Go struct → gogo's Marshal ----

function writeScalar(w: WireWriter, type: string, n: number, v: JsonValue | undefined, field: string): void {
  const bad = () => new WireError(`cannot encode ${JSON.stringify(v)} as ${type} field ${field}`);
  switch (type) {
    case 'string':
      if (v !== undefined && v !== null && typeof v !== 'string') throw bad();
      w.string(n, v ?? ''); return;
    case 'bytes': w.bytes(n, v === undefined || v === null ? new Uint8Array() : base64Decode(v)); return;
    case 'bool':
      if (v !== undefined && v !== null && typeof v !== 'boolean') throw bad();
      w.varint(n, v ? 1n : 0n); return;
    case 'double': case 'float': {
      if (v !== undefined && v !== null && typeof v !== 'number') throw bad();
      const bytes = new Uint8Array(type === 'double' ? 8 : 4);
      const view = new DataView(bytes.buffer);
      if (type === 'double') view.setFloat64(0, v ?? 0, true);
      else view.setFloat32(0, v ?? 0, true);
      w.fixed(n, bytes); return;
    }
    default:
      if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v))) throw bad();
      w.varint(n, BigInt(v ?? 0));
  }
}

function writeElement(w: WireWriter, type: string, n: number, v: JsonValue | undefined, field: string): void {
  if (SCALAR_TYPES.has(type)) writeScalar(w, type, n, v, field);
  else w.bytes(n, encodeMessage(type, v ?? null));
}

function writeField(w: WireWriter, f: FieldInfo, object: JsonObject): void {
  if (f.inline) return void w.bytes(f.number, encodeMessage(f.type, object));
  const v = object[f.json];
  if (f.map) {
    if (v === null || v === undefined) return;
    if (typeof v !== 'object' || Array.isArray(v)) throw new WireError(`field ${f.json} must be an object`);
    for (const key of Object.keys(v).sort()) {
      const entry = new WireWriter().string(1, key);
      writeElement(entry, f.type, 2, v[key], f.json);
      w.bytes(f.number, entry.finish());
    }
    return;
  }
  if (f.repeated) {
    if (v === null || v === undefined) return;
    if (!Array.isArray(v)) throw new WireError(`field ${f.json} must be an array`);
    for (const element of v) writeElement(w, f.type, f.number, element, f.json);
    return;
  }
  // gogo writes a pointer, a []byte and a named slice only when non-nil; everything else always.
  if ((f.pointer || f.type === 'bytes' || SLICE_MESSAGES.has(f.type)) && (v === null || v === undefined)) return;
  writeElement(w, f.type, f.number, v, f.json);
}

/** The message bytes of a Go value given as its JSON. */
function encodeMessage(name: string, value: JsonValue): Uint8Array {
  const custom = encodeCustom(name, value);
  if (custom) return custom;
  const fields = messageFields(name);
  if (!fields) throw new WireError(`unknown message ${name}`);
  const w = new WireWriter();
  if (SLICE_MESSAGES.has(name)) {
    writeField(w, { ...fields[0]!, json: 'items' }, { items: value });
    return w.finish();
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new WireError(`${name} must be an object`);
  const object = value ?? {};
  for (const f of [...fields].sort((a, b) => a.number - b.number)) writeField(w, f, object);
  return w.finish();
}

function encodeCustom(name: string, value: JsonValue): Uint8Array | undefined {
  switch (name) {
    case 'meta.v1.Time': case 'meta.v1.MicroTime': {
      // time_proto.go: the zero time has no bytes at all.
      if (value === null) return new Uint8Array();
      const { seconds, nanos } = parseTime(value);
      return new WireWriter().varint(1, seconds).varint(2, BigInt(name === 'meta.v1.Time' ? 0 : nanos - nanos % 1000)).finish();
    }
    case 'meta.v1.Duration': return new WireWriter().varint(1, parseGoDuration(value)).finish();
    case 'apimachinery.resource.Quantity': case 'apimachinery.resource.QuantityValue': {
      const parsed = parseQuantity(value === null ? '0' : String(value).trim());
      if (!parsed.ok) throw new WireError(parsed.message);
      return new WireWriter().string(1, quantityString(parsed.value)).finish();
    }
    case 'apimachinery.intstr.IntOrString':
      if (typeof value === 'number') return new WireWriter().varint(1, 0n).varint(2, BigInt(value)).string(3, '').finish();
      if (typeof value === 'string') return new WireWriter().varint(1, 1n).varint(2, 0n).string(3, value).finish();
      throw new WireError(`cannot encode ${JSON.stringify(value)} as an IntOrString`);
    case 'apimachinery.runtime.RawExtension': case 'meta.v1.FieldsV1':
      return value === null ? new Uint8Array() : new WireWriter().bytes(1, new TextEncoder().encode(JSON.stringify(value))).finish();
    default: return undefined;
  }
}
