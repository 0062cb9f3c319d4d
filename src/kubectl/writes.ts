// What the write commands share: --dry-run, printing the written object (`-o yaml|json|name`,
// or `deployment.apps/web created`), the file name in errors, and the last-applied annotation.
// Models kubernetes/kubectl pkg/cmd/util/helpers.go (GetDryRunStrategy, AddSourceToErr,
// PrintFlagsWithDryRunStrategy), pkg/util/apply.go (GetModifiedConfiguration) and
// cli-runtime/pkg/genericclioptions/print_flags.go.
import type { KubeObject, ObjectMeta } from '../engine/api/index.ts';
import { isStatusError, StatusError } from '../engine/api/index.ts';
import type { Invocation } from './commands/command.ts';
import { KubectlError } from './errors.ts';
import { printJSON } from './printers/json.ts';
import { printJSONPath } from './printers/jsonpath.ts';
import { printName } from './printers/name.ts';
import { printYAML } from './printers/yaml.ts';

export type DryRunStrategy = 'none' | 'client' | 'server';

/** --dry-run's value, as GetDryRunStrategy reads it. */
export function dryRunStrategy(inv: Invocation): DryRunStrategy {
  const v = inv.flags.string('dry-run');
  if (v === '' || v === 'none') return 'none';
  if (v === 'client' || v === 'server') return v;
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** The query a write sends for a server dry run (`?dryRun=All`). */
export const dryRunQuery = (strategy: DryRunStrategy) => (strategy === 'server' ? { dryRun: 'All' as const } : {});

/** The annotation `kubectl apply` compares against (and `--save-config` writes). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of a value whose key order is already Go's: compact, HTML characters escaped. */
export const goJSON = (value: unknown) => escapeHTML(JSON.stringify(value));

const escapeHTML = (s: string) => s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** json.MarshalIndent of a typed object, fields in its Go struct order (a generator's output). */
export const printTypedJSON = (value: unknown) => `${escapeHTML(JSON.stringify(value, null, 4))}\n`;

/**
 * GetModifiedConfiguration with annotate: the object without its own last-applied annotation,
 * as compact JSON, stored in that annotation. `serialize` keeps Go's field order (typed objects)
 * or sorts keys (unstructured objects from files).
 */
export function withLastApplied<T extends AnyObject>(obj: T, serialize: (o: T) => string): T {
  const annotations = { ...(obj.metadata?.annotations as Record<string, string> | undefined) };
  delete annotations[LAST_APPLIED];
  const metadata: Record<string, unknown> = { ...obj.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  const text = serialize({ ...obj, metadata });
  return placeAnnotations(obj, { ...annotations, [LAST_APPLIED]: `${text}\n` });
}

/** A KubeObject, or a generated object whose metadata holds Go's `creationTimestamp: null`. */
export interface AnyObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta | Record<string, unknown>;
  [field: string]: unknown;
}

// ObjectMeta's fields keep Go's order: annotations come after labels, before ownerReferences.
function placeAnnotations<T extends AnyObject>(obj: T, annotations: Record<string, string>): T {
  const meta: Record<string, unknown> = {};
  const order = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels'];
  const source = obj.metadata ?? {};
  for (const k of order) if (k in source) meta[k] = (source as Record<string, unknown>)[k];
  meta.annotations = annotations;
  for (const [k, v] of Object.entries(source)) if (!(k in meta)) meta[k] = v;
  return { ...obj, metadata: meta };
}

/** The output format a write command was asked for. */
export type WriteFormat = { kind: 'default' } | { kind: 'yaml' | 'json' | 'name' } | { kind: 'jsonpath'; template: string };

const WRITE_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** -o as the printer flags of a write command accept it. */
export function writeFormat(inv: Invocation): WriteFormat {
  const o = inv.flags.string('output');
  if (o === '') return { kind: 'default' };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  if (o.startsWith('jsonpath=')) return { kind: 'jsonpath', template: o.slice('jsonpath='.length) };
  if (/^(go-template|template|jsonpath-as-json|jsonpath-file|go-template-file|templatefile)(=|$)/.test(o)) {
    throw new KubectlError(`Pilothouse does not support -o ${o.split('=')[0]}`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: ${WRITE_FORMATS}`);
}

/** What a write command prints for `obj`: `kind/name <operation>[ (dry run)]`, or the object. */
export function printWritten(inv: Invocation, obj: AnyObject, operation: string, opts: { typed?: boolean; dryRun?: DryRunStrategy } = {}): void {
  const format = writeFormat(inv);
  const shown = inv.flags.bool('show-managed-fields') ? obj : withoutManagedFields(obj);
  const suffix = opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : '';
  switch (format.kind) {
    case 'default': inv.io.out(printName(nameOf(obj), `${operation}${suffix}`)); break;
    case 'name': inv.io.out(printName(nameOf(obj))); break;
    case 'yaml': inv.io.out(printYAML(shown)); break;
    case 'json': inv.io.out(opts.typed ? printTypedJSON(shown) : printJSON(shown)); break;
    case 'jsonpath': inv.io.out(printJSONPath(format.template, shown)); break;
  }
}

const nameOf = (obj: AnyObject): KubeObject => ({ apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '', metadata: { name: String(obj.metadata?.name ?? '') } });

function withoutManagedFields(obj: AnyObject): AnyObject {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** AddSourceToErr: an API error about an object from a file names the file and the verb. */
export function withSource(verb: string, source: string, err: unknown): unknown {
  if (!source || !isStatusError(err)) return err;
  return new StatusError({ ...err.status, message: `error when ${verb} ${JSON.stringify(source)}: ${err.status.message}` });
}

/** --validate as the fieldValidation query parameter (GetValidationDirective). */
export function fieldValidation(inv: Invocation): 'Strict' | 'Warn' | 'Ignore' {
  const v = inv.flags.string('validate');
  if (v === 'strict' || v === 'true' || v === '') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  throw new KubectlError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}
