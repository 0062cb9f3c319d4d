// Models plugin/pkg/admission/priority/admission.go: a pod's priority comes from its
// PriorityClass (or the cluster's global default, or 0) and may not be set by hand; only one
// PriorityClass may be the global default.
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import type { KubeObject } from '../types.ts';
import { admissionForbidden, isResource } from './forbidden.ts';
import { specOf, type Pod } from './pod.ts';

export const PriorityName = 'Priority';

interface PriorityClass extends KubeObject {
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

const priorityClass = (name: string, value: number, description: string): PriorityClass => ({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority',
});

/** The classes every cluster has (pkg/apis/scheduling SystemPriorityClasses), for boot to create. */
export function systemPriorityClasses(): PriorityClass[] {
  return [
    priorityClass('system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'),
    priorityClass('system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'),
  ];
}

// scheduling.DefaultPriorityWhenNoDefaultClassExists
const DefaultPriorityWhenNoDefaultClassExists = 0;

async function getClass(attrs: AdmissionAttributes, name: string): Promise<PriorityClass | undefined> {
  const stored = await attrs.reader.get('scheduling.k8s.io', 'priorityclasses', undefined, name);
  // The system classes are always there in a real cluster; serve them even before boot creates them.
  return (stored as PriorityClass | undefined) ?? systemPriorityClasses().find((pc) => pc.metadata?.name === name);
}

// Models getDefaultPriorityClass: after a race two defaults may exist; the lowest value wins.
async function defaultClass(attrs: AdmissionAttributes): Promise<PriorityClass | undefined> {
  const all = (await attrs.reader.list('scheduling.k8s.io', 'priorityclasses')).items as PriorityClass[];
  return all.filter((pc) => pc.globalDefault).reduce<PriorityClass | undefined>((min, pc) => (!min || pc.value < min.value ? pc : min), undefined);
}

// Models admitPod.
async function admitPod(attrs: AdmissionAttributes): Promise<void> {
  const spec = specOf(attrs.object as Pod);
  if (attrs.operation === 'UPDATE') {
    // Keep what create set: validation forbids changing it, and a client's full update may omit it.
    const old = specOf(structuredClone(attrs.oldObject ?? {}) as Pod);
    if (spec.priority === undefined && old.priority !== undefined) spec.priority = old.priority;
    if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
    return;
  }
  if (attrs.operation !== 'CREATE') return;
  let priority: number;
  let preemptionPolicy: string | undefined;
  if (!spec.priorityClassName) {
    const dpc = await defaultClass(attrs);
    priority = dpc?.value ?? DefaultPriorityWhenNoDefaultClassExists;
    preemptionPolicy = dpc ? dpc.preemptionPolicy : 'PreemptLowerPriority';
    if (dpc?.metadata?.name) spec.priorityClassName = dpc.metadata.name;
  } else {
    const pc = await getClass(attrs, spec.priorityClassName);
    if (!pc) throw admissionForbidden(attrs, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    preemptionPolicy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== priority)
    throw admissionForbidden(attrs, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  spec.priority = priority;
  if (preemptionPolicy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== preemptionPolicy)
      throw admissionForbidden(attrs, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`);
    spec.preemptionPolicy = preemptionPolicy;
  }
}

// Models validatePriorityClass: a second global default is refused.
async function validatePriorityClass(attrs: AdmissionAttributes): Promise<void> {
  const pc = attrs.object as PriorityClass;
  if (!pc.globalDefault) return;
  const dpc = await defaultClass(attrs);
  if (dpc && dpc.metadata?.name !== pc.metadata?.name)
    throw admissionForbidden(attrs, `PriorityClass ${dpc.metadata?.name} is already marked as default. Only one default can exist`);
}

/** The Priority admission plugin. */
export const Priority: AdmissionPlugin = {
  name: PriorityName,
  async admit(attrs) {
    if (isResource(attrs, '', 'pods') && attrs.object) await admitPod(attrs);
  },
  async validate(attrs) {
    if (isResource(attrs, 'scheduling.k8s.io', 'priorityclasses') && attrs.object && (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE'))
      await validatePriorityClass(attrs);
  },
};
