// Nodes, namespaces and leases: the cluster's own furniture. Models printers.go printNode
// (findNodeRoles, getNodeInternalIP/getNodeExternalIP), printNamespace, printLease, printLeaseCandidate,
// printRuntimeClass.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

interface Node extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: Array<{ type?: string; status?: string }>;
    addresses?: Array<{ type?: string; address?: string }>;
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

const nodeRolePrefix = 'node-role.kubernetes.io/';
const nodeRoleLabel = 'kubernetes.io/role';

// findNodeRoles: `node-role.kubernetes.io/<role>` keys and the legacy `kubernetes.io/role=<role>`, sorted, unique.
function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(nodeRolePrefix)) {
      const role = k.slice(nodeRolePrefix.length);
      if (role) roles.add(role);
    } else if (k === nodeRoleLabel && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

// Only the Ready condition makes the status (the last one listed wins, as upstream's map);
// a cordoned node adds SchedulingDisabled.
function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const address = (node: Node, type: string): string =>
  (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';

export const nodePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    docColumn('Version', 'string', 'apiv1.NodeSystemInfo.kubeletVersion'),
    docColumn('Internal-IP', 'string', 'apiv1.NodeStatus.addresses', { priority: 1 }),
    docColumn('External-IP', 'string', 'apiv1.NodeStatus.addresses', { priority: 1 }),
    docColumn('OS-Image', 'string', 'apiv1.NodeSystemInfo.osImage', { priority: 1 }),
    docColumn('Kernel-Version', 'string', 'apiv1.NodeSystemInfo.kernelVersion', { priority: 1 }),
    docColumn('Container-Runtime', 'string', 'apiv1.NodeSystemInfo.containerRuntimeVersion', { priority: 1 }),
  ],
  print(obj, { now }) {
    const node = obj as Node;
    const info = node.status?.nodeInfo ?? {};
    const roles = findNodeRoles(node).join(',');
    return {
      cells: [name(node), nodeStatus(node), roles || '<none>', age(node, now), info.kubeletVersion ?? '',
        address(node, 'InternalIP'), address(node, 'ExternalIP'),
        info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>'],
    };
  },
};

export const namespacePrinter: KindPrinter = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  print: (obj, { now }) => ({
    cells: [name(obj), (obj as { status?: { phase?: string } }).status?.phase ?? '', age(obj, now)],
  }),
};

export const leasePrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Holder', 'string', 'coordinationv1.LeaseSpec.holderIdentity'), ageColumn],
  print: (obj, { now }) => ({
    cells: [name(obj), (obj as { spec?: { holderIdentity?: string } }).spec?.holderIdentity ?? '', age(obj, now)],
  }),
};

// printLeaseCandidate. BinaryVersion and EmulationVersion are described with ObjectMeta docs that
// do not exist upstream (`metav1.ObjectMeta{}.SwaggerDoc()["binaryVersion"]`), so their descriptions are empty.
export const leaseCandidatePrinter: KindPrinter = {
  columns: [
    nameColumn, docColumn('LeaseName', 'string', 'coordinationv1alpha2.LeaseCandidateSpec.leaseName'),
    column('BinaryVersion', 'string', ''), column('EmulationVersion', 'string', ''), ageColumn,
  ],
  print(obj, { now }) {
    const spec = (obj as { spec?: { leaseName?: string; binaryVersion?: string; emulationVersion?: string } }).spec ?? {};
    return { cells: [name(obj), spec.leaseName ?? '', spec.binaryVersion ?? '', spec.emulationVersion ?? '', age(obj, now)] };
  },
};

// printRuntimeClass. The Handler column quotes `metav1.ObjectMeta{}.SwaggerDoc()["handler"]`, a key
// ObjectMeta has not, so its description is empty upstream too.
export const runtimeClassPrinter: KindPrinter = {
  columns: [nameColumn, column('Handler', 'string', ''), ageColumn],
  print: (obj, { now }) => ({ cells: [name(obj), (obj as { handler?: string }).handler ?? '', age(obj, now)] }),
};
