// Objects over the etcd-shaped store: reads with resourceVersion semantics, paginated lists,
// and compare-and-swap writes — the part of apiserver/pkg/storage/etcd3/store.go we need.
import type { Store } from '../store/index.ts';
import { isStoreError } from '../store/index.ts';
import { conflict, notFound, OptimisticLockErrorMsg, alreadyExists, plainFailure, internal } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import type { RequestQuery } from './request.ts';
import { compileListFilter } from './selection.ts';
import { fromStorage, toStorage } from './conversion.ts';
import {
  collectionRange, continueExpired, decodeContinue, decodeObject, encodeContinue, encodeObject,
  listTooOld, objectKey, parseResourceVersion,
} from './storage.ts';
import type { KubeList, KubeObject } from './types.ts';

/** An object as read, with the revision it was read at. */
export interface Stored {
  object: KubeObject;
  modRevision: number;
}

export class ObjectStore {
  constructor(readonly store: Store) {}

  async find(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return (await this.read(info, namespace, name))?.object;
  }

  async read(info: ResourceInfo, namespace: string | undefined, name: string): Promise<Stored | undefined> {
    const resp = await this.store.range({ key: objectKey(info, namespace, name) });
    const kv = resp.kvs[0];
    return kv ? { object: decodeAs(info, kv), modRevision: kv.modRevision } : undefined;
  }

  async get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject> {
    const found = await this.find(info, namespace, name);
    if (!found) throw notFound(info, name);
    return found;
  }

  /**
   * A list as upstream's GetList: resourceVersion unset → the latest state; "0" → any state
   * (we serve the latest); N with resourceVersionMatch=Exact → the state at N. `limit` pages
   * through the store; selectors filter after the page is read, as with etcd (so a page may
   * hold fewer items than the limit while `continue` still points further).
   */
  async list(info: ResourceInfo, namespace: string | undefined, query: RequestQuery): Promise<KubeList> {
    const { key: prefix, rangeEnd } = collectionRange(info, namespace);
    const filter = compileListFilter(info, query);
    const limit = query.limit && query.limit > 0 ? query.limit : 0;
    let start = prefix;
    let revision = 0;
    if (query.continue) {
      const token = decodeContinue(query.continue, prefix);
      start = token.key;
      revision = token.revision;
    } else if (query.resourceVersionMatch === 'Exact') {
      revision = parseResourceVersion(query.resourceVersion) ?? 0;
    }
    const items: KubeObject[] = [];
    let listRevision = revision;
    let next: string | undefined;
    let remaining = 0;
    // Read pages until the limit is filled with matching items or the range is exhausted.
    for (;;) {
      const resp = await this.rangeAt({ key: start, rangeEnd, limit: limit ? limit - items.length : 0, revision }, query.continue !== undefined);
      if (!listRevision) listRevision = resp.header.revision;
      revision = listRevision;
      for (const kv of resp.kvs) {
        const obj = decodeAs(info, kv);
        if (filter(obj)) items.push(listItem(info, obj));
      }
      const last = resp.kvs[resp.kvs.length - 1];
      if (!resp.more || !last) break;
      next = last.key + '\0';
      remaining = resp.count - resp.kvs.length;
      if (items.length >= limit) break;
      start = next;
      next = undefined;
    }
    const metadata: KubeList['metadata'] = { resourceVersion: String(listRevision) };
    if (next) {
      metadata.continue = encodeContinue(next, prefix, listRevision);
      if (!query.labelSelector && !query.fieldSelector) metadata.remainingItemCount = remaining;
    }
    return { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata, items };
  }

  private async rangeAt(req: { key: string; rangeEnd: string; limit: number; revision: number }, continuing: boolean) {
    try {
      return await this.store.range(req);
    } catch (e) {
      if (isStoreError(e, 'ErrCompacted')) throw continuing ? continueExpired() : listTooOld();
      if (isStoreError(e, 'ErrFutureRev'))
        throw plainFailure(504, `Timeout: Too large resource version: ${req.revision}, current: ${await this.currentRevision()}`);
      throw e;
    }
  }

  async currentRevision(): Promise<number> {
    return (await this.store.range({ key: '/registry/', countOnly: true })).header.revision;
  }

  /** Creates an object; AlreadyExists when the key is taken. Returns it with its resourceVersion. */
  async create(info: ResourceInfo, obj: KubeObject): Promise<KubeObject> {
    const key = objectKey(info, obj.metadata?.namespace, obj.metadata!.name!);
    const resp = await this.write(() => this.store.txn({
      compare: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
      // Stored at the storage version (conversion.ts); the caller gets back the version it wrote.
      success: [{ requestPut: { key, value: encodeObject(toStorage(info, obj)) } }],
    }));
    if (!resp.succeeded) throw alreadyExists(info, obj.metadata!.name!);
    return withRevision(obj, resp.header.revision);
  }

  /** Replaces an object if it is still at `modRevision`; Conflict otherwise. */
  async update(info: ResourceInfo, obj: KubeObject, modRevision: number): Promise<KubeObject> {
    const name = obj.metadata!.name!;
    const key = objectKey(info, obj.metadata?.namespace, name);
    const resp = await this.write(() => this.store.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', modRevision }],
      // Stored at the storage version (conversion.ts); the caller gets back the version it wrote.
      success: [{ requestPut: { key, value: encodeObject(toStorage(info, obj)) } }],
    }));
    if (!resp.succeeded) throw conflict(info, name, OptimisticLockErrorMsg);
    return withRevision(obj, resp.header.revision);
  }

  /** Deletes an object if it is still at `modRevision`; Conflict otherwise. */
  async remove(info: ResourceInfo, obj: KubeObject, modRevision: number): Promise<number> {
    const name = obj.metadata!.name!;
    const key = objectKey(info, obj.metadata?.namespace, name);
    const resp = await this.write(() => this.store.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', modRevision }],
      success: [{ requestDeleteRange: { key } }],
    }));
    if (!resp.succeeded) throw conflict(info, name, OptimisticLockErrorMsg);
    return resp.header.revision;
  }

  // Store failures become the Status the apiserver reports for them.
  private async write<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (isStoreError(e, 'ErrRequestTooLarge')) throw plainFailure(500, 'etcdserver: request is too large');
      if (isStoreError(e)) throw internal(e.message);
      throw e;
    }
  }
}

export const apiVersionOf = (info: Pick<ResourceInfo, 'group' | 'version'>) => (info.group ? `${info.group}/${info.version}` : info.version);

/** A stored value as `info`'s version serves it: converted from the storage version (conversion.ts), with its TypeMeta. */
export const decodeAs = (info: ResourceInfo, kv: Parameters<typeof decodeObject>[0]): KubeObject => withKind(info, fromStorage(info, decodeObject(kv)));

/** Objects read back carry the kind and apiVersion of the version they were asked at (TypeMeta first, as Go encodes it). */
export function withKind(info: ResourceInfo, obj: KubeObject): KubeObject {
  const { kind: _k, apiVersion: _v, ...rest } = obj;
  return { kind: info.kind, apiVersion: apiVersionOf(info), ...rest };
}

// Items of a built-in list carry no TypeMeta in a real response (only custom resources keep it).
function listItem(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (info.custom) return obj;
  const { kind: _k, apiVersion: _v, ...rest } = obj;
  return rest;
}

function withRevision(obj: KubeObject, revision: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}

