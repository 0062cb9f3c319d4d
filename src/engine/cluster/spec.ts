// The ClusterSpec: what a cluster boots with — its API switches and its node pools.
import type { ApiFeatures } from '../api/index.ts';
import { NODE_PRESETS, type NodeConfig, type NodePresetName, type Taint } from '../kubelet/index.ts';

/** A group of identical nodes (a kind config's nodes, a cloud node pool). */
export interface NodePool {
  /** Names the nodes: `<name>-1`, `<name>-2`, … or `<name>` alone for a pool of one. */
  name: string;
  count: number;
  preset: NodePresetName;
  /** kubeadm's control plane: the node-role label and the NoSchedule taint. */
  controlPlane?: boolean;
  labels?: Record<string, string>;
  /** e.g. GPU_TAINT for a pool only GPU pods should use. */
  taints?: Taint[];
}

export interface ClusterSpec {
  /** Seed of the cluster's RNG: same seed + same inputs ⇒ same cluster. */
  seed: number;
  /** API switches (resource.k8s.io is off by default, as in v1.33). */
  features: ApiFeatures;
  /** The nodes, each running a kubelet; DEFAULT_CLUSTER_SPEC's when absent, none when empty. */
  nodePools?: NodePool[];
  /** Cluster add-ons; absent means the defaults (metrics-server on: learners need `kubectl top`). */
  addons?: ClusterAddons;
}

export interface ClusterAddons {
  /** metrics-server and its APIService v1beta1.metrics.k8s.io. Default true; off, `kubectl top` says `Metrics API not available`. */
  metricsServer?: boolean;
}

/**
 * A kubeadm-shaped cluster, small enough to read at a glance: one tainted control-plane node
 * (named as the apiserver's host already is, `pilothouse-control-plane`) and two CPU-only
 * workers. The control plane teaches taints and roles (`kubectl get nodes` shows it, and pods
 * stay off it); two workers make spreading and draining visible.
 */
export const DEFAULT_CLUSTER_SPEC: ClusterSpec = {
  seed: 1,
  features: {},
  addons: { metricsServer: true },
  nodePools: [
    { name: 'pilothouse-control-plane', count: 1, preset: 'cpu-only', controlPlane: true },
    { name: 'node', count: 2, preset: 'cpu-only' },
  ],
};

/**
 * Every node of the pools, in order: node N gets the pod range 10.244.N.0/24 (kube-controller-
 * manager's --node-cidr-mask-size 24 over flannel's 10.244.0.0/16) and the address 172.18.0.(N+2)
 * (kind's docker network).
 */
export function nodesOf(pools: NodePool[]): NodeConfig[] {
  const nodes: NodeConfig[] = [];
  for (const pool of pools) {
    for (let i = 1; i <= pool.count; i++) {
      const n = nodes.length;
      nodes.push({
        name: pool.count === 1 ? pool.name : `${pool.name}-${i}`,
        preset: NODE_PRESETS[pool.preset],
        podCIDR: `10.244.${n}.0/24`,
        internalIP: `172.18.0.${n + 2}`,
        ...(pool.controlPlane ? { controlPlane: true } : {}),
        ...(pool.labels ? { labels: { ...pool.labels } } : {}),
        ...(pool.taints ? { taints: pool.taints.map((t) => ({ ...t })) } : {}),
      });
    }
  }
  return nodes;
}
