// A shared informer: one reflector filling one cache, and any number of event handlers told
// about each change in order. Models client-go tools/cache/shared_informer.go
// (sharedIndexInformer, sharedProcessor, processorListener): here handlers are called in turn,
// synchronously, as each change reaches the cache, so every handler sees every change in the
// order the apiserver made them.
import type { KubeObject } from '../../api/index.ts';
import type { Clock, TimerHandle } from '../../clock/index.ts';
import type { Client } from '../client.ts';
import type { ResourceScope } from '../resources.ts';
import { createBackoffManager } from './backoff.ts';
import { Cache, type Lister } from './cache.ts';
import { Reflector, type ReflectorSink } from './reflector.ts';

/** What a handler hears. Objects are the cache's own, deep-frozen: copy before changing. */
export interface EventHandler<T extends KubeObject = KubeObject> {
  /** A new object; `isInInitialList` when it came from a list rather than a watch event. */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** A changed object; on a periodic resync `oldObj === newObj`. */
  onUpdate?(oldObj: T, newObj: T): void;
  /**
   * A removed object, as last seen. `finalStateUnknown` when the deletion was inferred from a
   * relist (client-go's DeletedFinalStateUnknown): the object may have changed before it went.
   */
  onDelete?(obj: T, finalStateUnknown: boolean): void;
}

/** A handler's registration; `remove` stops its notifications and its resync. */
export interface HandlerRegistration {
  remove(): void;
}

export interface SharedInformer<T extends KubeObject = KubeObject> {
  /**
   * Adds a handler. Added after the first sync, it hears onAdd for every cached object first.
   * With `resyncPeriodMs`, it also hears onUpdate(obj, obj) for every cached object each period.
   */
  addEventHandler(handler: EventHandler<T>, options?: { resyncPeriodMs?: number }): HandlerRegistration;
  lister(): Lister<T>;
  /** Whether the first list has reached the cache and every handler. */
  hasSynced(): boolean;
  /** Settles once `hasSynced()` is true, or at `stop`. */
  whenSynced(): Promise<void>;
  start(): void;
  stop(): void;
  /** The resourceVersion the cache reflects. */
  lastSyncResourceVersion(): string;
}

export interface SharedInformerOptions {
  client: Client;
  scope: ResourceScope;
  labelSelector?: string;
  fieldSelector?: string;
  clock: Clock;
  /** The resync period of handlers that do not choose their own; none when absent or 0. */
  resyncPeriodMs?: number;
  /** Hears list/watch failures and exceptions thrown by handlers. */
  onError?: (err: unknown) => void;
}

interface Listener<T extends KubeObject> {
  handler: EventHandler<T>;
  resync: TimerHandle | undefined;
  resyncPeriodMs: number;
}

export function createSharedInformer<T extends KubeObject = KubeObject>(o: SharedInformerOptions): SharedInformer<T> {
  const cache = new Cache<T>();
  const listeners = new Set<Listener<T>>();
  let synced = false;
  let started = false;
  let stopped = false;
  let markSynced!: () => void;
  const syncedPromise = new Promise<void>((resolve) => (markSynced = resolve));

  // A throwing handler must not starve the others or stop the reflector: report it and go on.
  const report = (err: unknown) => {
    if (o.onError) o.onError(err);
    else queueMicrotask(() => { throw err; });
  };
  const notify = (fn: (h: EventHandler<T>) => void) => {
    for (const l of [...listeners]) {
      try {
        fn(l.handler);
      } catch (err) {
        report(err);
      }
    }
  };

  const sink: ReflectorSink<T> = {
    replace(items) {
      const deltas = cache.replace(items);
      const initial = !synced;
      for (const obj of deltas.added) notify((h) => h.onAdd?.(obj, initial));
      for (const { oldObj, newObj } of deltas.updated) notify((h) => h.onUpdate?.(oldObj, newObj));
      for (const obj of deltas.deleted) notify((h) => h.onDelete?.(obj, true));
      if (!synced) {
        synced = true;
        markSynced();
      }
    },
    add(obj) {
      const old = cache.put(obj);
      notify((h) => (old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj, false)));
    },
    update(obj) {
      const old = cache.put(obj);
      notify((h) => (old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj, false)));
    },
    delete(obj) {
      const old = cache.remove(obj);
      notify((h) => h.onDelete?.(old ?? obj, false));
    },
  };

  const reflector = new Reflector<T>({
    client: o.client, scope: o.scope, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector,
    clock: o.clock, backoff: createBackoffManager(o.clock), sink, onError: o.onError,
  });

  // Models sharedProcessor resync: a periodic Sync of every cached object, to this listener only.
  const armResync = (l: Listener<T>) => {
    if (l.resyncPeriodMs > 0 && started && !stopped && l.resync === undefined) {
      l.resync = o.clock.every(l.resyncPeriodMs, () => {
        for (const obj of cache.list()) {
          try {
            l.handler.onUpdate?.(obj, obj);
          } catch (err) {
            report(err);
          }
        }
      });
    }
  };

  return {
    addEventHandler(handler, options = {}) {
      const l: Listener<T> = { handler, resync: undefined, resyncPeriodMs: options.resyncPeriodMs ?? o.resyncPeriodMs ?? 0 };
      listeners.add(l);
      if (synced) {
        for (const obj of cache.list()) {
          try {
            handler.onAdd?.(obj, true);
          } catch (err) {
            report(err);
          }
        }
      }
      armResync(l);
      return {
        remove() {
          listeners.delete(l);
          o.clock.cancel(l.resync);
          l.resync = undefined;
        },
      };
    },
    lister: () => cache,
    hasSynced: () => synced,
    whenSynced: () => syncedPromise,
    start() {
      if (started || stopped) return;
      started = true;
      for (const l of listeners) armResync(l);
      void reflector.run();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      reflector.stop();
      for (const l of listeners) {
        o.clock.cancel(l.resync);
        l.resync = undefined;
      }
      markSynced();
    },
    lastSyncResourceVersion: () => reflector.lastSyncResourceVersion,
  };
}
