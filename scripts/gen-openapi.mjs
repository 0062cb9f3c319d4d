// Generates, from the OpenAPI v3 documents a real v1.33 apiserver serves
// (../shared/reference/openapi-v1.33, see its README), the committed files under
// src/engine/api/generated/ that let a fresh clone build without ../shared:
//
//   schemas.json        every definition's shape, compact: field types, required fields, the
//                       list/map extensions strategic merge patch and server-side apply read,
//                       and the group/version/kinds of top-level kinds. Loaded by api/schema.ts.
//   docs.json           every definition's and field's description (what `kubectl explain` and
//                       the editor show). Kept apart: validation never loads it.
//   openapi-v3/         the documents themselves, minified and gzipped, one per group-version,
//                       plus index.json (path → sha512), for `pilothouse serve` to answer
//                       /openapi/v3 and /openapi/v3/<group>/<version> byte-for-byte.
//
// Run by hand: `node scripts/gen-openapi.mjs`. The compact format is documented in
// src/engine/api/schema.ts (CompactSchema).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const source = path.resolve(root, '..', 'shared', 'reference', 'openapi-v1.33');
const outDir = path.join(root, 'src', 'engine', 'api', 'generated');
const generatedBy = 'scripts/gen-openapi.mjs';
const sourceNote = 'Kubernetes v1.33 OpenAPI v3 (kubernetes-sigs/kubectl-validate builtins/1.33, Apache-2.0). Generated: do not edit.';

// Definitions whose Go types unmarshal themselves: their OpenAPI shape says little about what
// the real decoder accepts, so they get a type of their own.
const SPECIAL = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { t: 'quantity' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { t: 'int-or-string' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { t: 'string', f: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { t: 'string', f: 'date-time' },
  // runtime.RawExtension keeps the raw bytes of any JSON value (an embedded object).
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { t: 'any', x: 1 },
  // apiextensions' JSON and the JSONSchemaProps "or" types unmarshal any JSON (non-strictly).
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': { t: 'any' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': { t: 'any' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': { t: 'any' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': { t: 'any' },
  // metav1.FieldsV1 keeps the raw JSON of a managedFields entry's field set.
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { t: 'any' },
};

function documents() {
  const docs = [{ file: path.join(source, 'api', 'v1.json'), rel: 'api/v1' }];
  for (const group of readdirSync(path.join(source, 'apis')).sort())
    for (const f of readdirSync(path.join(source, 'apis', group)).sort())
      docs.push({ file: path.join(source, 'apis', group, f), rel: `apis/${group}/${f.replace(/\.json$/, '')}` });
  return docs;
}

const refName = (ref) => ref.replace('#/components/schemas/', '');

// One schema node → its compact form (descriptions go to docs.json instead).
function compact(node) {
  const single = node.allOf?.length === 1 ? node.allOf[0] : node;
  if (single.$ref) return withExtensions({ r: refName(single.$ref) }, node);
  const out = {};
  if (node.type) out.t = node.type;
  if (node.format) out.f = node.format;
  if (node.type === 'array' && node.items) out.i = compact(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.a = compact(node.additionalProperties);
  if (node.properties) out.p = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, compact(v)]));
  if (node.required?.length) out.q = node.required;
  return withExtensions(out, node);
}

function withExtensions(out, node) {
  if (node['x-kubernetes-patch-merge-key']) out.k = node['x-kubernetes-patch-merge-key'];
  if (node['x-kubernetes-patch-strategy']) out.s = node['x-kubernetes-patch-strategy'];
  if (node['x-kubernetes-list-type']) out.l = node['x-kubernetes-list-type'];
  if (node['x-kubernetes-list-map-keys']) out.m = node['x-kubernetes-list-map-keys'];
  if (node['x-kubernetes-map-type']) out.mt = node['x-kubernetes-map-type'];
  if (node['x-kubernetes-preserve-unknown-fields']) out.u = 1;
  if (node['x-kubernetes-embedded-resource']) out.x = 1;
  if (node['x-kubernetes-int-or-string']) out.t = 'int-or-string';
  return out;
}

function docsOf(node) {
  const entry = {};
  if (node.description) entry[''] = node.description;
  for (const [k, v] of Object.entries(node.properties ?? {})) if (v.description) entry[k] = v.description;
  return entry;
}

const definitions = {};
const docs = {};
const gvks = {};
const rawDocs = [];
for (const { file, rel } of documents()) {
  const text = readFileSync(file, 'utf8');
  const doc = JSON.parse(text);
  rawDocs.push({ rel, minified: JSON.stringify(doc) });
  for (const [name, node] of Object.entries(doc.components.schemas)) {
    if (definitions[name]) continue; // the same name is the same Go type in every document
    const def = SPECIAL[name] ?? compact(node);
    const kinds = node['x-kubernetes-group-version-kind'];
    if (kinds) {
      def.g = kinds.map((k) => [k.group, k.version, k.kind]);
      for (const k of kinds) gvks[`${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`] ??= name;
    }
    definitions[name] = def;
    docs[name] = docsOf(node);
  }
}

const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
mkdirSync(outDir, { recursive: true });
const write = (rel, value) => {
  const text = JSON.stringify(value);
  writeFileSync(path.join(outDir, rel), text);
  return text.length;
};
const sizes = {};
sizes['schemas.json'] = write('schemas.json', { generatedBy, source: sourceNote, gvks: sorted(gvks), definitions: sorted(definitions) });
sizes['docs.json'] = write('docs.json', { generatedBy, source: sourceNote, definitions: sorted(docs) });

const v3Dir = path.join(outDir, 'openapi-v3');
rmSync(v3Dir, { recursive: true, force: true });
const index = {};
let gzTotal = 0;
let rawTotal = 0;
for (const { rel, minified } of rawDocs) {
  const target = path.join(v3Dir, `${rel}.json.gz`);
  mkdirSync(path.dirname(target), { recursive: true });
  const gz = gzipSync(minified, { level: 9 });
  // gzip's header carries no timestamp from zlib, so regenerating gives identical bytes.
  writeFileSync(target, gz);
  // As the real apiserver: the discovery document names each path with the hash of its spec.
  index[rel] = createHash('sha512').update(minified).digest('hex').toUpperCase();
  gzTotal += gz.length;
  rawTotal += minified.length;
}
sizes['openapi-v3/index.json'] = write('openapi-v3/index.json', { generatedBy, source: sourceNote, paths: index });

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`definitions: ${Object.keys(definitions).length}, group-version-kinds: ${Object.keys(gvks).length}`);
for (const [name, size] of Object.entries(sizes)) {
  const gz = gzipSync(readFileSync(path.join(outDir, name))).length;
  console.log(`${name}: ${kb(size)} (${kb(gz)} gzipped)`);
}
console.log(`openapi-v3/: ${rawDocs.length} documents, ${kb(rawTotal)} minified, ${kb(gzTotal)} gzipped on disk`);
