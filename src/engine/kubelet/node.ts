// The Node object a kubelet registers and keeps: its labels, capacity, allocatable, conditions,
// addresses and nodeInfo. Models pkg/kubelet/kubelet_node_status.go (initialNode) and the
// setters of pkg/kubelet/nodestatus/setters.go (NodeAddress, MachineInfo, VersionInfo,
// DaemonEndpoints, ReadyCondition, MemoryPressureCondition, DiskPressureCondition,
// PIDPressureCondition).
import { rfc3339 } from '../api/index.ts';
import type { KubeObject } from '../api/index.ts';
import { GPU_TAINT, gpuLabels, type NodePreset } from './presets.ts';

export interface Taint { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }

/** What one kubelet is told about its machine (its flags and the hardware it finds). */
export interface NodeConfig {
  name: string;
  preset: NodePreset;
  /** The node's pod range, `10.244.N.0/24`; pod IPs come from it. */
  podCIDR: string;
  /** The machine's address (kind's nodes: 172.18.0.x). */
  internalIP: string;
  /** A kubeadm control-plane node: role label and the NoSchedule taint. */
  controlPlane?: boolean;
  labels?: Record<string, string>;
  taints?: Taint[];
}

export const KUBELET_VERSION = 'v1.33.1';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.1';
/** The kubelet's streaming and API port (`--port`). */
export const KUBELET_PORT = 10250;
/** `--max-pods`. */
export const MAX_PODS = 110;
/** The hard eviction threshold `memory.available<100Mi`, taken out of allocatable. */
const EVICTION_MEMORY_KI = 100 * 1024;
/** `nodefs.available<10%`. */
const EVICTION_NODEFS_FRACTION = 0.1;

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** `capacity`: what the machine has (setters.go MachineInfo; the device plugin adds GPUs). */
export function capacityOf(preset: NodePreset): Record<string, string> {
  return {
    cpu: String(preset.cpu),
    'ephemeral-storage': `${preset.diskKi}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${preset.memoryKi}Ki`,
    ...(preset.gpus ? { 'nvidia.com/gpu': String(preset.gpus.count) } : {}),
    pods: String(MAX_PODS),
  };
}

/**
 * `allocatable`: capacity less the reservations (none by default) and the hard eviction
 * thresholds, as pkg/kubelet/cm/node_container_manager_linux.go GetNodeAllocatableAbsolute.
 * The ephemeral-storage threshold is a percentage, so what is left prints in bytes.
 */
export function allocatableOf(preset: NodePreset): Record<string, string> {
  const diskBytes = preset.diskKi * 1024;
  return {
    ...capacityOf(preset),
    'ephemeral-storage': String(diskBytes - Math.floor(diskBytes * EVICTION_NODEFS_FRACTION)),
    memory: `${preset.memoryKi - EVICTION_MEMORY_KI}Ki`,
  };
}

export function nodeLabels(config: NodeConfig, nowSeconds: number): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': config.name,
    'kubernetes.io/os': 'linux',
    ...(config.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...(config.preset.instanceType ? { 'node.kubernetes.io/instance-type': config.preset.instanceType } : {}),
    ...gpuLabels(config.preset, nowSeconds),
    ...config.labels,
  };
}

export function nodeTaints(config: NodeConfig): Taint[] {
  return [...(config.controlPlane ? [CONTROL_PLANE_TAINT] : []), ...(config.taints ?? [])];
}

export { GPU_TAINT };

/** The machine's identities (/etc/machine-id, the SMBIOS UUID, this boot's id), as nodeInfo shows them. */
export interface MachineIds { machineID: string; systemUUID: string; bootID: string }

interface Condition { type: string; status: string; lastHeartbeatTime: string; lastTransitionTime: string; reason: string; message: string }

/** The four conditions a healthy kubelet reports, in setters.go's order. */
export function healthyConditions(now: number, since: number): Condition[] {
  const c = (type: string, status: string, reason: string, message: string): Condition => ({
    type, status, lastHeartbeatTime: rfc3339(now), lastTransitionTime: rfc3339(since), reason, message,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The status the kubelet posts: everything the setters fill, with conditions as of `now`. */
export function nodeStatus(config: NodeConfig, ids: MachineIds, now: number, readySince: number): Record<string, unknown> {
  return {
    addresses: [{ type: 'InternalIP', address: config.internalIP }, { type: 'Hostname', address: config.name }],
    allocatable: allocatableOf(config.preset),
    capacity: capacityOf(config.preset),
    conditions: healthyConditions(now, readySince),
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: ids.bootID,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kernelVersion: '6.8.0-60-generic',
      kubeProxyVersion: '',
      kubeletVersion: KUBELET_VERSION,
      machineID: ids.machineID,
      operatingSystem: 'linux',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      systemUUID: ids.systemUUID,
    },
  };
}

/** The Node the kubelet registers (kubelet_node_status.go initialNode, then the setters). */
export function initialNode(config: NodeConfig, ids: MachineIds, now: number): KubeObject {
  const taints = nodeTaints(config);
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name: config.name,
      labels: nodeLabels(config, Math.floor(now / 1000)),
      // kubeadm and the kubelet's own volume-controller annotation, as `kubectl describe node` shows them.
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      // Upstream the node-ipam controller fills these; with no such controller the kubelet
      // brings its range along (as `--pod-cidr` would).
      podCIDR: config.podCIDR,
      podCIDRs: [config.podCIDR],
      ...(taints.length ? { taints: taints.map((t) => ({ ...t })) } : {}),
    },
    status: nodeStatus(config, ids, now, now),
  };
}
