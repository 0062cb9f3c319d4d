// Volumes: PersistentVolume, PersistentVolumeClaim, StorageClass. Models printers.go
// printPersistentVolume, printPersistentVolumeClaim, printStorageClass and the helpers they call
// (pkg/apis/core/helper GetAccessModesAsString, GetPersistentVolumeClass, GetPersistentVolumeClaimClass;
// pkg/apis/storage/util IsDefaultAnnotation).
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { canonicalQuantity } from './timestamp.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

// GetAccessModesAsString: short forms in this fixed order, whatever order the spec lists them in.
const accessModeShortNames: Array<[string, string]> = [
  ['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP'],
];

export function accessModesAsString(modes: string[] | undefined): string {
  return accessModeShortNames.filter(([mode]) => (modes ?? []).includes(mode)).map(([, short]) => short).join(',');
}

// The beta annotation still overrides spec.storageClassName, as upstream's helpers read it first.
const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

function storageClassOf(obj: KubeObject, specClass: string | undefined): string {
  const annotations = obj.metadata?.annotations ?? {};
  if (Object.hasOwn(annotations, betaStorageClassAnnotation)) return annotations[betaStorageClassAnnotation]!;
  return specClass ?? '';
}

// Quantity.String(): canonical, and the zero value 0 when missing.
const quantity = (q: string | undefined): string => (q === undefined ? '0' : canonicalQuantity(q));

interface PersistentVolume extends KubeObject {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string };
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; reason?: string };
}

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Capacity', 'string', 'apiv1.PersistentVolumeSpec.capacity'),
    docColumn('Access Modes', 'string', 'apiv1.PersistentVolumeSpec.accessModes'),
    docColumn('Reclaim Policy', 'string', 'apiv1.PersistentVolumeSpec.persistentVolumeReclaimPolicy'),
    docColumn('Status', 'string', 'apiv1.PersistentVolumeStatus.phase'),
    docColumn('Claim', 'string', 'apiv1.PersistentVolumeSpec.claimRef'),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    docColumn('Reason', 'string', 'apiv1.PersistentVolumeStatus.reason'),
    ageColumn,
    docColumn('VolumeMode', 'string', 'apiv1.PersistentVolumeSpec.volumeMode', { priority: 1 }),
  ],
  print(obj, { now }) {
    const pv = obj as PersistentVolume;
    const spec = pv.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '';
    return {
      cells: [name(pv), quantity(spec.capacity?.storage), accessModesAsString(spec.accessModes), spec.persistentVolumeReclaimPolicy ?? '',
        phase, claim, storageClassOf(pv, spec.storageClassName), spec.volumeAttributesClassName ?? '<unset>',
        pv.status?.reason ?? '', age(pv, now), spec.volumeMode ?? '<unset>'],
    };
  },
};

interface PersistentVolumeClaim extends KubeObject {
  spec?: { volumeName?: string; storageClassName?: string; volumeAttributesClassName?: string; volumeMode?: string };
  status?: { phase?: string; capacity?: Record<string, string>; accessModes?: string[] };
}

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Status', 'string', 'apiv1.PersistentVolumeClaimStatus.phase'),
    docColumn('Volume', 'string', 'apiv1.PersistentVolumeClaimSpec.volumeName'),
    docColumn('Capacity', 'string', 'apiv1.PersistentVolumeClaimStatus.capacity'),
    docColumn('Access Modes', 'string', 'apiv1.PersistentVolumeClaimStatus.accessModes'),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    docColumn('VolumeMode', 'string', 'apiv1.PersistentVolumeClaimSpec.volumeMode', { priority: 1 }),
  ],
  print(obj, { now }) {
    const pvc = obj as PersistentVolumeClaim;
    const spec = pvc.spec ?? {};
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
    // Capacity and access modes come from the status, and only once the claim names its volume.
    const bound = !!spec.volumeName;
    return {
      cells: [name(pvc), phase, spec.volumeName ?? '', bound ? quantity(pvc.status?.capacity?.storage) : '',
        bound ? accessModesAsString(pvc.status?.accessModes) : '', storageClassOf(pvc, spec.storageClassName),
        spec.volumeAttributesClassName ?? '<unset>', age(pvc, now), spec.volumeMode ?? '<unset>'],
    };
  },
};

interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export const storageClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Provisioner', 'string', 'storagev1.StorageClass.provisioner'),
    docColumn('ReclaimPolicy', 'string', 'storagev1.StorageClass.reclaimPolicy'),
    docColumn('VolumeBindingMode', 'string', 'storagev1.StorageClass.volumeBindingMode'),
    docColumn('AllowVolumeExpansion', 'string', 'storagev1.StorageClass.allowVolumeExpansion'),
    ageColumn,
  ],
  print(obj, { now }) {
    const sc = obj as StorageClass;
    const isDefault = defaultClassAnnotations.some((a) => sc.metadata?.annotations?.[a] === 'true');
    return {
      cells: [isDefault ? `${name(sc)} (default)` : name(sc), sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete',
        sc.volumeBindingMode ?? 'Immediate', sc.allowVolumeExpansion ?? false, age(sc, now)],
    };
  },
};
