// kubectl api-resources: every resource the server serves (at its group's preferred version),
// from discovery, filtered by group, scope, verbs and categories, sorted by group then name.
// Models kubernetes/kubectl pkg/cmd/apiresources/apiresources.go (release-1.33: Validate,
// RunAPIResources, sortableResource) and client-go discovery ServerPreferredResources.
import type { APIResource, ServerDiscovery } from '../../engine/client/index.ts';
import { KubectlError, usageError } from '../errors.ts';
import { boolFlag, sliceFlag, stringFlag } from '../flagspec.ts';
import { TabWriter } from '../printers/table.ts';
import type { Command, Invocation } from './command.ts';
import { API_RESOURCES_HELP } from './help-cluster.ts';

interface GroupResource {
  group: string;
  groupVersion: string;
  resource: APIResource;
}

/** ServerPreferredResources: each group's resources at its preferred version, then any only other versions serve. */
export function preferredResources(discovery: ServerDiscovery): GroupResource[] {
  const lists = new Map(discovery.resources.map((l) => [l.groupVersion, l.resources]));
  const out: GroupResource[] = [];
  for (const g of discovery.groups) {
    const seen = new Set<string>();
    const versions = [g.preferredVersion, ...g.versions.filter((v) => v.groupVersion !== g.preferredVersion.groupVersion)];
    for (const v of versions) {
      for (const r of lists.get(v.groupVersion) ?? []) {
        if (r.name.includes('/') || seen.has(r.name)) continue;
        seen.add(r.name);
        out.push({ group: g.name, groupVersion: v.groupVersion, resource: r });
      }
    }
  }
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function runAPIResources(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (inv.args.length > 0) throw usageError(inv.commandPath, `unexpected arguments: [${inv.args.join(' ')}]`);
  const output = flags.string('output');
  if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`--output ${output} is not available`);
  const sortBy = flags.string('sort-by');
  if (!['', 'name', 'kind'].includes(sortBy)) throw new KubectlError('--sort-by accepts only name or kind');

  const verbs = flags.strings('verbs'), categories = flags.strings('categories');
  const rows = preferredResources(await inv.discovery({ invalidate: !flags.bool('cached') })).filter(({ group, resource: r }) =>
    r.verbs.length > 0
    && (!flags.changed('api-group') || flags.string('api-group') === group)
    && (!flags.changed('namespaced') || flags.bool('namespaced') === r.namespaced)
    && verbs.every((v) => r.verbs.includes(v))
    && categories.every((c) => (r.categories ?? []).includes(c)));
  // sort.Stable by the chosen field (the group by default), ties broken by name.
  const key = (g: GroupResource) => (sortBy === 'name' ? g.resource.name : sortBy === 'kind' ? g.resource.kind : g.group);
  rows.sort((a, b) => compare(key(a), key(b)) || compare(a.resource.name, b.resource.name));

  const tw = new TabWriter();
  if (!flags.bool('no-headers') && output !== 'name') {
    tw.writeLine(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]);
  }
  for (const { group, groupVersion, resource: r } of rows) {
    if (output === 'name') {
      tw.writeLine([group ? `${r.name}.${group}` : r.name]);
      continue;
    }
    const cells = [r.name, (r.shortNames ?? []).join(','), groupVersion, String(r.namespaced), r.kind];
    tw.writeLine(output === 'wide' ? [...cells, r.verbs.join(','), (r.categories ?? []).join(',')] : cells);
  }
  inv.io.out(tw.flush());
}

export const apiResources: Command = {
  name: 'api-resources',
  flags: [
    stringFlag('api-group', 'Limit to resources in the specified API group.'),
    boolFlag('cached', 'Use the cached list of resources if available.'),
    sliceFlag('categories', 'Limit to resources that belong to the specified categories.'),
    boolFlag('namespaced', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.', true),
    boolFlag('no-headers', "When using the default or custom-column output format, don't print headers (default print headers)."),
    stringFlag('output', 'Output format. One of: (wide, name).', '', 'o'),
    stringFlag('sort-by', "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
    sliceFlag('verbs', 'Limit to resources that support the specified verbs.'),
  ],
  help: API_RESOURCES_HELP,
  run: runAPIResources,
};
