// Server-side apply (`application/apply-patch+yaml`): the applied configuration is merged into
// the live object (or a new one), fields its manager applied before and no longer applies are
// removed unless someone else owns them, and changing another manager's field is a conflict
// unless forced.
// Models apiserver/pkg/endpoints/handlers/patch.go (applyPatcher, ValidatePatchOptions),
// apimachinery/pkg/util/managedfields/internal/structuredmerge.go (Apply) and
// structured-merge-diff merge/update.go (Updater.Apply, prune).
import { parse as parseYaml } from 'yaml';
import { badRequest, invalid, type FieldError } from '../errors.ts';
import { apiVersionOf } from '../objectstore.ts';
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from '../patch/value.ts';
import type { ResourceInfo } from '../registry.ts';
import type { ApiRequest } from '../request.ts';
import { builtinSchemas, definitionNameFor, type CompactSchema } from '../schema.ts';
import type { KubeObject } from '../types.ts';
import { applyConflict } from './conflict.ts';
import { FieldSet } from './fieldpath.ts';
import {
  compareObjects, decodeManagedFields, identityOf, setManagedFields, stripMeta, transferOwnership, withoutManagedFields,
  type FieldManagerContext, type ManagerEntry,
} from './managedfields.ts';
import { zeroObject } from './schematype.ts';
import { ensureNamedFieldsAreMembers, merge, removeItems, toFieldSet } from './typed.ts';

/** FieldManagerMaxLength (apimachinery/pkg/apis/meta/v1/validation). */
const FIELD_MANAGER_MAX_LENGTH = 128;

// A custom resource without a schema given: typed metadata, the rest deduced from the values.
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const UNTYPED_RESOURCE: CompactSchema = { t: 'object', p: { metadata: { r: OBJECT_META } }, u: 1 };

/**
 * What the field manager works with for a resource and endpoint. `customSchema` is a custom
 * resource's (schema-crd.ts customResourceSchema); built-in kinds use their generated schema.
 * Reset fields (the strategies' GetResetFields): the main resource never writes `status`, the
 * status subresource writes nothing else.
 */
export function fieldManagerContext(info: ResourceInfo, subresource: string | undefined, now: string, customSchema?: CompactSchema): FieldManagerContext {
  const definition = info.custom ? undefined : definitionNameFor({ group: info.group, version: info.version, kind: info.kind });
  const schema: CompactSchema = definition ? { r: definition } : customSchema ?? UNTYPED_RESOURCE;
  const hasStatus = info.subresources.some((s) => s.name === 'status');
  let resetFields = new FieldSet();
  if (subresource === 'status') resetFields = FieldSet.of(...['spec', 'data', 'stringData', 'webhooks', 'rules', 'subjects', 'roleRef'].map((f) => [{ field: f }]));
  else if (hasStatus) resetFields = FieldSet.of([{ field: 'status' }]);
  return { type: { schema, source: builtinSchemas }, apiVersion: apiVersionOf(info), ...(subresource ? { subresource } : {}), resetFields, now };
}

/** The object a create is compared against: the kind's Go zero value (scheme.New). */
export function zeroFor(info: ResourceInfo): KubeObject {
  const definition = info.custom ? undefined : definitionNameFor({ group: info.group, version: info.version, kind: info.kind });
  return zeroObject(definition) as KubeObject;
}

/** ValidatePatchOptions: apply needs a field manager; force belongs to apply alone. */
export function validatePatchOptions(req: ApiRequest): void {
  const apply = req.patchType === 'application/apply-patch+yaml';
  const manager = req.query?.fieldManager ?? '';
  const errs: FieldError[] = [];
  if (!apply && req.query?.force !== undefined) errs.push({ type: 'FieldValueForbidden', field: 'force', body: 'Forbidden: may not be specified for non-apply patch' });
  if (apply && manager === '') errs.push({ type: 'FieldValueRequired', field: 'fieldManager', body: 'Required value: is required for apply patch' });
  if (manager.length > FIELD_MANAGER_MAX_LENGTH) errs.push({ type: 'FieldValueTooLong', field: 'fieldManager', body: `Too long: may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes` });
  if (errs.length) throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs);
}

/** The applied configuration: YAML (JSON is YAML) text, or an already decoded body. */
function appliedConfiguration(req: ApiRequest): JsonObject {
  let value: unknown = req.body;
  if (req.rawBody !== undefined) {
    try {
      value = parseYaml(req.rawBody, { uniqueKeys: false }) as unknown;
    } catch (e) {
      throw badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
  }
  if (!isJsonObject(value as JsonValue)) throw badRequest(`error decoding YAML: cannot unmarshal ${value === null || value === undefined ? 'null' : Array.isArray(value) ? 'array' : typeof value} into an object`);
  return value as JsonObject;
}

export interface ApplyInput {
  info: ResourceInfo;
  req: ApiRequest;
  /** The stored object, or undefined: the apply creates it. */
  current: KubeObject | undefined;
  ctx: FieldManagerContext;
}

/**
 * Applies a configuration (FieldManager.Apply): returns the object to write, with its
 * managedFields updated, or throws the Status a real apiserver answers with.
 */
export function applyServerSide({ info, req, current, ctx }: ApplyInput): KubeObject {
  validatePatchOptions(req);
  const manager = req.query!.fieldManager!;
  const config = appliedConfiguration(req);
  const meta = config.metadata;
  if (isJsonObject(meta) && Object.hasOwn(meta, 'managedFields') && meta.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  const expected = apiVersionOf(info);
  if (config.apiVersion !== expected)
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${typeof config.apiVersion === 'string' ? config.apiVersion : ''}, expected: ${expected}`);
  if (config.kind !== info.kind)
    throw badRequest(`Incorrect kind specified in apply patch. Specified patch kind: ${typeof config.kind === 'string' ? config.kind : ''}, expected: ${info.kind}`);
  const name = isJsonObject(meta) && typeof meta.name === 'string' ? meta.name : '';
  if (name !== req.name) throw badRequest(`the name of the object (${name}) does not match the name on the URL (${req.name ?? ''})`);

  const live = current ?? zeroFor(info);
  const managed = decodeManagedFields(live.metadata?.managedFields) ?? new Map();
  const liveValue = withoutManagedFields(live);
  let next = merge(liveValue, config, ctx.type) as JsonObject;

  const self: ManagerEntry = { manager, operation: 'Apply', apiVersion: ctx.apiVersion, set: toFieldSet(config, ctx.type).recursiveDifference(ctx.resetFields), ...(ctx.subresource ? { subresource: ctx.subresource } : {}) };
  const id = identityOf(self);
  const last = managed.get(id);
  if (last?.time) self.time = last.time;
  managed.set(id, self);
  if (last && !last.set.isEmpty()) next = prune(next, [...managed.values()].map((e) => e.set), last.set, ctx);

  const conflicts = transferOwnership(managed, id, compareObjects(liveValue, next, ctx), req.query?.force === true);
  if (conflicts.length) throw applyConflict(conflicts);
  self.set = stripMeta(self.set);
  if (self.set.isEmpty()) managed.delete(id);
  // A no-op apply still records ownership, but only a change refreshes the entry's time.
  if (!jsonEqual(liveValue, next)) self.time = ctx.now;
  const result = (current ? next : withoutZeroLeftovers(next, config)) as KubeObject;
  setManagedFields(result, managed);
  return result;
}

/**
 * Updater.prune: fields the manager applied last time and no longer applies leave the object,
 * unless a manager (this one included) still owns them.
 */
function prune(merged: JsonObject, owners: FieldSet[], last: FieldSet, ctx: FieldManagerContext): JsonObject {
  const owned = ensureNamedFieldsAreMembers(owners.reduce((a, b) => a.union(b), new FieldSet()), ctx.type);
  const present = ensureNamedFieldsAreMembers(toFieldSet(merged, ctx.type), ctx.type);
  const remove = present.intersection(ensureNamedFieldsAreMembers(last, ctx.type)).difference(owned);
  return (removeItems(merged, remove, ctx.type) ?? {}) as JsonObject;
}

/**
 * An apply-create merges into the kind's zero value, whose nil slices, maps and pointers Go
 * drops when the object is encoded: nulls and empty maps the configuration did not write go.
 */
function withoutZeroLeftovers(value: JsonObject, config: JsonValue | undefined): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(value)) {
    const v = value[k]!;
    const c = isJsonObject(config ?? null) && Object.hasOwn(config as JsonObject, k) ? (config as JsonObject)[k] : undefined;
    const kept = isJsonObject(v) ? withoutZeroLeftovers(v, c) : v;
    if (c === undefined && (kept === null || (isJsonObject(kept) && Object.keys(kept).length === 0))) continue;
    Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
