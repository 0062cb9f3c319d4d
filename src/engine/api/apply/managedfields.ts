// metadata.managedFields: who owns which fields of an object. Every write records the fields
// it changed under its field manager (operation Update); an apply records the fields its
// configuration sets (operation Apply). Ownership moves: a field one manager changes is no
// longer owned by the others.
// Models k8s.io/apimachinery/pkg/util/managedfields/internal: managedfields.go (decode, encode,
// sortEncodedManagedFields, BuildManagerIdentifier), fieldmanager.go (decodeLiveOrNew,
// isResetManagedFields), managedfieldsupdater.go, stripmeta.go; and structured-merge-diff
// merge/update.go (Updater.update, Updater.Update).
import { deepCopy, type JsonObject, type JsonValue } from '../patch/value.ts';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { FieldSet, type Path } from './fieldpath.ts';
import { compare, type Comparison } from './typed.ts';
import type { TypeRef } from './schematype.ts';

/** One manager's ownership, keyed in Managed by its identity (manager, operation, subresource, and an Update's apiVersion). */
export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Every manager's entry, by identity. */
export type Managed = Map<string, ManagerEntry>;

/** What the field manager needs to know about the request. */
export interface FieldManagerContext {
  /** The kind's root schema. */
  type: TypeRef;
  /** The request's apiVersion, e.g. `apps/v1`. */
  apiVersion: string;
  /** `status` for status writes; absent for the main resource. */
  subresource?: string;
  /** Fields this endpoint does not write (the strategy's reset fields): never owned through it. */
  resetFields: FieldSet;
  /** The request time, RFC 3339. */
  now: string;
}

/** BuildManagerIdentifier: an Apply entry is the same whatever its apiVersion. */
export function identityOf(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Update' ? e.apiVersion : '', e.subresource ?? '']);
}

/** Reads managedFields; undefined if any entry is malformed (upstream then starts afresh). */
export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Managed | undefined {
  const out: Managed = new Map();
  for (const e of entries ?? []) {
    if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined;
    if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') return undefined;
    const set = FieldSet.fromFieldsV1(e.fieldsV1 as JsonValue | undefined);
    if (!set) return undefined;
    const entry: ManagerEntry = {
      manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion ?? '', set,
      ...(e.subresource ? { subresource: e.subresource } : {}), ...(e.time ? { time: e.time } : {}),
    };
    const id = identityOf(entry);
    if (out.has(id)) return undefined;
    out.set(id, entry);
  }
  return out;
}

/**
 * Writes managedFields in upstream's order: Apply before Update, then by time (RFC 3339 in UTC
 * sorts as text; no time first), manager, apiVersion, subresource.
 */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] {
  const entries = [...managed.values()].filter((e) => !e.set.isEmpty());
  const by = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);
  entries.sort((p, q) => by(p.operation, q.operation) || by(p.time ?? '', q.time ?? '') || by(p.manager, q.manager)
    || by(p.apiVersion, q.apiVersion) || by(p.subresource ?? '', q.subresource ?? ''));
  return entries.map((e) => ({
    ...(e.manager ? { manager: e.manager } : {}), operation: e.operation, apiVersion: e.apiVersion,
    ...(e.time ? { time: e.time } : {}), fieldsType: 'FieldsV1' as const, fieldsV1: e.set.toFieldsV1(),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  }));
}

/** isResetManagedFields: `[]` or `[{}]` in a write asks to drop every entry. */
export function isResetManagedFields(entries: ManagedFieldsEntry[] | undefined): boolean {
  if (entries === undefined) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && Object.keys(entries[0]!).length === 0;
}

// stripmeta.go: fields that belong to the system, never to a manager.
const STRIPPED: Path[] = [['apiVersion'], ['kind'], ['metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName',
  'generation', 'managedFields', 'resourceVersion'].map((f) => ['metadata', f])].map((p) => p.map((field) => ({ field })));
const STRIP_SET = FieldSet.of(...STRIPPED);

/** The set without the system's metadata fields (stripMetaManager). */
export const stripMeta = (set: FieldSet): FieldSet => set.difference(STRIP_SET);

/** An object as the field manager compares it: managedFields left out. */
export function withoutManagedFields(obj: KubeObject): JsonObject {
  const copy = deepCopy(obj as unknown as JsonObject);
  const meta = copy.metadata;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) delete meta.managedFields;
  return copy;
}

/** A conflict: a field the write changes that another manager owns. */
export interface Conflict {
  entry: ManagerEntry;
  path: Path;
}

/**
 * Updater.update: what a write from `self` does to the other managers. Fields it adds or
 * modifies that others own are conflicts (taken from them when forced); fields it removes
 * leave everyone's sets. Returns the conflicts found (empty when forced or none).
 */
export function transferOwnership(managed: Managed, selfId: string, comparison: Comparison, force: boolean): Conflict[] {
  const changed = comparison.modified.union(comparison.added);
  const conflicts: Conflict[] = [];
  const taken = new Map<string, FieldSet>();
  for (const [id, e] of managed) {
    if (id === selfId) continue;
    const overlap = e.set.intersection(changed);
    if (!overlap.isEmpty()) {
      taken.set(id, overlap);
      for (const path of overlap.paths()) conflicts.push({ entry: e, path });
    }
  }
  if (!force && conflicts.length) return conflicts;
  for (const [id, e] of managed) {
    if (id === selfId) continue;
    let set = e.set;
    const overlap = taken.get(id);
    if (overlap) set = set.difference(overlap);
    set = set.difference(comparison.removed);
    if (set.isEmpty()) managed.delete(id);
    else managed.set(id, { ...e, set });
  }
  return [];
}

/** The comparison of two objects with this endpoint's reset fields left out (Comparison.ExcludeFields). */
export function compareObjects(live: JsonValue | undefined, next: JsonValue, ctx: FieldManagerContext): Comparison {
  const c = compare(live, next, ctx.type);
  return {
    added: c.added.recursiveDifference(ctx.resetFields),
    modified: c.modified.recursiveDifference(ctx.resetFields),
    removed: c.removed.recursiveDifference(ctx.resetFields),
  };
}

/**
 * Records a create, update or non-apply patch in `next.metadata.managedFields` (FieldManager.Update):
 * the fields it added or changed go to `manager`'s Update entry (merged with that entry's
 * earlier fields, its time refreshed), and leave every other manager. `live` is the stored
 * object, or for a create the kind's zero value.
 */
export function recordUpdate(live: KubeObject, next: KubeObject, manager: string, ctx: FieldManagerContext): void {
  const meta = (next.metadata ??= {});
  let managed: Managed;
  if (ctx.subresource) managed = decodeManagedFields(live.metadata?.managedFields) ?? new Map();
  else if (isResetManagedFields(meta.managedFields)) managed = new Map();
  else {
    // A client that does not know managedFields must not drop them: absent means "keep".
    const sent = decodeManagedFields(meta.managedFields);
    managed = sent && sent.size > 0 ? sent : decodeManagedFields(live.metadata?.managedFields) ?? new Map();
  }
  const comparison = compareObjects(withoutManagedFields(live), withoutManagedFields(next), ctx);
  transferOwnership(managed, '', comparison, true);
  const changed = stripMeta(comparison.modified.union(comparison.added));
  if (!changed.isEmpty()) {
    const self: ManagerEntry = { manager, operation: 'Update', apiVersion: ctx.apiVersion, set: changed, time: ctx.now, ...(ctx.subresource ? { subresource: ctx.subresource } : {}) };
    const id = identityOf(self);
    const previous = managed.get(id);
    managed.set(id, previous ? { ...self, set: changed.union(previous.set) } : self);
  }
  setManagedFields(next, managed);
}

/**
 * The manager a non-apply write is recorded under (handlers/rest.go managerOrUserAgent): the
 * fieldManager query parameter, else the User-Agent up to its first '/' ('' without one).
 */
export function managerOf(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  return (userAgent ?? '').split('/')[0]!;
}

/** Writes the entries back; an object nobody manages carries no managedFields at all. */
export function setManagedFields(obj: KubeObject, managed: Managed): void {
  const meta = (obj.metadata ??= {});
  const entries = encodeManagedFields(managed);
  if (entries.length) meta.managedFields = entries;
  else delete meta.managedFields;
}
