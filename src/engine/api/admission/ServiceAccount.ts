// Models plugin/pkg/admission/serviceaccount/admission.go: every pod runs as a service account
// (`default` unless it names one), which must exist; unless automounting is turned off, each
// container gets the projected API token volume at the well-known path.
import type { Rng } from '../../clock/index.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import type { KubeObject } from '../types.ts';
import { admissionForbidden, isResource } from './forbidden.ts';
import { specOf, type Container, type Pod, type PodSpec, type VolumeMount } from './pod.ts';

export const ServiceAccountName = 'ServiceAccount';

export const DefaultServiceAccountName = 'default';
/** Where the token, CA bundle and namespace appear inside every container. */
export const DefaultAPITokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const ServiceAccountVolumeName = 'kube-api-access';
// serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour plus seven seconds, so that the
// apiserver can tell tokens minted for this volume apart (and warn on their use past an hour).
const WarnOnlyBoundTokenExpirationSeconds = 3607;
const MirrorPodAnnotationKey = 'kubernetes.io/config.mirror';
// names.SimpleNameGenerator's alphabet: no vowels, no look-alike digits.
const NAME_ALPHABET = [...'bcdfghjklmnpqrstvwxz2456789'];

interface ServiceAccount extends KubeObject {
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: Array<{ name: string }>;
}

// Models admission.go TokenVolumeSource: token, cluster CA and namespace, projected together.
export function tokenVolumeSource(): Record<string, unknown> {
  return {
    defaultMode: 0o644,
    sources: [
      { serviceAccountToken: { expirationSeconds: WarnOnlyBoundTokenExpirationSeconds, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

/** The ServiceAccount admission plugin; `rng` draws the token volume's name suffix. */
export function createServiceAccount(rng: Rng): AdmissionPlugin {
  // Models admission.go getServiceAccount; the not-found error names the resource in the singular, as upstream.
  async function lookUp(attrs: AdmissionAttributes, name: string): Promise<ServiceAccount> {
    const sa = await attrs.reader.get('', 'serviceaccounts', attrs.namespace, name);
    if (!sa) throw admissionForbidden(attrs, `error looking up service account ${attrs.namespace}/${name}: serviceaccount ${JSON.stringify(name)} not found`);
    return sa as ServiceAccount;
  }

  // Models admission.go mountServiceAccountToken.
  function mountServiceAccountToken(spec: PodSpec) {
    const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(`${ServiceAccountVolumeName}-`));
    const volumeName = existing?.name ?? `${ServiceAccountVolumeName}-${Array.from({ length: 5 }, () => rng.pick(NAME_ALPHABET)).join('')}`;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: DefaultAPITokenMountPath };
    let needsTokenVolume = false;
    const mountInto = (c: Container) => {
      // A container that already mounts something at the token path keeps it.
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === DefaultAPITokenMountPath)) return;
      (c.volumeMounts ??= []).push({ ...mount });
      needsTokenVolume = true;
    };
    (spec.initContainers ?? []).forEach(mountInto);
    (spec.containers ?? []).forEach(mountInto);
    if (!existing && needsTokenVolume) (spec.volumes ??= []).push({ name: volumeName, projected: tokenVolumeSource() });
  }

  return {
    name: ServiceAccountName,
    // Models admission.go Admit: mutate on create only; mirror pods are validated, never changed.
    async admit(attrs) {
      if (!isResource(attrs, '', 'pods') || attrs.operation !== 'CREATE' || !attrs.object) return;
      const pod = attrs.object as Pod;
      if (pod.metadata?.annotations?.[MirrorPodAnnotationKey] !== undefined) return;
      const spec = specOf(pod);
      if (!spec.serviceAccountName) spec.serviceAccountName = DefaultServiceAccountName;
      const sa = await lookUp(attrs, spec.serviceAccountName);
      if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec);
      if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length)
        spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
    },
    // Models admission.go Validate: mirror pods may not use service accounts; others need an existing one.
    async validate(attrs) {
      if (!isResource(attrs, '', 'pods') || attrs.operation !== 'CREATE' || !attrs.object) return;
      const pod = attrs.object as Pod;
      const spec = specOf(pod);
      if (pod.metadata?.annotations?.[MirrorPodAnnotationKey] !== undefined) {
        if (spec.serviceAccountName) throw admissionForbidden(attrs, 'a mirror pod may not reference service accounts');
        return;
      }
      if (!spec.serviceAccountName)
        throw admissionForbidden(attrs, `no service account specified for pod ${attrs.namespace}/${pod.metadata?.name ?? ''}`);
      await lookUp(attrs, spec.serviceAccountName);
    },
  };
}

// Models admission.go shouldAutomount: the pod's choice wins, then the service account's, then yes.
function shouldAutomount(sa: ServiceAccount, spec: PodSpec): boolean {
  return spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
}
