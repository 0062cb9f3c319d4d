// kubectl api-versions: every served group/version, sorted as strings.
// Models kubernetes/kubectl pkg/cmd/apiresources/apiversions.go (RunAPIVersions, metav1.ExtractGroupVersions).
import { usageError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { API_VERSIONS_HELP } from './help-cluster.ts';

async function runAPIVersions(inv: Invocation): Promise<void> {
  if (inv.args.length > 0) throw usageError(inv.commandPath, `unexpected arguments: [${inv.args.join(' ')}]`);
  // As apiversions.go: the cache is invalidated first, so the groups are always asked for.
  const { groups } = await inv.discovery({ invalidate: true });
  const versions = groups.flatMap((g) => g.versions.map((v) => v.groupVersion)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  inv.io.out(versions.map((v) => `${v}\n`).join(''));
}

export const apiVersions: Command = { name: 'api-versions', flags: [], help: API_VERSIONS_HELP, run: runAPIVersions };
