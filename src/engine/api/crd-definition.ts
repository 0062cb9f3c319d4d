// The CustomResourceDefinition object itself: its defaults, the status the apiextensions
// controllers give it, and the validation that refuses the common mistakes.
import type { FieldError } from './errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './patch/value.ts';
import type { KubeObject } from './types.ts';
import * as field from './validation/field.ts';
import { isDNS1035Label, isDNS1123Subdomain } from './validation/validation.ts';

/** The fields of a CRD's spec this apiserver reads (apiextensions/v1 CustomResourceDefinitionSpec). */
export interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: JsonObject };
  subresources?: { status?: JsonObject; scale?: JsonObject };
  additionalPrinterColumns?: JsonObject[];
}

export interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: CrdNames;
  versions: CrdVersion[];
}

/** A CRD's spec as typed fields (missing ones empty, so validation can name them). */
export function specOf(crd: KubeObject): CrdSpec {
  const spec = (isJsonObject(crd.spec as JsonValue) ? crd.spec : {}) as Partial<CrdSpec>;
  return {
    group: spec.group ?? '', scope: spec.scope ?? ('' as CrdSpec['scope']),
    names: { plural: '', kind: '', ...(spec.names ?? {}) },
    versions: Array.isArray(spec.versions) ? spec.versions : [],
  };
}

/** Models apiextensions/v1/defaults.go SetDefaults_CustomResourceDefinitionSpec. */
export function defaultCustomResourceDefinition(crd: KubeObject): void {
  const spec = crd.spec as Record<string, unknown> | undefined;
  if (!spec) return;
  const names = spec.names as Partial<CrdNames> | undefined;
  if (names?.kind) {
    names.singular ||= names.kind.toLowerCase();
    names.listKind ||= `${names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
}

/**
 * The status upstream's NamingConditionController and EstablishingController write shortly after
 * a CRD is created: names accepted, CRD established, the storage version recorded. We write it
 * with the CRD itself, at once (there is no name conflict check across CRDs yet).
 */
export function setAcceptedStatus(crd: KubeObject, old: KubeObject | undefined, now: string): void {
  const spec = specOf(crd);
  const previous = (old?.status ?? {}) as { conditions?: JsonObject[]; storedVersions?: string[] };
  const since = (type: string) => {
    const prior = previous.conditions?.find((c) => c.type === type && c.status === 'True');
    return typeof prior?.lastTransitionTime === 'string' ? prior.lastTransitionTime : now;
  };
  const storage = spec.versions.find((v) => v.storage)?.name;
  const stored = [...(previous.storedVersions ?? [])];
  if (storage && !stored.includes(storage)) stored.push(storage);
  crd.status = {
    acceptedNames: structuredClone(spec.names) as unknown as JsonObject,
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: since('NamesAccepted'), reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: since('Established'), reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    storedVersions: stored,
  };
}

/**
 * The checks of apiextensions/validation/validation.go ValidateCustomResourceDefinition that
 * catch the usual mistakes (ObjectMeta itself is validated as for every kind).
 */
export function validateCustomResourceDefinition(crd: KubeObject): FieldError[] {
  const spec = specOf(crd);
  const errs: FieldError[] = [];
  const name = crd.metadata?.name ?? '';
  if (name !== `${spec.names.plural}.${spec.group}`)
    errs.push(field.invalid(field.newPath('metadata', 'name'), name, 'must be spec.names.plural+"."+spec.group'));
  const path = field.newPath('spec');
  if (!spec.group) errs.push(field.required(path.child('group')));
  else if (isDNS1123Subdomain(spec.group).length) errs.push(field.invalid(path.child('group'), spec.group, isDNS1123Subdomain(spec.group).join(',')));
  else if (spec.group.split('.').length < 2) errs.push(field.invalid(path.child('group'), spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) errs.push(field.required(path.child('scope')));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errs.push(field.notSupported(path.child('scope'), spec.scope, ['Cluster', 'Namespaced']));
  spec.versions.forEach((v, i) => {
    const at = path.child('versions').index(i);
    const nameErrs = isDNS1035Label(v.name ?? '');
    if (nameErrs.length) errs.push(field.invalid(at.child('name'), v.name ?? '', nameErrs.join(',')));
    if (!isJsonObject(v.schema?.openAPIV3Schema as JsonValue | undefined))
      errs.push(field.required(at.child('schema', 'openAPIV3Schema'), 'schemas are required'));
  });
  const storageCount = spec.versions.filter((v) => v.storage).length;
  if (storageCount !== 1) errs.push(field.invalid(path.child('versions'), new field.GoSyntax(versionsGoSyntax(spec.versions)), 'must have exactly one version marked as storage version'));
  errs.push(...validateNames(spec.names, path.child('names')));
  return errs;
}

// Models validation.go ValidateCustomResourceDefinitionNames (plural, singular, kind).
function validateNames(names: CrdNames, path: field.Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['plural', 'singular'] as const) {
    const value = names[key] ?? '';
    const bad = isDNS1035Label(value);
    if (value && bad.length) errs.push(field.invalid(path.child(key), value, bad.join(',')));
  }
  if (!names.plural) errs.push(field.required(path.child('plural')));
  if (!names.kind) errs.push(field.required(path.child('kind')));
  return errs;
}

// Upstream prints the versions with %#v; we print their names only (a known difference in the value).
function versionsGoSyntax(versions: CrdVersion[]): string {
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name ?? '')}, Served:${String(!!v.served)}, Storage:${String(!!v.storage)}}`).join(', ')}}`;
}
