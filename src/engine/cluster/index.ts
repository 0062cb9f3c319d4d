export { bootCluster, SYSTEM_NAMESPACES, type BootOptions, type Cluster } from './boot.ts';
export { DEFAULT_CLUSTER_SPEC, type ClusterSpec } from './spec.ts';
