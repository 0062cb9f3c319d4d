// The shape every `kubectl create <kind>` generator shares: exactly one NAME, required flags,
// a typed object built client-side (its fields in Go's struct order, so `-o json` matches), then
// --save-config, --dry-run and the create call, and the result printed as `kind/name created`.
// Models kubernetes/kubectl pkg/cmd/create/create.go (NameFromCommandArgs, CreateSubcommandOptions.Run).
import type { KubeObject } from '../../engine/api/index.ts';
import { isStatusError } from '../../engine/api/index.ts';
import { KubectlError, usageError } from '../errors.ts';
import { dryRunQuery, dryRunStrategy, goJSON, printWritten, withLastApplied, fieldValidation } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { optionFlags } from './options.ts';

/** Where a generated object is created. */
export interface GeneratedResource {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

/**
 * An object as a generator builds it: a typed Go struct's JSON, so its metadata carries
 * `creationTimestamp: null` (which ObjectMeta's TypeScript type does not allow).
 */
export interface Generated {
  kind: string;
  apiVersion: string;
  metadata: { name: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** One generator: what it creates, and how it builds the object from the flags. */
export interface Generator {
  name: string;
  aliases?: string[];
  help: string;
  /** Flags that take one value per use, commas kept (pflag StringArray). */
  arrays?: string[];
  /** Flags cobra requires (`required flag(s) "image" not set`). */
  required?: string[];
  resource: GeneratedResource | ((inv: Invocation) => GeneratedResource);
  /** How the create error is wrapped (`failed to create deployment`); absent: the API error as is. */
  failure?: string | ((inv: Invocation) => string);
  /** Checks the flags and builds the object (metadata.namespace is filled in afterwards). */
  build(inv: Invocation, name: string): Generated | Promise<Generated>;
}

/** `error: exactly one NAME is required, got N` unless exactly one argument was given. */
export function nameFromArgs(inv: Invocation): string {
  // Words after `--` are the container's command, not names.
  const count = inv.argsLenAtDash < 0 ? inv.args.length : inv.argsLenAtDash;
  if (count !== 1) throw usageError(inv.commandPath, `exactly one NAME is required, got ${count}`);
  return inv.args[0]!;
}

/** The words after `--`: a container command. */
export const commandAfterDash = (inv: Invocation) => (inv.argsLenAtDash < 0 ? [] : inv.args.slice(inv.argsLenAtDash));

/** A Go map as encoding/json writes it: keys sorted. */
export const sortedMap = <T>(m: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]!]));

/** `metadata` in ObjectMeta's Go field order, as a generator fills it. */
export function objectMeta(inv: Invocation, name: string, namespaced: boolean, extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Generated['metadata'] {
  return {
    name,
    ...(namespaced && inv.explicitNamespace ? { namespace: inv.namespace } : {}),
    creationTimestamp: null,
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
  };
}

/** The Command for a generator. */
export function generatorCommand(g: Generator): Command {
  return {
    name: g.name,
    ...(g.aliases ? { aliases: g.aliases } : {}),
    flags: optionFlags(g.help, g.arrays),
    help: g.help,
    run: (inv) => runGenerator(g, inv),
  };
}

async function runGenerator(g: Generator, inv: Invocation): Promise<void> {
  const missing = (g.required ?? []).filter((f) => !inv.flags.changed(f));
  if (missing.length > 0) throw new KubectlError(`required flag(s) ${missing.map((f) => JSON.stringify(f)).join(', ')} not set`);
  const name = nameFromArgs(inv);
  const dryRun = dryRunStrategy(inv);
  const validation = fieldValidation(inv);
  const resource = typeof g.resource === 'function' ? g.resource(inv) : g.resource;
  let obj: Generated | KubeObject = await g.build(inv, name);
  if (inv.flags.bool('save-config')) obj = withLastApplied(obj, goJSON);
  if (dryRun !== 'client') {
    try {
      obj = await inv.rest.request({
        verb: 'create', group: resource.group, version: resource.version, resource: resource.resource,
        ...(resource.namespaced ? { namespace: inv.namespace } : {}), body: obj,
        query: { ...dryRunQuery(dryRun), fieldManager: inv.flags.string('field-manager'), fieldValidation: validation },
      }) as KubeObject;
    } catch (err) {
      const failure = typeof g.failure === 'function' ? g.failure(inv) : g.failure;
      if (failure === undefined) throw err;
      // fmt.Errorf("failed to create ...: %v", err): the API error becomes plain text.
      throw new KubectlError(`${failure}: ${isStatusError(err) ? err.status.message : err instanceof Error ? err.message : String(err)}`);
    }
  }
  printWritten(inv, obj, 'created', { typed: dryRun === 'client', dryRun });
}
