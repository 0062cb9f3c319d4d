// Strategies of core/v1 configuration and storage kinds: Namespace, ConfigMap, Secret,
// ServiceAccount, PersistentVolume(Claim), and storage.k8s.io StorageClass.
// Defaults model pkg/apis/core/v1/defaults.go and pkg/apis/storage/v1/defaults.go; the namespace
// create step models pkg/registry/core/namespace/strategy.go PrepareForCreate; data key checks
// model pkg/apis/core/validation ValidateConfigMap / ValidateSecret.
import type { Strategy } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError } from '../validation/field.ts';
import { isConfigMapKey } from '../validation/validation.ts';
import { asObj, asStr, child, setDefault } from './access.ts';

// Models defaults.go SetDefaults_Namespace: every namespace carries its name as a label.
function defaultNamespace(ns: KubeObject): void {
  const meta = (ns.metadata ??= {});
  if (meta.name) meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name };
}

export const namespaceStrategy: Strategy = {
  returnDeletedObject: true,
  default: defaultNamespace,
  // A new namespace is Active and carries the `kubernetes` finalizer the namespace controller removes.
  prepareForCreate(ns) {
    ns.status = { phase: 'Active' };
    const spec = child(ns, 'spec');
    const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers.map(asStr) : [];
    if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
    spec.finalizers = finalizers;
  },
  // spec.finalizers change only through the finalize subresource (strategy.go PrepareForUpdate).
  prepareForUpdate(ns, old, ctx) {
    if (ctx.subresource !== 'finalize') ns.spec = old.spec;
  },
};

// Models validation.go ValidateConfigMap / ValidateSecret: keys are config keys, unique across data and binaryData.
function validateDataKeys(obj: KubeObject, maps: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const m of maps) {
    for (const key of Object.keys(asObj(obj[m]) ?? {})) {
      const path = field.newPath(m).key(key);
      for (const msg of isConfigMapKey(key)) errs.push(field.invalid(path, key, msg));
      if (seen.has(key)) errs.push(field.invalid(path, key, 'duplicate of key present in data'));
      seen.add(key);
    }
  }
  return errs;
}

// ConfigMaps and Secrets marked immutable keep their data (ValidateConfigMapUpdate / ValidateSecretUpdate).
function immutableData(obj: KubeObject, old: KubeObject, maps: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(field.forbidden(field.newPath('immutable'), 'field is immutable when `immutable` is set'));
  for (const m of maps) {
    if (JSON.stringify(obj[m] ?? null) !== JSON.stringify(old[m] ?? null)) errs.push(field.forbidden(field.newPath(m), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

const CONFIGMAP_MAPS = ['data', 'binaryData'];
export const configMapStrategy: Strategy = {
  validate: (cm) => validateDataKeys(cm, CONFIGMAP_MAPS),
  validateUpdate: (cm, old) => [...immutableData(cm, old, CONFIGMAP_MAPS), ...validateDataKeys(cm, CONFIGMAP_MAPS)],
};

const SECRET_MAPS = ['data'];

/**
 * stringData is write-only: its entries are merged into data (base64 of their UTF-8 bytes),
 * overriding data's, and never stored — as the v1 → internal conversion does
 * (pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret).
 */
function mergeStringData(secret: KubeObject): void {
  const stringData = asObj(secret.stringData);
  delete secret.stringData;
  if (!stringData) return;
  const data = child(secret, 'data');
  for (const [key, value] of Object.entries(stringData)) {
    let binary = '';
    for (const byte of new TextEncoder().encode(String(value))) binary += String.fromCharCode(byte);
    data[key] = btoa(binary);
  }
}

export const secretStrategy: Strategy = {
  // Models defaults.go SetDefaults_Secret, and the stringData merge of the v1 conversion.
  default: (s) => {
    setDefault(s, 'type', 'Opaque');
    mergeStringData(s);
  },
  validate: (s) => validateDataKeys(s, SECRET_MAPS),
  validateUpdate(s, old) {
    const errs = [...immutableData(s, old, ['data']), ...validateDataKeys(s, SECRET_MAPS)];
    if (s.type !== old.type) errs.push(field.invalid(field.newPath('type'), asStr(s.type), 'field is immutable'));
    return errs;
  },
};

export const serviceAccountStrategy: Strategy = { returnDeletedObject: true };

// Models defaults.go SetDefaults_PersistentVolume / SetDefaults_PersistentVolumeClaim(Spec).
export const persistentVolumeStrategy: Strategy = {
  returnDeletedObject: true,
  default(pv) {
    const spec = child(pv, 'spec');
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
  },
  prepareForCreate: (pv) => { pv.status = { phase: 'Pending' }; },
};

export const persistentVolumeClaimStrategy: Strategy = {
  returnDeletedObject: true,
  default: (pvc) => setDefault(child(pvc, 'spec'), 'volumeMode', 'Filesystem'),
  prepareForCreate: (pvc) => { pvc.status = { phase: 'Pending' }; },
};

// Models storage/v1 defaults.go SetDefaults_StorageClass.
export const storageClassStrategy: Strategy = {
  returnDeletedObject: true,
  default(sc) {
    setDefault(sc, 'reclaimPolicy', 'Delete');
    setDefault(sc, 'volumeBindingMode', 'Immediate');
  },
};
