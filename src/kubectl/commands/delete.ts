// kubectl delete: objects by name, TYPE/NAME, -f files, -l selector or --all (-A across
// namespaces), with the grace period, --force, --now, --cascade and --wait of the real one.
// Models kubernetes/kubectl pkg/cmd/delete/delete.go (Complete, Validate, DeleteResult,
// deleteResource, PrintObj) and delete_flags.go (GetCascadingStrategy).
import type { KubeObject, KubeWatchEvent, Status } from '../../engine/api/index.ts';
import { isNotFound } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { resourcesFromArgs, scopeOf, visitFiles, type Info } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, withSource } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { DELETE_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const del: Command = { name: 'delete', flags: optionFlags(DELETE_HELP), help: DELETE_HELP, run: runDelete };

type Cascade = 'Background' | 'Foreground' | 'Orphan';

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

// delete_flags.go GetCascadingStrategy: the old booleans still work, with a warning.
function cascadeOf(inv: Invocation): Cascade {
  const v = inv.flags.string('cascade');
  switch (v) {
    case 'background': case '': return 'Background';
    case 'foreground': return 'Foreground';
    case 'orphan': return 'Orphan';
    case 'true': case 'false': {
      const now = v === 'true' ? 'background' : 'orphan';
      inv.io.err(`warning: --cascade=${v} is deprecated (boolean value) and can be replaced with --cascade=${now}.\n`);
      return v === 'true' ? 'Background' : 'Orphan';
    }
    default: throw new KubectlError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
  }
}

// Complete: --now means 1 s; a bare --grace-period=0 becomes 1 unless --force; --force alone is 0.
function gracePeriodOf(inv: Invocation): number {
  let grace = inv.flags.int('grace-period');
  const force = inv.flags.bool('force');
  if (inv.flags.bool('now')) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  return grace;
}

async function runDelete(inv: Invocation): Promise<void> {
  const { flags } = inv;
  const cascade = cascadeOf(inv);
  const grace = gracePeriodOf(inv);
  const output = flags.string('output');
  if (output !== '' && output !== 'name') throw new KubectlError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  if (flags.bool('all') && flags.string('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector')) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (flags.bool('force') && grace === 0) {
    inv.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  if (flags.bool('force') && grace > 0) throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together');
  if (flags.bool('interactive')) throw new KubectlError('Pilothouse does not support delete --interactive');
  if (flags.string('kustomize')) throw new KubectlError('Pilothouse does not support kustomize (-k); use -f with the rendered manifests');
  const dryRun = dryRunStrategy(inv);
  const { infos, errors } = await targets(inv);
  // A selection (--all, -l, --field-selector) ignores objects that vanish meanwhile, unless told otherwise.
  const selecting = flags.bool('all') || flags.string('selector') !== '' || flags.string('field-selector') !== '';
  const ignoreNotFound = flags.changed('ignore-not-found') ? flags.bool('ignore-not-found') : selecting;
  // Deleting a cluster-scoped kind while -n names a namespace is worth a warning (WarnClusterScope).
  let warnClusterScope = inv.explicitNamespace && !flags.bool('all-namespaces');
  const waitFor: Array<{ info: Info; object: KubeObject }> = [];
  for (const info of infos) {
    if (warnClusterScope && !info.mapping.namespaced) {
      inv.io.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
      warnClusterScope = false;
    }
    if (dryRun === 'client') {
      printDeleted(inv, info, grace, dryRun);
      continue;
    }
    try {
      const response = await inv.rest.request({
        verb: 'delete', ...scopeOf(info), name: info.name,
        // As client-go's DeleteWithOptions, the options travel in the body.
        body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: cascade, ...(dryRun === 'server' ? { dryRun: ['All'] } : {}) },
        query: dryRunQuery(dryRun),
      }) as KubeObject | Status;
      printDeleted(inv, info, grace, dryRun);
      // An object in the response is still there (a grace period or finalizers hold it).
      if (response.kind !== 'Status') waitFor.push({ info, object: response as KubeObject });
    } catch (err) {
      if (isNotFound(err) && ignoreNotFound) continue;
      errors.push(withSource('deleting', info.source, err));
    }
  }
  if (infos.length === 0 && errors.length === 0) inv.io.out('No resources found\n');
  if (errors.length > 0) throw new AggregateError(errors);
  if (flags.bool('wait') && dryRun === 'none') for (const w of waitFor) await waitForDeletion(inv, w.info, w.object);
}

/** The objects to delete: from files, or from the arguments (names, or a selection). */
async function targets(inv: Invocation): Promise<{ infos: Info[]; errors: unknown[] }> {
  const { flags } = inv;
  const filenames = flags.strings('filename');
  const selector = flags.string('selector'), fieldSelector = flags.string('field-selector'), all = flags.bool('all');
  if (filenames.length > 0) {
    const infos: Info[] = [], errors: unknown[] = [];
    for (const v of await visitFiles(inv, filenames)) {
      if ('error' in v) errors.push(v.error);
      else infos.push(v.info);
    }
    return { infos, errors };
  }
  if (inv.args.length === 0) {
    if (selector || fieldSelector || all) throw new KubectlError('at least one resource must be specified to use a selector');
    throw new KubectlError(NO_RESOURCES);
  }
  const named = inv.args.length > 1 || inv.args[0]!.includes('/');
  if (named && (selector || fieldSelector || all)) throw new KubectlError('name cannot be provided when a selector is specified');
  const infos = await resourcesFromArgs(inv, inv.args, {
    ...(selector ? { selector } : {}), ...(fieldSelector ? { fieldSelector } : {}), all, allNamespaces: flags.bool('all-namespaces'),
  });
  return { infos, errors: [] };
}

// PrintObj: `kind[.group] "name" deleted`, or `force deleted` for a zero grace period.
function printDeleted(inv: Invocation, info: Info, grace: number, dryRun: 'none' | 'client' | 'server') {
  const kind = (info.mapping.group ? `${info.mapping.kind}.${info.mapping.group}` : info.mapping.kind).toLowerCase();
  if (inv.flags.string('output') === 'name') {
    inv.io.out(`${kind}/${info.name}\n`);
    return;
  }
  let operation = grace === 0 ? 'force deleted' : 'deleted';
  if (dryRun === 'client') operation += ' (dry run)';
  if (dryRun === 'server') operation += ' (server dry run)';
  inv.io.out(`${kind} "${info.name}" ${operation}\n`);
}

// --wait (the default): until the object is gone, as cmdwait.IsDeleted watches for it, or until
// the user stops waiting (Ctrl-C; a script cannot, so a script's delete does not block).
async function waitForDeletion(inv: Invocation, info: Info, object: KubeObject): Promise<void> {
  let gone!: () => void;
  const deleted = new Promise<void>((resolve) => { gone = resolve; });
  const handle = await inv.rest.watch({
    verb: 'watch', ...scopeOf(info),
    query: { fieldSelector: `metadata.name=${info.name}`, ...(object.metadata?.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}) },
  }, (event: KubeWatchEvent) => {
    if (event.type === 'DELETED' && event.object.metadata?.uid === object.metadata?.uid) gone();
  });
  try {
    // The object may have gone between the delete and the watch.
    await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }).then(
      (o) => { if ((o as KubeObject).metadata?.uid !== object.metadata?.uid) gone(); },
      (err: unknown) => { if (isNotFound(err)) gone(); else throw err; },
    );
    await Promise.race([deleted, inv.stopped]);
  } finally {
    handle.stop();
  }
}
