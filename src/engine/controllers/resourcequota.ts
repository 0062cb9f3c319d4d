// The resourcequota controller: keeps each ResourceQuota's status (hard, and what its namespace
// uses of it) true, so `kubectl describe quota` shows Used. Admission enforces quotas; this only
// reports them.
// Models pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota): status.hard
// is spec.hard, status.used the sum of every matching live object's usage (CalculateUsage).
//
// Keyed by namespace: one sync recomputes every quota there, woken by a quota change or by any
// change to the objects quotas most often limit. Kinds counted through `count/<resource>.<group>`
// that no informer here watches are listed at sync time and re-read every full resync period
// (upstream's --resource-quota-sync-period), as upstream's quota monitor would otherwise see them.
import { calculateUsage, hardOf, isNotFound, parseObjectCountName, toResourceList, type KubeObject, type ListObjects } from '../api/index.ts';
import { defineController, resources, watch, type Lister } from '../client/index.ts';

/** upstream's --resource-quota-sync-period default: a full recalculation every 5 minutes. */
export const RESOURCE_QUOTA_SYNC_PERIOD_MS = 5 * 60_000;

const byNamespace = { keysFor: (obj: KubeObject) => [obj.metadata?.namespace ?? ''] };

export const resourceQuotaController = defineController({
  name: 'resourcequota',
  watches: {
    resourceQuotas: watch(resources.resourcequotas, byNamespace),
    pods: watch(resources.pods, byNamespace),
    services: watch(resources.services, byNamespace),
    persistentVolumeClaims: watch(resources.persistentvolumeclaims, byNamespace),
    configMaps: watch(resources.configmaps, byNamespace),
    secrets: watch(resources.secrets, byNamespace),
    replicationControllers: watch(resources.replicationcontrollers, byNamespace),
  },
  async sync(namespace, { listers, client, clock, enqueueAfter }) {
    const watched: Record<string, Lister> = {
      pods: listers.pods, services: listers.services, persistentvolumeclaims: listers.persistentVolumeClaims,
      configmaps: listers.configMaps, secrets: listers.secrets, replicationcontrollers: listers.replicationControllers,
      resourcequotas: listers.resourceQuotas,
    };
    // Core kinds come from the caches; any other counted kind is listed through the API.
    const list: ListObjects = async (group, resource, ns) => {
      const lister = group === '' ? watched[resource] : undefined;
      if (lister) return lister.listNamespace(ns);
      const version = (await client.discovery()).groups.find((g) => g.name === group)?.preferredVersion.version;
      if (!version) return [];
      try {
        return (await client.list({ group, version, resource, namespace: ns })).items;
      } catch (e) {
        // A quota may count a kind no API serves (yet): it uses none.
        if (isNotFound(e)) return [];
        throw e;
      }
    };
    let needsResync = false;
    for (const quota of listers.resourceQuotas.listNamespace(namespace)) {
      const hard = hardOf(quota);
      needsResync ||= Object.keys(hard).some((n) => {
        const gr = parseObjectCountName(n);
        return gr !== undefined && !(gr.group === '' && watched[gr.resource]);
      });
      const status = { hard, used: toResourceList(await calculateUsage(quota, list, clock.now())) };
      if (sameStatus(quota.status, status)) continue;
      try {
        await client.updateStatus({ ...resources.resourcequotas, namespace }, { ...quota, status });
      } catch (e) {
        // Deleted meanwhile: nothing to report. A conflict is retried by the queue.
        if (!isNotFound(e)) throw e;
      }
    }
    if (needsResync) enqueueAfter(namespace, RESOURCE_QUOTA_SYNC_PERIOD_MS);
  },
});

// Quantities are written canonical, so equal lists compare equal as sorted JSON.
function sameStatus(current: unknown, next: { hard: Record<string, string>; used: Record<string, string> }): boolean {
  const c = (current ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
  const sorted = (r: Record<string, string> | undefined) => JSON.stringify(Object.entries(r ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  return sorted(c.hard) === sorted(next.hard) && sorted(c.used) === sorted(next.used);
}
