import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');

function hpaWith(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(20 * 60_000) },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, ...spec },
    status: { currentReplicas: 2, desiredReplicas: 2, ...status },
  };
}
const cpu = (utilization?: number, averageValue?: string) => ({
  type: 'Resource', resource: { name: 'cpu', target: utilization !== undefined ? { type: 'Utilization', averageUtilization: utilization } : averageValue ? { type: 'AverageValue', averageValue } : { type: 'Utilization' } },
});
const cpuNow = (utilization: number) => ({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: utilization, averageValue: '210m' } } });

describe('horizontal pod autoscalers (printHorizontalPodAutoscaler, formatHPAMetrics)', () => {
  it('has the v1.33 columns', () => {
    const cols = printTable({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: '' }, [], { now }).columnDefinitions!;
    expect(cols.map((c) => c.name)).toEqual(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
  });

  it.each([
    { name: 'no metrics is <none>', hpa: hpaWith({}), targets: '<none>' },
    { name: 'a CPU target before metrics arrive is <unknown>', hpa: hpaWith({ metrics: [cpu(80)] }), targets: 'cpu: <unknown>/80%' },
    { name: 'a CPU utilization target with its current value', hpa: hpaWith({ metrics: [cpu(80)] }, { currentMetrics: [cpuNow(42)] }), targets: 'cpu: 42%/80%' },
    { name: 'a utilization target without a number is <auto>', hpa: hpaWith({ metrics: [cpu()] }, { currentMetrics: [cpuNow(42)] }), targets: 'cpu: 42%/<auto>' },
    { name: 'an average value target', hpa: hpaWith({ metrics: [cpu(undefined, '500m')] }, { currentMetrics: [cpuNow(42)] }), targets: 'cpu: 210m/500m' },
    {
      name: 'pods, object and external metrics',
      hpa: hpaWith({
        metrics: [
          { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
          { type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'Value', value: '10k' } } },
        ],
      }, { currentMetrics: [{ type: 'Pods', pods: { current: { averageValue: '870' } } }] }),
      targets: '870/1k, <unknown>/10k',
    },
    {
      name: 'more than two metrics are counted',
      hpa: hpaWith({
        metrics: [cpu(80), { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }, cpu(50), cpu(60)],
      }),
      targets: 'cpu: <unknown>/80%, <unknown>/30 (avg) + 2 more...',
    },
    {
      name: 'an autoscaling/v1 object reads its CPU percentage',
      hpa: hpaWith({ targetCPUUtilizationPercentage: 70 }, { currentCPUUtilizationPercentage: 35 }),
      targets: 'cpu: 35%/70%',
    },
  ])('$name', ({ hpa, targets }) => {
    const cells = printTable({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: '' }, [hpa], { now }).rows![0]!.cells;
    expect(cells).toEqual(['web', 'Deployment/web', targets, '1', 10, 2, '20m']);
  });

  it('prints <unset> when minReplicas is absent', () => {
    const hpa = hpaWith({});
    delete (hpa.spec as Record<string, unknown>).minReplicas;
    expect(printTable({ group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers', kind: '' }, [hpa], { now }).rows![0]!.cells[3]).toBe('<unset>');
  });
});
