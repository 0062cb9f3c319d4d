// Workload controllers: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet,
// ControllerRevision. Models printers.go printDeployment, printReplicaSet, printReplicationController,
// printStatefulSet, printDaemonSet, printControllerRevision.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { formatLabelSelector, formatLabels, labelSelectorAsSelector, selectorString } from '../labels.ts';
import type { LabelSelector } from '../validation/metav1.ts';
import {
  ageColumn, column, containersColumn, docColumn, imagesColumn, layoutContainerCells, nameColumn,
  type ContainerNameImage, type KindPrinter,
} from './table.ts';

interface PodTemplateSpec {
  spec?: { containers?: ContainerNameImage[]; nodeSelector?: Record<string, string> };
}

/** The fields the workload kinds share; each kind reads its own. Counts absent from status are 0. */
interface Workload extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplateSpec };
  status?: Record<string, number | undefined>;
}

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);
const count = (w: Workload, field: string): number => w.status?.[field] ?? 0;

export const deploymentPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    docColumn('Up-to-date', 'string', 'extensionsv1beta1.DeploymentStatus.updatedReplicas'),
    docColumn('Available', 'string', 'extensionsv1beta1.DeploymentStatus.availableReplicas'),
    ageColumn, containersColumn, imagesColumn,
    docColumn('Selector', 'string', 'extensionsv1beta1.DeploymentSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const d = obj as Workload;
    const [containers, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    // The selector's own String(), so an unparsable one is `<invalid>` rather than FormatLabelSelector's `<error>`.
    const parsed = labelSelectorAsSelector(d.spec?.selector);
    const selector = parsed.ok ? selectorString(parsed.value) : '<invalid>';
    return {
      cells: [name(d), `${count(d, 'readyReplicas')}/${d.spec?.replicas ?? 0}`, count(d, 'updatedReplicas'),
        count(d, 'availableReplicas'), age(d, now), containers, images, selector],
    };
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Desired', 'integer', 'extensionsv1beta1.ReplicaSetSpec.replicas'),
    docColumn('Current', 'integer', 'extensionsv1beta1.ReplicaSetStatus.replicas'),
    docColumn('Ready', 'integer', 'extensionsv1beta1.ReplicaSetStatus.readyReplicas'),
    ageColumn, containersColumn, imagesColumn,
    docColumn('Selector', 'string', 'extensionsv1beta1.ReplicaSetSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const rs = obj as Workload;
    const [containers, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return {
      cells: [name(rs), rs.spec?.replicas ?? 0, count(rs, 'replicas'), count(rs, 'readyReplicas'), age(rs, now),
        containers, images, formatLabelSelector(rs.spec?.selector)],
    };
  },
};

interface ReplicationController extends KubeObject {
  spec?: { replicas?: number; selector?: Record<string, string>; template?: PodTemplateSpec };
  status?: { replicas?: number; readyReplicas?: number };
}

export const replicationControllerPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Desired', 'integer', 'apiv1.ReplicationControllerSpec.replicas'),
    docColumn('Current', 'integer', 'apiv1.ReplicationControllerStatus.replicas'),
    docColumn('Ready', 'integer', 'apiv1.ReplicationControllerStatus.readyReplicas'),
    ageColumn, containersColumn, imagesColumn,
    docColumn('Selector', 'string', 'apiv1.ReplicationControllerSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const rc = obj as ReplicationController;
    const [containers, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    // An RC's selector is a plain label map, printed with FormatLabels.
    return {
      cells: [name(rc), rc.spec?.replicas ?? 0, rc.status?.replicas ?? 0, rc.status?.readyReplicas ?? 0, age(rc, now),
        containers, images, formatLabels(rc.spec?.selector)],
    };
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
  print(obj, { now }) {
    const ss = obj as Workload;
    const [containers, images] = layoutContainerCells(ss.spec?.template?.spec?.containers);
    return { cells: [name(ss), `${count(ss, 'readyReplicas')}/${ss.spec?.replicas ?? 0}`, age(ss, now), containers, images] };
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Desired', 'integer', 'extensionsv1beta1.DaemonSetStatus.desiredNumberScheduled'),
    docColumn('Current', 'integer', 'extensionsv1beta1.DaemonSetStatus.currentNumberScheduled'),
    docColumn('Ready', 'integer', 'extensionsv1beta1.DaemonSetStatus.numberReady'),
    docColumn('Up-to-date', 'integer', 'extensionsv1beta1.DaemonSetStatus.updatedNumberScheduled'),
    docColumn('Available', 'integer', 'extensionsv1beta1.DaemonSetStatus.numberAvailable'),
    docColumn('Node Selector', 'string', 'apiv1.PodSpec.nodeSelector'),
    ageColumn, containersColumn, imagesColumn,
    docColumn('Selector', 'string', 'extensionsv1beta1.DaemonSetSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const ds = obj as Workload;
    const template = ds.spec?.template?.spec;
    const [containers, images] = layoutContainerCells(template?.containers);
    return {
      cells: [name(ds), count(ds, 'desiredNumberScheduled'), count(ds, 'currentNumberScheduled'), count(ds, 'numberReady'),
        count(ds, 'updatedNumberScheduled'), count(ds, 'numberAvailable'), formatLabels(template?.nodeSelector), age(ds, now),
        containers, images, formatLabelSelector(ds.spec?.selector)],
    };
  },
};

interface ControllerRevision extends KubeObject {
  revision?: number;
}

export const controllerRevisionPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    docColumn('Revision', 'string', 'appsv1beta1.ControllerRevision.revision'),
    ageColumn,
  ],
  print(obj, { now }) {
    const cr = obj as ControllerRevision;
    const owner = cr.metadata?.ownerReferences?.find((r) => r.controller === true);
    // formatResourceName with the owner's GroupKind: `daemonset.apps/fluentd`, `statefulset.apps/web`.
    let controller = '<none>';
    if (owner) {
      const slash = owner.apiVersion.indexOf('/');
      const group = slash >= 0 ? owner.apiVersion.slice(0, slash) : '';
      const groupKind = group ? `${owner.kind}.${group}` : owner.kind;
      controller = groupKind ? `${groupKind.toLowerCase()}/${owner.name}` : owner.name;
    }
    return { cells: [name(cr), controller, cr.revision ?? 0, age(cr, now)] };
  },
};
