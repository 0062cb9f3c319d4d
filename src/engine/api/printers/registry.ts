// The one list: which printer serves which resource, keyed `group/resource` as the api room's
// registry keys them ('' is the core group). Resources absent here get the default table
// (default.ts), as kinds without a print handler do upstream (LimitRange, Role, ClusterRole,
// CustomResourceDefinition); custom resources get theirs from their CRD (customResource.ts).
// APIService is the one entry not from printers.go: kube-aggregator converts it itself (apiserver.ts).
// Models pkg/printers/internalversion/printers.go AddHandlers (one handler per internal type, so
// every version of a resource, e.g. autoscaling/v1 and v2, prints alike).
import {
  admissionPolicyBindingPrinter, mutatingAdmissionPolicyPrinter, validatingAdmissionPolicyPrinter, webhookConfigurationPrinter,
} from './admission.ts';
import { apiServicePrinter, componentStatusPrinter, storageVersionMigrationPrinter, storageVersionPrinter } from './apiserver.ts';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import { certificateSigningRequestPrinter, clusterTrustBundlePrinter } from './certificates.ts';
import { horizontalPodAutoscalerPrinter, scalePrinter } from './autoscaling.ts';
import {
  configMapPrinter, podDisruptionBudgetPrinter, priorityClassPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter,
} from './config.ts';
import {
  csiDriverPrinter, csiNodePrinter, csiStorageCapacityPrinter, volumeAttachmentPrinter, volumeAttributesClassPrinter,
} from './csi.ts';
import { nameAgePrinter, resourceClaimPrinter, resourceSlicePrinter } from './dra.ts';
import { coreEventPrinter, eventsV1EventPrinter } from './events.ts';
import { flowSchemaPrinter, priorityLevelConfigurationPrinter } from './flowcontrol.ts';
import { leaseCandidatePrinter, leasePrinter, namespacePrinter, nodePrinter, runtimeClassPrinter } from './node.ts';
import { podPrinter, podTemplatePrinter } from './pod.ts';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac.ts';
import {
  endpointSlicePrinter, endpointsPrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter, servicePrinter,
} from './service.ts';
import { ipAddressPrinter, serviceCIDRPrinter } from './servicecidr.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage.ts';
import type { KindPrinter } from './table.ts';
import {
  controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, replicationControllerPrinter, statefulSetPrinter,
} from './workloads.ts';

const printers: ReadonlyMap<string, KindPrinter> = new Map([
  ['/pods', podPrinter],
  ['/podtemplates', podTemplatePrinter],
  ['/replicationcontrollers', replicationControllerPrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/nodes', nodePrinter],
  ['/namespaces', namespacePrinter],
  ['/events', coreEventPrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/configmaps', configMapPrinter],
  ['/persistentvolumes', persistentVolumePrinter],
  ['/persistentvolumeclaims', persistentVolumeClaimPrinter],
  ['/resourcequotas', resourceQuotaPrinter],
  ['/componentstatuses', componentStatusPrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['apps/controllerrevisions', controllerRevisionPrinter],
  ['batch/jobs', jobPrinter],
  ['batch/cronjobs', cronJobPrinter],
  ['autoscaling/horizontalpodautoscalers', horizontalPodAutoscalerPrinter],
  // Not a resource: the kind the scale subresources of the workloads serve (subresources.ts).
  ['autoscaling/scale', scalePrinter],
  ['events.k8s.io/events', eventsV1EventPrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['networking.k8s.io/ingresses', ingressPrinter],
  ['networking.k8s.io/ingressclasses', ingressClassPrinter],
  ['networking.k8s.io/networkpolicies', networkPolicyPrinter],
  ['policy/poddisruptionbudgets', podDisruptionBudgetPrinter],
  ['scheduling.k8s.io/priorityclasses', priorityClassPrinter],
  ['storage.k8s.io/storageclasses', storageClassPrinter],
  ['storage.k8s.io/volumeattributesclasses', volumeAttributesClassPrinter],
  ['storage.k8s.io/volumeattachments', volumeAttachmentPrinter],
  ['storage.k8s.io/csidrivers', csiDriverPrinter],
  ['storage.k8s.io/csinodes', csiNodePrinter],
  ['storage.k8s.io/csistoragecapacities', csiStorageCapacityPrinter],
  ['coordination.k8s.io/leases', leasePrinter],
  ['coordination.k8s.io/leasecandidates', leaseCandidatePrinter],
  ['node.k8s.io/runtimeclasses', runtimeClassPrinter],
  ['networking.k8s.io/servicecidrs', serviceCIDRPrinter],
  ['networking.k8s.io/ipaddresses', ipAddressPrinter],
  ['certificates.k8s.io/certificatesigningrequests', certificateSigningRequestPrinter],
  ['certificates.k8s.io/clustertrustbundles', clusterTrustBundlePrinter],
  ['admissionregistration.k8s.io/mutatingwebhookconfigurations', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/validatingwebhookconfigurations', webhookConfigurationPrinter],
  ['admissionregistration.k8s.io/validatingadmissionpolicies', validatingAdmissionPolicyPrinter],
  ['admissionregistration.k8s.io/validatingadmissionpolicybindings', admissionPolicyBindingPrinter],
  ['admissionregistration.k8s.io/mutatingadmissionpolicies', mutatingAdmissionPolicyPrinter],
  ['admissionregistration.k8s.io/mutatingadmissionpolicybindings', admissionPolicyBindingPrinter],
  ['flowcontrol.apiserver.k8s.io/flowschemas', flowSchemaPrinter],
  ['flowcontrol.apiserver.k8s.io/prioritylevelconfigurations', priorityLevelConfigurationPrinter],
  ['internal.apiserver.k8s.io/storageversions', storageVersionPrinter],
  ['storagemigration.k8s.io/storageversionmigrations', storageVersionMigrationPrinter],
  ['apiregistration.k8s.io/apiservices', apiServicePrinter],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
  ['resource.k8s.io/deviceclasses', nameAgePrinter],
  ['resource.k8s.io/resourceclaims', resourceClaimPrinter],
  ['resource.k8s.io/resourceclaimtemplates', nameAgePrinter],
  ['resource.k8s.io/resourceslices', resourceSlicePrinter],
]);

/** The print handler for a built-in resource, or undefined when upstream has none (default table). */
export function printerFor(group: string, resource: string): KindPrinter | undefined {
  return printers.get(`${group}/${resource}`);
}
