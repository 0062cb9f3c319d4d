// The admission plugins a Pilothouse apiserver runs, in upstream's recommended order
// (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins): mutating plugins run in this order,
// then validating ones in the same order. ResourceQuota belongs last (it is not written yet).
import type { Rng } from '../../clock/index.ts';
import type { AdmissionPlugin } from '../admission.ts';
import { DefaultStorageClass } from './DefaultStorageClass.ts';
import { LimitRanger } from './LimitRanger.ts';
import { NamespaceLifecycle } from './NamespaceLifecycle.ts';
import { Priority } from './Priority.ts';
import { createServiceAccount } from './ServiceAccount.ts';

/** The default admission chain; `rng` is the cluster's seeded RNG (the token volume names use it). */
export function defaultAdmissionPlugins(rng: Rng): AdmissionPlugin[] {
  return [NamespaceLifecycle, LimitRanger, createServiceAccount(rng), Priority, DefaultStorageClass];
}
