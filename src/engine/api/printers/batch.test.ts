import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const minute = 60_000;
const podTemplate = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };

function jobWith(spec: Record<string, unknown>, status: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'pi', namespace: 'default', creationTimestamp: ago(10 * minute), ...metadata }, spec: { selector, template: podTemplate, ...spec }, status };
}
const condition = (type: string) => ({ type, status: 'True' });

function cells(resource: 'jobs' | 'cronjobs', obj: KubeObject) {
  return printTable({ group: 'batch', version: 'v1', resource, kind: '' }, [obj], { now }).rows![0]!.cells;
}

describe('job tables (printJob)', () => {
  it('has the v1.33 columns', () => {
    const cols = printTable({ group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' }, [], { now }).columnDefinitions!;
    expect(cols.map((c) => c.name)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
  });

  it.each([
    { name: 'a job not yet started has no duration', job: jobWith({ completions: 1 }), want: ['Running', '0/1', ''] },
    {
      name: 'a running job shows the time since it started',
      job: jobWith({ completions: 3, parallelism: 1 }, { startTime: ago(2 * minute + 5000), succeeded: 1 }),
      want: ['Running', '1/3', '2m5s'],
    },
    {
      name: 'a complete job shows completion minus start',
      job: jobWith({ completions: 1 }, { startTime: ago(9 * minute), completionTime: ago(9 * minute - 33_000), succeeded: 1, conditions: [condition('SuccessCriteriaMet'), condition('Complete')] }),
      want: ['Complete', '1/1', '33s'],
    },
    {
      name: 'a failed job says Failed',
      job: jobWith({ completions: 1, backoffLimit: 6 }, { startTime: ago(5 * minute), conditions: [condition('FailureTarget'), condition('Failed')] }),
      want: ['Failed', '0/1', '5m'],
    },
    {
      name: 'a job past its failure target but not yet failed says FailureTarget',
      job: jobWith({ completions: 1 }, { startTime: ago(5 * minute), conditions: [condition('FailureTarget')] }),
      want: ['FailureTarget', '0/1', '5m'],
    },
    { name: 'a suspended job says Suspended', job: jobWith({ completions: 1, suspend: true }, { conditions: [condition('Suspended')] }), want: ['Suspended', '0/1', ''] },
    { name: 'a job being deleted says Terminating', job: jobWith({ completions: 1 }, {}, { deletionTimestamp: ago(1000) }), want: ['Terminating', '0/1', ''] },
    { name: 'a work-queue job without completions reads n/1 of parallelism', job: jobWith({ parallelism: 4 }, { succeeded: 2 }), want: ['Running', '2/1 of 4', ''] },
    { name: 'without completions or parallelism it is n/1', job: jobWith({}, {}), want: ['Running', '0/1', ''] },
  ])('$name', ({ job, want }) => {
    expect(cells('jobs', job)).toEqual(['pi', ...want, '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc']);
  });
});

describe('cron job tables (printCronJob)', () => {
  const cronJobWith = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: ago(90 * minute) },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate } }, ...spec },
    status,
  });

  it('has the v1.33 columns', () => {
    const cols = printTable({ group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' }, [], { now }).columnDefinitions!;
    expect(cols.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'], ['Schedule', 'string'], ['Timezone', 'string'], ['Suspend', 'boolean'], ['Active', 'integer'],
      ['Last Schedule', 'string'], ['Age', 'string'], ['Containers', 'string'], ['Images', 'string'], ['Selector', 'string'],
    ]);
  });

  it.each([
    { name: 'a new cron job has not scheduled yet', cj: cronJobWith({ suspend: false }), want: ['*/5 * * * *', '<none>', 'False', 0, '<none>'] },
    {
      name: 'an active cron job counts its jobs and shows the last schedule age',
      cj: cronJobWith({ suspend: false, timeZone: 'Europe/Paris' }, { active: [{ name: 'hello-1' }], lastScheduleTime: ago(4 * minute) }),
      want: ['*/5 * * * *', 'Europe/Paris', 'False', 1, '4m'],
    },
    { name: 'a suspended cron job says True', cj: cronJobWith({ suspend: true }), want: ['*/5 * * * *', '<none>', 'True', 0, '<none>'] },
    { name: 'an unset suspend says <unset>', cj: cronJobWith({}), want: ['*/5 * * * *', '<none>', '<unset>', 0, '<none>'] },
  ])('$name', ({ cj, want }) => {
    expect(cells('cronjobs', cj)).toEqual(['hello', ...want, '90m', 'pi', 'perl:5.34', '<none>']);
  });
});
