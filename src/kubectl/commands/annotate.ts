// kubectl annotate: set (`k=v`) or remove (`k-`) annotations on objects; `--overwrite` to change one.
// Models kubernetes/kubectl pkg/cmd/annotate/annotate.go (Complete, Validate, RunAnnotate,
// validateAnnotations, validateNoAnnotationOverwrites).
import { KubectlError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { ANNOTATE_HELP } from './help-write.ts';
import { parsePairs, runMetadataUpdate, splitResourcesAndPairs } from './metadata-update.ts';
import { optionFlags } from './options.ts';

export const annotate: Command = { name: 'annotate', flags: optionFlags(ANNOTATE_HELP), help: ANNOTATE_HELP, run: runAnnotate };

// The change-cause annotation may always be overwritten (polymorphichelpers.ChangeCauseAnnotation).
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

async function runAnnotate(inv: Invocation): Promise<void> {
  const { resources, pairs } = splitResourcesAndPairs(inv.args, 'annotation');
  const { set, remove } = parsePairs(pairs, 'annotation');
  const both = remove.filter((k) => k in set);
  if (both.length > 0) throw new KubectlError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  await runMetadataUpdate(inv, {
    field: 'annotations', removes: remove, noUpdates: 'at least one annotation update is required',
    update(map, overwrite) {
      if (!overwrite) {
        const clashes = Object.entries(set).filter(([k, v]) => k !== CHANGE_CAUSE && k in map && map[k] !== v);
        if (clashes.length > 0) {
          throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${map[k]})`).join('; ')}`);
        }
      }
      Object.assign(map, set);
      for (const k of remove) delete map[k];
    },
    message: () => 'annotated',
  }, resources, pairs.length > 0);
}
