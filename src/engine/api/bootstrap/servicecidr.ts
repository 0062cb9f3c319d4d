// The default ServiceCIDR: MultiCIDRServiceAllocator is GA and on in v1.33, so the apiserver's
// kubernetes-service-cidr-controller creates `kubernetes` from --service-cluster-ip-range at start
// and applies its Ready condition. Models
// pkg/controlplane/controller/defaultservicecidr/default_servicecidr_controller.go (sync, syncStatus).
import { SERVICE_CIDR } from '../kinds/service-alloc.ts';
import type { KubeObject } from '../types.ts';

/** The name of the ServiceCIDR the apiserver keeps (DefaultServiceCIDRName). */
export const DEFAULT_SERVICE_CIDR_NAME = 'kubernetes';

export function defaultServiceCIDR(now: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR',
    metadata: { name: DEFAULT_SERVICE_CIDR_NAME },
    spec: { cidrs: [SERVICE_CIDR] },
    // Applied without a reason; metav1.Condition's reason has no omitempty, so it reads "".
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now, reason: '', message: 'Kubernetes default Service CIDR is ready' }] },
  };
}
