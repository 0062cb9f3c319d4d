// kubectl describe pod: identity, placement, status, containers, conditions, volumes, QoS class,
// node selectors, tolerations, events.
// Models kubernetes/kubectl pkg/describe/describe.go (describePod, describePodIPs,
// describeTopologySpreadConstraints) and pkg/apis/core/v1/helper/qos GetPodQOS.
import type { KubeObject } from '../../engine/api/index.ts';
import { formatLabelSelector } from '../../engine/api/index.ts';
import { describeContainers, describeResources, describeVolumes, type ContainerStatus, type PodSpec } from './containers.ts';
import { describeEvents, type CoreEvent } from './events.ts';
import { ageOf } from './events.ts';
import { printAnnotations, printLabels, printTolerations, PrefixWriter, rfc1123z } from './writer.ts';

/** A pod, as far as describe reads it. */
export interface Pod extends KubeObject {
  spec?: PodSpec & {
    priority?: number; runtimeClassName?: string; nodeName?: string; readinessGates?: Array<{ conditionType: string }>;
    securityContext?: { seccompProfile?: { type: string; localhostProfile?: string } };
    resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
    topologySpreadConstraints?: Array<{ topologyKey: string; whenUnsatisfiable: string; maxSkew: number; labelSelector?: Parameters<typeof formatLabelSelector>[0] }>;
  };
  status?: {
    phase?: string; reason?: string; message?: string; hostIP?: string; podIP?: string; podIPs?: Array<{ ip: string }>;
    startTime?: string; nominatedNodeName?: string; qosClass?: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[];
  };
}

/** `Kind/name` of the object's controller, or '' (printController). */
export const controllerOf = (obj: KubeObject) => {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
};

/** The full describe text of a pod; `events` undefined leaves the section out (--show-events=false). */
export function describePod(pod: Pod, events: CoreEvent[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = pod.spec ?? {}, status = pod.status ?? {}, meta = pod.metadata ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${ageOf(meta.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs?.length) {
    w.write(0, 'IPs:\t<none>\n');
  } else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(pod);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(0, 'Resources:\n');
    describeResources(w, spec.resources, 1);
  }
  const resolve = (path: string) => fieldPathValue(pod, path);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, resolve, '');
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, resolve, '');
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) w.write(1, `${g.conditionType} \t${status.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`);
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${status.qosClass || podQOS(spec)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  const tscs = [...(spec.topologySpreadConstraints ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  tscs.forEach((t, i) => {
    const selector = t.labelSelector ? ` for selector ${formatLabelSelector(t.labelSelector)}` : '';
    w.write(0, `${i === 0 ? 'Topology Spread Constraints:' : ''}\t${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded${selector}\n`);
  });
  if (events) describeEvents(w, events, now);
  return w.toString();
}

// The downward-API fields an env var's fieldRef can name (pod validation allows only these).
function fieldPathValue(pod: Pod, path: string): string {
  const meta = pod.metadata ?? {};
  const key = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (key) return (key[1] === 'labels' ? meta.labels : meta.annotations)?.[key[2]!] ?? '';
  const values: Record<string, string | undefined> = {
    'metadata.name': meta.name, 'metadata.namespace': meta.namespace, 'metadata.uid': meta.uid,
    'spec.nodeName': pod.spec?.nodeName, 'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP, 'status.podIP': pod.status?.podIP,
  };
  return values[path] ?? '';
}

// Models qos.ComputePodQOS over cpu and memory: no requests or limits anywhere is BestEffort;
// limits for both on every container, with any requests equal to them, is Guaranteed.
export function podQOS(spec: PodSpec): string {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const tracked = ['cpu', 'memory'];
  let any = false, guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {}, lim = c.resources?.limits ?? {};
    for (const r of tracked) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
