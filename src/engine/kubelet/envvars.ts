// A container's environment, resolved as pkg/kubelet/kubelet_pods.go makeEnvironmentVariables
// does: envFrom first (ConfigMaps and Secrets, with their prefix), then env in order, each value
// $(VAR)-expanded against what is defined so far (third_party/forked/golang/expansion); the
// master Service's variables come first of all. A missing ConfigMap, Secret or key fails the
// container with CreateContainerConfigError and upstream's text.
import { isNotFound } from '../api/index.ts';
import { allocatableOf, type NodeConfig } from './node.ts';
import { amount, type Pod, type PodContainer } from './pod.ts';

/** What resolving needs from the API: a ConfigMap's or Secret's data (Secrets already decoded). */
export interface ObjectSource {
  configMap(namespace: string, name: string): Promise<Record<string, string>>;
  secret(namespace: string, name: string): Promise<Record<string, string>>;
}

/** A container whose config cannot be made: the CreateContainerConfigError message. */
export class ContainerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContainerConfigError';
  }
}

export interface EnvVar { name: string; value: string }

/** The `kubernetes` Service's variables (pkg/kubelet/envvars FromServices), which every container gets. */
export function masterServiceEnv(clusterIP: string, port: number): EnvVar[] {
  const p = String(port);
  return [
    { name: 'KUBERNETES_SERVICE_HOST', value: clusterIP },
    { name: 'KUBERNETES_SERVICE_PORT', value: p },
    { name: 'KUBERNETES_SERVICE_PORT_HTTPS', value: p },
    { name: 'KUBERNETES_PORT', value: `tcp://${clusterIP}:${p}` },
    { name: `KUBERNETES_PORT_${p}_TCP`, value: `tcp://${clusterIP}:${p}` },
    { name: `KUBERNETES_PORT_${p}_TCP_PROTO`, value: 'tcp' },
    { name: `KUBERNETES_PORT_${p}_TCP_PORT`, value: p },
    { name: `KUBERNETES_PORT_${p}_TCP_ADDR`, value: clusterIP },
  ];
}

/** expansion.Expand: `$(VAR)` from the mapping, `$$` → `$`, an unknown reference stays as written. */
export function expand(input: string, mapping: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) { out += c; continue; }
    const next = input[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) { out += input.slice(i); break; }
      const name = input.slice(i + 2, close);
      const value = mapping(name);
      out += value ?? `$(${name})`;
      i = close;
      continue;
    }
    out += c;
  }
  return out;
}

const notFoundText = (kind: 'configmap' | 'secret', name: string) => `${kind} "${name}" not found`;

async function fetchData(source: ObjectSource, kind: 'configmap' | 'secret', namespace: string, name: string, optional: boolean): Promise<Record<string, string> | undefined> {
  try {
    return await (kind === 'configmap' ? source.configMap(namespace, name) : source.secret(namespace, name));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    if (optional) return undefined;
    throw new ContainerConfigError(notFoundText(kind, name));
  }
}

/** The value of a downward-API fieldRef (pkg/fieldpath ExtractFieldPathAsString plus the kubelet's status fields). */
export function fieldRefValue(pod: Pod, fieldPath: string): string {
  const meta = pod.metadata ?? {};
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (m) return (m[1] === 'labels' ? meta.labels : meta.annotations)?.[m[2]!] ?? '';
  switch (fieldPath) {
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    case 'metadata.labels': return Object.entries(meta.labels ?? {}).sort().map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations': return Object.entries(meta.annotations ?? {}).sort().map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((i) => i.ip).join(',');
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((i) => i.ip).join(',');
    default: return '';
  }
}

/**
 * resourceFieldRef (pkg/api/v1/resource ExtractContainerResourceValue): the container's limit,
 * or the node's allocatable when it has none; cpu rounded up to the divisor, memory divided.
 */
export function resourceFieldValue(container: PodContainer, node: NodeConfig, resource: string, divisor = '1'): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  const set = container.resources?.[kind]?.[name];
  const fallback = kind === 'limits' || name === 'cpu' || name === 'memory' ? allocatableOf(node.preset)[name] : undefined;
  const raw = set ?? (kind === 'limits' ? fallback : '0') ?? '0';
  return String(Math.ceil(amount(name, raw) / Math.max(1, amount(name, divisor))));
}

/** The container's final environment. Throws ContainerConfigError. */
export async function makeEnvironment(pod: Pod, container: PodContainer, node: NodeConfig, source: ObjectSource, serviceEnv: EnvVar[]): Promise<EnvVar[]> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const values = new Map<string, string>();
  for (const v of serviceEnv) values.set(v.name, v.value);

  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name) continue;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    const data = await fetchData(source, kind, namespace, ref.name, ref.optional === true);
    for (const [k, v] of Object.entries(data ?? {})) values.set(`${from.prefix ?? ''}${k}`, v);
  }

  const lookup = (name: string) => values.get(name);
  for (const env of container.env ?? []) {
    if (env.valueFrom === undefined) {
      values.set(env.name, expand(env.value ?? '', lookup));
      continue;
    }
    const vf = env.valueFrom;
    if (vf.fieldRef) values.set(env.name, fieldRefValue(pod, vf.fieldRef.fieldPath));
    else if (vf.resourceFieldRef) values.set(env.name, resourceFieldValue(container, node, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor));
    else if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const kind = vf.configMapKeyRef ? 'configmap' : 'secret';
      const optional = ref.optional === true;
      const data = await fetchData(source, kind, namespace, ref.name, optional);
      if (data === undefined) continue;
      const value = data[ref.key];
      if (value === undefined) {
        if (optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${namespace}/${ref.name}`);
      }
      values.set(env.name, value);
    }
  }
  return [...values].map(([name, value]) => ({ name, value }));
}
