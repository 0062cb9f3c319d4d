// Defaulting of pods and pod templates, as the apiserver's generated defaulters run it.
// Models pkg/apis/core/v1/defaults.go (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container,
// SetDefaults_ContainerPort, SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume,
// SetDefaults_SecretVolumeSource & co., SetDefaults_ObjectFieldSelector).
import { asObj, asObjs, child, setDefault, type Obj } from './access.ts';

/** Mode bits of projected files when a volume names none: 0644. */
export const DefaultVolumeMode = 0o644;

// Models defaults.go SetDefaults_PodSpec (runs for pods and every pod template).
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (spec.hostNetwork === true) defaultHostNetworkPorts(spec);
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of asObjs(spec[list])) defaultContainer(c);
  }
  for (const v of asObjs(spec.volumes)) defaultVolume(v);
}

// Models defaults.go SetDefaults_Pod: what only a Pod (not a template) gets, on top of its spec's
// defaults — requests copied from limits, and service links on.
export function defaultPod(pod: Obj): void {
  const spec = child(pod, 'spec');
  defaultPodSpec(spec);
  for (const list of ['containers', 'initContainers']) {
    for (const c of asObjs(spec[list])) defaultRequestsFromLimits(c);
  }
  setDefault(spec, 'enableServiceLinks', true);
}

/** A PodTemplateSpec inside a workload: its spec gets pod spec defaults. */
export function defaultPodTemplate(template: unknown): void {
  const t = asObj(template);
  if (t) defaultPodSpec(child(t, 'spec'));
}

// A request left out where a limit is given defaults to that limit, per resource.
function defaultRequestsFromLimits(c: Obj): void {
  const resources = asObj(c.resources);
  const limits = asObj(resources?.limits);
  if (!resources || !limits || Object.keys(limits).length === 0) return;
  const requests = child(resources, 'requests');
  for (const [name, q] of Object.entries(limits)) if (requests[name] === undefined) requests[name] = q;
}

// With hostNetwork, hostPort mirrors containerPort (defaults.go defaultHostNetworkPorts).
function defaultHostNetworkPorts(spec: Obj): void {
  for (const list of ['containers', 'initContainers']) {
    for (const c of asObjs(spec[list])) {
      for (const p of asObjs(c.ports)) if (p.hostPort === undefined || p.hostPort === 0) p.hostPort = p.containerPort;
    }
  }
}

// Models defaults.go SetDefaults_Container and the defaulters of the structs it holds.
function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of asObjs(c.ports)) setDefault(p, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = asObj(c[probe]);
    if (p) defaultProbe(p);
  }
  const lifecycle = asObj(c.lifecycle);
  for (const hook of ['postStart', 'preStop']) defaultHandler(asObj(asObj(lifecycle?.[hook])));
  for (const e of asObjs(c.env)) {
    const fieldRef = asObj(asObj(e.valueFrom)?.fieldRef);
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
}

// Models defaults.go SetDefaults_Probe and SetDefaults_HTTPGetAction.
function defaultProbe(p: Obj): void {
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  defaultHandler(p);
  const grpc = asObj(p.grpc);
  if (grpc && grpc.service === undefined) grpc.service = '';
}

function defaultHandler(h: Obj | undefined): void {
  const httpGet = asObj(h?.httpGet);
  if (!httpGet) return;
  setDefault(httpGet, 'path', '/');
  setDefault(httpGet, 'scheme', 'HTTP');
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

/** The volume source fields a volume sets (validation wants exactly one). */
export const volumeSourcesOf = (v: Obj): string[] => VOLUME_SOURCES.filter((k) => v[k] !== undefined && v[k] !== null);

// Models defaults.go SetDefaults_Volume and the per-source defaulters.
function defaultVolume(v: Obj): void {
  if (volumeSourcesOf(v).length === 0) v.emptyDir = {};
  for (const src of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = asObj(v[src]);
    if (s) setDefault(s, 'defaultMode', DefaultVolumeMode);
  }
  const hostPath = asObj(v.hostPath);
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
  for (const item of asObjs(asObj(v.downwardAPI)?.items)) {
    const fieldRef = asObj(item.fieldRef);
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
  const pvcTemplate = asObj(asObj(asObj(v.ephemeral)?.volumeClaimTemplate)?.spec);
  if (pvcTemplate) setDefault(pvcTemplate, 'volumeMode', 'Filesystem');
}

// As parsers.ParseImageName: the tag after the last ':' of the last path segment; no tag and no
// digest means "latest". `nginx@sha256:…` has no tag, so it is pulled IfNotPresent.
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon >= 0) return lastSegment.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}
