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
import { keySpan, prefixEnd, spanHas, type KeySpan } from './keys.ts';
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
  /** Set when `span` is exactly the keys starting with it (see prefixOf): a cheaper test. */
  prefix: string | undefined;
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
    const span = keySpan(key, req.rangeEnd);
    const entry: WatchEntry = {
      span, prefix: prefixOf(span), nextRev: start > 0 ? start : this.view.durableRevision() + 1,
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
    queueMicrotask(() => this.pump(entry, new DurableLog(this.view, entry.nextRev)));
    return watcher;
  }

  /** Sends every watcher what became durable since its last response. */
  notify(): void {
    // One log for the whole round: each revision's events are built once, whatever the number
    // of watchers (100 watchers of a prefix would otherwise copy every event 100 times).
    const entries = [...this.entries];
    const from = entries.reduce((min, e) => Math.min(min, e.nextRev), Infinity);
    const log = new DurableLog(this.view, Math.max(from, this.view.durableCompactRevision()));
    for (const entry of entries) this.pump(entry, log);
  }

  /** Stops every watcher without a response (the store is closing). */
  close(): void {
    for (const entry of this.entries) entry.done = true;
    this.entries.clear();
    this.clock.cancel(this.progressTimer);
    this.progressTimer = undefined;
  }

  private pump(entry: WatchEntry, log: DurableLog): void {
    if (entry.done) return;
    const compacted = this.view.durableCompactRevision();
    if (entry.nextRev < compacted) {
      this.cancelCompacted(entry, compacted);
      return;
    }
    if (entry.nextRev > log.durable) return;
    for (const rev of log.revisionsFrom(entry.nextRev)) {
      if (entry.done) break;
      entry.nextRev = rev.main + 1;
      const resp = log.responseFor(rev, entry);
      if (resp) {
        entry.sentSinceTick = true;
        deliver(entry, resp);
      }
    }
    if (!entry.done) entry.nextRev = Math.max(entry.nextRev, log.durable + 1);
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

/** Whether `entry` is sent the change `rec`: in its range and not filtered out. */
function wants(entry: WatchEntry, rec: RevisionRecord): boolean {
  const inRange = entry.prefix !== undefined ? rec.key.startsWith(entry.prefix) : spanHas(entry.span, rec.key);
  return inRange && !(rec.tombstone ? entry.noDelete : entry.noPut);
}

/**
 * The prefix `span` selects when it is a prefix range (rangeEnd = prefixEnd(key), as clientv3's
 * WithPrefix and every apiserver collection watch): then a key is in it exactly when it starts
 * with the prefix, a native test instead of two code-point comparisons per event and watcher.
 * Prefixes with surrogates keep the general test, where UTF-16 and code-point order part.
 */
function prefixOf(span: KeySpan): string | undefined {
  if (span.to === undefined || /[\uD800-\uDFFF]/.test(span.from)) return undefined;
  return span.to === prefixEnd(span.from) ? span.from : undefined;
}

/** One revision's rows, and its events and whole-revision responses once some watcher needs them. */
interface Revision {
  main: number;
  rows: RevisionRecord[];
  /** Indexed like `rows`: [0] without prevKv, [1] with. */
  events: [WatchEvent[] | undefined, WatchEvent[] | undefined];
  responses: [WatchResponse | undefined, WatchResponse | undefined];
}

/**
 * The durable log from a revision on, read once per pump round and grouped by revision. Its
 * events and responses are built once and shared, frozen, by every watcher sent them: watchers
 * read them and never own them. A log lives for one round, so it holds only what that round sends.
 */
class DurableLog {
  readonly durable: number;
  private readonly revisions: Revision[] = [];

  constructor(private readonly view: DurableView, from: number) {
    this.durable = view.durableRevision();
    for (const rec of from > this.durable ? [] : view.index.logBetween(from, this.durable)) {
      const last = this.revisions[this.revisions.length - 1];
      if (last?.main === rec.main) last.rows.push(rec);
      else this.revisions.push({ main: rec.main, rows: [rec], events: [undefined, undefined], responses: [undefined, undefined] });
    }
  }

  /** The revisions from `main` on, in order. */
  revisionsFrom(main: number): Revision[] {
    let lo = 0;
    for (let hi = this.revisions.length; lo < hi;) {
      const mid = (lo + hi) >>> 1;
      if ((this.revisions[mid] as Revision).main < main) lo = mid + 1;
      else hi = mid;
    }
    return this.revisions.slice(lo);
  }

  /**
   * What `entry` is sent for `rev`: nothing if none of its changes is wanted, the shared response
   * if all are, else its own (frozen) response over the shared events.
   */
  responseFor(rev: Revision, entry: WatchEntry): WatchResponse | undefined {
    const slot = entry.prevKv ? 1 : 0;
    let picked: number[] | undefined;
    for (let i = 0; i < rev.rows.length; i++) {
      if (wants(entry, rev.rows[i] as RevisionRecord)) {
        if (picked) picked.push(i);
      } else {
        picked ??= Array.from({ length: i }, (_, j) => j);
      }
    }
    if (picked?.length === 0) return undefined;
    const events = rev.events[slot] ??= Object.freeze(rev.rows.map((rec) => this.build(rec, entry.prevKv))) as WatchEvent[];
    if (!picked) return rev.responses[slot] ??= this.response(events);
    return this.response(picked.map((i) => events[i] as WatchEvent));
  }

  private response(events: WatchEvent[]): WatchResponse {
    return Object.freeze({ header: Object.freeze({ revision: this.durable }), events: Object.freeze(events) as WatchEvent[] });
  }

  private build(rec: RevisionRecord, prevKv: boolean): WatchEvent {
    const event: WatchEvent = rec.tombstone
      ? { type: 'DELETE', kv: Object.freeze({ key: rec.key, value: '', createRevision: 0, modRevision: rec.main, version: 0, lease: 0 }) }
      : { type: 'PUT', kv: Object.freeze(toKeyValue(rec)) };
    // As v3rpc's sendLoop: the previous value is a read at modRevision - 1, not sent for a
    // creation, and absent when compaction has dropped it.
    if (prevKv && (rec.tombstone || rec.version > 1)) {
      const prev = this.view.index.at(rec.key, rec.main - 1);
      if (prev) event.prevKv = Object.freeze(toKeyValue(prev));
    }
    return Object.freeze(event);
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
