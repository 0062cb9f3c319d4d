// Object keys, as client-go's cache package makes them: `namespace/name` for namespaced
// objects, `name` for cluster-scoped ones. Work queues, listers and controllers all use these.
import type { KubeObject } from '../api/index.ts';

/** Models tools/cache/store.go MetaNamespaceKeyFunc: `default/web`, or `node-1` without a namespace. */
export function keyOf(obj: KubeObject): string {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}

/** Models tools/cache/store.go SplitMetaNamespaceKey: `default/web` → { namespace: 'default', name: 'web' }. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
