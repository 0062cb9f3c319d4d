// The garbage collector: deletes objects whose owners are all gone, orphans dependents of an
// owner deleted with propagationPolicy=Orphan, and deletes dependents first for Foreground.
// Models pkg/controller/garbagecollector (garbagecollector.go attemptToDeleteItem,
// orphanDependents, processDeletingDependentsItem) without its graph builder: every object
// is keyed `<resource>|<namespace/name>`, and an index from owner uid to dependents stands in
// for the dependency graph. Owners are confirmed absent by a live GET, as upstream does, never
// from a possibly stale cache.
import { FOREGROUND_FINALIZER, isConflict, isNotFound, keyOf, ORPHAN_FINALIZER, type KubeObject, type OwnerReference } from '../api/index.ts';
import { defineController, resourceString, watch, type Client, type ResourceDescriptor, type ResourceScope, type WatchSpec } from '../client/index.ts';

/** Where a kind is served: its resource, and whether it is namespaced (from discovery). */
export interface KindMapping {
  resource: ResourceDescriptor;
  namespaced: boolean;
}

export interface GarbageCollectorOptions {
  /** Every resource the collector watches (discovery's deletable, listable resources). */
  resources: ResourceDescriptor[];
  /** Maps an ownerReference's apiVersion and kind to where it is served. */
  resolveKind(apiVersion: string, kind: string): KindMapping | undefined;
}

/** Owner uid → dependents' keys, plus the reverse, kept in step with the caches. */
class DependentsIndex {
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly ownersOf = new Map<string, string[]>();

  record(key: string, obj: KubeObject): void {
    this.forget(key);
    const owners = (obj.metadata?.ownerReferences ?? []).map((r) => r.uid);
    this.ownersOf.set(key, owners);
    for (const uid of owners) (this.byOwner.get(uid) ?? this.byOwner.set(uid, new Set()).get(uid)!).add(key);
  }

  forget(key: string): void {
    for (const uid of this.ownersOf.get(key) ?? []) this.byOwner.get(uid)?.delete(key);
    this.ownersOf.delete(key);
  }

  dependents(ownerUid: string | undefined): string[] {
    return ownerUid ? [...(this.byOwner.get(ownerUid) ?? [])] : [];
  }
}

const itemKey = (resource: ResourceDescriptor, obj: KubeObject) => `${resourceString(resource)}|${keyOf(obj)}`;

export function garbageCollector(options: GarbageCollectorOptions) {
  const index = new DependentsIndex();
  const byName = new Map(options.resources.map((r) => [resourceString(r), r]));
  const watches: Record<string, WatchSpec> = {};
  for (const resource of options.resources) {
    watches[resourceString(resource)] = watch(resource, {
      // Every event on an object wakes it and its dependents (an owner's deletion or finalizers
      // concern them); the index learns the object's owners here, before any sync reads it.
      keysFor: (obj) => {
        const key = itemKey(resource, obj);
        index.record(key, obj);
        return [key, ...index.dependents(obj.metadata?.uid)];
      },
    });
  }

  return defineController({
    name: 'garbagecollector',
    watches,
    async sync(key, { listers, client }) {
      const [name, objKey] = key.split('|') as [string, string];
      const resource = byName.get(name)!;
      const obj = listers[name]?.get(objKey);
      if (!obj) {
        index.forget(key);
        return;
      }
      index.record(key, obj);
      const meta = obj.metadata ?? {};
      if (meta.deletionTimestamp) {
        const finalizers = meta.finalizers ?? [];
        const self = { scope: { ...resource, ...(meta.namespace ? { namespace: meta.namespace } : {}) }, name: meta.name! };
        if (finalizers.includes(ORPHAN_FINALIZER)) await orphanDependents(client, obj, self);
        else if (finalizers.includes(FOREGROUND_FINALIZER)) await deleteDependentsFirst(client, obj, self);
      }
      if (meta.ownerReferences?.length) await collectIfOwnersGone(client, resource, obj);
    },
  });

  function scopeOf(key: string) {
    const [name, objKey] = key.split('|') as [string, string];
    const [namespace, objName] = objKey.includes('/') ? objKey.split('/') as [string, string] : [undefined, objKey];
    return { scope: { ...byName.get(name)!, ...(namespace ? { namespace } : {}) }, name: objName };
  }

  // processDeletingDependentsItem for Orphan: drop the owner from every dependent, then let it go.
  async function orphanDependents(client: Client, owner: KubeObject, self: { scope: ResourceScope; name: string }) {
    for (const key of index.dependents(owner.metadata?.uid)) {
      const { scope, name } = scopeOf(key);
      try {
        const dep = await client.get(scope, name);
        const refs = (dep.metadata?.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata?.uid);
        await client.update(scope, { ...dep, metadata: { ...dep.metadata, ownerReferences: refs } });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    await removeFinalizer(client, self.scope, self.name, ORPHAN_FINALIZER);
  }

  // Foreground: delete the dependents (in the foreground too when they block their owner), and
  // release the owner once no dependent that blocks it remains.
  async function deleteDependentsFirst(client: Client, owner: KubeObject, self: { scope: ResourceScope; name: string }) {
    let blocking = 0;
    for (const key of index.dependents(owner.metadata?.uid)) {
      const { scope, name } = scopeOf(key);
      let dep: KubeObject;
      try {
        dep = await client.get(scope, name);
      } catch (e) {
        if (isNotFound(e)) continue;
        throw e;
      }
      const ref = dep.metadata?.ownerReferences?.find((r) => r.uid === owner.metadata?.uid);
      if (!ref) continue;
      if (ref.blockOwnerDeletion) blocking++;
      if (!dep.metadata?.deletionTimestamp) {
        await client.delete(scope, name, { propagationPolicy: ref.blockOwnerDeletion ? 'Foreground' : 'Background', preconditions: { uid: dep.metadata?.uid } })
          .catch((e) => { if (!isNotFound(e) && !isConflict(e)) throw e; });
      }
    }
    if (blocking === 0) await removeFinalizer(client, self.scope, self.name, FOREGROUND_FINALIZER);
  }

  // attemptToDeleteItem: an object all of whose owners are gone is deleted; one with some owners
  // gone loses the dangling references.
  async function collectIfOwnersGone(client: Client, resource: ResourceDescriptor, obj: KubeObject) {
    const refs = obj.metadata?.ownerReferences ?? [];
    const absent: OwnerReference[] = [];
    for (const ref of refs) if (await ownerIsAbsent(client, obj, ref)) absent.push(ref);
    if (!absent.length) return;
    const scope = { ...resource, ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}) };
    const name = obj.metadata!.name!;
    try {
      if (absent.length === refs.length) {
        if (!obj.metadata?.deletionTimestamp) await client.delete(scope, name, { propagationPolicy: 'Background', preconditions: { uid: obj.metadata?.uid } });
      } else {
        const kept = refs.filter((r) => !absent.includes(r));
        await client.update(scope, { ...obj, metadata: { ...obj.metadata, ownerReferences: kept } });
      }
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  async function ownerIsAbsent(client: Client, dependent: KubeObject, ref: OwnerReference): Promise<boolean> {
    const mapping = options.resolveKind(ref.apiVersion, ref.kind);
    // An owner of a kind nobody serves cannot be checked; upstream leaves such dependents alone.
    if (!mapping) return false;
    const namespace = mapping.namespaced ? dependent.metadata?.namespace : undefined;
    try {
      const owner = await client.get({ ...mapping.resource, ...(namespace ? { namespace } : {}) }, ref.name);
      return owner.metadata?.uid !== ref.uid;
    } catch (e) {
      if (isNotFound(e)) return true;
      throw e;
    }
  }

  async function removeFinalizer(client: Client, scope: ResourceScope, name: string, finalizer: string) {
    const fresh = await client.get(scope, name);
    const finalizers = (fresh.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    await client.update(scope, { ...fresh, metadata: { ...fresh.metadata, finalizers } });
  }
}
