// Pod admission on the node: does the pod fit in what is left of the node's allocatable?
// Models the kubelet's admit handlers in their order (pkg/kubelet/kubelet.go canAdmitPod):
// the device manager's allocation (pkg/kubelet/cm/devicemanager/manager.go devicesToAllocate,
// wrapped as `Allocate failed due to %v, which is unexpected`, reason UnexpectedAdmissionError),
// then the predicate handler (pkg/kubelet/lifecycle/predicate.go: InsufficientResourceError,
// reason `OutOf<resource>`). A pod bound straight to a node (spec.nodeName) skips the scheduler,
// so this is the only check it meets.
import { allocatableOf, type NodeConfig } from './node.ts';
import { amount, type Pod, type PodContainer } from './pod.ts';

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

/** Device-plugin resources: the ones the device manager allocates on a node that has them. */
const DEVICE_RESOURCES = ['nvidia.com/gpu'];

const requestsOf = (c: PodContainer): Record<string, string> => ({ ...c.resources?.limits, ...c.resources?.requests });

/** resourcehelper.PodRequests: the larger of the containers' sum and any one init container. */
export function podRequests(pod: Pod): Map<string, number> {
  const sum = new Map<string, number>();
  for (const c of pod.spec?.containers ?? []) {
    for (const [name, value] of Object.entries(requestsOf(c))) sum.set(name, (sum.get(name) ?? 0) + amount(name, value));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [name, value] of Object.entries(requestsOf(c))) sum.set(name, Math.max(sum.get(name) ?? 0, amount(name, value)));
  }
  return sum;
}

/** Whether `pod` fits beside `admitted` (the node's pods that are not terminal). */
export function admitPod(pod: Pod, admitted: Pod[], node: NodeConfig): AdmitResult {
  const allocatable = allocatableOf(node.preset);
  const want = podRequests(pod);
  const used = new Map<string, number>();
  for (const p of admitted) for (const [name, v] of podRequests(p)) used.set(name, (used.get(name) ?? 0) + v);

  for (const resource of DEVICE_RESOURCES) {
    const requested = want.get(resource) ?? 0;
    if (requested === 0 || allocatable[resource] === undefined) continue;
    const available = amount(resource, allocatable[resource]) - (used.get(resource) ?? 0);
    if (requested > available) {
      return {
        admit: false, reason: 'UnexpectedAdmissionError',
        message: `Allocate failed due to requested number of devices unavailable for ${resource}. Requested: ${requested}, Available: ${available}, which is unexpected`,
      };
    }
  }

  const insufficient = (name: string, requested: number, usedNow: number, capacity: number): AdmitResult => ({
    admit: false, reason: `OutOf${name}`,
    message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${usedNow}, capacity: ${capacity}`,
  });
  const maxPods = amount('pods', allocatable.pods);
  if (admitted.length + 1 > maxPods) return insufficient('pods', 1, admitted.length, maxPods);
  // noderesources.Fits order: cpu, memory, ephemeral-storage, then the others, sorted. Extended
  // resources the node does not have at all are dropped first (removeMissingExtendedResources).
  const rest = [...want.keys()].filter((n) => !['cpu', 'memory', 'ephemeral-storage'].includes(n) && allocatable[n] !== undefined).sort();
  for (const name of ['cpu', 'memory', 'ephemeral-storage', ...rest]) {
    const requested = want.get(name) ?? 0;
    if (requested === 0) continue;
    const capacity = amount(name, allocatable[name]);
    const usedNow = used.get(name) ?? 0;
    if (requested + usedNow > capacity) return insufficient(name, requested, usedNow, capacity);
  }
  return { admit: true };
}
