// Deletion as the generic registry does it (store.go Delete, BeforeDelete, deletionFinalizers):
// preconditions, graceful deletion, the garbage collector's finalizers for Foreground and
// Orphan propagation, and the object or Status the delete answers with.
import type { Clock } from '../clock/index.ts';
import { badRequest, conflict, isConflict, notFound } from './errors.ts';
import type { ObjectStore } from './objectstore.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import { strategyFor } from './strategy.ts';
import type { KubeObject } from './types.ts';
import { rfc3339 } from './time.ts';

/** metav1.DeleteOptions, as a delete's body may carry it. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

function optionsOf(req: ApiRequest): DeleteOptions {
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as DeleteOptions;
  const q = req.query ?? {};
  const opts: DeleteOptions = { ...body };
  if (q.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = q.gracePeriodSeconds;
  if (q.propagationPolicy !== undefined) opts.propagationPolicy = q.propagationPolicy;
  if (opts.orphanDependents !== undefined && opts.propagationPolicy !== undefined)
    throw badRequest('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "' + opts.propagationPolicy + '": orphanDependents and deletionPropagation cannot be both set');
  if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0) opts.gracePeriodSeconds = 1;
  return opts;
}

export async function deleteObject(objects: ObjectStore, clock: Clock, info: ResourceInfo, req: ApiRequest): Promise<ApiResponse> {
  const name = req.name!;
  const opts = optionsOf(req);
  const dryRun = req.query?.dryRun === 'All';
  for (let attempt = 0; ; attempt++) {
    const stored = await objects.read(info, req.namespace, name);
    if (!stored) throw notFound(info, name);
    const obj = structuredClone(stored.object);
    checkPreconditions(info, obj, opts);
    const pending = markForDeletion(info, obj, opts, clock);
    try {
      if (pending) {
        const written = dryRun ? obj : await objects.update(info, obj, stored.modRevision);
        return { code: 200, body: written };
      }
      if (!dryRun) await objects.remove(info, stored.object, stored.modRevision);
      return { code: 200, body: deletedResponse(info, stored.object) };
    } catch (e) {
      if (opts.preconditions?.resourceVersion || attempt >= 5 || !isConflict(e)) throw e;
    }
  }
}

export async function deleteCollection(objects: ObjectStore, clock: Clock, info: ResourceInfo, req: ApiRequest): Promise<ApiResponse> {
  const list = await objects.list(info, req.namespace, { labelSelector: req.query?.labelSelector, fieldSelector: req.query?.fieldSelector });
  const items: KubeObject[] = [];
  for (const item of list.items) {
    try {
      const resp = await deleteObject(objects, clock, info, { ...req, verb: 'delete', name: item.metadata!.name!, namespace: item.metadata!.namespace });
      items.push(resp.body as KubeObject);
    } catch (e) {
      if (!(e instanceof Error && 'status' in e && (e as { status: { code: number } }).status.code === 404)) throw e;
    }
  }
  return { code: 200, body: { ...list, items } };
}

function checkPreconditions(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions) {
  const p = opts.preconditions;
  if (p?.uid && p.uid !== obj.metadata?.uid)
    throw conflict(info, obj.metadata!.name!, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata?.uid}`);
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata?.resourceVersion)
    throw conflict(info, obj.metadata!.name!, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata?.resourceVersion}`);
}

/**
 * Updates `obj` in place for a deletion that must wait (grace period or finalizers) and
 * returns true; returns false when the object can go now.
 */
function markForDeletion(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions, clock: Clock): boolean {
  const meta = obj.metadata!;
  const strategy = strategyFor(info);
  const policy = opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : opts.orphanDependents === false ? 'Background' : strategy.defaultPropagationPolicy ?? 'Background');
  const finalizers = new Set(meta.finalizers ?? []);
  // Deletion finalizers (store.go deletionFinalizersForGarbageCollection): the GC removes
  // dependents first (Foreground) or frees them (Orphan) before the owner goes.
  if (policy === 'Foreground') { finalizers.add(FOREGROUND_FINALIZER); finalizers.delete(ORPHAN_FINALIZER); }
  if (policy === 'Orphan') { finalizers.add(ORPHAN_FINALIZER); finalizers.delete(FOREGROUND_FINALIZER); }
  if (policy === 'Background') { finalizers.delete(ORPHAN_FINALIZER); finalizers.delete(FOREGROUND_FINALIZER); }
  const grace = strategy.gracePeriodSeconds?.(obj, opts.gracePeriodSeconds) ?? 0;
  const alreadyDeleting = meta.deletionTimestamp !== undefined;
  if (info.group === '' && info.resource === 'namespaces' && markNamespaceTerminating(obj, clock)) return true;
  if (finalizers.size === 0 && grace === 0) return false;
  if (finalizers.size) meta.finalizers = [...finalizers];
  else delete meta.finalizers;
  const graceNow = alreadyDeleting ? Math.min(grace, meta.deletionGracePeriodSeconds ?? grace) : grace;
  if (!alreadyDeleting || graceNow < (meta.deletionGracePeriodSeconds ?? 0)) {
    meta.deletionTimestamp = rfc3339(clock.now() + graceNow * 1000);
    meta.deletionGracePeriodSeconds = graceNow;
  }
  return true;
}

/**
 * A namespace with spec.finalizers left is not deleted but marked Terminating; the namespace
 * controller empties it and finalizes it (pkg/registry/core/namespace/storage/storage.go Delete).
 */
function markNamespaceTerminating(ns: KubeObject, clock: Clock): boolean {
  const spec = ns.spec as { finalizers?: string[] } | undefined;
  if (!spec?.finalizers?.length) return false;
  ns.metadata!.deletionTimestamp ??= rfc3339(clock.now());
  ns.metadata!.deletionGracePeriodSeconds ??= 0;
  ns.status = { ...(ns.status as object | undefined), phase: 'Terminating' };
  return true;
}

/** What a completed delete answers: the object, or a Success Status naming it. */
function deletedResponse(info: ResourceInfo, obj: KubeObject): unknown {
  if (strategyFor(info).returnDeletedObject) return obj;
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: obj.metadata?.name, ...(info.group ? { group: info.group } : {}), kind: info.resource, uid: obj.metadata?.uid },
  };
}
