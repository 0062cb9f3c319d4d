// The APIServices kube-aggregator's autoregister controller creates at start: one per group-version
// the kube-apiserver (and apiextensions-apiserver) serves, `Local` (no spec.service), labelled
// automanaged `onstart`, and marked Available by the availability controller.
// Models cmd/kube-apiserver/app/aggregator.go apiVersionPriorities merged over
// pkg/controlplane/apiserver/aggregator.go DefaultGenericAPIServicePriorities (v1.33), makeAPIService,
// and kube-aggregator's AvailableConditionController for local services.
import type { Registry } from '../registry.ts';
import type { KubeObject } from '../types.ts';

interface Priority {
  group: number;
  version: number;
}

// `group/version` → priority, for the versions a v1.33 cluster can serve. A served group-version
// missing here gets no APIService, as upstream's makeAPIService skips it (apiregistration.k8s.io
// itself is served by the aggregator, not a delegate, so it has none).
const API_VERSION_PRIORITIES: Record<string, Priority> = {
  '/v1': { group: 18000, version: 1 },
  'apps/v1': { group: 17800, version: 15 },
  'events.k8s.io/v1': { group: 17750, version: 15 },
  'authentication.k8s.io/v1': { group: 17700, version: 15 },
  'authentication.k8s.io/v1beta1': { group: 17700, version: 9 },
  'authentication.k8s.io/v1alpha1': { group: 17700, version: 1 },
  'authorization.k8s.io/v1': { group: 17600, version: 15 },
  'autoscaling/v1': { group: 17500, version: 15 },
  'autoscaling/v2': { group: 17500, version: 30 },
  'batch/v1': { group: 17400, version: 15 },
  'certificates.k8s.io/v1': { group: 17300, version: 15 },
  'certificates.k8s.io/v1beta1': { group: 17300, version: 9 },
  'certificates.k8s.io/v1alpha1': { group: 17300, version: 1 },
  'networking.k8s.io/v1': { group: 17200, version: 15 },
  'networking.k8s.io/v1beta1': { group: 17200, version: 9 },
  'policy/v1': { group: 17100, version: 15 },
  'rbac.authorization.k8s.io/v1': { group: 17000, version: 15 },
  'storage.k8s.io/v1': { group: 16800, version: 15 },
  'storage.k8s.io/v1beta1': { group: 16800, version: 9 },
  'storage.k8s.io/v1alpha1': { group: 16800, version: 1 },
  'apiextensions.k8s.io/v1': { group: 16700, version: 15 },
  'admissionregistration.k8s.io/v1': { group: 16700, version: 15 },
  'admissionregistration.k8s.io/v1beta1': { group: 16700, version: 12 },
  'admissionregistration.k8s.io/v1alpha1': { group: 16700, version: 9 },
  'scheduling.k8s.io/v1': { group: 16600, version: 15 },
  'coordination.k8s.io/v1': { group: 16500, version: 15 },
  'coordination.k8s.io/v1beta1': { group: 16500, version: 13 },
  'coordination.k8s.io/v1alpha2': { group: 16500, version: 12 },
  'node.k8s.io/v1': { group: 16300, version: 15 },
  'discovery.k8s.io/v1': { group: 16200, version: 15 },
  'resource.k8s.io/v1beta2': { group: 16200, version: 15 },
  'resource.k8s.io/v1beta1': { group: 16200, version: 9 },
  'resource.k8s.io/v1alpha3': { group: 16200, version: 1 },
  'flowcontrol.apiserver.k8s.io/v1': { group: 16100, version: 21 },
  'internal.apiserver.k8s.io/v1alpha1': { group: 16000, version: 9 },
  'storagemigration.k8s.io/v1alpha1': { group: 15800, version: 9 },
};

/** The label autoregister puts on the APIServices it keeps from the apiserver's start. */
export const AUTOMANAGED_LABEL = 'kube-aggregator.kubernetes.io/automanaged';

/** One Local APIService per served built-in group-version, with its Available condition at `now`. */
export function localAPIServices(registry: Registry, now: string): KubeObject[] {
  return registry.groupVersions().flatMap(({ group, version }) => {
    const priority = API_VERSION_PRIORITIES[`${group}/${version}`];
    if (!priority) return [];
    return [{
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService',
      metadata: { name: `${version}.${group}`, labels: { [AUTOMANAGED_LABEL]: 'onstart' } },
      spec: { group, version, groupPriorityMinimum: priority.group, versionPriority: priority.version },
      status: {
        conditions: [{
          type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available',
        }],
      },
    }];
  });
}
