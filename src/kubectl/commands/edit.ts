// kubectl edit: the object as YAML in the editor the context provides; what comes back is
// diffed against what went out and sent as a patch (strategic for built-in kinds, JSON merge for
// custom resources). An invalid edit reopens the editor with the reasons on top, as kubectl does.
// Models kubernetes/kubectl pkg/cmd/edit/edit.go and pkg/cmd/util/editor/editoptions.go
// (Run, editHeader.writeTo, visitToPatch, editResults.addError).
import { parse as parseYAML } from 'yaml';
import type { KubeObject } from '../../engine/api/index.ts';
import { isInvalid, isNotFound, isStatusError, parseApiVersion } from '../../engine/api/index.ts';
import { schemaForKind, threeWayMergePatch, type JsonMap } from '../apply/threeway.ts';
import { KubectlError } from '../errors.ts';
import { printYAML } from '../printers/yaml.ts';
import { resourcesFromArgs, scopeOf, type Info } from '../resource.ts';
import { printWritten } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { EDIT_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const edit: Command = { name: 'edit', flags: optionFlags(EDIT_HELP), help: EDIT_HELP, run: runEdit };

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** cmdutil.StripComments: lines starting with `#` are not part of the object. */
const stripComments = (text: string) => text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');

async function runEdit(inv: Invocation): Promise<void> {
  const editor = inv.ctx.edit;
  if (!editor) throw new KubectlError('Pilothouse has no editor here: kubectl edit needs the YAML editor (use kubectl patch or kubectl apply -f instead)');
  if (inv.args.length === 0 && inv.flags.strings('filename').length === 0) {
    throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const [info] = await resourcesFromArgs(inv, inv.args);
  if (!info) throw new KubectlError('no objects passed to edit');
  const live = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
  const { managedFields: _, ...metadata } = live.metadata ?? {};
  const original: KubeObject = { ...live, metadata };
  const originalYAML = printYAML(original);
  let reasons = '';
  let lastEdited: string | undefined;
  for (;;) {
    const edited = await editor(`${HEADER}${reasons}${lastEdited ?? originalYAML}`);
    if (edited === undefined || stripComments(edited) === stripComments(originalYAML)) {
      inv.io.err('Edit cancelled, no changes made.\n');
      return;
    }
    if (reasons && lastEdited !== undefined && stripComments(edited) === stripComments(lastEdited)) {
      throw new KubectlError('Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(edited).trim() === '') {
      inv.io.err('Edit cancelled, saved file was empty.\n');
      return;
    }
    let updated: KubeObject;
    try {
      updated = parseYAML(stripComments(edited)) as KubeObject;
    } catch (err) {
      reasons = `# The edited file had a syntax error: ${err instanceof Error ? err.message.split('\n')[0]! : String(err)}\n#\n`;
      lastEdited = stripComments(edited);
      continue;
    }
    const outcome = await sendPatch(inv, info, original, updated);
    if (outcome.reasons === undefined) return;
    inv.io.err(`${outcome.message}\n`);
    reasons = outcome.reasons;
    lastEdited = stripComments(edited);
  }
}

// visitToPatch: the two-way patch from what the editor got to what it returned.
async function sendPatch(inv: Invocation, info: Info, original: KubeObject, updated: KubeObject): Promise<{ reasons?: string; message?: string }> {
  const resource = info.mapping.group ? `${info.mapping.resource}.${info.mapping.group}` : info.mapping.resource;
  if (updated.apiVersion !== original.apiVersion || updated.kind !== original.kind || updated.metadata?.name !== original.metadata?.name) {
    throw new KubectlError('At least one of apiVersion, kind and name was changed');
  }
  const gv = parseApiVersion(original.apiVersion ?? '');
  const schema = gv.ok ? schemaForKind(gv.value.group, gv.value.version, original.kind ?? '') : undefined;
  const before = JSON.parse(JSON.stringify(original)) as JsonMap, after = JSON.parse(JSON.stringify(updated)) as JsonMap;
  const patch = threeWayMergePatch(before, after, before, schema);
  if (Object.keys(patch).length === 0) {
    printWritten(inv, original, 'skipped');
    return {};
  }
  try {
    const result = await inv.rest.request({
      verb: 'patch', ...scopeOf(info), name: info.name, body: patch,
      patchType: schema ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
      query: { fieldManager: inv.flags.string('field-manager') },
    }) as KubeObject;
    printWritten(inv, result, 'edited');
    return {};
  } catch (err) {
    if (isInvalid(err) && isStatusError(err)) {
      const causes = (err.status.details?.causes ?? []).map((c) => `# * ${c.field ?? ''}: ${c.message ?? ''}\n`).join('');
      return { message: `error: ${resource} ${JSON.stringify(info.name)} is invalid`, reasons: `# ${resource} ${JSON.stringify(info.name)} was not valid${causes ? ':' : ''}\n${causes}#\n` };
    }
    if (isNotFound(err)) throw new KubectlError(`${resource} ${JSON.stringify(info.name)} could not be found on the server`);
    throw new KubectlError(`${resource} ${JSON.stringify(info.name)} could not be patched: ${err instanceof Error ? err.message : String(err)}`);
  }
}
