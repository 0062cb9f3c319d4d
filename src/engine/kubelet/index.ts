// The kubelet room's public face (DESIGN.md, kubelet/): one kubelet per node, its node shapes.
export { runKubelet, type KubeletOptions, type RunningKubelet } from './kubelet.ts';
export { CONTROL_PLANE_TAINT, KUBELET_VERSION, type NodeConfig, type Taint } from './node.ts';
export { GPU_TAINT, NODE_PRESETS, type NodePreset, type NodePresetName } from './presets.ts';
export { kubeletPolicy, nodeUser } from './policy.ts';
