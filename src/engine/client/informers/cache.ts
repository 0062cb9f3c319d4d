// The informer's local cache: objects by key, plus a namespace index. Models client-go
// tools/cache/thread_safe_store.go (items + indices) and the Indexer's namespace index
// (MetaNamespaceIndexFunc). Objects in it are deep-frozen: every reader shares them, so
// nobody may change one in place (copy with deepCopy first).
import { keyOf, type KubeObject } from '../../api/index.ts';
import { deepFreeze } from '../copy.ts';

/** What `lister.list` filters by: a labels.Selector, or a set of labels that must all match. */
export type LabelSelector = { matches(labels: Readonly<Record<string, string>>): boolean } | Readonly<Record<string, string>>;

function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>> = {}): boolean {
  if (selector === undefined) return true;
  if (typeof selector.matches === 'function') return (selector as { matches(l: Readonly<Record<string, string>>): boolean }).matches(labels);
  // labels.SelectorFromSet: every pair must be present; the empty set selects everything.
  return Object.entries(selector as Readonly<Record<string, string>>).every(([k, v]) => labels[k] === v);
}

/** The index a lister can query by; `namespace` is the one every informer keeps. */
export type IndexName = 'namespace';

/** Read-only access to an informer's cache, as client-go's generated listers. */
export interface Lister<T extends KubeObject = KubeObject> {
  /** The object with this key (`namespace/name`, or `name` when cluster-scoped). */
  get(key: string): T | undefined;
  /** Every object whose labels the selector matches (all objects without one). */
  list(selector?: LabelSelector): T[];
  /** The objects of one namespace, optionally filtered by labels: `Pods(ns).List(sel)`. */
  listNamespace(namespace: string, selector?: LabelSelector): T[];
  /** The objects whose index value is `value`, as Indexer.ByIndex. */
  byIndex(index: IndexName, value: string): T[];
  keys(): string[];
}

/** What replacing the whole cache changed, in the order handlers hear about it. */
export interface ReplaceDeltas<T> {
  added: T[];
  updated: { oldObj: T; newObj: T }[];
  /** Objects with the same resourceVersion as before: a client-go "sync", not an update. */
  unchanged: T[];
  deleted: T[];
}

/** The mutable side of the cache, used only by its informer. */
export class Cache<T extends KubeObject> implements Lister<T> {
  /** Invariant: every key of `items` is in exactly one set of `byNamespace`, under its namespace ('' when cluster-scoped). */
  private readonly items = new Map<string, T>();
  private readonly byNamespace = new Map<string, Set<string>>();

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(selector?: LabelSelector): T[] {
    return [...this.items.values()].filter((o) => selects(selector, o.metadata?.labels));
  }

  listNamespace(namespace: string, selector?: LabelSelector): T[] {
    return this.byIndex('namespace', namespace).filter((o) => selects(selector, o.metadata?.labels));
  }

  byIndex(_index: IndexName, value: string): T[] {
    return [...(this.byNamespace.get(value) ?? [])].map((k) => this.items.get(k)!);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Stores `obj` (frozen) and returns what it replaced. */
  put(obj: T): T | undefined {
    const key = keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, deepFreeze(obj));
    if (!old) {
      const ns = obj.metadata?.namespace ?? '';
      let set = this.byNamespace.get(ns);
      if (!set) this.byNamespace.set(ns, (set = new Set()));
      set.add(key);
    }
    return old;
  }

  /** Removes the object with `obj`'s key and returns it, if it was there. */
  remove(obj: T): T | undefined {
    const key = keyOf(obj);
    const old = this.items.get(key);
    if (!old) return undefined;
    this.items.delete(key);
    const ns = old.metadata?.namespace ?? '';
    const set = this.byNamespace.get(ns);
    set?.delete(key);
    if (set?.size === 0) this.byNamespace.delete(ns);
    return old;
  }

  /**
   * Replaces the whole content with a fresh list, as DeltaFIFO.Replace followed by the
   * informer's processDeltas: new keys are adds, changed resourceVersions updates, same
   * resourceVersions syncs, and keys missing from the list deletes.
   */
  replace(items: T[]): ReplaceDeltas<T> {
    const deltas: ReplaceDeltas<T> = { added: [], updated: [], unchanged: [], deleted: [] };
    const seen = new Set<string>();
    for (const obj of items) {
      seen.add(keyOf(obj));
      const old = this.put(obj);
      if (!old) deltas.added.push(obj);
      else if (old.metadata?.resourceVersion === obj.metadata?.resourceVersion) deltas.unchanged.push(obj);
      else deltas.updated.push({ oldObj: old, newObj: obj });
    }
    for (const [key, obj] of [...this.items]) {
      if (!seen.has(key)) {
        this.remove(obj);
        deltas.deleted.push(obj);
      }
    }
    return deltas;
  }
}
