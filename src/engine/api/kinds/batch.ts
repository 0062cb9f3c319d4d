// Strategies of batch/v1 Job and CronJob. Defaults model pkg/apis/batch/v1/defaults.go;
// create-time selector generation models pkg/registry/batch/job/strategy.go generateSelector;
// validation models pkg/apis/batch/validation/validation.go (the common checks).
import type { Strategy } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError, Path } from '../validation/field.ts';
import { IsNegativeErrorMsg } from '../validation/objectmeta.ts';
import { labelSelectorAsSelector, matches } from '../labels.ts';
import { asNum, asObj, asStr, asStrMap, child, goStringMap, setDefault, type Obj } from './access.ts';
import { defaultPodTemplate } from './podspec-defaults.ts';
import { validatePodTemplateSpec } from './podspec-validation.ts';

// Models batch/v1 defaults.go SetDefaults_Job.
function defaultJob(job: KubeObject): void {
  const s = child(job, 'spec');
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  setDefault(s, 'parallelism', 1);
  setDefault(s, 'backoffLimit', s.backoffLimitPerIndex !== undefined ? 2147483647 : 6);
  setDefault(s, 'completionMode', 'NonIndexed');
  setDefault(s, 'suspend', false);
  setDefault(s, 'podReplacementPolicy', s.podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed');
  defaultPodTemplate(s.template);
}

// Models batch/v1 defaults.go SetDefaults_CronJob (the job template's pod template gets pod defaults only).
function defaultCronJob(cj: KubeObject): void {
  const s = child(cj, 'spec');
  setDefault(s, 'concurrencyPolicy', 'Allow');
  setDefault(s, 'suspend', false);
  setDefault(s, 'successfulJobsHistoryLimit', 3);
  setDefault(s, 'failedJobsHistoryLimit', 1);
  defaultPodTemplate(asObj(asObj(s.jobTemplate)?.spec)?.template);
}

// Models job/strategy.go generateSelector: unless the user asked for a manual selector, the job's
// pods carry its uid and name, and the selector is its uid.
function generateSelector(job: KubeObject): void {
  const s = child(job, 'spec');
  if (s.manualSelector === true) return;
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  const meta = child(child(s, 'template'), 'metadata');
  meta.labels = {
    ...asStrMap(meta.labels), 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name,
    'controller-uid': uid, 'job-name': name,
  };
  if (s.selector === undefined) s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
}

const nonNegative = (s: Obj, name: string, path: Path): FieldError[] => {
  const v = asNum(s[name]);
  return v !== undefined && v < 0 ? [field.invalid(path.child(name), v, IsNegativeErrorMsg)] : [];
};

// Models batch validation.go validateJobSpec: counts, selector, template; job pods must not restart Always.
export function validateJobSpec(s: Obj, path: Path, checkSelector: boolean): FieldError[] {
  const errs = [
    ...nonNegative(s, 'parallelism', path), ...nonNegative(s, 'completions', path),
    ...nonNegative(s, 'activeDeadlineSeconds', path), ...nonNegative(s, 'backoffLimit', path),
    ...nonNegative(s, 'ttlSecondsAfterFinished', path),
  ];
  const template = asObj(s.template);
  if (checkSelector) {
    if (s.selector === undefined) errs.push(field.required(path.child('selector'), ''));
    const parsed = labelSelectorAsSelector(asObj(s.selector));
    const labels = asStrMap(asObj(template?.metadata)?.labels);
    if (s.selector !== undefined && parsed.ok && !matches(parsed.value, labels)) {
      errs.push(field.invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    }
  }
  errs.push(...validatePodTemplateSpec(template, path.child('template')));
  const restartPolicy = asStr(asObj(template?.spec)?.restartPolicy);
  if (template && restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(field.notSupported(path.child('template', 'spec', 'restartPolicy'), restartPolicy, ['OnFailure', 'Never']));
  }
  return errs;
}

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

// Models batch validation.go validateCronJobSpec: a parsable schedule, a known concurrency policy.
function validateCronJob(cj: KubeObject): FieldError[] {
  const s = asObj(cj.spec) ?? {};
  const path = field.newPath('spec');
  const errs: FieldError[] = [];
  const schedule = asStr(s.schedule);
  if (!schedule) errs.push(field.required(path.child('schedule'), ''));
  else {
    const problem = cronScheduleError(schedule);
    if (problem) errs.push(field.invalid(path.child('schedule'), schedule, problem));
  }
  const policy = asStr(s.concurrencyPolicy);
  if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(field.notSupported(path.child('concurrencyPolicy'), policy, CONCURRENCY_POLICIES));
  errs.push(...nonNegative(s, 'startingDeadlineSeconds', path), ...nonNegative(s, 'successfulJobsHistoryLimit', path), ...nonNegative(s, 'failedJobsHistoryLimit', path));
  errs.push(...validateJobSpec(asObj(asObj(s.jobTemplate)?.spec) ?? {}, path.child('jobTemplate', 'spec'), false));
  return errs;
}

const CRON_DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const CRON_FIELDS: { name: string; min: number; max: number }[] = [
  { name: 'minute', min: 0, max: 59 }, { name: 'hour', min: 0, max: 23 }, { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 }, { name: 'day of week', min: 0, max: 6 },
];

// As robfig/cron's standard parser, which the CronJob validation uses: five fields or a
// descriptor; the message text follows the parser's errors.
export function cronScheduleError(schedule: string): string | undefined {
  const spec = schedule.replace(/^(TZ|CRON_TZ)=\S+\s+/, '').trim();
  if (spec.startsWith('@')) {
    return CRON_DESCRIPTORS.includes(spec) || spec.startsWith('@every ') ? undefined : `unrecognized descriptor: ${spec}`;
  }
  const parts = spec.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  for (const [i, part] of parts.entries()) {
    const f = CRON_FIELDS[i]!;
    for (const range of part.split(',')) {
      const m = /^(\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/(\d+))?$/.exec(range);
      if (!m) return `failed to parse int from ${range}: strconv.Atoi: parsing "${range}": invalid syntax`;
      if (m[1] === '*' || m[1] === '?') continue;
      for (const n of m[1]!.split('-')) {
        const v = /^\d+$/.test(n) ? Number(n) : undefined;
        if (v === undefined) {
          if (i >= 3) continue; // month and weekday names (JAN, MON) are accepted
          return `failed to parse int from ${n}: strconv.Atoi: parsing "${n}": invalid syntax`;
        }
        if (v < f.min) return `beginning of range (${v}) below minimum (${f.min}): ${range}`;
        if (v > f.max) return `end of range (${v}) above maximum (${f.max}): ${range}`;
      }
    }
  }
  return undefined;
}

export const jobStrategy: Strategy = {
  tracksGeneration: true,
  // batch/v1 deletes orphan a job's pods unless told otherwise (job/strategy.go DefaultGarbageCollectionPolicy).
  defaultPropagationPolicy: 'Orphan',
  default: defaultJob,
  prepareForCreate: generateSelector,
  validate: (job) => validateJobSpec(asObj(job.spec) ?? {}, field.newPath('spec'), true),
  validateUpdate: (job, _old, ctx) => (ctx.subresource ? [] : validateJobSpec(asObj(job.spec) ?? {}, field.newPath('spec'), true)),
};

export const cronJobStrategy: Strategy = {
  tracksGeneration: true,
  default: defaultCronJob,
  validate: validateCronJob,
  validateUpdate: (cj, _old, ctx) => (ctx.subresource ? [] : validateCronJob(cj)),
};
