// The shared informer factory: one informer per resource and filter, shared by every component
// that asks, so a cluster lists and watches pods once however many controllers read them.
// Models client-go informers/factory.go (InformerFor, Start, WaitForCacheSync, Shutdown).
import type { KubeObject } from '../../api/index.ts';
import type { Clock } from '../../clock/index.ts';
import type { Client } from '../client.ts';
import { resourceString, type ResourceDescriptor } from '../resources.ts';
import { createSharedInformer, type SharedInformer } from './sharedInformer.ts';

/** Which objects an informer caches. */
export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface InformerFactoryOptions {
  clock: Clock;
  /** Default resync period of every handler; none when absent. */
  resyncPeriodMs?: number;
  /** Hears list/watch failures and exceptions thrown by handlers. */
  onError?: (err: unknown) => void;
}

export interface InformerFactory {
  /** The shared informer for this resource and filter, created on first use. */
  informerFor<T extends KubeObject = KubeObject>(resource: ResourceDescriptor, options?: InformerOptions): SharedInformer<T>;
  /** Starts every informer not yet started; call again after asking for more. */
  start(): void;
  /** Settles when every started informer has synced. */
  waitForCacheSync(): Promise<void>;
  /** Stops every informer: no watch stays open and no timer stays armed. */
  stop(): void;
}

export function createInformerFactory(client: Client, options: InformerFactoryOptions): InformerFactory {
  const informers = new Map<string, SharedInformer<KubeObject>>();
  const started = new Set<SharedInformer<KubeObject>>();
  let stopped = false;

  return {
    informerFor<T extends KubeObject>(resource: ResourceDescriptor, o: InformerOptions = {}) {
      const id = JSON.stringify([resourceString(resource), o.namespace ?? '', o.labelSelector ?? '', o.fieldSelector ?? '']);
      let informer = informers.get(id);
      if (!informer) {
        informer = createSharedInformer({
          client, clock: options.clock, resyncPeriodMs: options.resyncPeriodMs, onError: options.onError,
          scope: { ...resource, ...(o.namespace ? { namespace: o.namespace } : {}) },
          labelSelector: o.labelSelector, fieldSelector: o.fieldSelector,
        });
        informers.set(id, informer);
      }
      return informer as unknown as SharedInformer<T>;
    },
    start() {
      if (stopped) return;
      for (const informer of informers.values()) {
        if (!started.has(informer)) {
          started.add(informer);
          informer.start();
        }
      }
    },
    async waitForCacheSync() {
      await Promise.all([...started].map((i) => i.whenSynced()));
    },
    stop() {
      stopped = true;
      for (const informer of informers.values()) informer.stop();
    },
  };
}
