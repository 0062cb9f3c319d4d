// kubectl get: one or many resources as a table (the server's Table, laid out here), or as
// yaml, json, name, jsonpath or custom columns; -w streams changes.
// Models kubernetes/kubectl pkg/cmd/get/get.go (Run, printGeneric, watch) and get_flags.go.
import type { ApiRequest, KubeList, KubeObject, RequestQuery, Table } from '../../engine/api/index.ts';
import { isNotFound } from '../../engine/api/index.ts';
import { AggregateError, KubectlError, SilentExit, usageError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { parseCustomColumns, printCustomColumns } from '../printers/customcolumns.ts';
import { printJSON } from '../printers/json.ts';
import { parseJSONPath, printJSONPath } from '../printers/jsonpath.ts';
import { printName } from '../printers/name.ts';
import { hasRows, TabWriter, writeTable } from '../printers/table.ts';
import { printYAML } from '../printers/yaml.ts';
import { listResources } from '../listerror.ts';
import { visitFiles } from '../resource.ts';
import { kindPrefix, type RESTMapping } from '../restmapper.ts';
import { missingSortField, sortByField } from '../sorter.ts';
import type { Command, Invocation } from './command.ts';
import { GET_HELP } from './help-text.ts';

const b = (name: string, usage: string, shorthand?: string, def = false): FlagSpec => ({ name, type: 'bool', default: def, usage, ...(shorthand ? { shorthand } : {}) });
const s = (name: string, usage: string, shorthand?: string): FlagSpec => ({ name, type: 'string', default: '', usage, ...(shorthand ? { shorthand } : {}) });

const FLAGS: FlagSpec[] = [
  b('all-namespaces', 'list across all namespaces', 'A'), b('allow-missing-template-keys', 'ignore missing keys', undefined, true),
  { name: 'chunk-size', type: 'int', default: 500, usage: 'list in chunks' }, s('field-selector', 'field query'),
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [], usage: 'files' }, b('ignore-not-found', 'exit 0 when not found'),
  s('kustomize', 'kustomization directory', 'k'), { name: 'label-columns', shorthand: 'L', type: 'stringSlice', default: [], usage: 'label columns' },
  b('no-headers', "don't print headers"), s('output', 'output format', 'o'), b('output-watch-events', 'print watch events'),
  s('raw', 'raw URI'), b('recursive', 'recursive -f', 'R'), s('selector', 'label query', 'l'), b('server-print', 'server-side tables', undefined, true),
  b('show-kind', 'show the resource type'), b('show-labels', 'show labels'), b('show-managed-fields', 'keep managedFields'),
  s('sort-by', 'JSONPath to sort by'), s('subresource', 'subresource'), s('template', 'template'),
  b('watch', 'watch for changes', 'w'), b('watch-only', 'watch without listing'),
];

const ALLOWED_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** One thing to fetch: every object of a type, or one by name (in its file's namespace, for -f). */
interface Target {
  mapping: RESTMapping;
  name?: string;
  namespace?: string;
}

export const get: Command = { name: 'get', flags: FLAGS, help: GET_HELP, run: runGet };

type Format = { kind: 'table'; wide: boolean } | { kind: 'yaml' | 'json' | 'name' } | { kind: 'jsonpath'; template: string } | { kind: 'custom-columns'; spec: string };

function outputFormat(o: string): Format {
  if (o === '' || o === 'wide') return { kind: 'table', wide: o === 'wide' };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  if (o === 'jsonpath' || o.startsWith('jsonpath=')) {
    const template = o.slice('jsonpath='.length);
    if (template === '') throw new KubectlError('template format specified but no template given');
    try {
      parseJSONPath(template);
    } catch (err) {
      // As printers.JSONPathPrintFlags: the template and the parser's reason, with a newline.
      throw new KubectlError(`error parsing jsonpath ${template}, ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return { kind: 'jsonpath', template };
  }
  if (o === 'custom-columns' || o.startsWith('custom-columns=')) {
    const spec = o.slice('custom-columns='.length);
    parseCustomColumns(spec);
    return { kind: 'custom-columns', spec };
  }
  if (/^(go-template|template|jsonpath-as-json|jsonpath-file|custom-columns-file|go-template-file|templatefile)(=|$)/.test(o)) {
    throw new KubectlError(`Pilothouse does not support -o ${o.split('=')[0]}`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: ${ALLOWED_FORMATS}`);
}

// get -f: the objects the files describe, fetched by name; a document that cannot be used is an
// error reported after what could be printed, as the builder's visitor continues past it.
async function fileTargets(inv: Invocation, errors: unknown[]): Promise<Target[]> {
  if (inv.args.length > 0) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const targets: Target[] = [];
  for (const visited of await visitFiles(inv, inv.flags.strings('filename'))) {
    if ('error' in visited) errors.push(visited.error);
    else targets.push({ mapping: visited.info.mapping, name: visited.info.name, ...(visited.info.mapping.namespaced ? { namespace: visited.info.namespace } : {}) });
  }
  return targets;
}

async function targetsOf(inv: Invocation): Promise<Target[]> {
  const { args } = inv;
  const mapper = await inv.mapper();
  if (args.some((a) => a.includes('/'))) {
    if (!args[0]!.includes('/')) {
      throw new KubectlError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    return args.map((a) => {
      const [type, ...rest] = a.split('/');
      if (!type || rest.length !== 1 || !rest[0]) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      return { mapping: mapper.mappingFor(type), name: rest[0] };
    });
  }
  const [types, ...names] = args;
  const mappings = mapper.mappingsFor(types!);
  if (names.length === 0) return mappings.map((mapping) => ({ mapping }));
  return mappings.flatMap((mapping) => names.map((name) => ({ mapping, name })));
}

// get.go Validate: flag combinations refused before any request.
function validate({ flags }: Invocation): void {
  const output = flags.string('output');
  if (flags.bool('show-labels') && output !== '' && output !== 'wide') {
    throw new KubectlError(`--show-labels option cannot be used with ${output} printer`);
  }
  if (flags.bool('output-watch-events') && !(flags.bool('watch') || flags.bool('watch-only'))) {
    throw new KubectlError('--output-watch-events option can only be used with --watch or --watch-only');
  }
}

async function runGet(inv: Invocation): Promise<void> {
  const { flags, io } = inv;
  if (inv.args.length === 0 && flags.strings('filename').length === 0) {
    io.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw usageError(inv.commandPath, 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
  }
  validate(inv);
  const format = outputFormat(flags.string('output'));
  const errors: unknown[] = [];
  const targets = flags.strings('filename').length > 0 ? await fileTargets(inv, errors) : await targetsOf(inv);
  if (flags.string('subresource') && targets.some((t) => t.name === undefined)) {
    throw new KubectlError('subresource cannot be used when bulk resources are specified');
  }
  const sub = flags.string('subresource');
  if (sub && !['status', 'scale'].includes(sub)) throw new KubectlError(`invalid subresource value: ${JSON.stringify(sub)}. Must be one of [status scale]`);
  const all = flags.bool('all-namespaces');
  const watching = flags.bool('watch') || flags.bool('watch-only');
  if (watching && new Set(targets.map((t) => t.mapping.resource)).size > 1) {
    throw new KubectlError('you may only specify a single resource type');
  }
  const sortBy = flags.string('sort-by');
  const fetched: Array<{ target: Target; body: Table | KubeObject | KubeList }> = [];
  // --watch-only still lists, for the resourceVersion the watch starts from, but prints nothing of it.
  {
    for (const target of targets) {
      try {
        fetched.push({ target, body: await fetch(inv, target, format.kind === 'table', sortBy !== '') });
      } catch (err) {
        // As the builder's ContinueOnError: every type and name is tried, the errors reported after.
        if (isNotFound(err) && target.name && flags.bool('ignore-not-found')) continue;
        errors.push(err);
      }
    }
  }
  // One tabwriter for the list and the watch after it, so watched rows keep the list's widths.
  const tw = new TabWriter();
  // With --output-watch-events, the listed objects print as the watch's initial ADDED events.
  const eventType = watching && flags.bool('output-watch-events') ? 'ADDED' : undefined;
  const printed = flags.bool('watch-only') ? false
    : format.kind === 'table' ? printTables(inv, tw, fetched, format.wide, sortBy, eventType) : printObjects(inv, fetched, format, targets, errors);
  // A watch says nothing of an empty list: its rows are still to come.
  if (!printed && errors.length === 0 && !flags.bool('ignore-not-found') && !watching && format.kind === 'table') {
    const namespaced = targets.every((t) => t.mapping.namespaced) && !all;
    io.err(namespaced ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
  }
  if (errors.length > 0) throw new AggregateError(errors);
  if (watching) await watch(inv, tw, targets[0]!, fetched, format);
}

function scopeOf(inv: Invocation, target: Target): Pick<ApiRequest, 'group' | 'version' | 'resource' | 'namespace'> {
  const { group, version, resource, namespaced } = target.mapping;
  const everywhere = inv.flags.bool('all-namespaces') && !target.name;
  return { group, version, resource, ...(namespaced && !everywhere ? { namespace: target.namespace ?? inv.namespace } : {}) };
}

async function fetch(inv: Invocation, target: Target, table: boolean, sorting: boolean): Promise<Table | KubeObject | KubeList> {
  const query: RequestQuery = { ...(table ? { as: 'Table' as const, ...(sorting ? { includeObject: 'Object' as const } : {}) } : {}) };
  const subresource = inv.flags.string('subresource');
  if (target.name) return await inv.rest.request({ verb: 'get', ...scopeOf(inv, target), name: target.name, ...(subresource ? { subresource } : {}), query }) as Table | KubeObject;
  const selector = inv.flags.string('selector'), fields = inv.flags.string('field-selector');
  // As get.go: a sorted listing is fetched whole (no chunking), since it sorts all rows at once.
  const chunk = sorting ? 0 : inv.flags.int('chunk-size');
  Object.assign(query, { ...(selector ? { labelSelector: selector } : {}), ...(fields ? { fieldSelector: fields } : {}), ...(chunk > 0 ? { limit: chunk } : {}) });
  // Follow `continue` tokens, as the chunked list of get.go does.
  let body = await listResources<Table | KubeList>(inv.rest, { verb: 'list', ...scopeOf(inv, target), query });
  while (body.metadata.continue) {
    const next = await listResources<Table | KubeList>(inv.rest, { verb: 'list', ...scopeOf(inv, target), query: { ...query, continue: body.metadata.continue } });
    body = 'rows' in body ? { ...next, rows: [...(body.rows ?? []), ...((next as Table).rows ?? [])] } as Table : { ...next, items: [...body.items, ...(next as KubeList).items] } as KubeList;
  }
  return body;
}

// get.go's human-readable path: one header per kind, kinds separated by a blank line.
function printTables(inv: Invocation, tw: TabWriter, fetched: Array<{ target: Target; body: Table | KubeObject | KubeList }>, wide: boolean, sortBy: string, eventType?: string): boolean {
  const { flags, io } = inv;
  const withKind = flags.bool('show-kind') || new Set(fetched.map((f) => kindPrefix(f.target.mapping))).size > 1;
  // Consecutive tables of one kind (named gets) print under one header.
  const groups: Array<{ mapping: RESTMapping; table: Table }> = [];
  for (const { target, body } of fetched) {
    const last = groups.at(-1);
    if (last && last.mapping === target.mapping) last.table.rows = [...(last.table.rows ?? []), ...((body as Table).rows ?? [])];
    else groups.push({ mapping: target.mapping, table: { ...(body as Table), rows: [...((body as Table).rows ?? [])] } });
  }
  if (sortBy) {
    // As get.go: with one table, a sort field no row has prints nothing (kubectl drops the
    // sorter's error there); with several, the command fails before anything is printed.
    for (const g of groups) {
      const sorted = sortByField(g.table.rows ?? [], (row) => row.object, sortBy);
      if (!sorted && fetched.length > 1) throw missingSortField(sortBy);
      g.table.rows = sorted ?? [];
    }
  }
  let printedAny = false;
  // What the real kubectl v1.33 does with -A: a cluster-scoped kind gets the (empty) NAMESPACE
  // column too once a namespaced kind came before it in the command, even one that printed nothing.
  let namespacedBefore = false;
  for (const { mapping, table } of groups) {
    const withNamespace = flags.bool('all-namespaces') && (mapping.namespaced || namespacedBefore);
    namespacedBefore ||= mapping.namespaced;
    if (!hasRows(table)) continue;
    if (printedAny && !flags.bool('no-headers')) io.out('\n');
    tw.resetWidths();
    writeTable(tw, table, {
      wide, noHeaders: flags.bool('no-headers'), withNamespace,
      ...(withKind ? { kindPrefix: kindPrefix(mapping) } : {}), showLabels: flags.bool('show-labels'), labelColumns: flags.strings('label-columns'),
      ...(eventType ? { eventType } : {}),
    });
    io.out(tw.flush());
    printedAny = true;
  }
  return printedAny;
}

function cleaned(inv: Invocation, obj: KubeObject, mapping: RESTMapping, apiVersion?: string): KubeObject {
  const copy: KubeObject = { apiVersion: apiVersion ?? (mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version), kind: mapping.kind, ...obj };
  if (!inv.flags.bool('show-managed-fields') && copy.metadata?.managedFields) {
    const { managedFields: _, ...metadata } = copy.metadata;
    copy.metadata = metadata;
  }
  return copy;
}

// printGeneric: a single named object prints as itself; anything else as a `kind: List`.
function printObjects(inv: Invocation, fetched: Array<{ target: Target; body: Table | KubeObject | KubeList }>, format: Format, targets: Target[], errors: unknown[]): boolean {
  // The builder implies a single item for one TYPE NAME or one file; then any error is all
  // printGeneric reports, without the objects it did find.
  const filenames = inv.flags.strings('filename');
  const singleItemImplied = filenames.length > 0 ? filenames.length === 1 : targets.length === 1 && targets[0]!.name !== undefined;
  if (singleItemImplied && errors.length > 0) return false;
  let items = fetched.flatMap(({ target, body }) =>
    'items' in body && Array.isArray(body.items) ? body.items.map((o) => cleaned(inv, o, target.mapping)) : [cleaned(inv, body as KubeObject, target.mapping)]);
  const single = singleItemImplied && items.length === 1;
  const sortBy = inv.flags.string('sort-by');
  if (sortBy && !single) items = sortByField(items, (o) => o, sortBy) ?? (() => { throw missingSortField(sortBy); })();
  const data: unknown = single ? items[0] : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  inv.io.out(render(format, data, items, inv.flags.bool('no-headers')));
  return items.length > 0;
}

function render(format: Format, data: unknown, items: KubeObject[], noHeaders: boolean): string {
  switch (format.kind) {
    case 'yaml': return printYAML(data);
    case 'json': return printJSON(data);
    case 'name': return items.map((o) => printName(o)).join('');
    case 'jsonpath': return printJSONPath(format.template, data);
    case 'custom-columns': return printCustomColumns(parseCustomColumns(format.spec), items, noHeaders);
    case 'table': return '';
  }
}

// get.go watch: rows (or objects) as they change, until the user stops the command.
async function watch(inv: Invocation, tw: TabWriter, target: Target, fetched: Array<{ body: Table | KubeObject | KubeList }>, format: Format): Promise<void> {
  const first = fetched[0]?.body;
  const resourceVersion = first && 'metadata' in first ? (first.metadata as { resourceVersion?: string }).resourceVersion : undefined;
  const columns = first && 'rows' in first ? first as Table : undefined;
  let printedHeader = !inv.flags.bool('watch-only') && columns !== undefined && hasRows(columns);
  const scope = scopeOf(inv, target);
  const handle = await inv.rest.watch({
    verb: 'watch', ...scope, query: {
      ...(format.kind === 'table' ? { as: 'Table' as const } : {}),
      ...(resourceVersion ? { resourceVersion } : {}),
      ...(target.name ? { fieldSelector: `metadata.name=${target.name}` } : inv.flags.string('selector') ? { labelSelector: inv.flags.string('selector') } : {}),
    },
  }, (event) => {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
    if (format.kind !== 'table') {
      const obj = cleaned(inv, event.object, target.mapping);
      const data = inv.flags.bool('output-watch-events') ? { type: event.type, object: obj } : obj;
      inv.io.out(render(format, data, [obj], true));
      return;
    }
    // Each event carries its object's row, a one-row Table (a DELETED one: its last state).
    const table = event.object as unknown as Table;
    if (!table.rows?.length) return;
    writeTable(tw, table, {
      wide: format.wide, noHeaders: printedHeader || inv.flags.bool('no-headers'),
      withNamespace: inv.flags.bool('all-namespaces') && target.mapping.namespaced,
      showLabels: inv.flags.bool('show-labels'), labelColumns: inv.flags.strings('label-columns'),
      ...(inv.flags.bool('output-watch-events') ? { eventType: event.type } : {}),
    });
    printedHeader = true;
    inv.io.out(tw.flush());
  });
  await inv.stopped;
  handle.stop();
  // Ctrl-C ends the watch through kubectl's interrupt handler (pkg/util/interrupt, no final
  // func), which exits 1 without a word.
  throw new SilentExit();
}
