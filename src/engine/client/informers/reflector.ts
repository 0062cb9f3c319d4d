// The reflector: keeps a sink in step with the apiserver by list, then watch from the list's
// resourceVersion. Models client-go tools/cache/reflector.go (ListAndWatch, list, watch,
// relistResourceVersion) and watch handling in handleWatch, with every wait on the virtual clock.
//
//   run ─► list (pages of 500) ─► sink.replace ─► watch from RV ─► events ─► sink.add/update/delete
//    ▲                                              │ closed normally: watch again from the last RV
//    └──── back-off (800 ms .. 30 s, jittered) ◄────┘ 410 Expired, error, or a very short watch
import type { KubeList, KubeObject, KubeWatchEvent, Status, WatchHandle } from '../../api/index.ts';
import { StatusError, isGone, isStatusError, reasonOf } from '../../api/index.ts';
import type { Clock, TimerHandle } from '../../clock/index.ts';
import type { Client, ListOptions } from '../client.ts';
import type { ResourceScope } from '../resources.ts';
import type { BackoffManager } from './backoff.ts';

/** Where the reflector puts what it learns; the informer implements it. */
export interface ReflectorSink<T extends KubeObject> {
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions<T extends KubeObject> {
  client: Client;
  scope: ResourceScope;
  labelSelector?: string;
  fieldSelector?: string;
  clock: Clock;
  backoff: BackoffManager;
  sink: ReflectorSink<T>;
  /** Hears every failed list or watch, as client-go's WatchErrorHandler. */
  onError?: (err: unknown) => void;
}

/** client-go's default pager page size (tools/pager/pager.go defaultPageSize). */
export const LIST_PAGE_SIZE = 500;
/** reflector.go defaultMinWatchTimeout: watches ask the server to close after 5..10 minutes. */
const MIN_WATCH_TIMEOUT_S = 300;
/** A watch that ends within a second without a single event is treated as a failure. */
const SHORT_WATCH_MS = 1_000;

/** Why a watch ended. */
type WatchEnd = { kind: 'closed'; events: number } | { kind: 'error'; error: unknown } | { kind: 'stopped' };

export class Reflector<T extends KubeObject> {
  /** The resourceVersion of the last list, event or bookmark seen; '' before the first list. */
  lastSyncResourceVersion = '';
  /** Set when a list at lastSyncResourceVersion was refused as too old: the next list is a consistent read. */
  private lastSyncResourceVersionUnavailable = false;
  /** Whether the server has paged a list of ours: then it honours limits, so keep asking for pages. */
  private paginatedResult = false;
  private stopped = false;
  private watch: WatchHandle | undefined;
  private wakeUp: (() => void) | undefined;
  private timer: TimerHandle | undefined;

  constructor(private readonly o: ReflectorOptions<T>) {}

  /** Runs until `stop`: models wait.BackoffUntil(ListAndWatch, backoffManager, sliding=true). */
  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.listAndWatch();
      } catch (err) {
        if (!this.stopped) this.o.onError?.(err);
      }
      if (!this.stopped) await this.sleep(this.o.backoff.next());
    }
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
    this.o.clock.cancel(this.timer);
    this.wakeUp?.();
  }

  private async listAndWatch(): Promise<void> {
    await this.list();
    await this.watchUntilError();
  }

  // Models reflector.go relistResourceVersion: "0" first (any recent state will do), then at
  // least as new as what we have seen, or "" (a consistent read) when that was refused.
  private relistResourceVersion(): string {
    if (this.lastSyncResourceVersionUnavailable) return '';
    return this.lastSyncResourceVersion === '' ? '0' : this.lastSyncResourceVersion;
  }

  private async list(): Promise<void> {
    let result: { items: T[]; resourceVersion: string };
    try {
      result = await this.listPages(this.relistResourceVersion());
    } catch (err) {
      // A list at a compacted or future resourceVersion: retry at once as a consistent read.
      if (!isGone(err) && !isTooLargeResourceVersion(err)) throw err;
      this.lastSyncResourceVersionUnavailable = true;
      result = await this.listPages('');
    }
    if (this.stopped) return;
    this.lastSyncResourceVersionUnavailable = false;
    this.o.sink.replace(result.items, result.resourceVersion);
    this.lastSyncResourceVersion = result.resourceVersion;
  }

  // Models tools/pager/pager.go List: follow `continue` tokens; later pages carry no
  // resourceVersion; a token expired mid-way falls back to one full list.
  private async listPages(resourceVersion: string): Promise<{ items: T[]; resourceVersion: string }> {
    const pageSize = this.paginatedResult || resourceVersion === '' || resourceVersion === '0' ? LIST_PAGE_SIZE : 0;
    const base = { labelSelector: this.o.labelSelector, fieldSelector: this.o.fieldSelector };
    const limit = pageSize ? { limit: pageSize } : {};
    let opts: ListOptions = { ...base, resourceVersion, ...limit };
    const items: T[] = [];
    for (;;) {
      let page: KubeList<T>;
      try {
        page = await this.o.client.list<T>(this.o.scope, opts);
      } catch (err) {
        if (!isGone(err) || !opts.continue) throw err;
        const full = await this.o.client.list<T>(this.o.scope, { ...base, resourceVersion: '' });
        return { items: full.items, resourceVersion: full.metadata.resourceVersion ?? '' };
      }
      items.push(...page.items);
      if (!page.metadata.continue) return { items, resourceVersion: page.metadata.resourceVersion ?? '' };
      this.paginatedResult = true;
      opts = { ...base, ...limit, continue: page.metadata.continue };
    }
  }

  // Models reflector.go watch: re-watch from the last resourceVersion after a normal close;
  // return (to relist after a back-off) on 410 Expired and other errors.
  private async watchUntilError(): Promise<void> {
    while (!this.stopped) {
      const start = this.o.clock.now();
      const end = await this.watchOnce();
      if (end.kind === 'stopped') return;
      if (end.kind === 'error') {
        if (reasonOf(end.error) === 'TooManyRequests') {
          await this.sleep(this.o.backoff.next());
          continue;
        }
        this.o.onError?.(end.error);
        return;
      }
      if (end.events === 0 && this.o.clock.now() - start < SHORT_WATCH_MS) {
        this.o.onError?.(new ReflectorError('VeryShortWatch', 'very short watch: Unexpected watch close - watch lasted less than a second and no items received'));
        return;
      }
    }
  }

  private async watchOnce(): Promise<WatchEnd> {
    let settle!: (end: WatchEnd) => void;
    const ended = new Promise<WatchEnd>((resolve) => (settle = resolve));
    let done = false;
    let events = 0;
    const finish = (end: WatchEnd) => {
      if (done) return;
      done = true;
      this.watch?.stop();
      settle(end);
    };
    const onEvent = (event: KubeWatchEvent<T>) => {
      if (done || this.stopped) return;
      if (event.type === 'ERROR') return finish({ kind: 'error', error: new StatusError(event.object as unknown as Status) });
      const rv = event.object.metadata?.resourceVersion ?? '';
      if (event.type === 'ADDED') this.o.sink.add(event.object);
      else if (event.type === 'MODIFIED') this.o.sink.update(event.object);
      else if (event.type === 'DELETED') this.o.sink.delete(event.object);
      if (event.type !== 'BOOKMARK') events++;
      if (rv) this.lastSyncResourceVersion = rv;
    };
    const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_S * (this.o.clock.rng.next() + 1));
    try {
      this.watch = await this.o.client.watch<T>(this.o.scope, {
        labelSelector: this.o.labelSelector, fieldSelector: this.o.fieldSelector,
        resourceVersion: this.lastSyncResourceVersion, allowWatchBookmarks: true, timeoutSeconds,
      }, onEvent);
    } catch (err) {
      // A watch that cannot start (410 on a compacted resourceVersion, 403, ...) ends this
      // ListAndWatch; 429 is retried by the caller after a back-off.
      if (reasonOf(err) === 'TooManyRequests') return { kind: 'error', error: err };
      throw err;
    }
    if (this.stopped || done) this.watch.stop();
    void this.watch.closed.then(() => finish(this.stopped ? { kind: 'stopped' } : { kind: 'closed', events }));
    if (this.stopped) finish({ kind: 'stopped' });
    const end = await ended;
    this.watch = undefined;
    return end;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      this.wakeUp = resolve;
      this.timer = this.o.clock.after(ms, () => {
        this.timer = undefined;
        this.wakeUp = undefined;
        resolve();
      });
    });
  }
}

/** Why the reflector gave up on a watch when the server sent no Status to say so. */
export class ReflectorError extends Error {
  override readonly name = 'ReflectorError';
  constructor(readonly reason: 'VeryShortWatch', message: string) {
    super(message);
  }
}

// Models reflector.go isTooLargeResourceVersionError: a Timeout whose cause says the
// resourceVersion is ahead of the server (a fresh apiserver behind a load balancer).
function isTooLargeResourceVersion(err: unknown): boolean {
  return isStatusError(err) && err.status.reason === 'Timeout'
    && (err.status.details?.causes ?? []).some((c) => c.reason === 'ResourceVersionTooLarge');
}
