// The message layouts of the v1.33 protobuf API, from generated/protobuf.json
// (scripts/gen-protobuf.mjs: the generated.proto files of k8s.io/api and k8s.io/apimachinery,
// with each field's JSON name, pointer-ness and omitempty from the Go struct tags).
import table from './generated/protobuf.json' with { type: 'json' };

/** One field of a message, as a Go struct field with its proto number. */
export interface FieldInfo {
  number: number;
  /** The JSON key; '' for an embedded struct whose fields are inlined (`json:",inline"`). */
  json: string;
  /** A scalar (`string`, `int32`, `bytes` ...) or a message's short name (`core.v1.PodSpec`). */
  type: string;
  repeated: boolean;
  /** `map<string, type>`. */
  map: boolean;
  /** A Go pointer: absent and zero differ (a `*int32` replicas of 0 is kept). */
  pointer: boolean;
  omitempty: boolean;
  inline: boolean;
}

type Row = [number, string, string] | [number, string, string, string];
const rows = table.messages as unknown as Record<string, Row[]>;
const groups = table.groups as Record<string, string>;
const parsed = new Map<string, FieldInfo[]>();

/** The fields of a message, in Go struct order (the JSON key order), or undefined if unknown. */
export function messageFields(name: string): FieldInfo[] | undefined {
  const cached = parsed.get(name);
  if (cached) return cached;
  const source = rows[name];
  if (!source) return undefined;
  const fields = source.map(([number, json, type, flags = '']) => ({
    number, json, type,
    repeated: flags.includes('r'), map: flags.includes('m'), pointer: flags.includes('p'),
    omitempty: flags.includes('o'), inline: flags.includes('i'),
  }));
  parsed.set(name, fields);
  return fields;
}

/** Named slice types (`type ExtraValue []string`): a message wrapping `items`, a JSON array. */
export const SLICE_MESSAGES: ReadonlySet<string> = new Set(table.slices);

export const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);

/**
 * The message of a kind in an apiVersion: the group-version's own package, else meta/v1 (every
 * group-version also serves DeleteOptions, Status, WatchEvent ..., as upstream's
 * metav1.AddToGroupVersion registers them).
 */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const pkg = groups[apiVersion];
  if (pkg && rows[`${pkg}.${kind}`]) return `${pkg}.${kind}`;
  if (pkg && rows[`meta.v1.${kind}`]) return `meta.v1.${kind}`;
  return undefined;
}
