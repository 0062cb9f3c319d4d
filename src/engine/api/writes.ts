// The write paths of the generic registry (apiserver/pkg/registry/generic/registry/store.go
// Create, Update, Delete and rest.BeforeCreate/BeforeUpdate): decode, default, prepare,
// admit, validate, then compare-and-swap into the store.
import type { Clock } from '../clock/index.ts';
import type { AdmissionAttributes, AdmissionPlugin, ApiReader, Operation } from './admission.ts';
import { badRequest, conflict, invalid, isConflict, notFound, OptimisticLockErrorMsg } from './errors.ts';
import { apiVersionOf, type ObjectStore } from './objectstore.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './request.ts';
import { strategyFor, type StrategyContext } from './strategy.ts';
import type { KubeObject, ObjectMeta } from './types.ts';
import { decodeBody } from './decoding.ts';
import { applyPatch } from './patching.ts';
import { deleteObject, deleteCollection } from './deletes.ts';
import { validateCommon } from './validate.ts';
import { rfc3339 } from './time.ts';
import { applyServerSide, fieldManagerContext, zeroFor } from './apply/apply.ts';
import { managerOf, recordUpdate } from './apply/managedfields.ts';

export interface WritesOptions {
  objects: ObjectStore;
  clock: Clock;
  admission: AdmissionPlugin[];
  reader: ApiReader;
}

const APPLY_PATCH = 'application/apply-patch+yaml';

// names.SimpleNameGenerator: 5 characters from an alphabet without vowels and look-alikes.
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_BASE = 58;

export class Writes {
  constructor(readonly o: WritesOptions) {}

  async create(info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
    const { object: obj, warnings } = decodeBody(info, req);
    const meta = (obj.metadata ??= {});
    if (info.namespaced) {
      if (meta.namespace && req.namespace && meta.namespace !== req.namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = req.namespace ?? meta.namespace;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = this.generateName(meta.generateName);
    const ctx = this.context(info, req, user);
    const strategy = strategyFor(info);
    strategy.default?.(obj, ctx);
    await strategy.allocate?.(obj, ctx);
    // Server-side apply: a create records its fields under its manager (as upstream's create
    // handler, after decoding and defaulting); an apply-create brings its managedFields along.
    if (req.patchType !== APPLY_PATCH) recordUpdate(zeroFor(info), obj, managerOf(req.query?.fieldManager, req.userAgent), fieldManagerContext(info, undefined, rfc3339(this.o.clock.now())));
    prepareMetaForCreate(meta, this.o.clock);
    if (strategy.tracksGeneration) meta.generation = 1;
    // PrepareForCreate drops a new object's status, except a Node's: nodes allow every field on
    // create (pkg/registry/core/node/strategy.go), so a kubelet registers with its status.
    if (info.subresources.some((s) => s.name === 'status') && !info.custom && !(info.group === '' && info.resource === 'nodes')) delete obj.status;
    strategy.prepareForCreate?.(obj, ctx);
    await this.admit('CREATE', info, req, user, obj);
    const errs = [...validateCommon(info, obj), ...(strategy.validate?.(obj, ctx) ?? [])];
    if (errs.length) throw invalid(info, meta.name ?? '', errs);
    await this.validateAdmission('CREATE', info, req, user, obj);
    const created = req.query?.dryRun === 'All' ? obj : await this.o.objects.create(info, obj);
    return { code: 201, body: created, warnings: [...warnings, ...(strategy.warnings?.(obj, undefined) ?? [])] };
  }

  async update(info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
    const { object: obj, warnings } = decodeBody(info, req);
    return this.updateWith(info, req, user, () => obj, warnings, true);
  }

  async patch(info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
    return this.updateWith(info, req, user, (current) => applyPatch(info, req, current, rfc3339(this.o.clock.now())), [], false);
  }

  /**
   * GuaranteedUpdate: read, compute the new object from the current one, write if still
   * current. A write that names a resourceVersion fails on conflict; one that does not
   * (patches, unconditional updates) is retried against the fresh object.
   */
  private async updateWith(info: ResourceInfo, req: ApiRequest, user: UserInfo,
    next: (current: KubeObject) => KubeObject, warnings: string[], isUpdate: boolean): Promise<ApiResponse> {
    const name = req.name!;
    const strategy = strategyFor(info);
    for (let attempt = 0; ; attempt++) {
      const stored = await this.o.objects.read(info, req.namespace, name);
      if (!stored) {
        if (isUpdate && strategy.allowCreateOnUpdate) return this.create(info, req, user);
        // Server-side apply of a missing object creates it (patch.go applyPatcher.createNewObject).
        if (req.patchType === APPLY_PATCH) {
          const created = applyServerSide({ info, req, current: undefined, ctx: fieldManagerContext(info, req.subresource, rfc3339(this.o.clock.now())) });
          return this.create(info, { ...req, body: created, rawBody: undefined }, user);
        }
        throw notFound(info, name);
      }
      const old = stored.object;
      const obj = next(structuredClone(old));
      const meta = (obj.metadata ??= {});
      if (meta.name !== undefined && meta.name !== name)
        throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
      const requestedRv = meta.resourceVersion;
      if (requestedRv && requestedRv !== old.metadata?.resourceVersion) throw conflict(info, name, OptimisticLockErrorMsg);
      const ctx = this.context(info, req, user);
      strategy.default?.(obj, ctx);
      this.prepareForUpdate(info, req, obj, old, strategy.tracksGeneration === true);
      strategy.prepareForUpdate?.(obj, old, ctx);
      // Server-side apply: every other write records the fields it changed (apply did already).
      if (req.patchType !== APPLY_PATCH)
        recordUpdate(old, obj, managerOf(req.query?.fieldManager, req.userAgent), fieldManagerContext(info, req.subresource, rfc3339(this.o.clock.now())));
      await this.admit('UPDATE', info, req, user, obj, old);
      const errs = [...validateCommon(info, obj, old), ...(strategy.validateUpdate?.(obj, old, ctx) ?? [])];
      if (errs.length) throw invalid(info, name, errs);
      await this.validateAdmission('UPDATE', info, req, user, obj, old);
      const allWarnings = [...warnings, ...(strategy.warnings?.(obj, old) ?? [])];
      if (sameObject(obj, old) || req.query?.dryRun === 'All') return { code: 200, body: req.query?.dryRun === 'All' ? obj : old, warnings: allWarnings };
      try {
        // An update that empties the finalizers of an object already marked for deletion (and
        // past its grace period) completes the deletion (store.go shouldDeleteDuringUpdate).
        if (meta.deletionTimestamp && !meta.finalizers?.length && !meta.deletionGracePeriodSeconds) {
          await this.o.objects.remove(info, old, stored.modRevision);
          return { code: 200, body: obj, warnings: allWarnings };
        }
        const written = await this.o.objects.update(info, obj, stored.modRevision);
        return { code: 200, body: written, warnings: allWarnings };
      } catch (e) {
        // Only a lost compare-and-swap is retried, and only when no resourceVersion was named.
        if (requestedRv || attempt >= 5 || !isConflict(e)) throw e;
      }
    }
  }

  async delete(info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
    await this.admit('DELETE', info, req, user);
    return deleteObject(this.o.objects, this.o.clock, info, req);
  }

  async deleteCollection(info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
    await this.admit('DELETE', info, req, user);
    return deleteCollection(this.o.objects, this.o.clock, info, req);
  }

  // rest.BeforeUpdate: identity fields never change; status and spec are each written only
  // through their own endpoint; generation follows spec changes.
  private prepareForUpdate(info: ResourceInfo, req: ApiRequest, obj: KubeObject, old: KubeObject, tracksGeneration: boolean) {
    const meta = obj.metadata!;
    const oldMeta = old.metadata!;
    meta.name = oldMeta.name;
    if (info.namespaced) meta.namespace = oldMeta.namespace;
    else delete meta.namespace;
    meta.uid = oldMeta.uid;
    meta.creationTimestamp = oldMeta.creationTimestamp;
    setOrDelete(meta, 'deletionTimestamp', oldMeta.deletionTimestamp);
    setOrDelete(meta, 'deletionGracePeriodSeconds', oldMeta.deletionGracePeriodSeconds);
    setOrDelete(meta, 'generation', oldMeta.generation);
    meta.resourceVersion = oldMeta.resourceVersion;
    const hasStatus = info.subresources.some((s) => s.name === 'status');
    if (req.subresource === 'finalize') {
      // namespaces/{name}/finalize writes spec.finalizers and nothing else.
      const finalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers;
      for (const k of Object.keys(obj)) delete obj[k];
      Object.assign(obj, structuredClone(old), { spec: { ...(old.spec as object), finalizers: finalizers ?? [] } });
    } else if (req.subresource === 'status') {
      for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata' && k !== 'kind' && k !== 'apiVersion') delete obj[k];
      for (const [k, v] of Object.entries(old)) if (k !== 'status' && k !== 'metadata') obj[k] = v;
      obj.metadata = { ...oldMeta, ...pick(meta, ['resourceVersion']) };
    } else if (hasStatus) {
      setOrDelete(obj, 'status', old.status);
    }
    if (tracksGeneration && req.subresource !== 'status' && specChanged(obj, old)) meta.generation = (oldMeta.generation ?? 0) + 1;
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
  }

  private generateName(base: string): string {
    const prefix = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += this.o.clock.rng.pick([...NAME_ALPHABET]);
    return prefix + suffix;
  }

  private context(info: ResourceInfo, req: ApiRequest, user?: UserInfo): StrategyContext {
    return { info, clock: this.o.clock, reader: this.o.reader, ...(req.subresource ? { subresource: req.subresource } : {}), ...(user ? { user } : {}) };
  }

  private attrs(op: Operation, info: ResourceInfo, req: ApiRequest, user: UserInfo, obj?: KubeObject, old?: KubeObject): AdmissionAttributes {
    return {
      operation: op, info, subresource: req.subresource, namespace: info.namespaced ? req.namespace : undefined,
      name: req.name ?? obj?.metadata?.name ?? '', object: obj, oldObject: old, user, dryRun: req.query?.dryRun === 'All', reader: this.o.reader,
    };
  }

  private async admit(op: Operation, info: ResourceInfo, req: ApiRequest, user: UserInfo, obj?: KubeObject, old?: KubeObject) {
    const attrs = this.attrs(op, info, req, user, obj, old);
    for (const plugin of this.o.admission) await plugin.admit?.(attrs);
  }

  private async validateAdmission(op: Operation, info: ResourceInfo, req: ApiRequest, user: UserInfo, obj?: KubeObject, old?: KubeObject) {
    const attrs = this.attrs(op, info, req, user, obj, old);
    for (const plugin of this.o.admission) await plugin.validate?.(attrs);
  }
}

/** Sets what a new object's metadata must carry (rest.FillObjectMetaSystemFields). */
function prepareMetaForCreate(meta: ObjectMeta, clock: Clock) {
  meta.uid = uuid(clock);
  meta.creationTimestamp = rfc3339(clock.now());
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.generation;
}

/** A version-4 UUID from the seeded RNG. */
export function uuid(clock: Clock): string {
  const h = clock.rng.hex(32);
  const variant = '89ab'[clock.rng.int(4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = ({ metadata: _m, status: _s, kind: _k, apiVersion: _v, ...rest }: KubeObject) => rest;
  return JSON.stringify(canonical(strip(a))) !== JSON.stringify(canonical(strip(b)));
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A value with object keys sorted, so that JSON text compares structure, not key order. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

function setOrDelete<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined) {
  if (v === undefined) delete o[k];
  else o[k] = v;
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<T>;
}
