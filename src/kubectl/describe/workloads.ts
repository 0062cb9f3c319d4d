// kubectl describe for the workloads: deployments, replica sets and jobs.
// Models kubernetes/kubectl pkg/describe/describe.go (describeDeployment, printReplicaSetsByLabels,
// describeReplicaSet, getPodStatusForController, describeJob) and
// pkg/util/deployment GetAllReplicaSetsInChunks / FindNewReplicaSet.
import type { KubeObject } from '../../engine/api/index.ts';
import { formatLabelSelector, humanDuration, labelSelectorAsSelector, selectorString } from '../../engine/api/index.ts';
import { describePodTemplate, type PodTemplate } from './containers.ts';
import { eventsFor, listAll, type DescribeContext } from './context.ts';
import { describeEvents } from './events.ts';
import { controllerOf } from './pod.ts';
import { printAnnotations, printLabels, PrefixWriter, rfc1123z } from './writer.ts';

type Selector = Parameters<typeof formatLabelSelector>[0];
type Condition = { type: string; status: string; reason?: string };

interface Workload extends KubeObject {
  spec?: {
    replicas?: number; selector?: Selector; template?: PodTemplate; minReadySeconds?: number;
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    parallelism?: number; completions?: number; completionMode?: string; suspend?: boolean; backoffLimit?: number;
    ttlSecondsAfterFinished?: number; activeDeadlineSeconds?: number;
  };
  status?: {
    replicas?: number; updatedReplicas?: number; availableReplicas?: number; unavailableReplicas?: number; conditions?: Condition[];
    startTime?: string; completionTime?: string; active?: number; ready?: number; succeeded?: number; failed?: number; completedIndexes?: string;
  };
}

// metav1.LabelSelectorAsSelector(...).String(): the selector as the API normalises it.
const selectorText = (s: Selector) => {
  const parsed = labelSelectorAsSelector(s);
  return parsed.ok ? selectorString(parsed.value) : '';
};

function writeConditions(w: PrefixWriter, conditions: Condition[] | undefined): void {
  if (!conditions?.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

// FindNewReplicaSet compares templates without the pod-template-hash label the controller adds.
function sameTemplate(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  const strip = (t: PodTemplate | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    return JSON.stringify(sortKeys({ ...t, metadata: { ...t?.metadata, labels } }));
  };
  return strip(a) === strip(b);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

const replicaSetList = (rss: Workload[]) =>
  rss.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';

export async function describeDeployment(ctx: DescribeContext, d: Workload): Promise<string> {
  const events = await eventsFor(ctx, d, 'Deployment');
  const owned = (await listAll<Workload>(ctx, 'apps', 'v1', 'replicasets', d.metadata?.namespace))
    .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid))
    .sort((a, b) => Date.parse(a.metadata?.creationTimestamp ?? '') - Date.parse(b.metadata?.creationTimestamp ?? ''));
  const newRS = owned.find((rs) => sameTemplate(rs.spec?.template, d.spec?.template));
  const oldRSs = owned.filter((rs) => rs !== newRS);
  const w = new PrefixWriter();
  const spec = d.spec ?? {}, status = d.status ?? {};
  w.write(0, `Name:\t${d.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata?.labels);
  printAnnotations(w, 'Annotations', d.metadata?.annotations);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? 0)} max unavailable, ${String(ru.maxSurge ?? 0)} max surge\n`);
  describePodTemplate(w, spec.template);
  writeConditions(w, status.conditions);
  if (owned.length > 0) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetList(newRS ? [newRS] : [])}\n`);
  }
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

/** Counts the controller's pods by phase (getPodStatusForController): running, waiting, succeeded, failed. */
async function podPhases(ctx: DescribeContext, owner: Workload): Promise<[number, number, number, number] | string> {
  const parsed = labelSelectorAsSelector(owner.spec?.selector);
  if (!parsed.ok) return parsed.message;
  try {
    const pods = await listAll<KubeObject & { status?: { phase?: string } }>(ctx, '', 'v1', 'pods', owner.metadata?.namespace, { labelSelector: selectorString(parsed.value) });
    const counts: [number, number, number, number] = [0, 0, 0, 0];
    for (const p of pods) {
      if (!p.metadata?.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata?.uid)) continue;
      const i = ['Running', 'Pending', 'Succeeded', 'Failed'].indexOf(p.status?.phase ?? '');
      if (i >= 0) counts[i]!++;
    }
    return counts;
  } catch (err) {
    return String((err as { message?: string }).message ?? err);
  }
}

export async function describeReplicaSet(ctx: DescribeContext, rs: Workload): Promise<string> {
  const phases = await podPhases(ctx, rs);
  const events = await eventsFor(ctx, rs, 'ReplicaSet');
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabels(w, 'Labels', rs.metadata?.labels);
  printAnnotations(w, 'Annotations', rs.metadata?.annotations);
  const controlledBy = controllerOf(rs);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, typeof phases === 'string' ? `Pods Status:\terror in fetching pods: ${phases}\n`
    : `Pods Status:\t${phases[0]} Running / ${phases[1]} Waiting / ${phases[2]} Succeeded / ${phases[3]} Failed\n`);
  describePodTemplate(w, rs.spec?.template);
  writeConditions(w, rs.status?.conditions);
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

export async function describeJob(ctx: DescribeContext, job: Workload): Promise<string> {
  const events = await eventsFor(ctx, job, 'Job');
  const w = new PrefixWriter();
  const spec = job.spec ?? {}, status = job.status ?? {};
  w.write(0, `Name:\t${job.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${selectorText(spec.selector)}\n`);
  printLabels(w, 'Labels', job.metadata?.labels);
  printAnnotations(w, 'Annotations', job.metadata?.annotations);
  const controlledBy = controllerOf(job);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(status.completionTime) - Date.parse(status.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  w.write(0, status.ready === undefined ? `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n` : `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexes(status.completedIndexes ?? '', 50)}\n`);
  describePodTemplate(w, spec.template);
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

// capIndexesListOrNone: cut the list at the first comma past `softLimit` characters.
function capIndexes(indexes: string, softLimit: number): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}
