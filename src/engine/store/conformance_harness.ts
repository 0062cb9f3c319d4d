// Shared pieces of the store conformance suite (see conformance.ts): the per-test context and a
// watch collector that waits on events instead of on time.

import { expect } from 'vitest';
import type { VirtualClock } from '../clock/index.ts';
import type { Store, WatchEvent, WatchRequest, WatchResponse, Watcher } from './types.ts';
import { isStoreError, type StoreErrorName } from './errors.ts';

/** What every conformance test gets: a store, the clock it was made with, a private key space. */
export interface ConformanceContext {
  store: Store;
  clock: VirtualClock;
  /** `p('a')` is a key no other test uses (tests may share one etcd). */
  p(suffix: string): string;
  /** The store's current revision (from a range's header). */
  rev(): Promise<number>;
}

/** Options of `describeStoreConformance`. */
export interface StoreConformanceOptions {
  /**
   * True when lease TTLs run on the VirtualClock handed to the factory (memory, IndexedDB):
   * expiry is then tested by advancing it. False for a store on real time (real etcd): expiry
   * tests are not registered. Default true.
   */
  virtualLeaseTime?: boolean;
  /** Prefix of every key the suite writes; give a fresh one per run when the store persists
   *  across runs (a long-lived etcd). Default '/conformance/'. */
  keyPrefix?: string;
}

export type ContextGetter = () => ConformanceContext;

/** Awaits `promise` and expects it to fail with the StoreError `name`. */
export async function expectStoreError(promise: Promise<unknown>, name: StoreErrorName, message?: string): Promise<void> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(isStoreError(err, name), `expected ${name}, got ${String(err)}`).toBe(true);
  if (message !== undefined) expect((err as Error).message).toBe(message);
}

/** Records a watch's responses and lets a test await a number of events or a cancel. */
export class WatchCollector {
  readonly responses: WatchResponse[] = [];
  readonly watcher: Watcher;
  private waiters: Array<() => void> = [];

  constructor(store: Store, req: WatchRequest) {
    this.watcher = store.watch(req, (resp) => {
      this.responses.push(resp);
      const ready = this.waiters;
      this.waiters = [];
      ready.forEach((wake) => wake());
    });
  }

  get events(): WatchEvent[] {
    return this.responses.flatMap((r) => r.events);
  }

  /** Resolves once at least `count` events arrived (the test's timeout catches a stall). */
  async untilEvents(count: number): Promise<WatchEvent[]> {
    while (this.events.length < count) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.events;
  }

  /** Resolves with the first canceled response. */
  async untilCanceled(): Promise<WatchResponse> {
    for (;;) {
      const canceled = this.responses.find((r) => r.canceled);
      if (canceled) return canceled;
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** Resolves once an event for `key` arrived: everything written before it has been sent. */
  async untilKey(key: string): Promise<WatchEvent[]> {
    while (!this.events.some((e) => e.kv.key === key)) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.events;
  }

  cancel(): void {
    this.watcher.cancel();
  }
}

/** Events as compact strings ("PUT a=1@5", "DELETE a@6") for readable assertions. */
export function describeEvents(events: readonly WatchEvent[], strip = ''): string[] {
  return events.map((e) => {
    const key = e.kv.key.slice(strip.length);
    return e.type === 'PUT' ? `PUT ${key}=${e.kv.value}@${e.kv.modRevision}` : `DELETE ${key}@${e.kv.modRevision}`;
  });
}
