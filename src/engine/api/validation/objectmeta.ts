// Validation of metadata, shared by every kind's create and update.
// Models staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go and generic.go.
import type { ObjectMeta, OwnerReference } from '../types.ts';
import * as field from './field.ts';
import type { FieldError, Path } from './field.ts';
import { validateLabels, sortedKeys } from './metav1.ts';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './validation.ts';

export const FieldImmutableErrorMsg = 'field is immutable';
export const IsNegativeErrorMsg = 'must be greater than or equal to 0';
/** 256 KiB, counted over keys and values in bytes. */
export const TotalAnnotationSizeLimitB = 256 * 1024;

/** Checks a name (or, with prefix, a generateName): returns the problems. Models generic.go ValidateNameFunc. */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

// A generateName gets random characters appended, so a trailing '-' is fine there (generic.go maskTrailingDash).
const maskTrailingDash = (name: string) => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
export const validateNamespaceName = nameIsDNSLabel;

// Models generic.go ValidateNonnegativeField.
export const validateNonnegativeField = (value: number, path: Path): FieldError[] =>
  value < 0 ? [field.invalid(path, value, IsNegativeErrorMsg)] : [];

// Models objectmeta.go ValidateAnnotations: keys are checked lower-cased; the total size is capped.
export function validateAnnotations(annotations: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(field.invalid(path, k, msg));
    total += field.byteLength(k) + field.byteLength(annotations![k]!);
  }
  if (total > TotalAnnotationSizeLimitB) errs.push(field.tooLong(path, TotalAnnotationSizeLimitB));
  return errs;
}

// Renders an OwnerReference as Go's %#v does in field errors. Pointer fields print as addresses
// upstream; we print `(*bool)(nil)` or the pointed-to value, since no address would mean anything here.
function goOwnerReference(r: OwnerReference): string {
  const ptr = (b: boolean | undefined) => (b === undefined ? '(*bool)(nil)' : `&${b}`);
  return `v1.OwnerReference{APIVersion:${field.goQuote(r.apiVersion ?? '')}, Kind:${field.goQuote(r.kind ?? '')}, Name:${field.goQuote(r.name ?? '')}, UID:${field.goQuote(r.uid ?? '')}, Controller:${ptr(r.controller)}, BlockOwnerDeletion:${ptr(r.blockOwnerDeletion)}}`;
}

// Models objectmeta.go validateOwnerReference; the version comes from schema.FromAPIVersionAndKind.
function validateOwnerReference(r: OwnerReference, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const slashes = (r.apiVersion ?? '').split('/').length - 1;
  const version = slashes === 0 ? r.apiVersion ?? '' : slashes === 1 ? (r.apiVersion ?? '').split('/')[1]! : '';
  const group = slashes === 1 ? (r.apiVersion ?? '').split('/')[0]! : '';
  if (!version) errs.push(field.invalid(path.child('apiVersion'), r.apiVersion ?? '', 'version must not be empty'));
  if (!r.kind) errs.push(field.invalid(path.child('kind'), r.kind ?? '', 'kind must not be empty'));
  if (!r.name) errs.push(field.invalid(path.child('name'), r.name ?? '', 'name must not be empty'));
  if (!r.uid) errs.push(field.invalid(path.child('uid'), r.uid ?? '', 'uid must not be empty'));
  // BannedOwners: core/v1 Event may not own anything.
  if (group === '' && version === 'v1' && r.kind === 'Event') {
    errs.push(field.invalid(path, new field.GoSyntax(goOwnerReference(r)), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

// Models objectmeta.go ValidateOwnerReferences: at most one controller.
export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const r of refs ?? []) {
    errs.push(...validateOwnerReference(r, path));
    if (r.controller) {
      const current = `${r.kind}/${r.name}`;
      if (firstController) {
        const all = new field.GoSyntax(`[]v1.OwnerReference{${(refs ?? []).map(goOwnerReference).join(', ')}}`);
        errs.push(field.invalid(path, all, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

// Models objectmeta.go ValidateFinalizers (and ValidateFinalizerName).
export function validateFinalizers(finalizers: string[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(field.invalid(path, f, msg));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(field.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

// Models objectmeta.go ValidateObjectMetaAccessor. Names from generateName are filled in before
// validation (rest.BeforeCreate), so a missing name here means neither was given.
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: ValidateNameFunc, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(field.invalid(path.child('generateName'), meta.generateName, msg));
  }
  if (!meta.name) errs.push(field.required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(meta.name, false)) errs.push(field.invalid(path.child('name'), meta.name, msg));
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(field.required(path.child('namespace')));
    else for (const msg of validateNamespaceName(meta.namespace, false)) errs.push(field.invalid(path.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(field.forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(meta.generation ?? 0, path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  return errs;
}

// Go compares values: an unset string and "" are the same.
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a === '' ? null : a ?? null) === JSON.stringify(b === '' ? null : b ?? null);

// Models objectmeta.go ValidateObjectMetaAccessorUpdate.
export function validateObjectMetaUpdate(next: ObjectMeta, old: ObjectMeta, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const added = [...new Set(next.finalizers ?? [])].filter((f) => !(old.finalizers ?? []).includes(f)).sort();
    if (added.length) {
      errs.push(field.forbidden(path.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map(field.goQuote).join(', ')}}`));
    }
  }
  if (!next.resourceVersion) errs.push(field.invalid(path.child('resourceVersion'), next.resourceVersion ?? '', 'must be specified for an update'));
  if ((next.generation ?? 0) < (old.generation ?? 0)) errs.push(field.invalid(path.child('generation'), next.generation ?? 0, 'must not be decremented'));
  const immutable: (keyof ObjectMeta)[] = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
  for (const key of immutable) {
    if (!sameValue(next[key], old[key])) errs.push(field.invalid(path.child(key), immutableValue(key, next[key]), FieldImmutableErrorMsg));
  }
  errs.push(...validateLabels(next.labels, path.child('labels')));
  errs.push(...validateAnnotations(next.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(next.ownerReferences, path.child('ownerReferences')));
  return errs;
}

// The bad value of an immutable-field error, as Go prints each field's type: strings quoted
// (empty when unset), *int64 as its number or "null", metav1.Time through its String() method
// (Go's `2006-01-02 15:04:05 -0700 MST` layout; timestamps are stored in UTC).
function immutableValue(key: keyof ObjectMeta, v: unknown): field.FieldValue {
  if (key === 'name' || key === 'namespace' || key === 'uid') return typeof v === 'string' ? v : '';
  if (key === 'deletionGracePeriodSeconds') return typeof v === 'number' ? v : null;
  if (typeof v !== 'string') return key === 'creationTimestamp' ? new field.GoSyntax('0001-01-01 00:00:00 +0000 UTC') : null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(v);
  return new field.GoSyntax(m ? `${m[1]} ${m[2]} +0000 UTC` : v);
}
