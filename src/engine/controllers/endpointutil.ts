// What the EndpointSlice and Endpoints controllers share about pods: which pods a Service
// lists, whether they are ready, and which container port a Service port reaches.
// Models pkg/controller/util/endpoint/controller_utils.go and pkg/api/v1/pod/util.go (FindPort, IsPodReady).
import { keyOf, splitKey, type KubeObject } from '../api/index.ts';
import type { ServicePort, Service } from '../network/index.ts';

export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
  };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

/** The pod's Ready condition is True. */
export const isPodReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** ShouldPodBeInEndpoints: it has an IP, has not finished, and is not terminating unless those count. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return false;
  return includeTerminating || !pod.metadata?.deletionTimestamp;
}

/** ShouldSetHostname: the pod names this Service as its subdomain and has a hostname. */
export const shouldSetHostname = (pod: Pod, svc: Service) =>
  !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace;

/** FindPort: the container port a Service port's targetPort means in this pod, or undefined when a named port is missing. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    const found = container.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol);
    if (found) return found.containerPort;
  }
  return undefined;
}

/** The pods a Service selects, in name order (a Service without a selector selects none). */
export function selectedPods(pods: Pod[], svc: Service): Pod[] {
  const selector = svc.spec?.selector;
  if (!selector) return [];
  return pods
    .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v))
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

/** The labels a controller-managed object copies from its Service, plus the headless marker. */
export function serviceLabels(svc: Service): Record<string, string> {
  return { ...svc.metadata?.labels, ...(svc.spec?.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}) };
}

/**
 * Pod events wake every Service of the pod's namespace through this key (`<namespace>/`),
 * which the sync fans out: a pod's labels say nothing by themselves about which Services select it.
 */
export const namespaceFanOutKey = (obj: KubeObject) => [`${obj.metadata?.namespace ?? ''}/`];

export const isFanOutKey = (key: string) => key.endsWith('/');

/**
 * A sync key as a Service's namespace and name; for a namespace fan-out key, undefined once
 * every Service of that namespace has been queued.
 */
export function serviceOfKey(key: string, services: { listNamespace(namespace: string): Service[] }, enqueueAfter: (key: string, ms: number) => void): { namespace: string; name: string } | undefined {
  const parsed = splitKey(key);
  if (!parsed.ok) return undefined;
  if (isFanOutKey(key)) {
    for (const svc of services.listNamespace(parsed.value.namespace ?? '')) enqueueAfter(keyOf(svc), 0);
    return undefined;
  }
  return { namespace: parsed.value.namespace ?? '', name: parsed.value.name };
}

/** Structural equality for API values, whatever their key order, as apiequality.Semantic.DeepEqual guards an update. */
export const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
