// Configuration and policy kinds: ConfigMap, Secret, ServiceAccount, ResourceQuota, PriorityClass,
// PodDisruptionBudget. Models printers.go printConfigMap, printSecret, printServiceAccount,
// printResourceQuota, printPriorityClass, printPodDisruptionBudget.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { canonicalQuantity } from './timestamp.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);
const size = (map: unknown): number => (typeof map === 'object' && map !== null ? Object.keys(map).length : 0);

export const configMapPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Data', 'string', 'apiv1.ConfigMap.data'), ageColumn],
  // DATA counts data and binaryData keys together.
  print: (obj, { now }) => ({ cells: [name(obj), size(obj.data) + size(obj.binaryData), age(obj, now)] }),
};

export const secretPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Type', 'string', 'apiv1.Secret.type'), docColumn('Data', 'string', 'apiv1.Secret.data'), ageColumn],
  // stringData never reaches storage (it is merged into data on write), so DATA counts data only.
  print: (obj, { now }) => ({ cells: [name(obj), typeof obj.type === 'string' ? obj.type : '', size(obj.data), age(obj, now)] }),
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Secrets', 'string', 'apiv1.ServiceAccount.secrets'), ageColumn],
  print: (obj, { now }) => ({ cells: [name(obj), Array.isArray(obj.secrets) ? obj.secrets.length : 0, age(obj, now)] }),
};

interface ResourceQuota extends KubeObject {
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageColumn,
  ],
  print(obj, { now }) {
    const { hard = {}, used = {} } = (obj as ResourceQuota).status ?? {};
    // `<resource>: <used>/<hard>` in resource-name order; names `limits.*` go to LIMIT. A resource
    // not yet counted prints the zero quantity, 0.
    const request: string[] = [];
    const limit: string[] = [];
    for (const resource of Object.keys(hard).sort()) {
      const pieces = resource.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
      target.push(`${resource}: ${canonicalQuantity(used[resource] ?? '0')}/${canonicalQuantity(hard[resource]!)}`);
    }
    return { cells: [name(obj), request.join(', '), limit.join(', '), age(obj, now)] };
  },
};

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

export const priorityClassPrinter: KindPrinter = {
  // PreemptionPolicy has no Priority here upstream, yet its cell only exists in wide output;
  // with the apiserver's Wide: true it is always printed.
  columns: [
    nameColumn,
    docColumn('Value', 'integer', 'schedulingv1.PriorityClass.value'),
    docColumn('Global-Default', 'boolean', 'schedulingv1.PriorityClass.globalDefault'),
    ageColumn,
    docColumn('PreemptionPolicy', 'string', 'schedulingv1.PriorityClass.preemptionPolicy'),
  ],
  print(obj, { now }) {
    const pc = obj as PriorityClass;
    return { cells: [name(pc), pc.value ?? 0, pc.globalDefault ?? false, age(pc, now), pc.preemptionPolicy ?? ''] };
  },
};

interface PodDisruptionBudget extends KubeObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string };
  status?: { disruptionsAllowed?: number };
}

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn,
  ],
  print(obj, { now }) {
    const pdb = obj as PodDisruptionBudget;
    // IntOrString.String(): `2` or `50%`; N/A when unset.
    const intOrString = (v: number | string | undefined): string => (v === undefined || v === null ? 'N/A' : String(v));
    return {
      cells: [name(pdb), intOrString(pdb.spec?.minAvailable), intOrString(pdb.spec?.maxUnavailable),
        pdb.status?.disruptionsAllowed ?? 0, age(pdb, now)],
    };
  },
};
