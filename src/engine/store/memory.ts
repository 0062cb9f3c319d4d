// The memory store: the MVCC core over a Backend that keeps nothing, so every commit is durable
// at once (still answered asynchronously, like every store). What tests and a fresh tab use.

import type { Clock } from '../clock/index.ts';
import type { Backend } from './backend.ts';
import type { Store } from './types.ts';
import { storeOver } from './store.ts';

/** A Backend with nothing to persist: every commit succeeds at once. */
export function memoryBackend(): Backend {
  return {
    load: () => Promise.resolve({ records: [], revision: 1, compactRevision: 0, leases: [] }),
    commit: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** An empty store in memory, at revision 1 as a new etcd is. */
export function createMemoryStore({ clock }: { clock: Clock }): Store {
  return storeOver(clock, memoryBackend(), { records: [], revision: 1, compactRevision: 0, leases: [] });
}
