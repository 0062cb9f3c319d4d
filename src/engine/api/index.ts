// The apiserver's public face: what clients (the client room) and the boot code see.
export * from './errors.ts';
export type * from './types.ts';
export type * from './request.ts';
export { ApiServer, createApiServer, ADMIN_USER, type ApiServerOptions } from './server.ts';
export type { ApiFeatures, ResourceInfo, SubresourceInfo, GroupVersionInfo } from './registry.ts';
export type { AdmissionPlugin, AdmissionAttributes, Authorizer, AuthorizationAttributes, ApiReader } from './admission.ts';
export { restPath, restLine } from './restpath.ts';
export { keyOf, splitKey, deepCopy, humanDuration, translateTimestampSince, parseApiVersion } from './meta.ts';
export { defaultAdmissionPlugins } from './admission/chain.ts';
export { systemPriorityClasses } from './admission/Priority.ts';
// Quota usage, shared by the ResourceQuota admission plugin and the resourcequota controller.
export { calculateUsage, hardOf, toResourceList, parseObjectCountName, type ListObjects } from './admission/ResourceQuotaEvaluators.ts';
export { RBACAuthorizer, serviceAccountUser, SystemPrivilegedGroup } from './rbac/rbac.ts';
export { bootstrapPolicy } from './rbac/bootstrappolicy.ts';
export type { Table, TableColumnDefinition, TableRow } from './printers/table.ts';
export { controllerPolicy, controllerUser, KUBE_CONTROLLER_MANAGER } from './rbac/controllerpolicy.ts';
export { printTable, type PrintedResource, type PrintOptions } from './printers/print.ts';
