// What kubectl label and kubectl annotate share: `key=value` / `key-` arguments after the
// resources, the objects they select (fetched, as the builder's Latest()), and a JSON merge
// patch of the changed map sent for each object.
// Models kubernetes/kubectl pkg/cmd/label/label.go (RunLabel, labelFunc, updateDataChangeMsg),
// pkg/cmd/annotate/annotate.go (RunAnnotate) and pkg/cmd/util/helpers.go GetResourcesAndPairs.
import type { KubeObject } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { resourcesFromArgs, scopeOf, visitFiles, type Info } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, printWritten } from '../writes.ts';
import type { Invocation } from './command.ts';

/** GetResourcesAndPairs: resources first, then `k=v` and `k-` pairs. */
export function splitResourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [], pairs: string[] = [];
  for (const s of args) {
    const isPair = s.includes('=') || s.endsWith('-');
    if (isPair) pairs.push(s);
    else if (pairs.length > 0) throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

/** How one command changes one metadata map. */
export interface MapUpdate {
  field: 'labels' | 'annotations';
  /** Changes the map in place or throws (the --overwrite check). */
  update(map: Record<string, string>, overwrite: boolean): void;
  /** Keys to remove, to report the ones that are not there (label only). */
  missingMessage?: (key: string) => string;
  removes: string[];
  /** The operation word for the printed line, from the JSON before and after. */
  message(before: string, after: string, overwrite: boolean): string;
  /** Validation errors of the command line before anything is fetched. */
  noUpdates: string;
}

/** The objects to update: -f files, or the resource arguments with --all / -l / -A. */
async function targetsOf(inv: Invocation, resources: string[]): Promise<{ infos: Info[]; errors: unknown[] }> {
  const { flags } = inv;
  if (flags.strings('filename').length > 0) {
    const infos: Info[] = [], errors: unknown[] = [];
    for (const v of await visitFiles(inv, flags.strings('filename'))) {
      if ('error' in v) errors.push(v.error);
      else infos.push(v.info);
    }
    return { infos, errors };
  }
  const selector = flags.string('selector'), fieldSelector = flags.string('field-selector');
  const infos = await resourcesFromArgs(inv, resources, {
    ...(selector ? { selector } : {}), ...(fieldSelector ? { fieldSelector } : {}), all: flags.bool('all'), allNamespaces: flags.bool('all-namespaces'),
  });
  return { infos, errors: [] };
}

/** Runs a label or annotate command over its objects. */
export async function runMetadataUpdate(inv: Invocation, u: MapUpdate, resources: string[], hasUpdates: boolean): Promise<void> {
  const { flags } = inv;
  if (flags.bool('list') && flags.string('output')) throw new KubectlError('--list and --output may not be specified together');
  if (flags.bool('all') && flags.string('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (flags.bool('local')) throw new KubectlError('Pilothouse does not support --local');
  if (resources.length === 0 && flags.strings('filename').length === 0) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!hasUpdates && !flags.bool('list')) throw new KubectlError(u.noUpdates);
  const dryRun = dryRunStrategy(inv);
  const overwrite = flags.bool('overwrite');
  const { infos, errors } = await targetsOf(inv, resources);
  const resourceVersion = flags.string('resource-version');
  if (resourceVersion && infos.length !== 1) throw new KubectlError('--resource-version may only be used with a single resource');
  for (const info of infos) {
    try {
      const live = info.object ?? await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
      const current = { ...(live.metadata?.[u.field] ?? {}) };
      if (flags.bool('list')) {
        for (const [k, v] of Object.entries(current)) inv.io.out(`${infos.length > 1 ? ' ' : ''}${k}=${v}\n`);
        continue;
      }
      const before = JSON.stringify(live);
      const next = { ...current };
      if (dryRun === 'none' || dryRun === 'server') {
        for (const key of u.removes) if (!(key in current) && u.missingMessage) inv.io.out(u.missingMessage(key));
      }
      u.update(next, overwrite);
      const updated: KubeObject = { ...live, metadata: { ...live.metadata, [u.field]: next } };
      const message = u.message(before, JSON.stringify(updated), overwrite);
      let result = updated;
      if (dryRun !== 'client') {
        // The merge patch of the map: new or changed keys, removed keys as null.
        const patchMap: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(next)) if (current[k] !== v) patchMap[k] = v;
        for (const k of Object.keys(current)) if (!(k in next)) patchMap[k] = null;
        const metadata = { ...(Object.keys(patchMap).length > 0 ? { [u.field]: patchMap } : {}), ...(resourceVersion ? { resourceVersion } : {}) };
        result = await inv.rest.request({
          verb: 'patch', ...scopeOf(info), name: info.name, patchType: 'application/merge-patch+json',
          body: Object.keys(metadata).length > 0 ? { metadata } : {},
          query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager') },
        }) as KubeObject;
      }
      printWritten(inv, { apiVersion: live.apiVersion ?? apiVersionOf(info), kind: live.kind ?? info.mapping.kind, ...result }, message, { dryRun });
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
}

const apiVersionOf = (info: Info) => (info.mapping.group ? `${info.mapping.group}/${info.mapping.version}` : info.mapping.version);

/** ParsePairs: `k=v` into the map to set, `k-` into the keys to remove. */
export function parsePairs(pairs: string[], pairType: string): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {}, remove: string[] = [];
  for (const p of pairs) {
    if (p.includes('=')) {
      const eq = p.indexOf('=');
      if (pairType === 'label' && p.split('=').length !== 2) throw new KubectlError(`invalid label spec: ${p}`);
      set[p.slice(0, eq)] = p.slice(eq + 1);
    } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
    else throw new KubectlError(`unknown ${pairType} spec: ${p}`);
  }
  return { set, remove };
}
