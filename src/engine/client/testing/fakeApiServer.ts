// A small in-memory ApiHandler for the client's own tests, until they can also run against the
// real apiserver: objects in Maps, one global revision as resourceVersion, watch replay from a
// revision, compaction (410 Expired), and hooks a test uses to break things on purpose (expire or
// close every watch, fail the next call of a verb). It has none of the apiserver's semantics
// beyond what a reflector observes; it is not a model of the apiserver.
import type { ApiHandler, ApiRequest, ApiResponse, KubeList, KubeObject, KubeWatchEvent, WatchHandle } from '../../api/index.ts';
import { alreadyExists, badRequest, conflict, gone, notFound, OptimisticLockErrorMsg } from '../../api/index.ts';

interface Change { revision: number; collection: string; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }

interface Watcher {
  req: ApiRequest;
  onEvent: (event: KubeWatchEvent) => void;
  close: () => void;
}

export interface FakeApiServer extends ApiHandler {
  /** The latest revision (the resourceVersion of the newest write). */
  readonly revision: number;
  /** Forgets history up to now: watches from an older resourceVersion get 410 Expired. */
  compact(): void;
  /** Sends each open watch an ERROR 410 Expired event and closes it (a watch cache dropping its clients). */
  expireWatches(): void;
  /** Closes every open watch without an error (a server-side timeout). */
  closeWatches(): void;
  /** Sends a BOOKMARK at the current revision to watches that allow bookmarks. */
  bookmark(): void;
  /** Makes the next `count` requests with this verb fail with `error`. */
  failNext(verb: ApiRequest['verb'], error: unknown, count?: number): void;
  /** Every request received, in order (watches included). */
  readonly requests: ApiRequest[];
  readonly openWatches: number;
}

const collectionOf = (r: { group: string; version: string; resource: string }) => `${r.group}/${r.version}/${r.resource}`;
const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

// Label selectors as far as these tests need them: `a=b`, `a==b`, `a!=b`, `a`, `!a`, comma-joined.
function matchesLabels(selector: string | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const t = term.trim();
    const ne = t.split('!=');
    if (ne.length === 2) return labels[ne[0]!] !== ne[1];
    const eq = t.split(/==?/);
    if (eq.length === 2) return labels[eq[0]!] === eq[1];
    return t.startsWith('!') ? !(t.slice(1) in labels) : t in labels;
  });
}

function matches(req: ApiRequest, obj: KubeObject): boolean {
  if (req.namespace && obj.metadata?.namespace !== req.namespace) return false;
  const field = req.query?.fieldSelector;
  if (field) {
    for (const term of field.split(',')) {
      const [path, value] = term.split('=');
      const actual = path === 'metadata.name' ? obj.metadata?.name : path === 'metadata.namespace' ? obj.metadata?.namespace : undefined;
      if (actual !== value) return false;
    }
  }
  return matchesLabels(req.query?.labelSelector, obj.metadata?.labels);
}

/** A fresh fake apiserver with no objects, at revision 1. */
export function createFakeApiServer(): FakeApiServer {
  const collections = new Map<string, Map<string, KubeObject>>();
  const history: Change[] = [];
  const watchers = new Set<Watcher>();
  const failures: { verb: ApiRequest['verb']; error: unknown }[] = [];
  const requests: ApiRequest[] = [];
  let revision = 1;
  let compacted = 0;
  let uid = 0;

  const collection = (req: ApiRequest) => {
    const name = collectionOf(req);
    let c = collections.get(name);
    if (!c) collections.set(name, (c = new Map()));
    return c;
  };
  const gr = (req: ApiRequest) => ({ group: req.group, resource: req.resource });

  function record(req: ApiRequest, type: Change['type'], object: KubeObject) {
    const change: Change = { revision, collection: collectionOf(req), type, object: structuredClone(object) };
    history.push(change);
    for (const w of watchers) if (collectionOf(w.req) === change.collection && matches(w.req, object)) w.onEvent(structuredClone({ type, object }));
  }

  function write(req: ApiRequest, obj: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    revision++;
    const stored: KubeObject = structuredClone(obj);
    stored.metadata = { ...stored.metadata, resourceVersion: String(revision) };
    collection(req).set(objectKey(stored.metadata.namespace, stored.metadata.name ?? ''), stored);
    record(req, type, stored);
    return structuredClone(stored);
  }

  function takeFailure(verb: ApiRequest['verb']) {
    const i = failures.findIndex((f) => f.verb === verb);
    if (i >= 0) throw failures.splice(i, 1)[0]!.error;
  }

  function list(req: ApiRequest): KubeList {
    const all = [...collection(req).entries()].filter(([, o]) => matches(req, o)).sort(([a], [b]) => (a < b ? -1 : 1));
    let listRevision = revision;
    let start = 0;
    if (req.query?.continue) {
      const token = JSON.parse(req.query.continue) as { rv: number; after: string };
      if (token.rv < compacted) throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
      listRevision = token.rv;
      start = all.findIndex(([k]) => k > token.after);
      if (start < 0) start = all.length;
    }
    const limit = req.query?.limit || all.length;
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return {
      apiVersion: req.group ? `${req.group}/${req.version}` : req.version, kind: 'List',
      metadata: { resourceVersion: String(listRevision), ...(more ? { continue: JSON.stringify({ rv: listRevision, after: page.at(-1)![0] }) } : {}) },
      items: page.map(([, o]) => structuredClone(o)),
    };
  }

  async function handle(req: ApiRequest): Promise<ApiResponse> {
    requests.push(structuredClone(req));
    takeFailure(req.verb);
    const body = req.body as KubeObject | undefined;
    const c = collection(req);
    const name = req.name ?? body?.metadata?.name ?? '';
    const key = objectKey(req.namespace, name);
    switch (req.verb) {
      case 'get': {
        const obj = c.get(key);
        if (!obj) throw notFound(gr(req), name);
        return { code: 200, body: structuredClone(obj) };
      }
      case 'list':
        return { code: 200, body: list(req) };
      case 'create': {
        if (c.has(key)) throw alreadyExists(gr(req), name);
        const meta = { ...body?.metadata, ...(req.namespace ? { namespace: req.namespace } : {}), uid: `uid-${++uid}` };
        return { code: 201, body: write(req, { ...body, metadata: meta }, 'ADDED') };
      }
      case 'update': {
        const old = c.get(key);
        if (!old) throw notFound(gr(req), name);
        const rv = body?.metadata?.resourceVersion;
        if (rv && rv !== old.metadata?.resourceVersion) throw conflict(gr(req), name, OptimisticLockErrorMsg);
        const next = req.subresource === 'status' ? { ...old, status: body?.status } : { ...body, status: old.status };
        return { code: 200, body: write(req, next, 'MODIFIED') };
      }
      case 'patch': {
        const old = c.get(key);
        if (!old) throw notFound(gr(req), name);
        if (req.patchType !== 'application/merge-patch+json') throw badRequest(`fake apiserver: unsupported patch type ${req.patchType}`);
        const patch = req.body as KubeObject;
        const next = { ...old, ...patch, metadata: { ...old.metadata, ...patch.metadata, labels: { ...old.metadata?.labels, ...patch.metadata?.labels } } };
        return { code: 200, body: write(req, next, 'MODIFIED') };
      }
      case 'delete': {
        const old = c.get(key);
        if (!old) throw notFound(gr(req), name);
        c.delete(key);
        revision++;
        const last = { ...old, metadata: { ...old.metadata, resourceVersion: String(revision) } };
        record(req, 'DELETED', last);
        return { code: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: req.resource, uid: old.metadata?.uid } } };
      }
      default:
        throw badRequest(`fake apiserver: verb ${req.verb} not supported`);
    }
  }

  async function watch(req: ApiRequest, onEvent: (event: KubeWatchEvent) => void): Promise<WatchHandle> {
    requests.push(structuredClone(req));
    takeFailure('watch');
    const from = Number(req.query?.resourceVersion ?? revision);
    if (from < compacted) throw gone(`too old resource version: ${from} (${compacted})`);
    let close!: () => void;
    const closed = new Promise<void>((resolve) => (close = resolve));
    const watcher: Watcher = { req, onEvent, close: () => { watchers.delete(watcher); close(); } };
    for (const change of history) {
      if (change.revision > from && change.collection === collectionOf(req) && matches(req, change.object)) {
        onEvent(structuredClone({ type: change.type, object: change.object }));
      }
    }
    watchers.add(watcher);
    return { stop: () => watcher.close(), closed };
  }

  return {
    handle,
    watch,
    get revision() { return revision; },
    compact() {
      compacted = revision;
      history.length = 0;
    },
    expireWatches() {
      for (const w of [...watchers]) {
        w.onEvent({ type: 'ERROR', object: { ...gone(`too old resource version: ${w.req.query?.resourceVersion} (${revision})`).status } });
        w.close();
      }
    },
    closeWatches() {
      for (const w of [...watchers]) w.close();
    },
    bookmark() {
      for (const w of watchers) {
        if (w.req.query?.allowWatchBookmarks) w.onEvent({ type: 'BOOKMARK', object: { kind: 'Bookmark', metadata: { resourceVersion: String(revision) } } });
      }
    },
    failNext(verb, error, count = 1) {
      for (let i = 0; i < count; i++) failures.push({ verb, error });
    },
    requests,
    get openWatches() { return watchers.size; },
  };
}
