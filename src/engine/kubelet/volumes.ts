// The pod's volumes, made into files for its containers' mounts: configMap, secret,
// downwardAPI, projected (which is how every pod gets its service-account token, `ca.crt` and
// `namespace`: the kube-api-access-xxxxx volume the ServiceAccount admission plugin adds) and
// emptyDir. Models the volume plugins under pkg/volume/{configmap,secret,downwardapi,projected,
// emptydir} as far as their contents go. A missing ConfigMap or Secret stops the pod in
// ContainerCreating with a FailedMount event, as MountVolume.SetUp failing does.
import { isNotFound } from '../api/index.ts';
import type { Mount } from '../runtime/index.ts';
import { fieldRefValue, resourceFieldValue, type ObjectSource } from './envvars.ts';
import type { NodeConfig } from './node.ts';
import type { DownwardItem, KeyToPath, Pod, PodContainer, Volume } from './pod.ts';

/** MountVolume.SetUp failed: the FailedMount event's text. */
export class VolumeError extends Error {
  constructor(readonly volume: string, cause: string) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${cause}`);
    this.name = 'VolumeError';
  }
}

export type Files = Record<string, string>;

/** What a projected token volume needs that the kubelet gets from the API (TokenRequest, the node's uid). */
export interface TokenSource {
  token(pod: Pod, audience: string | undefined, expirationSeconds: number): string;
}

// The configmap and secret plugins' text for an item naming an absent key.
const pick = (data: Files, items: KeyToPath[] | undefined, volume: string, kind: 'configmap' | 'secret', optional: boolean): Files => {
  if (!items) return { ...data };
  const out: Files = {};
  for (const item of items) {
    const value = data[item.key];
    if (value === undefined) {
      if (optional) continue;
      throw new VolumeError(volume, `${kind} references non-existent ${kind === 'configmap' ? 'config' : 'secret'} key: ${item.key}`);
    }
    out[item.path] = value;
  }
  return out;
};

async function fetch(source: ObjectSource, kind: 'configmap' | 'secret', namespace: string, name: string, volume: string, optional: boolean): Promise<Files | undefined> {
  try {
    return await (kind === 'configmap' ? source.configMap(namespace, name) : source.secret(namespace, name));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    if (optional) return undefined;
    throw new VolumeError(volume, `${kind} "${name}" not found`);
  }
}

function downward(pod: Pod, items: DownwardItem[] | undefined, node: NodeConfig): Files {
  const out: Files = {};
  for (const item of items ?? []) {
    if (item.fieldRef) out[item.path] = fieldRefValue(pod, item.fieldRef.fieldPath);
    else if (item.resourceFieldRef) {
      const container = pod.spec?.containers.find((c) => c.name === item.resourceFieldRef!.containerName) ?? pod.spec?.containers[0];
      if (container) out[item.path] = resourceFieldValue(container, node, item.resourceFieldRef.resource, item.resourceFieldRef.divisor);
    }
  }
  return out;
}

/** Every volume's files, by volume name. Throws VolumeError. */
export async function setUpVolumes(pod: Pod, node: NodeConfig, source: ObjectSource, tokens: TokenSource): Promise<Map<string, Files>> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const out = new Map<string, Files>();
  for (const v of pod.spec?.volumes ?? []) out.set(v.name, await volumeFiles(v, pod, namespace, node, source, tokens));
  return out;
}

async function volumeFiles(v: Volume, pod: Pod, namespace: string, node: NodeConfig, source: ObjectSource, tokens: TokenSource): Promise<Files> {
  if (v.configMap) {
    const optional = v.configMap.optional === true;
    const data = await fetch(source, 'configmap', namespace, v.configMap.name, v.name, optional);
    return data ? pick(data, v.configMap.items, v.name, 'configmap', optional) : {};
  }
  if (v.secret) {
    const optional = v.secret.optional === true;
    const data = await fetch(source, 'secret', namespace, v.secret.secretName, v.name, optional);
    return data ? pick(data, v.secret.items, v.name, 'secret', optional) : {};
  }
  if (v.downwardAPI) return downward(pod, v.downwardAPI.items, node);
  if (v.projected) {
    const files: Files = {};
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) files[s.serviceAccountToken.path] = tokens.token(pod, s.serviceAccountToken.audience, s.serviceAccountToken.expirationSeconds ?? 3607);
      else if (s.configMap) {
        const optional = s.configMap.optional === true;
        const data = await fetch(source, 'configmap', namespace, s.configMap.name, v.name, optional);
        if (data) Object.assign(files, pick(data, s.configMap.items, v.name, 'configmap', optional));
      } else if (s.secret) {
        const optional = s.secret.optional === true;
        const data = await fetch(source, 'secret', namespace, s.secret.name, v.name, optional);
        if (data) Object.assign(files, pick(data, s.secret.items, v.name, 'secret', optional));
      } else if (s.downwardAPI) Object.assign(files, downward(pod, s.downwardAPI.items, node));
    }
    return files;
  }
  // emptyDir starts empty; other kinds (hostPath, PVCs) have no simulated contents.
  return {};
}

/** A container's mounts: each volumeMount with its volume's files (a subPath picks one). */
export function mountsFor(container: PodContainer, volumes: Map<string, Files>): Mount[] {
  return (container.volumeMounts ?? []).map((m) => {
    const files = volumes.get(m.name) ?? {};
    const picked = m.subPath ? { [m.subPath.split('/').pop()!]: files[m.subPath] ?? '' } : files;
    return { containerPath: m.mountPath, files: { ...picked }, readOnly: m.readOnly === true };
  });
}
