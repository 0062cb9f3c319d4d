// Boots the playground's cluster in the page: a virtual clock running in real time, the store
// kept in the browser's IndexedDB (so a reload finds the cluster where it was left), and the
// control plane over it. The shell's view is fed through the client only (STYLE.md §3).
import { bootCluster, type Cluster } from '../engine/cluster/index.ts';
import { VirtualClock } from '../engine/clock/index.ts';
import { openIdbStore, type Store } from '../engine/store/index.ts';
import { feedClusterView, useCluster } from './stores/cluster.ts';

/** The IndexedDB database the playground's cluster lives in. */
export const PLAYGROUND_DATABASE = 'pilothouse';

export interface BootOptions {
  /** The browser's IndexedDB (`globalThis.indexedDB`); tests pass fake-indexeddb's. */
  indexedDB: IDBFactory;
  name?: string;
  seed?: number;
}

/** The running playground, for whoever booted it to stop. */
export interface Playground {
  clock: VirtualClock;
  store: Store;
  cluster: Cluster;
  stop(): Promise<void>;
}

/** Opens the cluster and feeds the shell's view; on failure the view says why. */
export async function bootPlayground(opts: BootOptions): Promise<Playground | undefined> {
  // A failing timer callback is reported, not thrown out of the real-time driver.
  const clock = new VirtualClock({ seed: opts.seed ?? 1, onTimerError: (err) => console.error('pilothouse:', err) });
  clock.play(1);
  let store: Store | undefined;
  try {
    store = await openIdbStore({ clock, indexedDB: opts.indexedDB, name: opts.name ?? PLAYGROUND_DATABASE });
    const cluster = await bootCluster({ store, clock });
    await cluster.ready;
    const unfeed = await feedClusterView(cluster.client);
    const opened = store;
    return {
      clock, store: opened, cluster,
      async stop() {
        unfeed();
        await cluster.stop();
        clock.dispose();
        await opened.close();
      },
    };
  } catch (err) {
    clock.dispose();
    await store?.close();
    useCluster.setState({ phase: 'failed', error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}
