// The IndexedDB store: the MVCC core (store.ts) over the IndexedDB Backend, so a cluster
// survives a reload. The core group-commits: every write that arrives while a commit is in
// flight goes into the next IndexedDB transaction together.
import type { Clock } from '../clock/index.ts';
import { openIdbBackend } from './idbBackend.ts';
import { createStore } from './store.ts';
import type { Store } from './types.ts';

export { IdbStoreError, type IdbFailureReason } from './idbErrors.ts';

export interface IdbStoreOptions {
  /** The virtual clock (lease expiry). */
  clock: Clock;
  /** The IndexedDB database holding this store; one cluster per name. */
  name: string;
  /** The browser's `globalThis.indexedDB` (the UI passes it in), or fake-indexeddb's in tests. */
  indexedDB: IDBFactory;
}

/**
 * Opens the store kept in IndexedDB database `name`, creating it empty (revision 1) the first
 * time; a reopen serves every acknowledged write at the same revision, with its compaction
 * and leases. Fails with a StoreError (BackendError) when IndexedDB cannot be opened.
 */
export async function openIdbStore({ clock, name, indexedDB }: IdbStoreOptions): Promise<Store> {
  const backend = await openIdbBackend({ indexedDB, name });
  try {
    return await createStore({ clock, backend });
  } catch (err) {
    await backend.close();
    throw err;
  }
}
