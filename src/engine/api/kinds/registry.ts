// The one list of per-resource strategies, keyed `group/resource` (core group '').
import type { Strategy } from '../strategy.ts';
import { validatingAdmissionPolicyStrategy } from './admissionregistration.ts';
import { cronJobStrategy, jobStrategy } from './batch.ts';
import {
  configMapStrategy, namespaceStrategy, persistentVolumeClaimStrategy, persistentVolumeStrategy, secretStrategy,
  serviceAccountStrategy, storageClassStrategy,
} from './core.ts';
import { podStrategy } from './pod.ts';
import { serviceStrategy } from './service.ts';
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
  'apps/deployments': deploymentStrategy,
  'apps/replicasets': replicaSetStrategy,
  'apps/statefulsets': statefulSetStrategy,
  'apps/daemonsets': daemonSetStrategy,
  'batch/jobs': jobStrategy,
  'batch/cronjobs': cronJobStrategy,
  'storage.k8s.io/storageclasses': storageClassStrategy,
  'autoscaling/horizontalpodautoscalers': tracksGeneration,
  'networking.k8s.io/ingresses': tracksGeneration,
  'networking.k8s.io/networkpolicies': tracksGeneration,
  'policy/poddisruptionbudgets': tracksGeneration,
  'apiextensions.k8s.io/customresourcedefinitions': tracksGeneration,
};
