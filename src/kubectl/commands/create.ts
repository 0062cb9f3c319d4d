// kubectl create: objects from -f files (multi-document YAML or JSON, `-f -` from stdin), and
// the generators under it (create deployment, create namespace, ...).
// Models kubernetes/kubectl pkg/cmd/create/create.go (RunCreate): the builder visits the files'
// documents in order and keeps going past a failed object (ContinueOnError), so a bad document
// fails alone; a document that does not parse ends the stream there, after the ones before it.
import type { KubeObject } from '../../engine/api/index.ts';
import { AggregateError, KubectlError, usageError } from '../errors.ts';
import { sortKeys } from '../printers/json.ts';
import { scopeOf, visitFiles } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, fieldValidation, goJSON, printWritten, withLastApplied, withSource } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { CREATE_CONFIG_GENERATORS } from './create-config.ts';
import { CREATE_RBAC_GENERATORS } from './create-rbac.ts';
import { CREATE_SERVICE_GENERATORS } from './create-service.ts';
import { createToken } from './create-token.ts';
import { CREATE_WORKLOAD_GENERATORS } from './create-workloads.ts';
import { CREATE_HELP } from './help-create.ts';
import { optionFlags } from './options.ts';

export const create: Command = {
  name: 'create',
  flags: optionFlags(CREATE_HELP),
  help: CREATE_HELP,
  subcommands: [...CREATE_WORKLOAD_GENERATORS, ...CREATE_CONFIG_GENERATORS, ...CREATE_SERVICE_GENERATORS, ...CREATE_RBAC_GENERATORS, createToken],
  run: runCreate,
};

async function runCreate(inv: Invocation): Promise<void> {
  const { flags } = inv;
  const filenames = flags.strings('filename');
  if (inv.args.length > 0) throw usageError(inv.commandPath, `Unexpected args: [${inv.args.join(' ')}]`);
  if (flags.string('kustomize')) throw new KubectlError('Pilothouse does not support kustomize (-k); use -f with the rendered manifests');
  if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
  if (flags.string('raw')) throw new KubectlError('Pilothouse does not support --raw');
  if (flags.bool('edit')) throw new KubectlError('Pilothouse does not support create --edit; use kubectl edit after creating');
  const dryRun = dryRunStrategy(inv);
  const visited = await visitFiles(inv, filenames);
  const errors: unknown[] = [];
  let count = 0;
  for (const v of visited) {
    if ('error' in v) {
      errors.push(v.error);
      continue;
    }
    const { info } = v;
    let obj = info.object!;
    if (flags.bool('save-config')) obj = withLastApplied(obj, (o) => goJSON(sortKeys(o)));
    try {
      if (dryRun !== 'client') {
        obj = await inv.rest.request({
          verb: 'create', ...scopeOf(info), body: obj,
          query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager'), fieldValidation: fieldValidation(inv) },
        }) as KubeObject;
      }
    } catch (err) {
      errors.push(withSource('creating', info.source, err));
      continue;
    }
    count++;
    printWritten(inv, obj, 'created', { dryRun });
  }
  if (errors.length > 0) throw new AggregateError(errors);
  if (count === 0) throw new KubectlError('no objects passed to create');
}
