// OpenAPI v2 (Swagger 2.0) at /openapi/v2, as kube-openapi's pkg/handler serves it: one
// document for the whole server, in JSON or gnostic protobuf by the Accept header, with an
// ETag (SHA-512 of the JSON; the protobuf shares it) and gzip. The document is the committed
// generated/openapi-v2.json.gz (scripts/gen-openapi-v2.mjs, from the v3 documents), narrowed to
// the group-versions this cluster serves and the definitions, shared parameters they reach —
// as the real builder walks only the routes that are installed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ApiServer } from '../engine/api/index.ts';
import { encodeOpenApiV2 } from './openapi-v2-proto.ts';
import { etagOf, type ServedDocument } from './servecontent.ts';

const DOCUMENT = path.resolve(import.meta.dirname, '..', 'engine', 'api', 'generated', 'openapi-v2.json.gz');

/** The media types /openapi/v2 answers with (handler.go: JSON, and both spellings of protobuf). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const PROTOBUF_SUBTYPES = ['com.github.proto-openapi.spec.v2@v1.0+protobuf', 'com.github.proto-openapi.spec.v2.v1.0+protobuf'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface Swagger {
  [key: string]: Json;
  paths: Record<string, JsonObject>;
  definitions: Record<string, JsonObject>;
  parameters: Record<string, JsonObject>;
}

/** Every `$ref` in a JSON value. */
function refsIn(value: Json, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

/** `/api/v1/...` → ['', 'v1']; `/apis/G/V/...` → [G, V]; anything else undefined. */
function groupVersionOf(p: string): [string, string] | undefined {
  const parts = p.split('/');
  if (parts[1] === 'api' && parts[2]) return ['', parts[2]];
  if (parts[1] === 'apis' && parts[2] && parts[3]) return [parts[2], parts[3]];
  return undefined;
}

/** The served paths, and the shared parameters and definitions they reach (transitively). */
export function narrowSwagger(doc: Swagger, served: (group: string, version: string) => boolean): Swagger {
  const paths = Object.fromEntries(Object.entries(doc.paths).filter(([p]) => {
    const gv = groupVersionOf(p);
    return gv === undefined || served(gv[0], gv[1]);
  }));
  const parameters: Swagger['parameters'] = {};
  const definitions = new Set<string>();
  const queue = refsIn(paths);
  for (let ref = queue.pop(); ref !== undefined; ref = queue.pop()) {
    const [, kind, name = ''] = /^#\/(parameters|definitions)\/(.*)$/.exec(ref) ?? [];
    if (kind === 'parameters' && !Object.hasOwn(parameters, name) && doc.parameters[name]) {
      parameters[name] = doc.parameters[name];
      refsIn(doc.parameters[name], queue);
    } else if (kind === 'definitions' && !definitions.has(name) && doc.definitions[name]) {
      definitions.add(name);
      refsIn(doc.definitions[name], queue);
    }
  }
  const keep = <T>(o: Record<string, T>, names: (k: string) => boolean) => Object.fromEntries(Object.entries(o).filter(([k]) => names(k)));
  return {
    ...doc, paths,
    definitions: keep(doc.definitions, (k) => definitions.has(k)),
    parameters: keep(doc.parameters, (k) => Object.hasOwn(parameters, k)),
  };
}

/** The /openapi/v2 document of one server, built on first use. */
export class OpenApiV2 {
  private json?: Promise<ServedDocument>;
  private proto?: ServedDocument;
  private swagger?: Swagger;

  constructor(private readonly registry: ApiServer['registry'], private readonly lastModified: Date) {}

  /** The JSON representation. */
  async jsonDocument(): Promise<ServedDocument> {
    this.json ??= readFile(DOCUMENT).then((gz) => {
      this.swagger = narrowSwagger(JSON.parse(gunzipSync(gz).toString('utf8')) as Swagger, (g, v) => this.registry.isGroupVersionServed(g, v));
      const bytes = Buffer.from(JSON.stringify(this.swagger));
      return { bytes, contentType: 'application/json', etag: etagOf(bytes), lastModified: this.lastModified };
    });
    return this.json;
  }

  /** The protobuf representation, with the JSON's ETag (handler.go: the proto cache keeps the JSON's etag). */
  async protobufDocument(): Promise<ServedDocument> {
    const json = await this.jsonDocument();
    this.proto ??= { bytes: encodeOpenApiV2(this.swagger!), contentType: OPENAPI_V2_PROTOBUF, etag: json.etag, lastModified: this.lastModified };
    return this.proto;
  }
}

/**
 * Which representation an Accept header gets, as handler.go: clauses in goautoneg's order
 * (quality, highest first), the first one that JSON or protobuf matches; undefined → 406.
 */
export function negotiateOpenApiV2(accept: string | undefined): 'json' | 'protobuf' | undefined {
  const clauses = (accept || '*/*').split(',').map((part, index) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const [type = '', subtype = ''] = range.toLowerCase().split('/');
    return { type, subtype, q: q ? Number(q.slice(2)) : 1, index };
  }).filter((c) => c.type !== '' && c.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type, subtype } of clauses) {
    if (type !== 'application' && type !== '*') continue;
    if (subtype === 'json' || subtype === '*') return 'json';
    if (PROTOBUF_SUBTYPES.includes(subtype)) return 'protobuf';
  }
  return undefined;
}
