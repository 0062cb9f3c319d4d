// Small object helpers every component needs: keys, copies, owners, API versions, ages.
// Models client-go tools/cache/store.go (MetaNamespaceKeyFunc, SplitMetaNamespaceKey),
// apimachinery pkg/apis/meta/v1/controller_ref.go (GetControllerOf, IsControlledBy),
// pkg/runtime/schema/group_version.go (ParseGroupVersion) and pkg/util/duration/duration.go.
import type { KubeObject, OwnerReference } from './types.ts';
import type { Parsed } from './labels.ts';

/** `namespace/name`, or `name` for cluster-scoped objects: the key informers and work queues use. */
export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

// Models store.go SplitMetaNamespaceKey.
export function splitKey(key: string): Parsed<{ namespace: string; name: string }> {
  const parts = key.split('/');
  if (parts.length === 1) return { ok: true, value: { namespace: '', name: key } };
  if (parts.length === 2) return { ok: true, value: { namespace: parts[0]!, name: parts[1]! } };
  return { ok: false, message: `unexpected key format: ${JSON.stringify(key)}` };
}

/**
 * A deep copy of a JSON-shaped object. Keys such as `__proto__` are copied as plain own data
 * properties, so a hostile object cannot reach Object.prototype through a copy; anything that is
 * not JSON (functions, undefined) is dropped, as JSON would.
 */
export function deepCopy<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
  if (Array.isArray(v)) return v.map((x) => copyValue(x) ?? null);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const c = copyValue((v as Record<string, unknown>)[k]);
    if (c === undefined) continue;
    // defineProperty never invokes the __proto__ setter.
    Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// Models controller_ref.go GetControllerOf: the one owner reference with controller: true.
export const controllerOf = (obj: KubeObject): OwnerReference | undefined =>
  obj.metadata?.ownerReferences?.find((r) => r.controller === true);

/** Whether `obj` lists `owner` (by uid) among its owner references. */
export const isOwnedBy = (obj: KubeObject, owner: KubeObject): boolean =>
  !!owner.metadata?.uid && (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === owner.metadata?.uid);

// Models controller_ref.go IsControlledBy.
export const isControlledBy = (obj: KubeObject, owner: KubeObject): boolean =>
  !!owner.metadata?.uid && controllerOf(obj)?.uid === owner.metadata.uid;

// Models group_version.go ParseGroupVersion: `v1` → core group, `apps/v1`; more slashes are an error.
export function parseApiVersion(apiVersion: string): Parsed<{ group: string; version: string }> {
  if (apiVersion === '' || apiVersion === '/') return { ok: true, value: { group: '', version: '' } };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { ok: true, value: { group: '', version: apiVersion } };
  if (parts.length === 2) return { ok: true, value: { group: parts[0]!, version: parts[1]! } };
  return { ok: false, message: `unexpected GroupVersion string: ${apiVersion}` };
}

const SECOND = 1000, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE;

// Models duration.go HumanDuration: the AGE column. All divisions truncate.
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// Models duration.go ShortHumanDuration: one unit only.
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

// Models printers.go translateTimestampSince: an object's age at `nowMs` (from the injected clock).
export function translateTimestampSince(timestamp: string | undefined, nowMs: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(nowMs - t);
}
