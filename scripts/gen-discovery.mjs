// Generates src/engine/api/generated/discovery.json — every resource a v1.33 apiserver serves,
// per group-version: plural, kind, scope, verbs and subresources — from the OpenAPI v3
// documents in ../shared/reference/openapi-v1.33 (paths and their x-kubernetes-action).
// Run: node scripts/gen-discovery.mjs. The output is committed so a fresh clone needs no ../shared.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const source = path.resolve(root, '..', 'shared', 'reference', 'openapi-v1.33');
const out = path.join(root, 'src', 'engine', 'api', 'generated', 'discovery.json');

const VERB = { get: 'get', list: 'list', watch: 'watch', watchlist: 'watch', post: 'create', put: 'update', patch: 'patch', delete: 'delete', deletecollection: 'deletecollection' };
const ORDER = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function documents() {
  const docs = [{ group: '', version: 'v1', file: path.join(source, 'api', 'v1.json') }];
  for (const group of readdirSync(path.join(source, 'apis')).sort())
    for (const f of readdirSync(path.join(source, 'apis', group)).sort())
      docs.push({ group, version: f.replace(/\.json$/, ''), file: path.join(source, 'apis', group, f) });
  return docs;
}

function resourcesOf({ group, version, file }) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const prefix = group ? `/apis/${group}/${version}/` : `/api/${version}/`;
  const byName = new Map();
  const entry = (name) => byName.get(name) ?? byName.set(name, { resource: name, kind: '', namespaced: false, verbs: new Set(), subresources: new Map() }).get(name);
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!p.startsWith(prefix)) continue;
    let parts = p.slice(prefix.length).split('/').filter(Boolean);
    if (parts[0] === 'watch') parts = parts.slice(1);
    let namespaced = false;
    if (parts[0] === 'namespaces' && parts[1] === '{namespace}' && parts.length > 2) { namespaced = true; parts = parts.slice(2); }
    const [resource, name, sub] = parts;
    if (!resource || resource.includes('{')) continue;
    if (parts.length > 3 || (name !== undefined && name !== '{name}')) continue;
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const action = op['x-kubernetes-action'];
      const gvk = op['x-kubernetes-group-version-kind'];
      if (sub) {
        const e = entry(resource);
        const s = e.subresources.get(sub) ?? e.subresources.set(sub, { name: sub, kind: gvk?.kind ?? '', verbs: new Set() }).get(sub);
        if (VERB[action]) s.verbs.add(VERB[action]);
        if (action === 'connect') s.verbs.add(method === 'get' ? 'get' : 'create');
        continue;
      }
      const e = entry(resource);
      if (namespaced) e.namespaced = true;
      if (gvk && !e.kind) e.kind = gvk.kind;
      if (VERB[action]) e.verbs.add(VERB[action]);
    }
  }
  return [...byName.values()].filter((r) => r.kind).sort((a, b) => a.resource.localeCompare(b.resource)).map((r) => ({
    resource: r.resource, kind: r.kind, namespaced: r.namespaced,
    verbs: ORDER.filter((v) => r.verbs.has(v)),
    subresources: [...r.subresources.values()].sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => ({ name: s.name, kind: s.kind, verbs: ORDER.filter((v) => s.verbs.has(v)) })),
  }));
}

const groups = documents().map((d) => ({ group: d.group, version: d.version, resources: resourcesOf(d) }));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ generatedBy: 'scripts/gen-discovery.mjs', source: 'Kubernetes v1.33 OpenAPI v3 (kubernetes-sigs/kubectl-validate builtins/1.33, Apache-2.0)', groups }) + '\n');
console.log(`${out}: ${groups.length} group-versions, ${groups.reduce((n, g) => n + g.resources.length, 0)} resources`);
