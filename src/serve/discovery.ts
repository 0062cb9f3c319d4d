// Discovery documents, built from the registry. Legacy discovery (/api, /apis, /api/v1,
// /apis/GROUP, /apis/GROUP/VERSION) models staging/src/k8s.io/apiserver/pkg/endpoints/discovery
// (legacy.go, root.go, group.go, version.go); aggregated discovery (what kubectl >= 1.30 asks
// for first, one request for /api and one for /apis) models discovery/aggregated/handler.go
// with the types of staging/src/k8s.io/api/apidiscovery/v2/types.go.
import { createHash } from 'node:crypto';
import type { ApiServer, ResourceInfo } from '../engine/api/index.ts';

type Registry = ApiServer['registry'];

/**
 * Models staging/src/k8s.io/apiserver/pkg/endpoints/discovery/storageversionhash.go
 * StorageVersionHash: the first 8 bytes of sha256("group/version/kind"), base64.
 */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

const groupVersion = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** GET /api: the legacy core group's versions. */
export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(g: ReturnType<Registry['groups']>[number]) {
  return {
    name: g.group,
    versions: g.versions.map((version) => ({ groupVersion: groupVersion(g.group, version), version })),
    preferredVersion: { groupVersion: groupVersion(g.group, g.preferredVersion), version: g.preferredVersion },
  };
}

/** GET /apis: every named group. */
export function apiGroupList(registry: Registry) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().filter((g) => g.group !== '').map(apiGroup) };
}

/** GET /apis/GROUP, or undefined when the group is not served. */
export function apiGroupOf(registry: Registry, group: string) {
  const g = registry.groups().find((x) => x.group === group && group !== '');
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
}

/** GET /api/v1 or /apis/GROUP/VERSION: its resources and subresources, or undefined if not served. */
export function apiResourceList(registry: Registry, group: string, version: string) {
  const gv = registry.groupVersions().find((x) => x.group === group && x.version === version);
  if (!gv) return undefined;
  const resources = gv.resources.flatMap((r) => [
    {
      name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
      storageVersionHash: storageVersionHash(r.group, r.storageVersion, r.kind),
    },
    ...r.subresources.map((s) => ({
      name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced,
      ...subresourceKind(r, s.kind), verbs: s.verbs,
    })),
  ]);
  // The core group's list has no apiVersion (legacy.go), the named groups' have "v1".
  return { kind: 'APIResourceList', ...(group ? { apiVersion: 'v1' } : {}), groupVersion: groupVersion(group, version), resources };
}

// Subresources whose kind lives in another group (upstream's rest.GroupVersionKindProvider).
const FOREIGN_KINDS: Record<string, { group: string; version: string }> = {
  Scale: { group: 'autoscaling', version: 'v1' },
  Eviction: { group: 'policy', version: 'v1' },
  TokenRequest: { group: 'authentication.k8s.io', version: 'v1' },
};

function subresourceKind(r: ResourceInfo, kind: string): { group?: string; version?: string; kind: string } {
  const foreign = FOREIGN_KINDS[kind];
  return foreign ? { ...foreign, kind } : { kind };
}

/** Aggregated discovery for /api (`core`) or /apis (every named group). */
export function aggregatedDiscovery(registry: Registry, which: 'core' | 'named') {
  const items = registry.groups()
    .filter((g) => (which === 'core') === (g.group === ''))
    .map((g) => ({
      metadata: g.group ? { name: g.group } : {},
      versions: g.versions.map((version) => ({
        version,
        resources: (registry.groupVersions().find((x) => x.group === g.group && x.version === version)?.resources ?? []).map(resourceDiscovery),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

function resourceDiscovery(r: ResourceInfo) {
  return {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(r.subresources.length ? {
      subresources: r.subresources.map((s) => {
        const kind = subresourceKind(r, s.kind);
        return { subresource: s.name, responseKind: { group: kind.group ?? r.group, version: kind.version ?? r.version, kind: s.kind }, verbs: s.verbs };
      }),
    } : {}),
  };
}
