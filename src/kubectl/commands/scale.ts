// kubectl scale: set replicas through the scale subresource, optionally only if the current
// size (--current-replicas) or resourceVersion matches.
// Models kubernetes/kubectl pkg/cmd/scale/scale.go (Validate, RunScale) and pkg/scale/scale.go
// (ScaleSimple, ScalePrecondition.validate, PreconditionError).
import type { KubeObject } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { resourcesFromArgs, scopeOf, visitFiles, type Info } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, printWritten } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { SCALE_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const scale: Command = { name: 'scale', flags: optionFlags(SCALE_HELP), help: SCALE_HELP, run: runScale };

interface Scale extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

async function runScale(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (!flags.changed('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
  const replicas = flags.int('replicas'), currentReplicas = flags.int('current-replicas');
  if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (currentReplicas < -1) throw new KubectlError('The --current-replicas must specify an integer of -1 or greater');
  const dryRun = dryRunStrategy(inv);
  const errors: unknown[] = [];
  const infos: Info[] = [];
  if (flags.strings('filename').length > 0) {
    for (const v of await visitFiles(inv, flags.strings('filename'))) {
      if ('error' in v) errors.push(v.error);
      else infos.push(v.info);
    }
  } else {
    const selector = flags.string('selector');
    infos.push(...await resourcesFromArgs(inv, inv.args, { ...(selector ? { selector } : {}), all: flags.bool('all') }));
  }
  // The builder's Latest(): objects that cannot be read are errors kept for the end.
  const found: Array<{ info: Info; obj: KubeObject }> = [];
  for (const info of infos) {
    try {
      found.push({ info, obj: info.object ?? await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject });
    } catch (err) {
      errors.push(err);
    }
  }
  const resourceVersion = flags.string('resource-version');
  if (resourceVersion && found.length > 1) throw new KubectlError('cannot use --resource-version with multiple resources');
  if (found.length === 0) {
    // fmt.Errorf("no objects passed to scale %w", infoErr): the bare error text, no `Error from server`.
    throw new KubectlError(errors.length > 0 ? `no objects passed to scale ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join(', ')}` : 'no objects passed to scale');
  }
  for (const { info, obj } of found) {
    if (dryRun !== 'client') await scaleOne(inv, info, replicas, currentReplicas, resourceVersion, dryRun === 'server');
    printWritten(inv, { apiVersion: obj.apiVersion, kind: obj.kind ?? info.mapping.kind, metadata: { name: info.name } }, 'scaled', { dryRun });
  }
  if (errors.length > 0) throw new AggregateError(errors);
}

// ScaleSimple: a blind merge patch of spec.replicas, or, with a precondition, read-check-update.
async function scaleOne(inv: Invocation, info: Info, replicas: number, current: number, resourceVersion: string, serverDryRun: boolean) {
  const target = { ...scopeOf(info), name: info.name, subresource: 'scale', query: serverDryRun ? { dryRun: 'All' as const } : {} };
  if (current === -1 && !resourceVersion) {
    await inv.rest.request({ verb: 'patch', ...target, patchType: 'application/merge-patch+json', body: { spec: { replicas } } });
    return;
  }
  const s = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name, subresource: 'scale' }) as Scale;
  const actual = s.spec?.replicas ?? 0;
  if (current !== -1 && current !== actual) throw new KubectlError(`Expected replicas to be ${current}, was ${actual}`);
  if (resourceVersion && resourceVersion !== s.metadata?.resourceVersion) {
    throw new KubectlError(`Expected resource version to be ${resourceVersion}, was ${s.metadata?.resourceVersion ?? ''}`);
  }
  await inv.rest.request({ verb: 'update', ...target, query: dryRunQuery(serverDryRun ? 'server' : 'none'), body: { ...s, spec: { ...s.spec, replicas } } });
}
