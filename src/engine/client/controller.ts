// The controller pattern of STYLE.md §2 in one place, so every controller is written the same
// way: informers list and watch; their handlers only enqueue keys; workers take one key at a
// time and call `sync(key)`, which reads the caches and writes through the client; a failure is
// retried with the queue's rate limiter, a success forgets the key's failures.
// Models pkg/controller/deployment/deployment_controller.go (Run, worker, processNextWorkItem, handleErr).
import { keyOf, type KubeObject } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import type { Client } from './client.ts';
import type { Lister } from './informers/cache.ts';
import type { InformerFactory, InformerOptions } from './informers/factory.ts';
import type { HandlerRegistration } from './informers/sharedInformer.ts';
import type { ResourceDescriptor } from './resources.ts';
import { createRateLimitingQueue, type RateLimitingQueue } from './workqueue/queue.ts';

/** One informer a controller reads, and which keys its events wake. */
export interface WatchSpec<T extends KubeObject = KubeObject> {
  resource: ResourceDescriptor;
  options?: InformerOptions;
  /** The controller keys an event on `obj` wakes; the object's own key when absent. */
  keysFor?(obj: T): string[];
}

/** A WatchSpec for objects of type `T`: `watch<Pod>(resources.pods, { keysFor: ownerKey })`. */
export function watch<T extends KubeObject = KubeObject>(resource: ResourceDescriptor, rest: Omit<WatchSpec<T>, 'resource'> = {}): WatchSpec<T> {
  return { resource, ...rest };
}

type ObjectOf<S> = S extends WatchSpec<infer T> ? T : never;

/** What `sync` works with. */
export interface SyncContext<W extends Record<string, WatchSpec>> {
  client: Client;
  /** One lister per watch, by the name the definition gave it. */
  listers: { [N in keyof W]: Lister<ObjectOf<W[N]>> };
  clock: Clock;
  /** Syncs `key` again after `ms` (a deadline to check, a pod that will become available). */
  enqueueAfter(key: string, ms: number): void;
}

export interface ControllerDefinition<W extends Record<string, WatchSpec>> {
  /** The controller's name, as kube-controller-manager names it (`deployment`, `replicaset`). */
  name: string;
  watches: W;
  /** Retries before a failing key is dropped until its next event; unlimited when absent. */
  maxRetries?: number;
  /** Brings the world in line with the desired state of `key`; level-triggered, idempotent. */
  sync(key: string, ctx: SyncContext<W>): Promise<void>;
}

/** Declares a controller (only checks its types; nothing runs until runController). */
export function defineController<W extends Record<string, WatchSpec>>(definition: ControllerDefinition<W>): ControllerDefinition<W> {
  return definition;
}

export interface RunControllerOptions {
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  /** Concurrent syncs of different keys (the controller manager's --concurrent-*-syncs); 1 by default. */
  workers?: number;
  /** Hears every failed sync, before the key is retried. */
  onSyncError?: (key: string, err: unknown) => void;
}

export interface RunningController {
  readonly name: string;
  readonly queue: RateLimitingQueue<string>;
  /** Settles when the caches have synced and the workers are running. */
  readonly ready: Promise<void>;
  /** Stops enqueueing, lets the workers finish what is queued, and settles when they have. */
  stop(): Promise<void>;
}

/** Starts a controller: registers its informers and handlers, waits for sync, runs workers. */
export function runController<W extends Record<string, WatchSpec>>(def: ControllerDefinition<W>, o: RunControllerOptions): RunningController {
  const queue = createRateLimitingQueue<string>({ clock: o.clock });
  const registrations: HandlerRegistration[] = [];
  const informers = [];
  const listers = {} as Record<string, Lister>;

  for (const [name, spec] of Object.entries(def.watches) as [string, WatchSpec][]) {
    const informer = o.informers.informerFor(spec.resource, spec.options);
    informers.push(informer);
    listers[name] = informer.lister();
    const enqueue = (obj: KubeObject) => {
      for (const key of spec.keysFor ? spec.keysFor(obj) : [keyOf(obj)]) queue.add(key);
    };
    registrations.push(informer.addEventHandler({
      onAdd: enqueue,
      // An update may move an object between keys (a changed owner): wake both.
      onUpdate: (oldObj, newObj) => { enqueue(oldObj); enqueue(newObj); },
      onDelete: enqueue,
    }));
  }
  o.informers.start();

  const ctx: SyncContext<W> = {
    client: o.client, clock: o.clock, listers: listers as SyncContext<W>['listers'],
    enqueueAfter: (key, ms) => queue.addAfter(key, ms),
  };
  const maxRetries = def.maxRetries ?? Infinity;

  // Models processNextWorkItem + handleErr.
  async function worker(): Promise<void> {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        await def.sync(key, ctx);
        queue.forget(key);
      } catch (err) {
        o.onSyncError?.(key, err);
        if (queue.numRequeues(key) < maxRetries) queue.addRateLimited(key);
        else queue.forget(key);
      } finally {
        queue.done(key);
      }
    }
  }

  let workers: Promise<void>[] = [];
  const ready = Promise.all(informers.map((i) => i.whenSynced())).then(() => {
    if (queue.shuttingDown()) return;
    workers = Array.from({ length: o.workers ?? 1 }, () => worker());
  });

  return {
    name: def.name,
    queue,
    ready,
    async stop() {
      for (const r of registrations) r.remove();
      queue.shutDown();
      await ready;
      await Promise.all(workers);
    },
  };
}
