// How objects sit in the store, as a real apiserver keeps them in etcd:
//   /registry/<prefix>/<namespace>/<name>   (namespaced)
//   /registry/<prefix>/<name>               (cluster-scoped)
// e.g. /registry/pods/default/web, /registry/minions/node-1, /registry/deployments/default/web.
// Values are the object's JSON without metadata.resourceVersion: an object's resourceVersion is
// its key's mod revision, set on the way out (apiserver/pkg/storage/etcd3/store.go).
import type { KeyValue } from '../store/index.ts';
import { prefixEnd } from '../store/index.ts';
import type { ResourceInfo } from './registry.ts';
import type { KubeObject } from './types.ts';
import { badRequest, gone } from './errors.ts';

export const REGISTRY_ROOT = '/registry/';

/** The key of one object. */
export function objectKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${REGISTRY_ROOT}${resourcePrefix(info)}/${namespace}/${name}` : `${REGISTRY_ROOT}${resourcePrefix(info)}/${name}`;
}

function resourcePrefix(info: ResourceInfo): string {
  return info.custom ? `${info.group}/${info.resource}` : info.storagePrefix;
}

/** The key range holding every object of a resource, or of one namespace of it. */
export function collectionRange(info: ResourceInfo, namespace?: string): { key: string; rangeEnd: string } {
  const key = info.namespaced && namespace ? `${REGISTRY_ROOT}${resourcePrefix(info)}/${namespace}/` : `${REGISTRY_ROOT}${resourcePrefix(info)}/`;
  return { key, rangeEnd: prefixEnd(key) };
}

/** Serializes an object for the store (no resourceVersion). */
export function encodeObject(obj: KubeObject): string {
  const { resourceVersion: _rv, ...metadata } = obj.metadata ?? {};
  return JSON.stringify({ ...obj, metadata });
}

/** The object stored at a key, with its resourceVersion. */
export function decodeObject(kv: KeyValue): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata = { ...obj.metadata, resourceVersion: String(kv.modRevision) };
  return obj;
}

/** Parses a resourceVersion parameter: '' and undefined mean "most recent", otherwise a revision. */
export function parseResourceVersion(rv: string | undefined, what = 'resourceVersion'): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) throw badRequest(`invalid ${what}: ${JSON.stringify(rv)}`);
  return Number(rv);
}

// A continue token is what upstream's storage.EncodeContinue makes: base64 of
// {"v":"meta.k8s.io/v1","rv":<list revision>,"start":"<next key, relative to the list prefix>"}.
interface ContinueToken { v: string; rv: number; start: string }

export function encodeContinue(nextKey: string, prefix: string, revision: number): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv: revision, start: nextKey.slice(prefix.length) };
  return base64Url(JSON.stringify(token));
}

export function decodeContinue(token: string, prefix: string): { key: string; revision: number } {
  let parsed: ContinueToken;
  try {
    parsed = JSON.parse(fromBase64Url(token)) as ContinueToken;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (parsed.v !== 'meta.k8s.io/v1') throw badRequest('continue key is not valid: server does not recognize this encoded key');
  if (typeof parsed.start !== 'string' || parsed.start.includes('..') || typeof parsed.rv !== 'number' || parsed.rv <= 0)
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  return { key: prefix + parsed.start, revision: parsed.rv };
}

/** The 410 a list continuation gets when its revision was compacted (apiserver's errors.NewResourceExpired). */
export const continueExpired = () => gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');

/** The 410 a list at a compacted resourceVersion gets. */
export const listTooOld = () => gone('The resourceVersion for the provided list is too old.');

/** The 410 a watch from a compacted resourceVersion gets (as an ERROR event). */
export const tooOldResourceVersion = (requested: number, compacted: number) =>
  gone(`too old resource version: ${requested} (${compacted})`);

function base64Url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}
