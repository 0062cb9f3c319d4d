// The controller manager's controllers, one per file (DESIGN.md rooms).
export { serviceAccountsController, DEFAULT_SERVICE_ACCOUNTS } from './serviceaccounts.ts';
export { namespaceController, FINALIZER_KUBERNETES, type NamespaceControllerOptions } from './namespace.ts';
export { runIdentityLease, identityLeaseName, IDENTITY_LEASE_RENEW_MS, type IdentityLease } from './apiserverlease.ts';
export { resourceQuotaController, RESOURCE_QUOTA_SYNC_PERIOD_MS } from './resourcequota.ts';
export { garbageCollector, type GarbageCollectorOptions, type KindMapping } from './garbagecollector.ts';
export { rootCACertPublisher, ROOT_CA_CONFIGMAP } from './rootcacertpublisher.ts';
export { endpointSliceController, ENDPOINTSLICE_CONTROLLER, MANAGED_BY_LABEL } from './endpointslice.ts';
export { endpointsController } from './endpoints.ts';
export { runKubernetesServiceEndpoints, ENDPOINT_INTERVAL_MS, type ApiServerEndpoints } from './kubernetesendpoints.ts';
