// Resource names as a user types them (`po`, `pods`, `Pod`, `deploy.apps`, `deployments.v1.apps`,
// `all`) resolved to the group/version/resource to request, from discovery only — as kubectl's
// deferred discovery RESTMapper with its shortcut and category expanders.
// Models apimachinery/pkg/api/meta/restmapper.go (ResourcesFor), priority.go, and
// client-go/restmapper/shortcut.go and category_expansion.go; cli-runtime/pkg/resource/builder.go mappingFor.
import type { ServerDiscovery } from '../engine/client/index.ts';
import { KubectlError } from './errors.ts';

/** A resolved resource: what to request and how to name its objects. */
export interface RESTMapping {
  group: string;
  version: string;
  /** Plural: `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

interface Candidate extends RESTMapping {
  singular: string;
  shortNames: string[];
  categories: string[];
  /** Whether `version` is its group's preferred version. */
  preferred: boolean;
}

/** `kind.group` lowercased, as kubectl prefixes names (`deployment.apps/web`, `pod/nginx`). */
export const kindPrefix = (m: Pick<RESTMapping, 'kind' | 'group'>) => (m.group ? `${m.kind}.${m.group}` : m.kind).toLowerCase();

export class RESTMapper {
  // Every resource at every served version, in priority order: core first, then groups in
  // discovery order, each group's preferred version first (priority.go's group ordering).
  private readonly candidates: Candidate[] = [];

  constructor(discovery: ServerDiscovery) {
    const lists = new Map(discovery.resources.map((l) => [l.groupVersion, l]));
    for (const g of discovery.groups) {
      for (const v of g.versions) {
        for (const r of lists.get(v.groupVersion)?.resources ?? []) {
          if (r.name.includes('/')) continue; // subresources are not addressable types
          this.candidates.push({
            group: g.name, version: v.version, resource: r.name, kind: r.kind, namespaced: r.namespaced,
            singular: r.singularName || r.kind.toLowerCase(), shortNames: r.shortNames ?? [], categories: r.categories ?? [],
            preferred: v.version === g.preferredVersion.version,
          });
        }
      }
    }
  }

  /**
   * The mapping for one resource argument, trying (as builder.go mappingFor) a fully specified
   * `resource.version.group`, then `resource.group`, then the bare name in any group.
   */
  mappingFor(arg: string): RESTMapping {
    const name = arg.toLowerCase();
    const parts = name.split('.');
    const matches = (c: Candidate, r: string) => c.resource === r || c.singular === r || c.shortNames.includes(r);
    let found: Candidate | undefined;
    if (parts.length >= 3) {
      const [r, v, ...g] = parts;
      found = this.candidates.find((c) => matches(c, r!) && c.version === v && c.group === g.join('.'));
    }
    if (!found && parts.length >= 2) {
      const [r, ...g] = parts;
      found = this.candidates.find((c) => matches(c, r!) && c.group === g.join('.'));
    }
    found ??= this.candidates.find((c) => c.preferred && matches(c, name)) ?? this.candidates.find((c) => matches(c, name));
    if (!found) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(arg)}`);
    return strip(found);
  }

  /**
   * Every mapping a bare resource name (plural, singular, short name or kind) matches, in
   * priority order: each group's preferred version before any other version, as
   * meta.PriorityRESTMapper.ResourcesFor. `kubectl explain` picks among them by group.
   */
  resourcesFor(name: string): RESTMapping[] {
    const r = name.toLowerCase();
    const found = this.candidates.filter((c) => c.resource === r || c.singular === r || c.shortNames.includes(r));
    if (found.length === 0) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(name)}`);
    return [...found.filter((c) => c.preferred), ...found.filter((c) => !c.preferred)].map(strip);
  }

  /** The resources a category (`all`) stands for, at their preferred versions; undefined if none. */
  expandCategory(name: string): RESTMapping[] | undefined {
    const members = this.candidates.filter((c) => c.preferred && c.categories.includes(name));
    return members.length > 0 ? members.map(strip) : undefined;
  }

  /** `pods,svc` or `all`: each comma-separated type, categories expanded, duplicates dropped. */
  mappingsFor(types: string): RESTMapping[] {
    const out: RESTMapping[] = [];
    for (const t of types.split(',')) {
      if (t === '') continue;
      for (const m of this.expandCategory(t.toLowerCase()) ?? [this.mappingFor(t)]) {
        if (!out.some((o) => o.group === m.group && o.resource === m.resource)) out.push(m);
      }
    }
    return out;
  }
}

const strip = ({ group, version, resource, kind, namespaced }: Candidate): RESTMapping => ({ group, version, resource, kind, namespaced });
