// The one list of per-resource strategies, keyed `group/resource` (core group '').
import type { Strategy } from '../strategy.ts';
import {
  mutatingWebhookConfigurationStrategy, validatingAdmissionPolicyStrategy, validatingWebhookConfigurationStrategy,
} from './admissionregistration.ts';
import { cronJobStrategy, jobStrategy } from './batch.ts';
import { certificateSigningRequestStrategy } from './certificates.ts';
import {
  configMapStrategy, namespaceStrategy, persistentVolumeClaimStrategy, persistentVolumeStrategy, secretStrategy,
  serviceAccountStrategy, storageClassStrategy,
} from './core.ts';
import { flowSchemaStrategy, priorityLevelConfigurationStrategy } from './flowcontrol.ts';
import { networkPolicyStrategy } from './networking.ts';
import { podStrategy } from './pod.ts';
import { priorityClassStrategy } from './scheduling.ts';
import { serviceStrategy } from './service.ts';
import { csiDriverStrategy } from './storage.ts';
import {
  daemonSetStrategy, deploymentStrategy, replicaSetStrategy, replicationControllerStrategy, statefulSetStrategy,
} from './workloads.ts';

const tracksGeneration: Strategy = { tracksGeneration: true };

export const STRATEGIES: Record<string, Strategy> = {
  '/pods': podStrategy,
  '/services': serviceStrategy,
  '/namespaces': namespaceStrategy,
  '/configmaps': configMapStrategy,
  '/secrets': secretStrategy,
  '/serviceaccounts': serviceAccountStrategy,
  '/persistentvolumes': persistentVolumeStrategy,
  '/persistentvolumeclaims': persistentVolumeClaimStrategy,
  '/replicationcontrollers': replicationControllerStrategy,
  'admissionregistration.k8s.io/validatingadmissionpolicies': validatingAdmissionPolicyStrategy,
  'admissionregistration.k8s.io/validatingwebhookconfigurations': validatingWebhookConfigurationStrategy,
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': mutatingWebhookConfigurationStrategy,
  'certificates.k8s.io/certificatesigningrequests': certificateSigningRequestStrategy,
  'flowcontrol.apiserver.k8s.io/flowschemas': flowSchemaStrategy,
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations': priorityLevelConfigurationStrategy,
  'scheduling.k8s.io/priorityclasses': priorityClassStrategy,
  'storage.k8s.io/csidrivers': csiDriverStrategy,
  'apps/deployments': deploymentStrategy,
  'apps/replicasets': replicaSetStrategy,
  'apps/statefulsets': statefulSetStrategy,
  'apps/daemonsets': daemonSetStrategy,
  'batch/jobs': jobStrategy,
  'batch/cronjobs': cronJobStrategy,
  'storage.k8s.io/storageclasses': storageClassStrategy,
  'autoscaling/horizontalpodautoscalers': tracksGeneration,
  'networking.k8s.io/ingresses': tracksGeneration,
  'networking.k8s.io/networkpolicies': networkPolicyStrategy,
  'policy/poddisruptionbudgets': tracksGeneration,
  'apiextensions.k8s.io/customresourcedefinitions': tracksGeneration,
};
