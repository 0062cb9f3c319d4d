// The admission plugins a Pilothouse apiserver runs, in upstream's recommended order
// (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins): mutating plugins run in this order,
// then validating ones in the same order. ResourceQuota is last, so it charges only requests
// every other plugin has let through.
import type { Clock, Rng } from '../../clock/index.ts';
import type { AdmissionPlugin } from '../admission.ts';
import { DefaultStorageClass } from './DefaultStorageClass.ts';
import { LimitRanger } from './LimitRanger.ts';
import { NamespaceLifecycle } from './NamespaceLifecycle.ts';
import { Priority } from './Priority.ts';
import { createResourceQuota } from './ResourceQuota.ts';
import { createServiceAccount } from './ServiceAccount.ts';

/**
 * The default admission chain; `rng` is the cluster's seeded RNG (the token volume names use it),
 * `clock` the cluster clock (ResourceQuota stops charging pods whose deletion grace has run out).
 */
export function defaultAdmissionPlugins(rng: Rng, clock?: Pick<Clock, 'now'>): AdmissionPlugin[] {
  const now = clock ? () => clock.now() : undefined;
  return [NamespaceLifecycle, LimitRanger, createServiceAccount(rng), Priority, DefaultStorageClass, createResourceQuota(now)];
}
