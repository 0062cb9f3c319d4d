// storage.k8s.io beside StorageClass: the CSI kinds (CSIDriver, CSINode, CSIStorageCapacity),
// VolumeAttachment and VolumeAttributesClass. Models printers.go printCSIDriver, printCSINode,
// printCSIStorageCapacity, printVolumeAttachment, printVolumeAttributesClass.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { canonicalQuantity } from './timestamp.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

interface CSIDriver extends KubeObject {
  spec?: {
    attachRequired?: boolean;
    podInfoOnMount?: boolean;
    storageCapacity?: boolean;
    tokenRequests?: Array<{ audience?: string }>;
    requiresRepublish?: boolean;
    volumeLifecycleModes?: string[];
  };
}

export const csiDriverPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('AttachRequired', 'boolean', 'storagev1.CSIDriverSpec.attachRequired'),
    docColumn('PodInfoOnMount', 'boolean', 'storagev1.CSIDriverSpec.podInfoOnMount'),
    docColumn('StorageCapacity', 'boolean', 'storagev1.CSIDriverSpec.storageCapacity'),
    docColumn('TokenRequests', 'string', 'storagev1.CSIDriverSpec.tokenRequests'),
    docColumn('RequiresRepublish', 'boolean', 'storagev1.CSIDriverSpec.requiresRepublish'),
    docColumn('Modes', 'string', 'storagev1.CSIDriverSpec.volumeLifecycleModes'),
    ageColumn,
  ],
  print(obj, { now }) {
    const spec = (obj as CSIDriver).spec ?? {};
    // An empty list does not survive storage (protobuf drops it), so it reads back as nil: <unset>.
    const tokenRequests = spec.tokenRequests?.length ? spec.tokenRequests.map((t) => t.audience ?? '').join(',') : '<unset>';
    const modes = (spec.volumeLifecycleModes ?? []).join(',') || '<none>';
    return {
      cells: [name(obj), spec.attachRequired ?? true, spec.podInfoOnMount ?? false, spec.storageCapacity ?? false,
        tokenRequests, spec.requiresRepublish ?? false, modes, age(obj, now)],
    };
  },
};

export const csiNodePrinter: KindPrinter = {
  columns: [nameColumn, column('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), ageColumn],
  print(obj, { now }) {
    const drivers = (obj as { spec?: { drivers?: unknown[] } }).spec?.drivers;
    return { cells: [name(obj), Array.isArray(drivers) ? drivers.length : 0, age(obj, now)] };
  },
};

interface CSIStorageCapacity extends KubeObject {
  storageClassName?: string;
  capacity?: string;
}

// No Age column upstream: NAME, STORAGECLASSNAME, CAPACITY.
export const csiStorageCapacityPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('StorageClassName', 'string', 'storagev1.CSIStorageCapacity.storageClassName'),
    docColumn('Capacity', 'string', 'storagev1.CSIStorageCapacity.capacity'),
  ],
  print(obj) {
    const c = obj as CSIStorageCapacity;
    return { cells: [name(c), c.storageClassName ?? '', c.capacity === undefined ? '<unset>' : canonicalQuantity(c.capacity)] };
  },
};

interface VolumeAttachment extends KubeObject {
  spec?: { attacher?: string; nodeName?: string; source?: { persistentVolumeName?: string } };
  status?: { attached?: boolean };
}

export const volumeAttachmentPrinter: KindPrinter = {
  columns: [
    nameColumn,
    // Upstream gives this column the `name` format too.
    docColumn('Attacher', 'string', 'storagev1.VolumeAttachmentSpec.attacher', { format: 'name' }),
    docColumn('PV', 'string', 'storagev1.VolumeAttachmentSource.persistentVolumeName'),
    docColumn('Node', 'string', 'storagev1.VolumeAttachmentSpec.nodeName'),
    docColumn('Attached', 'boolean', 'storagev1.VolumeAttachmentStatus.attached'),
    ageColumn,
  ],
  print(obj, { now }) {
    const va = obj as VolumeAttachment;
    return {
      cells: [name(va), va.spec?.attacher ?? '', va.spec?.source?.persistentVolumeName ?? '', va.spec?.nodeName ?? '',
        va.status?.attached ?? false, age(va, now)],
    };
  },
};

// pkg/apis/storage/util AlphaIsDefaultVolumeAttributesClassAnnotation.
const defaultVolumeAttributesClassAnnotation = 'volumeattributesclass.alpha.kubernetes.io/is-default-class';

export const volumeAttributesClassPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('DriverName', 'string', 'storagev1beta1.VolumeAttributesClass.driverName'), ageColumn],
  print(obj, { now }) {
    const isDefault = obj.metadata?.annotations?.[defaultVolumeAttributesClassAnnotation] === 'true';
    const driverName = (obj as { driverName?: string }).driverName ?? '';
    return { cells: [isDefault ? `${name(obj)} (default)` : name(obj), driverName, age(obj, now)] };
  },
};
