// Generates src/engine/api/apply/generated-zero.json from the OpenAPI v3 documents of a real
// v1.33 apiserver (../shared/reference/openapi-v1.33), for server-side apply:
//
//   zero         per definition, the fields its Go zero value carries when converted to
//                unstructured (what `scheme.New(kind)` looks like to the field manager):
//                value structs (OpenAPI `default: {}`) as {}, non-omitempty scalars ('' / 0 /
//                false defaults) as themselves, required fields without a default (slices,
//                pointers) as null. A create is compared against this zero object, so it
//                decides where managedFields carry `.` (upstream typed/compare.go).
//   keyDefaults  per definition, the non-zero `default` of scalar fields (e.g. ContainerPort
//                protocol "TCP"): a list-map key left out of an item takes its default
//                (upstream typed/helpers.go getAssociativeKeyDefault).
//
// Run by hand: `node scripts/gen-apply-zero.mjs`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const source = path.resolve(root, '..', 'shared', 'reference', 'openapi-v1.33');
const out = path.join(root, 'src', 'engine', 'api', 'apply', 'generated-zero.json');

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.json')) files.push(p);
  }
};
walk(source);

const zero = {};
const keyDefaults = {};
const isZeroScalar = (v) => v === '' || v === 0 || v === false;
for (const file of files.sort()) {
  const schemas = JSON.parse(readFileSync(file, 'utf8')).components?.schemas ?? {};
  for (const [name, def] of Object.entries(schemas)) {
    const required = new Set(def.required ?? []);
    for (const [prop, field] of Object.entries(def.properties ?? {})) {
      const has = Object.hasOwn(field, 'default');
      const d = field.default;
      if (has && d !== null && typeof d === 'object' && !Array.isArray(d) && Object.keys(d).length === 0) (zero[name] ??= {})[prop] = {};
      else if (has && isZeroScalar(d)) (zero[name] ??= {})[prop] = d;
      else if (has && (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean')) (keyDefaults[name] ??= {})[prop] = d;
      else if (!has && required.has(prop)) (zero[name] ??= {})[prop] = null;
    }
  }
}
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
writeFileSync(out, `${JSON.stringify({ generatedBy: 'scripts/gen-apply-zero.mjs', zero: sorted(zero), keyDefaults: sorted(keyDefaults) })}\n`);
console.log(`${out}: ${Object.keys(zero).length} zero definitions, ${Object.keys(keyDefaults).length} with key defaults`);
