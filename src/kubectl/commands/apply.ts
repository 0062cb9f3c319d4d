// kubectl apply -f: client-side apply (the last-applied-configuration annotation and a
// three-way strategic merge patch computed here) or, with --server-side, an apply patch the
// apiserver merges by field ownership.
// Models kubernetes/kubectl pkg/cmd/apply/apply.go (applyOneObject, shouldPrintObject,
// printObjects) and patcher.go (Patch, patchSimple); pkg/util/apply.go (GetOriginalConfiguration).
import type { KubeObject, StatusError } from '../../engine/api/index.ts';
import { isConflict, isNotFound, parseApiVersion } from '../../engine/api/index.ts';
import { schemaForKind, threeWayMergePatch, type JsonMap } from '../apply/threeway.ts';
import { AggregateError, KubectlError, usageError } from '../errors.ts';
import { sortKeys } from '../printers/json.ts';
import { scopeOf, visitFiles, type Info } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, goJSON, LAST_APPLIED, printWritten, withLastApplied, withSource, writeFormat, type DryRunStrategy, fieldValidation } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { APPLY_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const apply: Command = { name: 'apply', flags: optionFlags(APPLY_HELP, ['prune-allowlist']), help: APPLY_HELP, run: runApply };

// The manager server-side apply records when --field-manager is not given (apply.go fieldManagerServerSideApply).
const SERVER_SIDE_MANAGER = 'kubectl';

const CONFLICT_ADVICE = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

async function runApply(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (inv.args.length > 0) throw usageError(inv.commandPath, `Unexpected args: [${inv.args.join(' ')}]`);
  if (flags.string('kustomize')) throw new KubectlError('Pilothouse does not support kustomize (-k); use -f with the rendered manifests');
  const filenames = flags.strings('filename');
  if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
  if (flags.bool('prune')) throw new KubectlError('Pilothouse does not support apply --prune');
  if (flags.bool('force-conflicts') && !flags.bool('server-side')) throw new KubectlError('--force-conflicts only works with --server-side');
  const dryRun = dryRunStrategy(inv);
  const format = writeFormat(inv);
  // Any -o but name prints the applied objects once, at the end (apply.go printObjects).
  const printObjects = format.kind !== 'default' && format.kind !== 'name';
  const visited = await visitFiles(inv, filenames);
  const errors: unknown[] = [];
  const applied: KubeObject[] = [];
  let count = 0;
  for (const v of visited) {
    if ('error' in v) {
      errors.push(v.error);
      continue;
    }
    try {
      const result = flags.bool('server-side') ? await serverSideApply(inv, v.info, dryRun) : await clientSideApply(inv, v.info, dryRun);
      count++;
      applied.push(result.object);
      if (!printObjects) printWritten(inv, result.object, result.operation, { dryRun });
    } catch (err) {
      errors.push(err);
    }
  }
  if (printObjects && applied.length > 0) {
    printWritten(inv, applied.length === 1 ? applied[0]! : { apiVersion: 'v1', kind: 'List', items: applied, metadata: { resourceVersion: '' } } as KubeObject, '');
  }
  if (errors.length > 0) throw new AggregateError(errors);
  if (count === 0) throw new KubectlError('no objects passed to apply');
}

async function serverSideApply(inv: Invocation, info: Info, dryRun: DryRunStrategy): Promise<{ object: KubeObject; operation: string }> {
  const manager = inv.flags.changed('field-manager') ? inv.flags.string('field-manager') : SERVER_SIDE_MANAGER;
  if (dryRun === 'client') return { object: info.object!, operation: 'serverside-applied' };
  try {
    const object = await inv.rest.request({
      verb: 'patch', ...scopeOf(info), name: info.name, patchType: 'application/apply-patch+yaml', body: info.object,
      ...(inv.flags.string('subresource') ? { subresource: inv.flags.string('subresource') } : {}),
      query: { ...dryRunQuery(dryRun), fieldManager: manager, fieldValidation: fieldValidation(inv), force: inv.flags.bool('force-conflicts') },
    }) as KubeObject;
    return { object, operation: 'serverside-applied' };
  } catch (err) {
    // A conflict is re-worded with advice, from the bare API message (no file name).
    if (isConflict(err)) throw new KubectlError(`${(err as StatusError).message}${CONFLICT_ADVICE}`);
    throw withSource('serverside-apply', info.source, err);
  }
}

// Info.String(): how apply names the object in a failed patch.
const infoString = (info: Info) =>
  `Resource: "${info.mapping.group}/${info.mapping.version}, Resource=${info.mapping.resource}", GroupVersionKind: "${info.mapping.group}/${info.mapping.version}, Kind=${info.mapping.kind}"\nName: ${JSON.stringify(info.name)}, Namespace: ${JSON.stringify(info.namespace)}`;

async function clientSideApply(inv: Invocation, info: Info, dryRun: DryRunStrategy): Promise<{ object: KubeObject; operation: string }> {
  if (!info.name && info.object?.metadata?.generateName) throw new KubectlError(`from ${info.object.metadata.generateName}: cannot use generate name with apply`);
  // The object as the file has it, with the annotation recording exactly that (keys sorted, as
  // Go marshals an unstructured map).
  const modified = withLastApplied(info.object!, (o) => goJSON(sortKeys(o))) as KubeObject;
  const query = { ...dryRunQuery(dryRun), fieldManager: inv.flags.string('field-manager'), fieldValidation: fieldValidation(inv) };
  let current: KubeObject;
  try {
    current = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
  } catch (err) {
    if (!isNotFound(err)) throw withSource(`retrieving current configuration of:\n${infoString(info)}\nfrom server for:`, info.source, err);
    if (dryRun === 'client') return { object: modified, operation: 'created' };
    try {
      return { object: await inv.rest.request({ verb: 'create', ...scopeOf(info), body: modified, query }) as KubeObject, operation: 'created' };
    } catch (createErr) {
      throw withSource('creating', info.source, createErr);
    }
  }
  if (dryRun === 'client') return { object: modified, operation: 'configured' };
  if (current.metadata?.annotations?.[LAST_APPLIED] === undefined) {
    inv.io.err(`Warning: resource ${info.mapping.resource}/${info.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
  }
  const original = parseLastApplied(current);
  const gv = parseApiVersion(modified.apiVersion ?? '');
  const schema = gv.ok ? schemaForKind(gv.value.group, gv.value.version, modified.kind ?? '') : undefined;
  const patch = threeWayMergePatch(original, toJson(modified), toJson(current), schema);
  const patchText = goJSON(sortKeys(patch));
  if (patchText === '{}') return { object: current, operation: 'unchanged' };
  try {
    const object = await inv.rest.request({
      verb: 'patch', ...scopeOf(info), name: info.name, body: patch,
      // Custom resources have no strategic merge patch: kubectl sends a JSON merge patch.
      patchType: schema ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json', query,
    }) as KubeObject;
    return { object, operation: 'configured' };
  } catch (err) {
    throw withSource(`applying patch:\n${patchText}\nto:\n${infoString(info)}\nfor:`, info.source, withSource('patching', info.source, err));
  }
}

const toJson = (o: KubeObject) => JSON.parse(JSON.stringify(o)) as JsonMap;

// GetOriginalConfiguration: the annotation's JSON, or nothing (then nothing is deleted).
function parseLastApplied(obj: KubeObject): JsonMap {
  const text = obj.metadata?.annotations?.[LAST_APPLIED];
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as JsonMap : {};
  } catch {
    return {};
  }
}
