// Models plugin/pkg/admission/storage/storageclass/setdefault/admission.go: a new claim that
// names no class gets the cluster's default StorageClass.
import type { AdmissionPlugin } from '../admission.ts';
import type { KubeObject } from '../types.ts';
import { isResource } from './forbidden.ts';

export const DefaultStorageClassName = 'DefaultStorageClass';

const IsDefaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
const BetaIsDefaultStorageClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';
const BetaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

// Models storage/util IsDefaultAnnotation.
const isDefault = (sc: KubeObject) => {
  const a = sc.metadata?.annotations ?? {};
  return a[IsDefaultStorageClassAnnotation] === 'true' || a[BetaIsDefaultStorageClassAnnotation] === 'true';
};

// Models storage/util GetDefaultClass: of several defaults, the newest wins, then the first by name.
function defaultClassOf(classes: KubeObject[]): KubeObject | undefined {
  return classes.filter(isDefault).sort((a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0, tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    return ta !== tb ? tb - ta : (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  })[0];
}

/** The DefaultStorageClass admission plugin. */
export const DefaultStorageClass: AdmissionPlugin = {
  name: DefaultStorageClassName,
  async admit(attrs) {
    if (!isResource(attrs, '', 'persistentvolumeclaims') || attrs.operation !== 'CREATE' || !attrs.object) return;
    const pvc = attrs.object;
    const spec = (pvc.spec ??= {}) as { storageClassName?: string };
    // PersistentVolumeClaimHasClass: "" is a choice too (no class, bind to class-less volumes).
    if (spec.storageClassName !== undefined || pvc.metadata?.annotations?.[BetaStorageClassAnnotation] !== undefined) return;
    const def = defaultClassOf((await attrs.reader.list('storage.k8s.io', 'storageclasses')).items);
    if (def?.metadata?.name) spec.storageClassName = def.metadata.name;
  },
};
