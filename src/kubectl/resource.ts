// The resource builder of the write commands: objects read from `-f` files (multi-document YAML
// or JSON, `-` for stdin), each mapped to its REST resource and namespace, and objects named on
// the command line (`TYPE NAME...`, `TYPE/NAME...`, `TYPE -l sel`, `TYPE --all`).
// Models cli-runtime/pkg/resource/builder.go (FilenameParam, ResourceTypeOrNameArgs,
// mappingFor), visitor.go (StreamVisitor, FileVisitor) and mapper.go (infoForData).
import { parseAllDocuments } from 'yaml';
import type { KubeList, KubeObject } from '../engine/api/index.ts';
import { parseApiVersion } from '../engine/api/index.ts';
import type { Invocation } from './commands/command.ts';
import { KubectlError } from './errors.ts';
import { listResources } from './listerror.ts';
import type { RESTMapper, RESTMapping } from './restmapper.ts';

/** One object to act on: where it came from, its resource, namespace and name (resource.Info). */
export interface Info {
  /** The file it was read from (`-` for stdin); empty for objects named on the command line. */
  source: string;
  mapping: RESTMapping;
  /** Empty for cluster-scoped resources. */
  namespace: string;
  name: string;
  /** The object from the file, or the live object once fetched. */
  object?: KubeObject;
}

/** A document of a file: an object, or why it could not be used (the visit goes on after it). */
export type Visited = { info: Info } | { error: unknown };

/** The text of each `-f` argument, stdin for `-`. */
async function readSource(inv: Invocation, path: string): Promise<string> {
  if (path === '-') return inv.ctx.stdin ?? '';
  if (/^https?:\/\//.test(path)) throw new KubectlError(`Pilothouse cannot read URLs: ${path}`);
  if (!inv.ctx.readFile) throw new KubectlError(`the path ${JSON.stringify(path)} does not exist`);
  try {
    return await inv.ctx.readFile(path);
  } catch {
    throw new KubectlError(`the path ${JSON.stringify(path)} does not exist`);
  }
}

// The documents of one stream, in order. As StreamVisitor, a document that does not parse ends
// the stream with an error: documents before it are still visited, the ones after it are not.
function documentsOf(source: string, text: string): Array<{ object: unknown } | { parseError: string }> {
  const out: Array<{ object: unknown } | { parseError: string }> = [];
  for (const doc of parseAllDocuments(text)) {
    const first = doc.errors[0];
    if (first) {
      const line = (first.linePos?.[0]?.line ?? 1);
      out.push({ parseError: `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` });
      return out;
    }
    const object: unknown = doc.toJS();
    if (object === null || object === undefined) continue;
    out.push({ object });
  }
  return out;
}

/** Go's %v of a decoded map in mapper errors: the JSON it was read from. */
const rawJSON = (obj: unknown) => JSON.stringify(obj);

/**
 * Every object of the `-f` files, in order, with its mapping and namespace. Lists (`kind: List`)
 * are flattened. A namespaced object without a namespace gets the command's; one whose namespace
 * differs from an explicit `-n` is refused, as builder's enforceNamespace does.
 */
export async function visitFiles(inv: Invocation, filenames: string[]): Promise<Visited[]> {
  const mapper = await inv.mapper();
  const out: Visited[] = [];
  for (const path of filenames) {
    const source = path;
    const text = await readSource(inv, path);
    const docs = documentsOf(source, text);
    for (const doc of docs) {
      if ('parseError' in doc) {
        out.push({ error: new KubectlError(doc.parseError) });
        return out;
      }
      const objects = isList(doc.object) ? (doc.object as KubeList).items : [doc.object];
      for (const object of objects) out.push(infoForData(inv, mapper, source, object));
    }
  }
  return out;
}

const isList = (o: unknown) => typeof o === 'object' && o !== null && Array.isArray((o as KubeList).items) && typeof (o as KubeList).kind === 'string' && (o as KubeList).kind.endsWith('List');

function infoForData(inv: Invocation, mapper: RESTMapper, source: string, raw: unknown): Visited {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: new KubectlError(`error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`) };
  }
  const object = raw as KubeObject;
  if (!object.kind) return { error: new KubectlError(`unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${rawJSON(object)}'`) };
  if (!object.apiVersion) return { error: new KubectlError(`unable to decode ${JSON.stringify(source)}: Object 'apiVersion' is missing in '${rawJSON(object)}'`) };
  const gv = parseApiVersion(object.apiVersion);
  const name = object.metadata?.name ?? '';
  const mapping = gv.ok ? mappingForKind(mapper, gv.value.group, gv.value.version, object.kind) : undefined;
  if (!mapping) {
    return {
      error: new KubectlError(`resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(object.metadata?.namespace ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(object.kind)} in version ${JSON.stringify(object.apiVersion)}\nensure CRDs are installed first`),
    };
  }
  let namespace = '';
  if (mapping.namespaced) {
    namespace = object.metadata?.namespace || inv.namespace;
    if (inv.explicitNamespace && object.metadata?.namespace && object.metadata.namespace !== inv.namespace) {
      return { error: new KubectlError(`the namespace from the provided object ${JSON.stringify(object.metadata.namespace)} does not match the namespace ${JSON.stringify(inv.namespace)}. You must pass '--namespace=${object.metadata.namespace}' to perform this operation.`) };
    }
    object.metadata = { ...object.metadata, namespace };
  }
  return { info: { source, mapping, namespace, name, object } };
}

// RESTMapping by kind: discovery's singular name is the lowercased kind, so `kind.version.group`
// resolves through the mapper; anything but that exact group and version is no match.
function mappingForKind(mapper: RESTMapper, group: string, version: string, kind: string): RESTMapping | undefined {
  try {
    const m = mapper.mappingFor(`${kind}.${version}.${group}`);
    return m.group === group && m.version === version && m.kind === kind ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Options of a command-line selection (`TYPE -l sel`, `TYPE --all`, `-A`). */
export interface SelectOptions {
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
}

/**
 * The objects `args` name: `TYPE NAME...`, `TYPE/NAME...`, or every object of TYPE (with a
 * selector or --all), listed from the server. As ResourceTypeOrNameArgs.
 */
export async function resourcesFromArgs(inv: Invocation, args: string[], opts: SelectOptions = {}): Promise<Info[]> {
  const mapper = await inv.mapper();
  const scoped = (mapping: RESTMapping) => (mapping.namespaced ? inv.namespace : '');
  if (args.some((a) => a.includes('/'))) {
    if (!args[0]!.includes('/')) {
      throw new KubectlError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    return args.map((a) => {
      const [type, ...rest] = a.split('/');
      if (!type || rest.length !== 1 || !rest[0]) throw new KubectlError('arguments in resource/name form must have a single resource and name');
      const mapping = mapper.mappingFor(type);
      return { source: '', mapping, namespace: scoped(mapping), name: rest[0] };
    });
  }
  const [types, ...names] = args;
  if (types === undefined) return [];
  const mappings = mapper.mappingsFor(types);
  if (names.length > 0) return mappings.flatMap((mapping) => names.map((name) => ({ source: '', mapping, namespace: scoped(mapping), name })));
  if (!opts.selector && !opts.fieldSelector && !opts.all) throw new KubectlError('resource(s) were provided, but no name was specified');
  const infos: Info[] = [];
  for (const mapping of mappings) {
    const everywhere = opts.allNamespaces === true;
    const list = await listResources(inv.rest, {
      verb: 'list', group: mapping.group, version: mapping.version, resource: mapping.resource,
      ...(mapping.namespaced && !everywhere ? { namespace: inv.namespace } : {}),
      query: { ...(opts.selector ? { labelSelector: opts.selector } : {}), ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}) },
    });
    for (const item of list.items) {
      infos.push({ source: '', mapping, namespace: item.metadata?.namespace ?? '', name: item.metadata?.name ?? '', object: { apiVersion: mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version, kind: mapping.kind, ...item } });
    }
  }
  return infos;
}

/** The request scope of an Info. */
export const scopeOf = (info: Info) => ({
  group: info.mapping.group, version: info.mapping.version, resource: info.mapping.resource,
  ...(info.mapping.namespaced ? { namespace: info.namespace } : {}),
});
