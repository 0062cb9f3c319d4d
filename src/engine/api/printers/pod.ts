// Pods and pod templates in `kubectl get`: READY, the STATUS a learner reads, RESTARTS with the
// last restart's age. Models pkg/printers/internalversion/printers.go printPod, printPodTemplate.
import type { KubeObject } from '../types.ts';
import { humanDuration, translateTimestampSince } from '../meta.ts';
import { parseTimestamp } from './timestamp.ts';
import { formatLabels } from '../labels.ts';
import {
  ageColumn, column, docColumn, layoutContainerCells, nameColumn,
  type ContainerNameImage, type KindPrinter, type PrintContext, type PrintedRow, type TableRowCondition,
} from './table.ts';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

interface Pod extends KubeObject {
  spec?: {
    containers?: ContainerNameImage[];
    initContainers?: Array<ContainerNameImage & { restartPolicy?: string }>;
    nodeName?: string;
    readinessGates?: Array<{ conditionType?: string }>;
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: Condition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    podIPs?: Array<{ ip?: string }>;
    nominatedNodeName?: string;
  };
}

export const podPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    docColumn('IP', 'string', 'apiv1.PodStatus.podIP', { priority: 1 }),
    docColumn('Node', 'string', 'apiv1.PodSpec.nodeName', { priority: 1 }),
    docColumn('Nominated Node', 'string', 'apiv1.PodStatus.nominatedNodeName', { priority: 1 }),
    docColumn('Readiness Gates', 'string', 'apiv1.PodSpec.readinessGates', { priority: 1 }),
  ],
  print: (obj, ctx) => printPod(obj as Pod, ctx),
};

// The row conditions upstream gives finished pods (podSuccessConditions / podFailedConditions).
const completedConditions: Record<string, TableRowCondition[]> = {
  Succeeded: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
  Failed: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
};

// The reason the node lifecycle controller gives pods on an unreachable node (pkg/util/node NodeUnreachablePodReason).
const nodeUnreachablePodReason = 'NodeLost';

/** The latest of a set of lastState.terminated.finishedAt times, as upstream's `lastRestartDate.Before`. */
class LatestTime {
  at: number | undefined;
  observe(state: ContainerState | undefined): void {
    if (!state?.terminated) return;
    const t = parseTimestamp(state.terminated.finishedAt);
    if (t !== undefined && (this.at === undefined || this.at < t)) this.at = t;
  }
}

// Models printers.go printPod.
function printPod(pod: Pod, ctx: PrintContext): PrintedRow {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initContainers = spec.initContainers ?? [];
  const isRestartable = (name: string | undefined): boolean =>
    initContainers.find((c) => c.name === name)?.restartPolicy === 'Always';

  let restarts = 0;
  let restartableInitRestarts = 0;
  const totalContainers = (spec.containers ?? []).length + initContainers.filter((c) => c.restartPolicy === 'Always').length;
  let readyContainers = 0;
  let lastRestart = new LatestTime();
  const lastRestartableInitRestart = new LatestTime();

  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  // Init containers: the first one not done decides the status (Init:<reason>, Init:ExitCode:N, Init:i/n).
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    lastRestart.observe(c.lastState);
    const restartable = isRestartable(c.name);
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      lastRestartableInitRestart.observe(c.lastState);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  // Once initialized, restarts count sidecars plus regular containers, and the lowest-index
  // container that is waiting or terminated gives its reason.
  const initialized = (status.conditions ?? []).find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart.observe(c.lastState);
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (c.ready && running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last-listed container completed while another still runs is not Completed.
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status.reason === nodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  const restartsCell = restarts !== 0 && lastRestart.at !== undefined
    ? `${restarts} (${humanDuration(ctx.now - lastRestart.at)} ago)`
    : String(restarts);

  const cells = [
    pod.metadata?.name ?? '', `${readyContainers}/${totalContainers}`, reason, restartsCell,
    translateTimestampSince(pod.metadata?.creationTimestamp, ctx.now),
    status.podIPs?.[0]?.ip || '<none>',
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGatesCell(spec.readinessGates, status.conditions),
  ];
  const conditions = completedConditions[phase];
  return conditions ? { cells, conditions } : { cells };
}

// `<true>/<total>` over spec.readinessGates, a gate counting when its condition is True.
function readinessGatesCell(gates: Array<{ conditionType?: string }> | undefined, conditions: Condition[] | undefined): string {
  if (!gates || gates.length === 0) return '<none>';
  const ready = gates.filter((g) => (conditions ?? []).find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ready}/${gates.length}`;
}

interface PodTemplate extends KubeObject {
  template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: ContainerNameImage[] } };
}

// Models printers.go printPodTemplate (no Age column, as upstream).
export const podTemplatePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  print(obj) {
    const t = (obj as PodTemplate).template;
    const [names, images] = layoutContainerCells(t?.spec?.containers);
    return { cells: [obj.metadata?.name ?? '', names, images, formatLabels(t?.metadata?.labels)] };
  },
};
