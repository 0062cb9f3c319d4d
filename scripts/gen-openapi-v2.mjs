// Generates src/engine/api/generated/openapi-v2.json.gz — the Swagger 2.0 document a v1.33
// kube-apiserver serves at /openapi/v2 — from the committed OpenAPI v3 documents
// (generated/openapi-v3/, made by scripts/gen-openapi.mjs), so a fresh clone can regenerate it.
//
// The apiserver builds both documents from the same routes and Go types; the v3 one is the v2
// one passed through k8s.io/kube-openapi/pkg/openapiconv ConvertV2ToV3 (plus a few v3-only
// builder choices). This script runs that conversion backwards:
//   - `allOf: [{$ref}]` wrappers become plain `$ref`s (builder3/util WrapRefs, undone), refs
//     point at #/definitions/ instead of #/components/schemas/;
//   - a `oneOf` of types (int-or-string, Quantity) becomes the v2 type, `string`;
//   - a requestBody becomes the `body` parameter (first, as the v2 builder lists it), its media
//     types the operation's `consumes`; responses' media types become `produces`; parameter
//     schemas become v2's simple `type`; every operation gets `schemes: [https]`;
//   - the parameters many operations share move to #/parameters/<name>-<hash>, exactly as
//     kube-openapi pkg/builder/parameters.go deduplicateParameters names them (FNV-64 of the
//     parameter's Go JSON, base64url, 8 characters: `watch-XNNPZGbK` as in the real document).
// CBOR media types are left out: a default v1.33 apiserver (CBORServingAndStorage off) has no
// CBOR serializer, and neither does pilothouse serve.
//
// Every group-version is in the file; the server drops those it does not serve (and the
// definitions only they reach) when it answers. Run by hand: `node scripts/gen-openapi-v2.mjs`;
// with `--check` it writes nothing and fails if the committed file is not what it would write.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const v3Dir = path.join(root, 'src', 'engine', 'api', 'generated', 'openapi-v3');
const out = path.join(root, 'src', 'engine', 'api', 'generated', 'openapi-v2.json.gz');

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';
const ref = (r) => (r.startsWith(V3_REF) ? V2_REF + r.slice(V3_REF.length) : r);

/** One v3 schema as its v2 form. */
export function schemaV2(node) {
  const result = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'allOf' && value.length === 1 && Object.keys(value[0]).length === 1 && value[0].$ref) result.$ref = ref(value[0].$ref);
    else if (key === '$ref') result.$ref = ref(value);
    else if (key === 'properties') result.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaV2(v)]));
    else if (key === 'items') result.items = schemaV2(value);
    else if (key === 'additionalProperties') result.additionalProperties = typeof value === 'object' ? schemaV2(value) : value;
    else if (key === 'allOf') result.allOf = value.map(schemaV2);
    // The v2 builder types int-or-string and Quantity as `string`; v3 spells out the oneOf.
    else if (key === 'oneOf') { if (node.type === undefined) result.type = 'string'; }
    else result[key] = value;
  }
  return result;
}

// The orders the v2 builder lists media types in (the v3 document's maps are sorted by key).
const MEDIA_ORDER = [
  '*/*', 'text/plain', 'application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf',
  'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch',
  'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml',
];
const inOrder = (types) => {
  const kept = [...new Set(types)].filter((t) => !t.includes('cbor'));
  for (const t of kept) if (!MEDIA_ORDER.includes(t)) throw new Error(`unknown media type ${t}`);
  return kept.sort((a, b) => MEDIA_ORDER.indexOf(a) - MEDIA_ORDER.indexOf(b));
};

/** A v3 parameter (non-body) as v2's: a simple schema, in the v2 builder's key order. */
function parameterV2(p) {
  const { schema = {}, description, name, in: where, required } = p;
  return {
    ...(schema.uniqueItems ? { uniqueItems: true } : {}),
    type: schema.type,
    ...(description !== undefined ? { description } : {}),
    name, in: where,
    ...(required ? { required: true } : {}),
  };
}

function operationV2(op) {
  const produces = inOrder(Object.values(op.responses).flatMap((r) => Object.keys(r.content ?? {})));
  const bodyTypes = inOrder(Object.keys(op.requestBody?.content ?? {}));
  // go-restful routes consume */* unless they say otherwise: patches name their patch types,
  // and the group-version's resource list (getXAPIResources) consumes what it produces.
  const consumes = bodyTypes.length && !bodyTypes.includes('*/*') ? bodyTypes : /APIResources$/.test(op.operationId) ? produces : ['*/*'];
  const bodySchema = op.requestBody && Object.values(op.requestBody.content)[0]?.schema;
  const parameters = [
    ...(bodySchema ? [{ name: 'body', in: 'body', ...(op.requestBody.required ? { required: true } : {}), schema: schemaV2(bodySchema) }] : []),
    ...(op.parameters ?? []).map(parameterV2),
  ];
  const responses = Object.fromEntries(Object.entries(op.responses).map(([code, r]) => {
    const schema = Object.values(r.content ?? {})[0]?.schema;
    return [code, { description: r.description, ...(schema ? { schema: schemaV2(schema) } : {}) }];
  }));
  const extensions = Object.fromEntries(Object.entries(op).filter(([k]) => k.startsWith('x-')));
  return {
    ...(op.description !== undefined ? { description: op.description } : {}),
    consumes, produces, schemes: ['https'], tags: op.tags, operationId: op.operationId,
    ...(parameters.length ? { parameters } : {}),
    responses, ...extensions,
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function pathItemV2(item) {
  const result = {};
  for (const m of METHODS) if (item[m]) result[m] = operationV2(item[m]);
  if (item.parameters) result.parameters = item.parameters.map(parameterV2);
  return result;
}

// Go's encoding/json escapes <, > and & in strings; the hashes are of Go's bytes.
const goJson = (v) => JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** kube-openapi builder/parameters.go base64Hash: FNV-64 (not 1a), first 6 bytes, base64url. */
export function base64Hash(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8')) h = ((h * 0x100000001b3n) & 0xffffffffffffffffn) ^ BigInt(b);
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(h);
  return bytes.subarray(0, 6).toString('base64url');
}

/** The parameters deduplicateParameters shares, and which it keeps inline (collectSharedParameters). */
function shareable(p) {
  if ((p.in === 'query' || p.in === 'path') && p.name === 'name') return false;
  if (p.in === 'query' && (p.name === 'fieldValidation' || p.name === 'dryRun')) return false;
  return !(p.in === 'body' && p.schema && !(p.schema.$ref ?? '').startsWith('#/definitions/io.k8s.apimachinery'));
}

/** Moves every shareable parameter to #/parameters/ (all of them: upstream counts but never thresholds). */
export function deduplicateParameters(paths) {
  const names = new Map();
  const seen = [];
  const lists = Object.values(paths).flatMap((item) => [...METHODS.map((m) => item[m]?.parameters), item.parameters].filter(Boolean));
  for (const list of lists) for (const p of list) {
    if (!shareable(p)) continue;
    const key = goJson(p);
    if (!names.has(key)) { names.set(key, ''); seen.push([key, p]); }
  }
  const parameters = {};
  for (const [key, p] of seen.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let name = `${p.name || 'param'}-${base64Hash(key)}`;
    for (let i = 1; Object.hasOwn(parameters, name); i++) name = `${p.name}-${i}`;
    parameters[name] = p;
    names.set(key, name);
  }
  for (const list of lists) list.forEach((p, i) => {
    const name = shareable(p) ? names.get(goJson(p)) : undefined;
    if (name) list[i] = { $ref: `#/parameters/${name}` };
  });
  return Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const sortedKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

/** The v2 document of a set of v3 documents (one per group-version). */
export function swaggerOf(v3Documents, version) {
  const paths = {};
  const definitions = {};
  for (const doc of v3Documents) {
    for (const [p, item] of Object.entries(doc.paths)) paths[p] = pathItemV2(item);
    for (const [name, schema] of Object.entries(doc.components.schemas)) definitions[name] ??= schemaV2(schema);
  }
  const parameters = deduplicateParameters(paths);
  const security = v3Documents[0]?.components.securitySchemes ?? {};
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version },
    paths: sortedKeys(paths),
    definitions: sortedKeys(definitions),
    parameters,
    securityDefinitions: security,
    security: Object.keys(security).map((name) => ({ [name]: [] })),
  };
}

function v3Files(dir) {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? v3Files(p) : p.endsWith('.json.gz') ? [p] : [];
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const docs = v3Files(v3Dir).map((f) => JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')));
  // /version answers v1.33.1 (src/serve/version.ts); a live server's v2 info carries its gitVersion.
  const swagger = swaggerOf(docs, 'v1.33.1');
  const text = JSON.stringify(swagger);
  const gz = gzipSync(text, { level: 9 });
  if (process.argv.includes('--check')) {
    const committed = gunzipSync(readFileSync(out)).toString('utf8');
    if (committed !== text) {
      console.error(`${path.relative(root, out)} is not what scripts/gen-openapi-v2.mjs makes from generated/openapi-v3/: run it`);
      process.exit(1);
    }
    console.log(`${path.relative(root, out)} is up to date`);
    process.exit(0);
  }
  writeFileSync(out, gz);
  console.log(`openapi-v2.json.gz: ${Object.keys(swagger.paths).length} paths, ${Object.keys(swagger.definitions).length} definitions, ${Object.keys(swagger.parameters).length} shared parameters; ${(text.length / 1024).toFixed(0)} KiB, ${(gz.length / 1024).toFixed(0)} KiB gzipped`);
}
