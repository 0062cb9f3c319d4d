// OpenAPI v3, as a client reads it: GET /openapi/v3 lists a document per group-version
// (`api/v1`, `apis/apps/v1`) with the URL to fetch it from, and each document holds that
// group-version's paths and component schemas. kubectl explain reads them.
// Models client-go/openapi/client.go (Client.Paths) and groupversion.go (GroupVersion.Schema).
//
// The in-process transport has no document files to serve (they are gzipped on disk for
// `pilothouse serve`), so it rebuilds each document from what the apiserver room ships: the
// compact schemas, their descriptions and the registry's resources. The rebuilt documents hold
// what explain reads — descriptions, types, `$ref`s, required fields, the group/version/kinds of
// kinds and of their paths — and explain prints the same text from either.
import { builtinSchemas, definitionNameFor, failureOf, loadFieldDocs, type CompactSchema, type FieldDocs, type GroupVersionInfo } from '../api/index.ts';
import type { DiscoverySource } from './discovery.ts';

/** An OpenAPI v3 document, or any node in one, as JSON decodes it. */
export type OpenAPIV3Document = { readonly [key: string]: unknown };

/** GET /openapi/v3: each documented group-version's path → the URL of its document. */
export interface OpenAPIV3Discovery {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** client-go's openapi.GroupVersion: one group-version's document, fetched on demand. */
export interface OpenAPIV3GroupVersion {
  schema(): Promise<OpenAPIV3Document>;
}

/** The two reads a transport serves: the discovery list, and a document by its URL. */
export interface OpenAPIV3Source {
  discovery(): Promise<OpenAPIV3Discovery>;
  document(serverRelativeURL: string): Promise<OpenAPIV3Document>;
}

const SCHEMAS = '#/components/schemas/';
const docPath = (gv: { group: string; version: string }) => (gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`);

// Definitions the compact form collapses to a Go decoding type; their OpenAPI shape is what
// explain's type hints read (`<Quantity>`, `<IntOrString>`, `<string>` for a Time).
const SPECIAL_SHAPES: Record<string, OpenAPIV3Document> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object' },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': {},
};

/** The documents an in-process apiserver serving `source` answers with (built-in kinds only). */
export function inProcessOpenAPIV3(source: DiscoverySource): OpenAPIV3Source {
  let docs: Promise<FieldDocs> | undefined;
  const documented = () => source.groupVersions().filter((gv) => gv.resources.some((r) => definitionNameFor({ group: gv.group, version: gv.version, kind: r.kind })));
  return {
    async discovery() {
      return { paths: Object.fromEntries(documented().map((gv) => [docPath(gv), { serverRelativeURL: `/openapi/v3/${docPath(gv)}` }])) };
    },
    async document(url) {
      const path = url.replace(/^\/openapi\/v3\//, '').replace(/\?.*$/, '');
      const gv = documented().find((g) => docPath(g) === path);
      // What kube-apiserver answers for a group-version it does not document.
      if (!gv) throw failureOf(404, 'NotFound', 'the server could not find the requested resource');
      return buildDocument(gv, await (docs ??= loadFieldDocs()));
    },
  };
}

// One group-version's document: a path per resource carrying its kind, and every definition
// its kinds reach.
function buildDocument(gv: GroupVersionInfo, docs: FieldDocs): OpenAPIV3Document {
  const base = `/${docPath(gv)}`;
  const paths: Record<string, OpenAPIV3Document> = {};
  const pending: string[] = [];
  for (const r of gv.resources) {
    const gvk = { group: gv.group, version: gv.version, kind: r.kind };
    const name = definitionNameFor(gvk);
    if (name === undefined) continue;
    const namespaced = r.namespaced ? '/namespaces/{namespace}' : '';
    paths[`${base}${namespaced}/${r.resource}/{name}`] = { get: { 'x-kubernetes-group-version-kind': gvk } };
    pending.push(name);
  }
  const schemas: Record<string, OpenAPIV3Document> = {};
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (Object.hasOwn(schemas, name)) continue;
    const compact = builtinSchemas.definition(name);
    if (compact === undefined) continue;
    schemas[name] = definitionNode(name, compact, docs, (ref) => pending.push(ref));
  }
  return { openapi: '3.0.0', paths, components: { schemas } };
}

function definitionNode(name: string, compact: CompactSchema, docs: FieldDocs, reach: (ref: string) => void): OpenAPIV3Document {
  const description = docs.describe(name);
  const kinds = compact.g?.map(([group, version, kind]) => ({ group, kind, version }));
  const shape = Object.hasOwn(SPECIAL_SHAPES, name)
    ? SPECIAL_SHAPES[name]!
    : node(compact, reach, (field) => docs.describe(name, field));
  return { ...shape, ...(description ? { description } : {}), ...(kinds ? { 'x-kubernetes-group-version-kind': kinds } : {}) };
}

// One compact node as OpenAPI v3 writes it: a reference as a one-element allOf (so that the
// field's description can sit beside it), descriptions on properties.
function node(c: CompactSchema, reach: (ref: string) => void, describe?: (field: string) => string | undefined): OpenAPIV3Document {
  if (c.r !== undefined) {
    reach(c.r);
    return { allOf: [{ $ref: `${SCHEMAS}${c.r}` }] };
  }
  const out: Record<string, unknown> = {};
  // 'any', 'quantity' and 'int-or-string' are Go decoding types: OpenAPI gives those no type.
  if (c.t !== undefined && c.t !== 'any' && c.t !== 'quantity' && c.t !== 'int-or-string') out.type = c.t;
  if (c.f !== undefined) out.format = c.f;
  if (c.i !== undefined) out.items = node(c.i, reach);
  if (c.a !== undefined) out.additionalProperties = node(c.a, reach);
  if (c.p !== undefined) {
    out.properties = Object.fromEntries(Object.entries(c.p).map(([field, child]) => {
      const description = describe?.(field);
      return [field, { ...node(child, reach), ...(description ? { description } : {}) }];
    }));
  }
  if (c.q !== undefined) out.required = [...c.q];
  return out;
}
