// The apiserver's public face: what clients (the client room) and the boot code see.
export * from './errors.ts';
export type * from './types.ts';
export type * from './request.ts';
export { ApiServer, createApiServer, ADMIN_USER, type ApiServerOptions } from './server.ts';
export type { ApiFeatures, ResourceInfo, SubresourceInfo, GroupVersionInfo } from './registry.ts';
export type { AggregatedAPI, AggregatedResource } from './aggregator.ts';
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
export { rfc3339, rfc3339Micro } from './time.ts';
// kubectl describe/explain/wait: label formatting, quantities, and the compact API schemas with their docs.
export { formatLabels, formatLabelSelector, labelSelectorAsSelector, selectorString } from './labels.ts';
// metrics-server: label selectors over the objects it serves metrics for.
export { parseSelector, matches as selectorMatches } from './labels.ts';
export { parseQuantity, quantityString, addQuantity, milliValue, quantityValue, type Quantity } from './quantity.ts';
export { builtinSchemas, definitionNameFor, resolve as resolveSchema, type CompactSchema } from './schema.ts';
export { loadFieldDocs, type FieldDocs } from './schema-docs.ts';
export { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './deletes.ts';
// kubectl taint: label-key and label-value validation for taint keys and values.
export { isQualifiedName, isValidLabelValue } from './validation/validation.ts';
export { childSchema, listMergeKey, patchStrategies } from './schema.ts';
// pilothouse serve: request bodies in Kubernetes' protobuf serialization (what kubectl's typed clients send).
export { decodeProtobuf, encodeProtobuf, PROTOBUF_MEDIA_TYPE } from './protobuf.ts';
// The kubelet's streaming API (log, exec, attach), which the apiserver proxies pods' connect subresources to.
export { KubeletError, type ContainerRef, type ContainerStatsSummary, type CPUStats, type MemoryStats, type PodStatsSummary, type StatsSummary, type ExecSession, type ExecStatus, type ExecStreams, type KubeletConnection, type KubeletDialer, type PodLogOptions, type StreamHandle } from './kubeletclient.ts';
/** Test support for the rooms above: a scripted kubelet (the real one is src/engine/kubelet). */
export { createFakeKubelet, type FakeContainer, type FakeKubelet } from './testing/fakekubelet.ts';
// What the apiserver's post-start hooks create (cluster boot writes them): the local APIServices,
// APF's bootstrap configuration and the default ServiceCIDR; and the components ComponentStatus probes.
export { localAPIServices } from './bootstrap/apiservices.ts';
export { bootstrapFlowSchemas, bootstrapPriorityLevels } from './bootstrap/flowcontrol.ts';
export { defaultServiceCIDR } from './bootstrap/servicecidr.ts';
export {
  CONTROLLER_MANAGER_HEALTHZ, healthyComponent, SCHEDULER_HEALTHZ, unreachableComponent, type ComponentCheck, type ComponentProbe,
} from './componentstatus.ts';
// The one mapping between a container's bytes and the engine's strings (exec streams, tar).
export { ByteDecoder, decodeBytes, encodeBytes } from './bytes.ts';
