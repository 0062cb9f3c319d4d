// The slices of a Pod the admission plugins read and write. Objects stay open records (the
// schema is the authority on them); these shapes name only the fields a plugin touches.
import type { KubeObject } from '../types.ts';

export type ResourceList = Record<string, string>;

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  [field: string]: unknown;
}

export interface Container {
  name: string;
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  [field: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name: string; [field: string]: unknown }>;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: Array<{ name: string }>;
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
  activeDeadlineSeconds?: number;
  [field: string]: unknown;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: { phase?: string; [field: string]: unknown };
}

/** The pod's spec, created if absent (mutating plugins write into it). */
export function specOf(pod: Pod): PodSpec {
  return (pod.spec ??= {});
}
