// kubectl patch: a strategic (default), JSON merge or JSON patch sent to each object, printed
// as `patched` or, when the server's object did not change, `patched (no change)`.
// Models kubernetes/kubectl pkg/cmd/patch/patch.go (Complete, Validate, RunPatch, patchOperation).
import { parse as parseYAML } from 'yaml';
import type { KubeObject, PatchType } from '../../engine/api/index.ts';
import { AggregateError, KubectlError, usageError } from '../errors.ts';
import { resourcesFromArgs, scopeOf, visitFiles, type Info } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, printWritten, withSource } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { PATCH_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const patch: Command = { name: 'patch', flags: optionFlags(PATCH_HELP), help: PATCH_HELP, run: runPatch };

const PATCH_TYPES: Record<string, PatchType> = {
  json: 'application/json-patch+json', merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json',
};

// Deep equality of two decoded objects (reflect.DeepEqual over unstructured maps).
const sameJSON = (a: unknown, b: unknown) => JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
const sortDeep = (v: unknown): unknown => (Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object'
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])])) : v);

async function runPatch(inv: Invocation): Promise<void> {
  const { flags } = inv;
  const text = flags.string('patch'), file = flags.string('patch-file');
  if (text && file) throw new KubectlError('cannot specify --patch and --patch-file together');
  if (!text && !file) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
  if (flags.bool('local')) throw new KubectlError('Pilothouse does not support patch --local');
  const typeName = flags.string('type') || 'strategic';
  const patchType = PATCH_TYPES[typeName];
  if (!patchType) throw new KubectlError(`--type must be one of [json merge strategic], not ${JSON.stringify(typeName)}`);
  const dryRun = dryRunStrategy(inv);
  let source = text;
  if (file) {
    if (!inv.ctx.readFile) throw new KubectlError(`unable to read patch file: open ${file}: no such file or directory`);
    source = await inv.ctx.readFile(file).catch(() => { throw new KubectlError(`unable to read patch file: open ${file}: no such file or directory`); });
  }
  // yaml.ToJSON: the patch may be written as YAML or JSON.
  let body: unknown;
  try {
    body = parseYAML(source);
  } catch (err) {
    throw new KubectlError(`unable to parse ${JSON.stringify(source)}: yaml: ${err instanceof Error ? err.message.split('\n')[0]! : String(err)}`);
  }
  const errors: unknown[] = [];
  const infos: Info[] = [];
  if (flags.strings('filename').length > 0) {
    for (const v of await visitFiles(inv, flags.strings('filename'))) {
      if ('error' in v) errors.push(v.error);
      else infos.push(v.info);
    }
  } else {
    if (inv.args.length === 0) throw usageError(inv.commandPath, 'You must provide one or more resources by argument or filename.');
    infos.push(...await resourcesFromArgs(inv, inv.args));
  }
  const subresource = flags.string('subresource');
  for (const info of infos) {
    try {
      const before = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name, ...(subresource ? { subresource } : {}) }) as KubeObject;
      if (dryRun === 'client') {
        printWritten(inv, before, 'patched', { dryRun });
        continue;
      }
      const after = await inv.rest.request({
        verb: 'patch', ...scopeOf(info), name: info.name, ...(subresource ? { subresource } : {}), patchType, body,
        query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager') },
      }) as KubeObject;
      printWritten(inv, after, sameJSON(before, after) ? 'patched (no change)' : 'patched', { dryRun });
    } catch (err) {
      errors.push(withSource('patching', info.source, err));
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
  if (infos.length === 0) throw new KubectlError('no objects passed to patch');
}
