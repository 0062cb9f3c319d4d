// Watchers over the durable revision log. A watcher only ever sees durable revisions, in order,
// one response per revision: it keeps `nextRev`, the first revision it has not been sent, and
// every pump sends it revisions nextRev..durable from the log then moves nextRev past them. A
// watcher created from a past revision catches up by the same path as a live one, so there is
// no handoff between "unsynced" and "synced" where an event could slip or repeat.
// Models server/storage/mvcc/watchable_store.go (syncWatchers / notify) and the compaction
// cancel of api/v3rpc/watch.go; progress notifications as v3rpc's sendLoop ticker.

import type { Clock, TimerHandle } from '../clock/index.ts';
import type { RevisionRecord } from './backend.ts';
import type { WatchEvent, WatchRequest, WatchResponse, Watcher } from './types.ts';
import { storeErrorTable } from './errors.ts';
import { keySpan, spanHas, type KeySpan } from './keys.ts';
import { toKeyValue, type MvccIndex } from './mvcc_index.ts';

/** etcd's default progress report interval (v3rpc.progressReportInterval): 10 minutes. */
export const progressReportIntervalMs = 10 * 60 * 1000;

/** What the hub reads of the store: only durable state. */
export interface DurableView {
  readonly index: MvccIndex;
  durableRevision(): number;
  durableCompactRevision(): number;
}

interface WatchEntry {
  span: KeySpan;
  nextRev: number;
  prevKv: boolean;
  noPut: boolean;
  noDelete: boolean;
  progressNotify: boolean;
  /** Whether an events response went out since the last progress tick. */
  sentSinceTick: boolean;
  onResponse: (resp: WatchResponse) => void;
  done: boolean;
}

export class WatchHub {
  private readonly entries = new Set<WatchEntry>();
  private progressTimer: TimerHandle | undefined;

  constructor(private readonly view: DurableView, private readonly clock: Clock) {}

  /** Registers a watcher; its first responses (a replay, or a cancel) come in a microtask. */
  watch(req: WatchRequest, onResponse: (resp: WatchResponse) => void): Watcher {
    // As v3rpc: an empty key watches from '\0', the smallest key.
    const key = req.key === '' ? '\0' : req.key;
    const start = req.startRevision ?? 0;
    const entry: WatchEntry = {
      span: keySpan(key, req.rangeEnd), nextRev: start > 0 ? start : this.view.durableRevision() + 1,
      prevKv: req.prevKv === true, noPut: req.filters?.includes('NOPUT') === true,
      noDelete: req.filters?.includes('NODELETE') === true, progressNotify: req.progressNotify === true,
      sentSinceTick: false, onResponse, done: false,
    };
    const watcher: Watcher = { cancel: () => this.drop(entry) };
    if (start < 0) {
      // v3rpc answers a negative start revision with a canceled, "compacted" response.
      queueMicrotask(() => this.cancelCompacted(entry, undefined));
      return watcher;
    }
    this.entries.add(entry);
    if (entry.progressNotify) this.startProgressTicker();
    queueMicrotask(() => this.pump(entry));
    return watcher;
  }

  /** Sends every watcher what became durable since its last response. */
  notify(): void {
    for (const entry of [...this.entries]) this.pump(entry);
  }

  /** Stops every watcher without a response (the store is closing). */
  close(): void {
    for (const entry of this.entries) entry.done = true;
    this.entries.clear();
    this.clock.cancel(this.progressTimer);
    this.progressTimer = undefined;
  }

  private pump(entry: WatchEntry): void {
    if (entry.done) return;
    const durable = this.view.durableRevision();
    const compacted = this.view.durableCompactRevision();
    if (entry.nextRev < compacted) {
      this.cancelCompacted(entry, compacted);
      return;
    }
    if (entry.nextRev > durable) return;
    const rows = this.view.index.logBetween(entry.nextRev, durable);
    for (let i = 0; i < rows.length && !entry.done;) {
      const main = (rows[i] as RevisionRecord).main;
      const events: WatchEvent[] = [];
      for (; i < rows.length && (rows[i] as RevisionRecord).main === main; i++) {
        const event = this.eventFor(entry, rows[i] as RevisionRecord);
        if (event) events.push(event);
      }
      entry.nextRev = main + 1;
      if (events.length > 0) {
        entry.sentSinceTick = true;
        deliver(entry, { header: { revision: durable }, events });
      }
    }
    if (!entry.done) entry.nextRev = Math.max(entry.nextRev, durable + 1);
  }

  private eventFor(entry: WatchEntry, rec: RevisionRecord): WatchEvent | undefined {
    if (!spanHas(entry.span, rec.key)) return undefined;
    if (rec.tombstone ? entry.noDelete : entry.noPut) return undefined;
    const event: WatchEvent = rec.tombstone
      ? { type: 'DELETE', kv: { key: rec.key, value: '', createRevision: 0, modRevision: rec.main, version: 0, lease: 0 } }
      : { type: 'PUT', kv: toKeyValue(rec) };
    // As v3rpc's sendLoop: the previous value is a read at modRevision - 1, not sent for a
    // creation, and absent when compaction has dropped it.
    if (entry.prevKv && (rec.tombstone || rec.version > 1)) {
      const prev = this.view.index.at(rec.key, rec.main - 1);
      if (prev) event.prevKv = toKeyValue(prev);
    }
    return event;
  }

  private cancelCompacted(entry: WatchEntry, compactRevision: number | undefined): void {
    if (entry.done) return;
    this.drop(entry);
    const resp: WatchResponse = {
      header: { revision: this.view.durableRevision() }, events: [], canceled: true,
      // etcd's client reports a compacted watch with ErrCompacted's text.
      cancelReason: storeErrorTable.ErrCompacted.message,
    };
    if (compactRevision !== undefined) resp.compactRevision = compactRevision;
    deliver(entry, resp);
  }

  private drop(entry: WatchEntry): void {
    entry.done = true;
    this.entries.delete(entry);
  }

  private startProgressTicker(): void {
    if (this.progressTimer) return;
    this.progressTimer = this.clock.every(progressReportIntervalMs, () => this.sendProgress());
  }

  // As v3rpc: each tick, a watcher that asked for progress and got no events since the last
  // tick, and is caught up, gets an empty response carrying the current revision.
  private sendProgress(): void {
    const durable = this.view.durableRevision();
    for (const entry of [...this.entries]) {
      if (!entry.progressNotify || entry.done) continue;
      if (!entry.sentSinceTick && entry.nextRev > durable) deliver(entry, { header: { revision: durable }, events: [] });
      entry.sentSinceTick = false;
    }
  }
}

// A watcher's callback throwing must not stop the others or the commit that fed them: the
// error is rethrown on its own, where the host's unhandled-error reporting sees it.
function deliver(entry: WatchEntry, resp: WatchResponse): void {
  try {
    entry.onResponse(resp);
  } catch (err) {
    queueMicrotask(() => { throw err; });
  }
}
