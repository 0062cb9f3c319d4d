// The parts of core/v1 Pod the kubelet reads and writes, typed for this room (the API keeps
// kinds open; the OpenAPI schema is the authority on the full shape).
import { milliValue, parseQuantity, quantityValue, type KubeObject } from '../api/index.ts';

export interface KeyRef { name: string; key: string; optional?: boolean }
export interface EnvSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}
export interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string; divisor?: string; containerName?: string };
    configMapKeyRef?: KeyRef;
    secretKeyRef?: KeyRef;
  };
}
export interface VolumeMount { name: string; mountPath: string; subPath?: string; readOnly?: boolean }

/** core/v1 HTTPGetAction, TCPSocketAction, ExecAction, GRPCAction: how a probe or hook reaches the container. */
export interface HttpGetAction { path?: string; port: number | string; host?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] }
export interface ProbeHandler {
  exec?: { command?: string[] };
  httpGet?: HttpGetAction;
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
}
export interface Probe extends ProbeHandler {
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}
export interface LifecycleHandler { exec?: { command?: string[] }; httpGet?: HttpGetAction; sleep?: { seconds: number } }

export interface PodContainer {
  name: string;
  /** Init containers only: `Always` makes it a sidecar (KEP-753). */
  restartPolicy?: 'Always';
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { postStart?: LifecycleHandler; preStop?: LifecycleHandler };
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVarSpec[];
  envFrom?: EnvSource[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: VolumeMount[];
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

export interface KeyToPath { key: string; path: string }
export interface DownwardItem { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { containerName?: string; resource: string; divisor?: string } }
export interface ProjectionSource {
  serviceAccountToken?: { path: string; expirationSeconds?: number; audience?: string };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardItem[] };
}
export interface Volume {
  name: string;
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { secretName: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardItem[] };
  projected?: { sources?: ProjectionSource[] };
  emptyDir?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  containers: PodContainer[];
  initContainers?: PodContainer[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  serviceAccountName?: string;
  hostname?: string;
  hostAliases?: { ip: string; hostnames: string[] }[];
  volumes?: Volume[];
}

export interface PodCondition { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string }

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  qosClass?: string;
  initContainerStatuses?: Record<string, unknown>[];
  containerStatuses?: Record<string, unknown>[];
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

/** format.Pod: `name_namespace(uid)`, how the kubelet names a pod in its messages. */
export const podFullName = (pod: Pod) => `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;

const parsed = (s: string | undefined) => {
  if (s === undefined) return undefined;
  const p = parseQuantity(s);
  return p.ok ? p.value : undefined;
};
/** A quantity in millis (cpu) or units (everything else); 0 when absent or unparseable. */
export function amount(resource: string, value: string | undefined): number {
  const q = parsed(value);
  if (!q) return 0;
  return resource === 'cpu' ? milliValue(q) : quantityValue(q);
}
