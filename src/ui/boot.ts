// Boots the playground's cluster in the page: a virtual clock running in real time, and the
// store kept in the browser's IndexedDB, so a reload finds the cluster where it was left.
// For now the cluster is just its store; a boot marker is written each time the page opens, so
// the revision counts visibly and a reload shows it persisted.
import { VirtualClock } from '../engine/clock/index.ts';
import { openIdbStore, type Store } from '../engine/store/index.ts';
import { observeRevision, useCluster } from './stores/cluster.ts';

/** The IndexedDB database the playground's cluster lives in. */
export const PLAYGROUND_DATABASE = 'pilothouse';
/** Written at every boot; outside /registry/, where the apiserver will keep its objects. */
export const BOOT_MARKER_KEY = '/pilothouse/boot';

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
  stop(): Promise<void>;
}

/** Opens the cluster and feeds the shell's view; on failure the view says why. */
export async function bootPlayground(opts: BootOptions): Promise<Playground | undefined> {
  const clock = new VirtualClock({ seed: opts.seed ?? 1 });
  clock.play(1);
  try {
    const store = await openIdbStore({ clock, indexedDB: opts.indexedDB, name: opts.name ?? PLAYGROUND_DATABASE });
    // Every key, from the next revision on: each committed write moves the revision shown.
    const watcher = store.watch({ key: '\0', rangeEnd: '\0' }, (resp) => observeRevision(resp.header.revision));
    const previous = await store.range({ key: BOOT_MARKER_KEY });
    const boots = Number(previous.kvs[0]?.value ?? '0') + 1;
    const put = await store.put({ key: BOOT_MARKER_KEY, value: String(boots) });
    observeRevision(put.header.revision);
    useCluster.setState({ phase: 'ready' });
    return {
      clock,
      store,
      async stop() {
        watcher.cancel();
        clock.dispose();
        await store.close();
      },
    };
  } catch (err) {
    clock.dispose();
    useCluster.setState({ phase: 'failed', error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}
