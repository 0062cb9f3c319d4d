// The controller manager's controllers, one per file (DESIGN.md rooms).
export { serviceAccountsController, DEFAULT_SERVICE_ACCOUNTS } from './serviceaccounts.ts';
export { namespaceController, FINALIZER_KUBERNETES, type NamespaceControllerOptions } from './namespace.ts';
export { resourceQuotaController, RESOURCE_QUOTA_SYNC_PERIOD_MS } from './resourcequota.ts';
