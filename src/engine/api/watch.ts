// Watch, as the apiserver serves it from etcd (apiserver/pkg/storage/etcd3/watcher.go and the
// cacher's semantics the clients rely on): an optional initial state as ADDED events, then every
// change after the start revision, filtered by selectors (an object leaving the selection is a
// DELETED, one entering it an ADDED), with BOOKMARKs when asked, and a 410 ERROR event when the
// start revision is compacted.
import type { Clock, TimerHandle } from '../clock/index.ts';
import type { WatchEvent, Watcher } from '../store/index.ts';
import type { ObjectStore } from './objectstore.ts';
import { apiVersionOf, decodeAs, withKind } from './objectstore.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest, WatchHandle } from './request.ts';
import { compileListFilter } from './selection.ts';
import { collectionRange, parseResourceVersion, tooOldResourceVersion } from './storage.ts';
import type { KubeObject, KubeWatchEvent } from './types.ts';

/** How often an idle watch that allows bookmarks gets one (upstream: about once a minute). */
export const BOOKMARK_INTERVAL_MS = 60_000;

export interface ServeWatchOptions {
  objects: ObjectStore;
  clock: Clock;
  info: ResourceInfo;
  req: ApiRequest;
  onEvent: (event: KubeWatchEvent) => void;
}

export async function serveWatch({ objects, clock, info, req, onEvent }: ServeWatchOptions): Promise<WatchHandle> {
  const query = { ...req.query };
  // A watch on one named object is a watch on the collection with a name selector.
  if (req.name) query.fieldSelector = [`metadata.name=${req.name}`, query.fieldSelector].filter(Boolean).join(',');
  const matches = compileListFilter(info, query);
  const requested = parseResourceVersion(query.resourceVersion);
  const sendInitial = query.sendInitialEvents ?? (requested === undefined || requested === 0);

  let stopped = false;
  let closeStream!: () => void;
  const closed = new Promise<void>((resolve) => { closeStream = resolve; });
  let bookmarks: TimerHandle | undefined;
  let timeout: TimerHandle | undefined;
  let lastRevision = 0;
  // Set once the store watch starts; the store may cancel it (compaction) before watch() returns.
  const live: { storeWatch?: Watcher } = {};
  const stop = () => {
    if (stopped) return;
    stopped = true;
    live.storeWatch?.cancel();
    clock.cancel(bookmarks);
    clock.cancel(timeout);
    closeStream();
  };
  const emit = (event: KubeWatchEvent) => { if (!stopped) onEvent(event); };

  let start: number;
  if (sendInitial) {
    const list = await objects.list(info, req.namespace, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector });
    start = Number(list.metadata.resourceVersion);
    for (const item of list.items) emit({ type: 'ADDED', object: withKind(info, item) });
    if (query.sendInitialEvents && query.allowWatchBookmarks)
      emit({ type: 'BOOKMARK', object: bookmark(info, start, { 'k8s.io/initial-events-end': 'true' }) });
  } else {
    start = requested!;
  }
  lastRevision = start;

  const range = collectionRange(info, req.namespace);
  live.storeWatch = objects.store.watch({ ...range, startRevision: start + 1, prevKv: true }, (resp) => {
    if (resp.canceled) {
      const compacted = resp.compactRevision ?? 0;
      emit({ type: 'ERROR', object: tooOldResourceVersion(start, compacted).status as unknown as KubeObject });
      stop();
      return;
    }
    for (const ev of resp.events) {
      const out = translate(info, ev, matches);
      if (out) emit(out);
    }
    lastRevision = resp.header.revision;
  });
  if (query.allowWatchBookmarks)
    bookmarks = clock.every(BOOKMARK_INTERVAL_MS, () => emit({ type: 'BOOKMARK', object: bookmark(info, lastRevision) }));
  if (query.timeoutSeconds && query.timeoutSeconds > 0) timeout = clock.after(query.timeoutSeconds * 1000, stop);
  return { stop, closed };
}

/** One store event as the watch event this watcher sees, or none if it is outside its selection. */
function translate(info: ResourceInfo, ev: WatchEvent, matches: (obj: KubeObject) => boolean): KubeWatchEvent | undefined {
  // decodeAs converts from the storage version to the watched one (conversion.ts).
  const prev = ev.prevKv ? decodeAs(info, ev.prevKv) : undefined;
  if (ev.type === 'DELETE') {
    if (!prev || !matches(prev)) return undefined;
    // A deleted object is reported in its last state, at the revision of its deletion.
    return { type: 'DELETED', object: { ...prev, metadata: { ...prev.metadata, resourceVersion: String(ev.kv.modRevision) } } };
  }
  const cur = decodeAs(info, ev.kv);
  const now = matches(cur);
  const before = prev !== undefined && matches(prev);
  if (now && before) return { type: 'MODIFIED', object: cur };
  if (now) return { type: 'ADDED', object: cur };
  if (before) return { type: 'DELETED', object: cur };
  return undefined;
}

function bookmark(info: ResourceInfo, revision: number, annotations?: Record<string, string>): KubeObject {
  return { kind: info.kind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(revision), ...(annotations ? { annotations } : {}) } };
}
