import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import type { Strategy } from '../strategy.ts';
import { daemonSetStrategy, deploymentStrategy, replicationControllerStrategy, statefulSetStrategy } from './workloads.ts';
import { cronJobStrategy, cronScheduleError, jobStrategy } from './batch.ts';
import { messages, strategyContext } from './testing.ts';

const template = (labels: Record<string, string> | undefined, restartPolicy?: string) =>
  ({ metadata: labels ? { labels } : {}, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...(restartPolicy ? { restartPolicy } : {}) } });
const objWith = (kind: string, spec: Record<string, unknown>): KubeObject => ({ kind, metadata: { name: 'web', namespace: 'default', uid: 'u-1' }, spec });

function run(strategy: Strategy, obj: KubeObject): string[] {
  strategy.default!(obj, strategyContext());
  strategy.prepareForCreate?.(obj, strategyContext());
  return messages(strategy.validate!(obj, strategyContext()));
}

describe('workload defaulting', () => {
  it('defaults a deployment as apps/v1 does', () => {
    const d = objWith('Deployment', { selector: { matchLabels: { app: 'w' } }, template: template({ app: 'w' }) });
    deploymentStrategy.default!(d, strategyContext());
    const s = d.spec as Record<string, unknown>;
    expect(s.replicas).toBe(1);
    expect(s.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect([s.revisionHistoryLimit, s.progressDeadlineSeconds]).toEqual([10, 600]);
    expect((s.template as { spec: Record<string, unknown> }).spec.restartPolicy).toBe('Always');
    expect((s.template as { spec: Record<string, unknown> }).spec.enableServiceLinks).toBeUndefined();
  });

  it('defaults a statefulset and a daemonset', () => {
    const ss = objWith('StatefulSet', { template: template({ app: 'w' }), volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] });
    statefulSetStrategy.default!(ss, strategyContext());
    expect(ss.spec).toMatchObject({
      replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
    });
    const ds = objWith('DaemonSet', { template: template({ app: 'w' }) });
    daemonSetStrategy.default!(ds, strategyContext());
    expect(ds.spec).toMatchObject({ revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } });
  });

  it('takes a replication controller\'s selector and labels from its template', () => {
    const rc = objWith('ReplicationController', { template: template({ app: 'w' }) });
    expect(run(replicationControllerStrategy, rc)).toEqual([]);
    expect(rc.metadata?.labels).toEqual({ app: 'w' });
    expect((rc.spec as Record<string, unknown>).selector).toEqual({ app: 'w' });
    expect(replicationControllerStrategy.defaultPropagationPolicy).toBe('Orphan');
  });
});

describe('workload validation', () => {
  it.each([
    {
      name: 'a deployment without a selector',
      spec: { template: template({ app: 'w' }) },
      want: ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"w"}: `selector` does not match template `labels`'],
    },
    {
      name: 'a selector that does not select the template',
      spec: { selector: { matchLabels: { app: 'x' } }, template: template({ app: 'w' }) },
      want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"w"}: `selector` does not match template `labels`'],
    },
    {
      name: 'negative replicas',
      spec: { replicas: -1, selector: { matchLabels: { app: 'w' } }, template: template({ app: 'w' }) },
      want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'template pods that do not restart',
      spec: { selector: { matchLabels: { app: 'w' } }, template: template({ app: 'w' }, 'Never') },
      want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: 'an empty selector',
      spec: { selector: {}, template: template({ app: 'w' }) },
      want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    },
  ])('$name', ({ spec, want }) => expect(run(deploymentStrategy, objWith('Deployment', spec))).toEqual(want));

  it('refuses a changed apps/v1 selector as immutable', () => {
    const old = objWith('Deployment', { selector: { matchLabels: { app: 'w' } }, template: template({ app: 'w', v: '2' }) });
    deploymentStrategy.default!(old, strategyContext());
    const next = structuredClone(old);
    (next.spec as Record<string, unknown>).selector = { matchLabels: { app: 'w', v: '2' } };
    expect(messages(deploymentStrategy.validateUpdate!(next, old, strategyContext()))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"w", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('jobs and cronjobs', () => {
  it('defaults a job and generates its selector from its uid', () => {
    const job = objWith('Job', { template: template(undefined, 'Never') });
    expect(run(jobStrategy, job)).toEqual([]);
    expect(job.spec).toMatchObject({
      completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
      template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'web', 'controller-uid': 'u-1', 'job-name': 'web' } } },
    });
    expect(jobStrategy.defaultPropagationPolicy).toBe('Orphan');
  });

  it('refuses job pods that restart Always (the pod default)', () => {
    expect(run(jobStrategy, objWith('Job', { template: template(undefined) }))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });

  it('defaults a cronjob', () => {
    const cj = objWith('CronJob', { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template(undefined, 'OnFailure') } } });
    expect(run(cronJobStrategy, cj)).toEqual([]);
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
  });

  it.each([
    { schedule: '*/5 * * * *', want: undefined },
    { schedule: '@hourly', want: undefined },
    { schedule: '0 0 * * MON', want: undefined },
    { schedule: '* * * *', want: 'expected exactly 5 fields, found 4: [* * * *]' },
    { schedule: '61 * * * *', want: 'end of range (61) above maximum (59): 61' },
  ])('schedule "$schedule"', ({ schedule, want }) => expect(cronScheduleError(schedule)).toBe(want));
});
