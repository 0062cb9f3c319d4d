// Generates src/engine/api/generated/protobuf.json — the wire layout of every message of the
// Kubernetes v1.33 protobuf API (k8s.io/api and k8s.io/apimachinery `generated.proto`), with
// what the JSON form of each field is (name, omitempty, pointer, inline), so that
// src/engine/api/protobuf.ts can turn an `application/vnd.kubernetes.protobuf` body into the
// object encoding/json would have produced from the same Go struct, and back.
//
// The .proto files give field numbers and wire types; the Go struct tags beside them (types.go:
// `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`) give the JSON name, omitempty and
// whether the field is a pointer (present-or-absent matters) — the .proto cannot say either.
// Every JSON name is cross-checked with the OpenAPI schemas (generated/schemas.json); the
// mismatches are printed.
//
// Run: node scripts/gen-protobuf.mjs [API_GIT_DIR] [APIMACHINERY_GIT_DIR]
// (git directories of kubernetes/api and kubernetes/apimachinery, e.g. the `fetch` tool's mirrors;
// the tag v0.33.13 of both is read). The output is committed, so a fresh clone needs neither.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const API = process.argv[2] ?? '/work/.mirror/kubernetes+api/repo';
const MACHINERY = process.argv[3] ?? '/work/.mirror/kubernetes+apimachinery/repo';
const TAG = 'v0.33.13';
const out = path.join(root, 'src', 'engine', 'api', 'generated', 'protobuf.json');

const git = (dir, ...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const files = (dir) => git(dir, 'ls-tree', '-r', '--name-only', TAG).split('\n').filter(Boolean);
const show = (dir, file) => git(dir, 'show', `${TAG}:${file}`);

// Short names for the proto packages: k8s.io.api.apps.v1 → apps.v1, meta/v1 → meta.v1, the
// apimachinery helpers → apimachinery.<pkg>.
function alias(pkg) {
  if (pkg.startsWith('k8s.io.api.')) return pkg.slice('k8s.io.api.'.length);
  if (pkg.startsWith('k8s.io.apimachinery.pkg.apis.')) return pkg.slice('k8s.io.apimachinery.pkg.apis.'.length);
  if (pkg.startsWith('k8s.io.apimachinery.pkg.')) return `apimachinery.${pkg.slice('k8s.io.apimachinery.pkg.'.length).replace(/^(api|util)\./, '')}`;
  throw new Error(`unknown proto package ${pkg}`);
}

/** Messages of one generated.proto: name → [{ name, number, type, repeated, map }]. */
function parseProto(text) {
  const pkg = /^package ([\w.]+);/m.exec(text)[1];
  const messages = new Map();
  let current;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    let m;
    if ((m = /^message (\w+) \{$/.exec(line))) messages.set(m[1], (current = []));
    else if (line === '}') current = undefined;
    else if (current && (m = /^(optional|repeated) ([\w.]+) (\w+) = (\d+);$/.exec(line)))
      current.push({ name: m[3], number: +m[4], type: m[2], repeated: m[1] === 'repeated' });
    else if (current && (m = /^map<string, ([\w.]+)> (\w+) = (\d+);$/.exec(line)))
      current.push({ name: m[2], number: +m[3], type: m[1], map: true });
    else if (current && line !== '') throw new Error(`${pkg}: unparsed proto line: ${line}`);
  }
  return { pkg, messages };
}

const SCALARS = new Set(['string', 'bool', 'bytes', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']);

/** A field type as the table names it: a scalar, or a message by its short name. */
function typeRef(type, pkg) {
  if (SCALARS.has(type)) return type;
  if (type.startsWith('.')) {
    const dot = type.lastIndexOf('.');
    return `${alias(type.slice(1, dot))}.${type.slice(dot + 1)}`;
  }
  return `${alias(pkg)}.${type}`;
}

/**
 * Go structs of one package: struct name → proto field name → { json, omitempty, pointer, inline },
 * and the names of slice types (`type ExtraValue []string`), whose proto message wraps `items`.
 */
function parseGo(dir, goFiles) {
  const structs = new Map();
  const slices = new Set();
  const aliases = new Map();
  for (const file of goFiles) {
    const text = show(dir, file);
    // `type MatchCondition v1.MatchCondition`: the same struct as another package's.
    const imports = new Map([...text.matchAll(/^\s*(\w+) "k8s\.io\/(?:api|apimachinery\/pkg\/apis)\/([\w/]+)"$/gm)].map((i) => [i[1], i[2].replace(/\//g, '.')]));
    for (const m of text.matchAll(/^type (\w+) (\w+)\.(\w+)$/gm))
      if (imports.has(m[2])) aliases.set(m[1], `${imports.get(m[2])}.${m[3]}`);
    for (const m of text.matchAll(/^type (\w+) \[\]\S+$/gm)) slices.add(m[1]);
    for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)\n\}/gm)) {
      const fields = new Map();
      for (const line of m[2].split('\n')) {
        const f = /^\t(?:(\w+)\s+)?(\S+)\s+`([^`]*)`/.exec(line);
        if (!f) continue;
        const tags = Object.fromEntries([...f[3].matchAll(/(\w+):"([^"]*)"/g)].map((t) => [t[1], t[2]]));
        if (tags.protobuf === undefined || tags.protobuf === '-') continue;
        // An embedded struct may carry no name= (core/v1 EphemeralContainer): its proto field is
        // the type's name in lowerCamel.
        const goName = f[1] ?? f[2].replace(/^\*/, '').replace(/^\w+\./, '');
        const protoName = /(?:^|,)name=(\w+)/.exec(tags.protobuf)?.[1] ?? goName[0].toLowerCase() + goName.slice(1);
        const [json = '', ...opts] = (tags.json ?? '').split(',');
        fields.set(protoName, {
          json: json === '' ? (opts.includes('inline') ? '' : goName) : json,
          omitempty: opts.includes('omitempty'),
          pointer: f[2].startsWith('*'),
          inline: opts.includes('inline'),
        });
      }
      structs.set(m[1], fields);
    }
  }
  return { structs, slices, aliases };
}

const groupName = (dir, registerFile) => /GroupName = "([^"]*)"/.exec(show(dir, registerFile))?.[1];

const table = { messages: {}, slices: [], groups: {} };
const mismatches = [];
const goFields = new Map();
// Messages whose JSON form is their Go type's own MarshalJSON, not their fields (protobuf.ts).
const CUSTOM = new Set(['meta.v1.Time', 'meta.v1.MicroTime', 'meta.v1.Duration', 'meta.v1.FieldsV1', 'apimachinery.runtime.RawExtension',
  'apimachinery.runtime.Unknown', 'apimachinery.intstr.IntOrString', 'apimachinery.resource.Quantity', 'apimachinery.resource.QuantityValue']);
const missingGo = [];
const schemas = JSON.parse(readFileSync(path.join(root, 'src', 'engine', 'api', 'generated', 'schemas.json'), 'utf8')).definitions;

function addPackage(dir, protoFile, all) {
  const pkgDir = path.dirname(protoFile);
  const { pkg, messages } = parseProto(show(dir, protoFile));
  const goFiles = all.filter((f) => path.dirname(f) === pkgDir && f.endsWith('.go') && !/(_test|generated\.pb|zz_generated\.\w+)\.go$/.test(f));
  const { structs, slices, aliases } = parseGo(dir, goFiles);
  const short = alias(pkg);
  for (const [name, fields] of messages) {
    const ref = `${short}.${name}`;
    const go = structs.get(name) ?? goFields.get(aliases.get(name));
    if (go) goFields.set(ref, go);
    if (slices.has(name)) table.slices.push(ref);
    const definition = schemas[`io.${pkg}.${name}`];
    table.messages[ref] = fields.map((f) => {
      const g = go?.get(f.name);
      if (CUSTOM.has(ref)) return [f.number, f.name, typeRef(f.type, pkg)];
      if (!g && !slices.has(name)) missingGo.push(`${ref}.${f.name}`);
      const json = g ? g.json : f.name;
      if (definition?.p && !g?.inline && !(json in definition.p)) mismatches.push(`${ref}.${f.name} → json ${json} not in ${`io.${pkg}.${name}`}`);
      else if (json !== f.name && !g?.inline) mismatches.push(`${ref}.${f.name} → json ${json}`);
      // Flags: r repeated, m map, p pointer (absent ≠ zero), o omitempty, i inline (embedded struct).
      const flags = (f.repeated ? 'r' : '') + (f.map ? 'm' : '') + (g?.pointer ? 'p' : '') + (g?.omitempty ? 'o' : '') + (g?.inline ? 'i' : '');
      const entry = [f.number, g?.inline ? '' : json, typeRef(f.type, pkg)];
      return flags ? [...entry, flags] : entry;
    });
  }
  return { pkgDir, short };
}

for (const dir of [MACHINERY, API]) {
  const all = files(dir);
  for (const protoFile of all.filter((f) => f.endsWith('/generated.proto') && !f.includes('testapigroup'))) {
    const { pkgDir, short } = addPackage(dir, protoFile, all);
    if (dir !== API) continue;
    // The apiVersion an envelope names → the proto package its kinds live in.
    const group = groupName(dir, `${pkgDir}/register.go`);
    const version = path.basename(pkgDir);
    if (group === undefined) throw new Error(`no GroupName in ${pkgDir}/register.go`);
    table.groups[group ? `${group}/${version}` : version] = short;
  }
}
table.groups['meta.k8s.io/v1'] = 'meta.v1';
table.groups['meta.k8s.io/v1beta1'] = 'meta.v1beta1';
table.slices.sort();

const sorted = Object.fromEntries(Object.entries(table.messages).sort(([a], [b]) => a.localeCompare(b)));
const result = {
  generatedBy: 'scripts/gen-protobuf.mjs',
  source: `kubernetes/api and kubernetes/apimachinery ${TAG} (Kubernetes v1.33), generated.proto with the Go struct tags. Generated: do not edit.`,
  format: 'messages: name → [[number, jsonName ("" when inline), type, flags?]]; flags: r repeated, m map<string,type>, p pointer, o omitempty, i inline',
  groups: Object.fromEntries(Object.entries(table.groups).sort(([a], [b]) => a.localeCompare(b))),
  slices: table.slices,
  messages: sorted,
};
writeFileSync(out, `${JSON.stringify(result)}\n`);
console.log(`${Object.keys(sorted).length} messages, ${Object.keys(result.groups).length} group-versions → ${path.relative(root, out)}`);
if (missingGo.length) console.log(`proto fields without a Go struct field (named as in the .proto): ${missingGo.join(', ')}`);
if (mismatches.length) console.log(`JSON names that differ from the proto names or the OpenAPI schemas:\n  ${mismatches.join('\n  ')}`);
