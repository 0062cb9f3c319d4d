// The ClusterSpec: what a cluster boots with. Node pools arrive with the kubelet issue.
import type { ApiFeatures } from '../api/index.ts';

export interface ClusterSpec {
  /** Seed of the cluster's RNG: same seed + same inputs ⇒ same cluster. */
  seed: number;
  /** API switches (resource.k8s.io is off by default, as in v1.33). */
  features: ApiFeatures;
}

export const DEFAULT_CLUSTER_SPEC: ClusterSpec = { seed: 1, features: {} };
