export { bootCluster, SYSTEM_NAMESPACES, type BootOptions, type Cluster } from './boot.ts';
export { DEFAULT_CLUSTER_SPEC, nodesOf, type ClusterAddons, type ClusterSpec, type NodePool } from './spec.ts';
