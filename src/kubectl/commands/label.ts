// kubectl label: set (`k=v`) or remove (`k-`) labels on objects; `--overwrite` to change one.
// Models kubernetes/kubectl pkg/cmd/label/label.go (Complete, Validate, RunLabel, parseLabels).
import { isValidLabelValue } from '../../engine/api/index.ts';
import { KubectlError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { LABEL_HELP } from './help-write.ts';
import { parsePairs, runMetadataUpdate, splitResourcesAndPairs } from './metadata-update.ts';
import { optionFlags } from './options.ts';

export const label: Command = { name: 'label', flags: optionFlags(LABEL_HELP), help: LABEL_HELP, run: runLabel };

async function runLabel(inv: Invocation): Promise<void> {
  const { resources, pairs } = splitResourcesAndPairs(inv.args, 'label');
  const { set, remove } = parsePairs(pairs, 'label');
  for (const [k, v] of Object.entries(set)) {
    const errs = isValidLabelValue(v);
    if (errs.length > 0) throw new KubectlError(`invalid label value: ${JSON.stringify(`${k}=${v}`)}: ${errs.join(';')}`);
  }
  if (remove.some((k) => k in set)) throw new KubectlError('can not both modify and remove a label in the same command');
  await runMetadataUpdate(inv, {
    field: 'labels', removes: remove, noUpdates: 'at least one label update is required',
    missingMessage: (key) => `label ${JSON.stringify(key)} not found.\n`,
    update(map, overwrite) {
      if (!overwrite) {
        const clashes = Object.entries(set).filter(([k, v]) => k in map && map[k] !== v);
        if (clashes.length > 0) throw new KubectlError(clashes.map(([k]) => `'${k}' already has a value (${map[k]}), and --overwrite is false`).join('\n'));
      }
      Object.assign(map, set);
      for (const k of remove) delete map[k];
    },
    // updateDataChangeMsg: a shorter object without --overwrite means labels went away.
    message: (before, after, overwrite) => (before === after ? 'not labeled' : !overwrite && after.length < before.length ? 'unlabeled' : 'labeled'),
  }, resources, pairs.length > 0);
}
