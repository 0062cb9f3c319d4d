// The namespace controller: empties a namespace marked for deletion, then finalizes it.
// Models pkg/controller/namespace/namespace_controller.go and deletion/
// namespaced_resources_deleter.go (Delete): mark status Terminating, delete every namespaced
// resource in it, requeue while content remains, then remove the `kubernetes` finalizer from
// spec.finalizers through namespaces/{name}/finalize and delete the namespace object.
import { isConflict, isNotFound, type KubeObject } from '../api/index.ts';
import { defineController, resources, watch, type Client, type ResourceDescriptor } from '../client/index.ts';

/** The finalizer in spec.finalizers that this controller owns (v1.FinalizerKubernetes). */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** How long to wait before looking again while content remains (pods still terminating). */
export const CONTENT_REMAINING_RECHECK_MS = 5_000;

export interface NamespaceControllerOptions {
  /** The namespaced resources to empty, as discovery lists them (deletecollection-capable). */
  namespacedResources: () => ResourceDescriptor[];
}

interface NamespaceSpec { finalizers?: string[] }

export function namespaceController(options: NamespaceControllerOptions) {
  return defineController({
    name: 'namespace',
    watches: { namespaces: watch(resources.namespaces) },
    async sync(name, { listers, client, enqueueAfter }) {
      const ns = listers.namespaces.get(name);
      if (!ns?.metadata?.deletionTimestamp) return;
      const finalizers = (ns.spec as NamespaceSpec | undefined)?.finalizers ?? [];
      if (finalizers.includes(FINALIZER_KUBERNETES)) {
        const remaining = await deleteAllContent(client, name, options.namespacedResources());
        if (remaining > 0) {
          enqueueAfter(name, CONTENT_REMAINING_RECHECK_MS);
          return;
        }
        await finalize(client, ns);
      }
      try {
        await client.delete(resources.namespaces, name, { preconditions: { uid: ns.metadata.uid } });
      } catch (e) {
        if (!isNotFound(e) && !isConflict(e)) throw e;
      }
    },
  });
}

/** Deletes what the namespace holds; returns how many objects remain (being deleted). */
async function deleteAllContent(client: Client, namespace: string, kinds: ResourceDescriptor[]): Promise<number> {
  let remaining = 0;
  for (const kind of kinds) {
    const scope = { ...kind, namespace };
    const list = await client.list(scope);
    if (!list.items.length) continue;
    await client.deleteCollection(scope, { propagationPolicy: 'Background' });
    remaining += (await client.list(scope)).items.length;
  }
  return remaining;
}

async function finalize(client: Client, ns: KubeObject): Promise<void> {
  const spec = ns.spec as NamespaceSpec;
  const body = { ...ns, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) } };
  await client.request({ verb: 'update', group: '', version: 'v1', resource: 'namespaces', name: ns.metadata!.name!, subresource: 'finalize', body });
}
