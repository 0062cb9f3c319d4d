// API discovery: what a client learns from GET /api, /apis and /apis/<group>/<version> before it
// can address a resource by a name a user typed. kubectl's RESTMapper is built from this, never
// from the apiserver's registry. Models apimachinery/pkg/apis/meta/v1/types.go (APIGroup,
// APIResourceList, APIResource) and client-go/discovery/discovery_client.go ServerGroupsAndResources.
import type { GroupVersionInfo } from '../api/index.ts';

/** metav1.GroupVersionForDiscovery. */
export interface GroupVersionForDiscovery {
  /** `apps/v1`, or `v1` for the core group. */
  groupVersion: string;
  version: string;
}

/** metav1.APIGroup; the core group is listed with name ''. */
export interface APIGroup {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

/** metav1.APIResource: one resource, or one subresource (`pods/status`), of a group-version. */
export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

/** metav1.APIResourceList: what GET /apis/<group>/<version> returns. */
export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

/** Every group (core first, then /apis order, preferred version first) and every group-version's resources. */
export interface ServerDiscovery {
  groups: APIGroup[];
  resources: APIResourceList[];
}

/** What an in-process apiserver exposes for discovery: its registry's served groups and resources. */
export interface DiscoverySource {
  groupVersions(): GroupVersionInfo[];
  groups(): Array<{ group: string; versions: string[]; preferredVersion: string }>;
}

const groupVersionString = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** The discovery documents an apiserver serving `source` answers with. */
export function discoveryOf(source: DiscoverySource): ServerDiscovery {
  const gv = (group: string, version: string): GroupVersionForDiscovery => ({ groupVersion: groupVersionString(group, version), version });
  const groups = source.groups().map((g): APIGroup => ({
    name: g.group, versions: g.versions.map((v) => gv(g.group, v)), preferredVersion: gv(g.group, g.preferredVersion),
  }));
  // As kube-apiserver's /api comes before /apis, the core group leads.
  groups.sort((a, b) => Number(b.name === '') - Number(a.name === ''));
  const resources = source.groupVersions().map((v): APIResourceList => ({
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionString(v.group, v.version),
    resources: v.resources.flatMap((r) => [
      {
        name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs],
        ...(r.shortNames.length ? { shortNames: [...r.shortNames] } : {}),
        ...(r.categories.length ? { categories: [...r.categories] } : {}),
      },
      ...r.subresources.map((s) => ({ name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: [...s.verbs] })),
    ]),
  }));
  return { groups, resources };
}
