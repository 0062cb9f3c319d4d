// kubectl replace -f: PUT each object of the files (the live resourceVersion filled in when the
// file has none); --force deletes and re-creates instead.
// Models kubernetes/kubectl pkg/cmd/replace/replace.go (Validate, Run, forceReplace).
import type { KubeObject } from '../../engine/api/index.ts';
import { isNotFound } from '../../engine/api/index.ts';
import { AggregateError, KubectlError, usageError } from '../errors.ts';
import { sortKeys } from '../printers/json.ts';
import { scopeOf, visitFiles } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, goJSON, LAST_APPLIED, printWritten, withLastApplied, withSource, fieldValidation } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { REPLACE_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const replace: Command = { name: 'replace', flags: optionFlags(REPLACE_HELP), help: REPLACE_HELP, run: runReplace };

async function runReplace(inv: Invocation): Promise<void> {
  const { flags } = inv;
  const force = flags.bool('force');
  if (inv.args.length > 0) throw usageError(inv.commandPath, `Unexpected args: [${inv.args.join(' ')}]`);
  if (!force && flags.int('grace-period') >= 0) throw new KubectlError('--grace-period must have --force specified');
  if (!force && flags.changed('timeout')) throw new KubectlError('--timeout must have --force specified');
  if (force && flags.changed('dry-run') && flags.string('dry-run') !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
  if (flags.strings('filename').length === 0) throw new KubectlError('must specify --filename to replace');
  if (flags.string('kustomize')) throw new KubectlError('Pilothouse does not support kustomize (-k); use -f with the rendered manifests');
  const dryRun = dryRunStrategy(inv);
  const errors: unknown[] = [];
  let count = 0;
  for (const v of await visitFiles(inv, flags.strings('filename'))) {
    if ('error' in v) {
      errors.push(v.error);
      continue;
    }
    const { info } = v;
    // CreateOrUpdateAnnotation: --save-config writes the annotation; one already there is kept current.
    let obj = info.object!;
    if (flags.bool('save-config') || obj.metadata?.annotations?.[LAST_APPLIED] !== undefined) obj = withLastApplied(obj, (o) => goJSON(sortKeys(o)));
    try {
      if (force) {
        await forceReplace(inv, scopeOf(info), info.name, obj);
      } else if (dryRun !== 'client') {
        // Replace with overwrite: an object without a resourceVersion replaces whatever is live.
        if (!obj.metadata?.resourceVersion) {
          const live = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
          obj = { ...obj, metadata: { ...obj.metadata, resourceVersion: live.metadata?.resourceVersion ?? '' } };
        }
        obj = await inv.rest.request({
          verb: 'update', ...scopeOf(info), name: info.name, body: obj,
          query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager'), fieldValidation: fieldValidation(inv) },
        }) as KubeObject;
      }
      count++;
      printWritten(inv, obj, 'replaced', { dryRun });
    } catch (err) {
      errors.push(withSource('replacing', info.source, err));
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
  if (count === 0) throw new KubectlError('no objects passed to replace');
}

// forceReplace: delete (printing it as delete does), then create the file's object afresh.
async function forceReplace(inv: Invocation, scope: ReturnType<typeof scopeOf>, name: string, obj: KubeObject): Promise<void> {
  const grace = inv.flags.int('grace-period');
  try {
    await inv.rest.request({ verb: 'delete', ...scope, name, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: 'Background' } });
    const kind = (scope.group ? `${obj.kind ?? ''}.${scope.group}` : obj.kind ?? '').toLowerCase();
    inv.io.out(`${kind} "${name}" deleted\n`);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const { resourceVersion: _rv, uid: _uid, ...metadata } = obj.metadata ?? {};
  await inv.rest.request({ verb: 'create', ...scope, body: { ...obj, metadata }, query: { fieldManager: inv.flags.string('field-manager'), fieldValidation: fieldValidation(inv) } });
}
