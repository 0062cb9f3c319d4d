// Faults for the IndexedDB tests, injected into fake-indexeddb the way a browser produces them.
// Test-only: imported by idb*.test.ts, never by the store.
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { vi } from 'vitest';

/**
 * Makes the next readwrite transaction abort with `errorName` (e.g. 'QuotaExceededError') once
 * its requests are queued, as a browser aborts a transaction whose writes exceed the origin's
 * quota: every request fails, `abort` fires, and `transaction.error` names the cause.
 * Undo with `vi.restoreAllMocks()`.
 */
export function failNextTransactionWith(errorName: string): void {
  const original = FakeObjectStore.prototype.put;
  let armed = true;
  vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = original.call(this, value, key);
    if (armed) {
      armed = false;
      // fake-indexeddb's internal abort-with-error step (spec: "abort a transaction" with error).
      const tx = this.transaction as unknown as { _abort(name: string): void };
      queueMicrotask(() => tx._abort(errorName));
    }
    return request;
  });
}

/** Opens `name` at `version` with plain IndexedDB and ignores versionchange: an old, stuck tab. */
export function openStuckConnection(indexedDB: IDBFactory, name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
