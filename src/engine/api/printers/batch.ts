// Jobs and CronJobs. Models printers.go printJob, printCronJob.
import type { KubeObject } from '../types.ts';
import { humanDuration, translateTimestampSince } from '../meta.ts';
import { parseTimestamp } from './timestamp.ts';
import { formatLabelSelector } from '../labels.ts';
import type { LabelSelector } from '../validation/metav1.ts';
import {
  ageColumn, column, containersColumn, docColumn, imagesColumn, layoutContainerCells, nameColumn,
  type ContainerNameImage, type KindPrinter,
} from './table.ts';

interface JobSpec {
  completions?: number;
  parallelism?: number;
  selector?: LabelSelector;
  template?: { spec?: { containers?: ContainerNameImage[] } };
}

interface Job extends KubeObject {
  spec?: JobSpec;
  status?: {
    succeeded?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: Array<{ type?: string; status?: string }>;
  };
}

// hasJobCondition: the first condition of the type decides.
function hasJobCondition(job: Job, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

export const jobPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    docColumn('Completions', 'string', 'batchv1.JobStatus.succeeded'),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn, containersColumn, imagesColumn,
    docColumn('Selector', 'string', 'batchv1.JobSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const job = obj as Job;
    const spec = job.spec ?? {};
    const succeeded = job.status?.succeeded ?? 0;
    // Without spec.completions the job is done after one success; with parallelism > 1 upstream says so.
    let completions: string;
    if (spec.completions !== undefined && spec.completions !== null) completions = `${succeeded}/${spec.completions}`;
    else if ((spec.parallelism ?? 0) > 1) completions = `${succeeded}/1 of ${spec.parallelism}`;
    else completions = `${succeeded}/1`;

    const start = parseTimestamp(job.status?.startTime);
    const completion = parseTimestamp(job.status?.completionTime);
    let duration = '';
    if (start !== undefined) duration = humanDuration((completion ?? now) - start);

    let status: string;
    if (hasJobCondition(job, 'Complete')) status = 'Complete';
    else if (hasJobCondition(job, 'Failed')) status = 'Failed';
    else if (job.metadata?.deletionTimestamp) status = 'Terminating';
    else if (hasJobCondition(job, 'Suspended')) status = 'Suspended';
    else if (hasJobCondition(job, 'FailureTarget')) status = 'FailureTarget';
    else status = 'Running';

    const [containers, images] = layoutContainerCells(spec.template?.spec?.containers);
    return {
      cells: [job.metadata?.name ?? '', status, completions, duration, translateTimestampSince(job.metadata?.creationTimestamp, now),
        containers, images, formatLabelSelector(spec.selector)],
    };
  },
};

interface CronJob extends KubeObject {
  spec?: { schedule?: string; timeZone?: string; suspend?: boolean; jobTemplate?: { spec?: JobSpec } };
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

export const cronJobPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Schedule', 'string', 'batchv1beta1.CronJobSpec.schedule'),
    docColumn('Timezone', 'string', 'batchv1beta1.CronJobSpec.timeZone'),
    docColumn('Suspend', 'boolean', 'batchv1beta1.CronJobSpec.suspend'),
    docColumn('Active', 'integer', 'batchv1beta1.CronJobStatus.active'),
    docColumn('Last Schedule', 'string', 'batchv1beta1.CronJobStatus.lastScheduleTime'),
    ageColumn, containersColumn, imagesColumn,
    docColumn('Selector', 'string', 'batchv1.JobSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const cj = obj as CronJob;
    const spec = cj.spec ?? {};
    const last = cj.status?.lastScheduleTime;
    // printBoolPtr: the Suspend column is typed boolean, but its cell is the text True/False/<unset>.
    const suspend = spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False';
    const jobSpec = spec.jobTemplate?.spec;
    const [containers, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    return {
      cells: [cj.metadata?.name ?? '', spec.schedule ?? '', spec.timeZone ?? '<none>', suspend, (cj.status?.active ?? []).length,
        last ? translateTimestampSince(last, now) : '<none>', translateTimestampSince(cj.metadata?.creationTimestamp, now),
        containers, images, formatLabelSelector(jobSpec?.selector)],
    };
  },
};
