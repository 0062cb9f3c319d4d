// Dynamic Resource Allocation (resource.k8s.io, when the cluster spec turns it on): DeviceClass,
// ResourceClaim, ResourceClaimTemplate, ResourceSlice. Models printers.go printDeviceClass,
// printResourceClaim (resourceClaimState), printResourceClaimTemplate, printResourceSlice.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** NAME and AGE only: DeviceClass and ResourceClaimTemplate. */
export const nameAgePrinter: KindPrinter = {
  columns: [nameColumn, ageColumn],
  print: (obj, { now }) => ({ cells: [name(obj), age(obj, now)] }),
};

interface ResourceClaim extends KubeObject {
  status?: { allocation?: unknown; reservedFor?: unknown[] };
}

// resourceClaimState: `deleted`, `pending`, `allocated`, `reserved`, comma-joined.
function resourceClaimState(claim: ResourceClaim): string {
  const states: string[] = [];
  const deleting = !!claim.metadata?.deletionTimestamp;
  if (deleting) states.push('deleted');
  if (!claim.status?.allocation) {
    if (!deleting) states.push('pending');
  } else {
    states.push('allocated');
    if ((claim.status.reservedFor ?? []).length > 0) states.push('reserved');
  }
  return states.join(',');
}

export const resourceClaimPrinter: KindPrinter = {
  columns: [nameColumn, column('State', 'string', 'A summary of the current state (allocated, pending, reserved, etc.).'), ageColumn],
  print: (obj, { now }) => ({ cells: [name(obj), resourceClaimState(obj as ResourceClaim), age(obj, now)] }),
};

interface ResourceSlice extends KubeObject {
  spec?: { nodeName?: string; driver?: string; pool?: { name?: string } };
}

export const resourceSlicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Node', 'string', 'resourcev1beta1.ResourceSliceSpec.nodeName'),
    docColumn('Driver', 'string', 'resourcev1beta1.ResourceSliceSpec.driver'),
    docColumn('Pool', 'string', 'resourcev1beta1.ResourcePool.name'),
    ageColumn,
  ],
  print(obj, { now }) {
    const spec = (obj as ResourceSlice).spec ?? {};
    return { cells: [name(obj), spec.nodeName ?? '', spec.driver ?? '', spec.pool?.name ?? '', age(obj, now)] };
  },
};
