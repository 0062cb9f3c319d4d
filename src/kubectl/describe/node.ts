// kubectl describe node: roles, taints, lease, conditions, addresses, capacity, system info, the
// node's non-terminated pods with their requests and limits, allocated resources, events.
// Models kubernetes/kubectl pkg/describe/describe.go (NodeDescriber.Describe, describeNode,
// describeNodeLease, describeNodeResource, getPodsTotalRequestsAndLimits, findNodeRoles) and
// k8s.io/component-helpers resource.PodRequestsAndLimits (containers summed, init containers by max).
import type { KubeObject } from '../../engine/api/index.ts';
import { addQuantity, milliValue, parseQuantity, quantityString, quantityValue, type Quantity } from '../../engine/api/index.ts';
import type { Container } from './containers.ts';
import { eventsFor, listAll, type DescribeContext } from './context.ts';
import { ageOf, describeEvents, searchEvents } from './events.ts';
import { printAnnotations, printLabels, printTaints, PrefixWriter, rfc1123z, type Taint } from './writer.ts';

interface Node extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean; podCIDR?: string; podCIDRs?: string[]; providerID?: string };
  status?: {
    conditions?: Array<{ type: string; status: string; lastHeartbeatTime?: string; lastTransitionTime?: string; reason?: string; message?: string }>;
    addresses?: Array<{ type: string; address: string }>; capacity?: Record<string, string>; allocatable?: Record<string, string>;
    nodeInfo?: Record<string, string>;
  };
}
type NodePod = KubeObject & { spec?: { containers?: Container[]; initContainers?: Container[]; overhead?: Record<string, string> } };

const ZERO: Quantity = { unscaled: 0n, scale: 0, format: 'DecimalSI' };
const q = (s: string | undefined): Quantity => {
  const parsed = s === undefined ? undefined : parseQuantity(s);
  return parsed?.ok ? parsed.value : ZERO;
};
const max = (a: Quantity, b: Quantity) => (milliValue(b) > milliValue(a) ? b : a);

/** Requests and limits of a pod: regular containers summed, each init container a floor, plus overhead. */
function podRequestsAndLimits(pod: NodePod): [Map<string, Quantity>, Map<string, Quantity>] {
  const out: [Map<string, Quantity>, Map<string, Quantity>] = [new Map(), new Map()];
  (['requests', 'limits'] as const).forEach((which, i) => {
    const acc = out[i]!;
    for (const c of pod.spec?.containers ?? []) for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) acc.set(k, addQuantity(acc.get(k) ?? ZERO, q(v)));
    for (const c of pod.spec?.initContainers ?? []) for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) acc.set(k, max(acc.get(k) ?? ZERO, q(v)));
    for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) if (acc.has(k)) acc.set(k, addQuantity(acc.get(k)!, q(v)));
  });
  return out;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);

/** Role names from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].filter((r) => r !== '').sort();
}

export async function describeNode(ctx: DescribeContext, node: Node): Promise<string> {
  const name = node.metadata?.name ?? '';
  let pods: NodePod[] | undefined;
  try {
    pods = await listAll<NodePod>(ctx, '', 'v1', 'pods', undefined, { fieldSelector: `spec.nodeName=${name},status.phase!=Failed,status.phase!=Succeeded` });
  } catch {
    pods = undefined; // forbidden: "Pods: not authorized"
  }
  let lease: (KubeObject & { spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string } }) | string;
  try {
    lease = await ctx.rest.request({ verb: 'get', group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name }) as typeof lease;
  } catch (err) {
    lease = String((err as { message?: string }).message ?? err);
  }
  // Node events carry the node's uid (controllers) or its name as uid (kubelet): both are read.
  const events = await eventsFor(ctx, node, 'Node');
  if (events) events.push(...await searchEvents(ctx.rest, { name, kind: 'Node', uid: name }));
  const w = new PrefixWriter();
  const spec = node.spec ?? {}, status = node.status ?? {};
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(node.metadata?.labels);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata?.labels);
  printAnnotations(w, 'Annotations', node.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
  printTaints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}\n`);
  if (typeof lease === 'string') {
    w.write(0, `Lease:\tFailed to get lease: ${lease}\n`);
  } else {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    if (!list || Object.keys(list).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const r of Object.keys(list).sort()) w.write(0, `  ${r}:\t${quantityString(q(list[r]))}\n`);
  }
  const info = status.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) w.write(0, `  ${label}:\t${info[key!] ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (pods) describeNodeResource(w, pods, node, ctx.now);
  else w.write(0, 'Pods:\tnot authorized\n');
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

function describeNodeResource(w: PrefixWriter, pods: NodePod[], node: Node, now: number): void {
  const allocList = Object.keys(node.status?.allocatable ?? {}).length ? node.status!.allocatable! : node.status?.capacity ?? {};
  const alloc = (r: string, milli: boolean) => (milli ? milliValue(q(allocList[r])) : quantityValue(q(allocList[r])));
  const cell = (v: Quantity | undefined, r: string, milli: boolean) => {
    const value = v ?? ZERO;
    return `${quantityString(value)} (${pct(milli ? milliValue(value) : quantityValue(value), alloc(r, milli))}%)`;
  };
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totals: [Map<string, Quantity>, Map<string, Quantity>] = [new Map(), new Map()];
  for (const pod of pods) {
    const [req, lim] = podRequestsAndLimits(pod);
    w.write(1, `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cell(req.get('cpu'), 'cpu', true)}\t${cell(lim.get('cpu'), 'cpu', true)}\t${cell(req.get('memory'), 'memory', false)}\t${cell(lim.get('memory'), 'memory', false)}\t${ageOf(pod.metadata?.creationTimestamp, now)}\n`);
    [req, lim].forEach((m, i) => m.forEach((v, k) => totals[i]!.set(k, addQuantity(totals[i]!.get(k) ?? ZERO, v))));
  }
  const [reqs, limits] = totals;
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const [r, milli] of [['cpu', true], ['memory', false], ['ephemeral-storage', false]] as const) {
    w.write(1, `${r}\t${cell(reqs.get(r), r, milli)}\t${cell(limits.get(r), r, milli)}\n`);
  }
  const names = Object.keys(allocList);
  for (const r of names.filter((n) => n.startsWith('hugepages-')).sort()) w.write(1, `${r}\t${cell(reqs.get(r), r, false)}\t${cell(limits.get(r), r, false)}\n`);
  // Extended resources (nvidia.com/gpu): plain counts, no percentage.
  for (const r of names.filter((n) => !n.startsWith('hugepages-') && !STANDARD.has(n) && !n.startsWith('requests.') && !n.startsWith('limits.')).sort()) {
    w.write(1, `${r}\t${quantityString(reqs.get(r) ?? ZERO)}\t${quantityString(limits.get(r) ?? ZERO)}\n`);
  }
}
