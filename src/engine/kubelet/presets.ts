// Node hardware presets: what a simulated machine has (CPUs, memory, disk, GPUs) and the labels
// its discovery daemons put on its Node. Shapes and GPU facts follow
// /work/shared/reference/gpu.md (§2 GFD labels, §6 node shapes): an A100 node is shaped like
// AWS p4de.24xlarge, an H100 node like p5.48xlarge, the RTX A4000 is an on-prem workstation.
//
// On a real GPU node the nvidia.com/* and feature.node.kubernetes.io/* labels come from the
// GPU Feature Discovery and NFD DaemonSets, and nvidia.com/gpu capacity from the device
// plugin's registration; here the kubelet carries them from the start (there is no device
// plugin or GFD pod yet).

/** The GPU model a preset carries, as NVML names it and GFD labels it. */
export interface GpuModel {
  /** The nvidia-smi / NVML name, e.g. `NVIDIA A100-SXM4-80GB`. */
  nvmlName: string;
  /** GFD's `nvidia.com/gpu.product`. */
  product: string;
  /** Framebuffer MiB (`nvidia.com/gpu.memory`). */
  memoryMiB: number;
  family: string;
  computeMajor: number;
  computeMinor: number;
  migCapable: boolean;
}

export interface NodePreset {
  /** Cores (`cpu` capacity). */
  cpu: number;
  /** Memory in KiB, as `memory` capacity prints (`16777216Ki`). */
  memoryKi: number;
  /** Root filesystem size in KiB (`ephemeral-storage`). */
  diskKi: number;
  gpus?: { count: number; model: GpuModel };
  /** `node.kubernetes.io/instance-type`, for cloud shapes. */
  instanceType?: string;
}

export const GPU_MODELS = {
  a100: { nvmlName: 'NVIDIA A100-SXM4-80GB', product: 'NVIDIA-A100-SXM4-80GB', memoryMiB: 81920, family: 'ampere', computeMajor: 8, computeMinor: 0, migCapable: true },
  h100: { nvmlName: 'NVIDIA H100 80GB HBM3', product: 'NVIDIA-H100-80GB-HBM3', memoryMiB: 81559, family: 'hopper', computeMajor: 9, computeMinor: 0, migCapable: true },
  rtxA4000: { nvmlName: 'NVIDIA RTX A4000', product: 'NVIDIA-RTX-A4000', memoryMiB: 16376, family: 'ampere', computeMajor: 8, computeMinor: 6, migCapable: false },
} as const satisfies Record<string, GpuModel>;

const GiKi = 1024 * 1024;

export const NODE_PRESETS = {
  /** A small general-purpose worker: 4 CPUs, 16 GiB. */
  'cpu-only': { cpu: 4, memoryKi: 16 * GiKi, diskKi: 100 * GiKi },
  /** A workstation with one RTX A4000 (16 GB). */
  'rtx-a4000': { cpu: 8, memoryKi: 32 * GiKi, diskKi: 500 * GiKi, gpus: { count: 1, model: GPU_MODELS.rtxA4000 } },
  /** 8×A100-80GB SXM4 (AWS p4de.24xlarge: 96 vCPU, 1152 GiB). */
  'a100-80gb-x8': { cpu: 96, memoryKi: 1152 * GiKi, diskKi: 1000 * GiKi, gpus: { count: 8, model: GPU_MODELS.a100 }, instanceType: 'p4de.24xlarge' },
  /** 8×H100-80GB HBM3 (AWS p5.48xlarge: 192 vCPU, 2048 GiB). */
  'h100-80gb-x8': { cpu: 192, memoryKi: 2048 * GiKi, diskKi: 1000 * GiKi, gpus: { count: 8, model: GPU_MODELS.h100 }, instanceType: 'p5.48xlarge' },
} as const satisfies Record<string, NodePreset>;

export type NodePresetName = keyof typeof NODE_PRESETS;

/** The taint GPU pools commonly carry (GKE's `nvidia.com/gpu=present:NoSchedule`, gpu.md §3). */
export const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' } as const;

/** The driver and CUDA versions every simulated GPU node reports (gpu.md §2's example values). */
const DRIVER = { major: '550', minor: '90', revision: '07' };
const CUDA = { major: '12', minor: '4' };

/**
 * The labels GFD, NFD and the GPU Operator put on a GPU node (gpu.md §2), with
 * `nvidia.com/gfd.timestamp` at `nowSeconds`. None for a node without GPUs.
 */
export function gpuLabels(preset: NodePreset, nowSeconds: number): Record<string, string> {
  if (!preset.gpus) return {};
  const { count, model } = preset.gpus;
  return {
    'feature.node.kubernetes.io/pci-10de.present': 'true',
    'nvidia.com/cuda.driver-version.full': `${DRIVER.major}.${DRIVER.minor}.${DRIVER.revision}`,
    'nvidia.com/cuda.driver-version.major': DRIVER.major,
    'nvidia.com/cuda.driver-version.minor': DRIVER.minor,
    'nvidia.com/cuda.driver-version.revision': DRIVER.revision,
    'nvidia.com/cuda.driver.major': DRIVER.major,
    'nvidia.com/cuda.driver.minor': DRIVER.minor,
    'nvidia.com/cuda.driver.rev': DRIVER.revision,
    'nvidia.com/cuda.runtime-version.full': `${CUDA.major}.${CUDA.minor}`,
    'nvidia.com/cuda.runtime-version.major': CUDA.major,
    'nvidia.com/cuda.runtime-version.minor': CUDA.minor,
    'nvidia.com/cuda.runtime.major': CUDA.major,
    'nvidia.com/cuda.runtime.minor': CUDA.minor,
    'nvidia.com/gfd.timestamp': String(nowSeconds),
    'nvidia.com/gpu.compute.major': String(model.computeMajor),
    'nvidia.com/gpu.compute.minor': String(model.computeMinor),
    'nvidia.com/gpu.count': String(count),
    'nvidia.com/gpu.family': model.family,
    'nvidia.com/gpu.machine': preset.instanceType ?? 'Standard-PC-Q35-ICH9-2009',
    'nvidia.com/gpu.memory': String(model.memoryMiB),
    'nvidia.com/gpu.mode': 'compute',
    'nvidia.com/gpu.present': 'true',
    'nvidia.com/gpu.product': model.product,
    'nvidia.com/gpu.replicas': '1',
    'nvidia.com/gpu.sharing-strategy': 'none',
    'nvidia.com/mig.capable': String(model.migCapable),
    'nvidia.com/mps.capable': 'false',
    'nvidia.com/vgpu.present': 'false',
  };
}
