// HorizontalPodAutoscaler, autoscaling/v2 and v1. Models printers.go printHorizontalPodAutoscaler
// and formatHPAMetrics (which print the internal, v2-shaped object).
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { canonicalQuantity } from './timestamp.ts';
import { ageColumn, docColumn, nameColumn, type KindPrinter } from './table.ts';

/** autoscaling/v2 MetricTarget / MetricValueStatus: quantities are strings as stored. */
interface MetricValue {
  type?: string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

interface MetricSource {
  name?: string;
  target?: MetricValue;
  current?: MetricValue;
}

interface Metric {
  type?: string;
  resource?: MetricSource;
  containerResource?: MetricSource;
  pods?: MetricSource;
  object?: MetricSource;
  external?: MetricSource;
}

interface HorizontalPodAutoscaler extends KubeObject {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: Metric[];
    /** autoscaling/v1 */
    targetCPUUtilizationPercentage?: number;
  };
  status?: { currentReplicas?: number; currentMetrics?: Metric[]; currentCPUUtilizationPercentage?: number };
}

// An autoscaling/v1 object converts to the internal form with its CPU target as one Resource metric
// (pkg/apis/autoscaling/v1 conversion); a v2 object is already in that form.
function metricsOf(hpa: HorizontalPodAutoscaler): { specs: Metric[]; statuses: Metric[] } {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  if (spec.metrics || spec.targetCPUUtilizationPercentage === undefined) {
    return { specs: spec.metrics ?? [], statuses: status.currentMetrics ?? [] };
  }
  const cpu = (current?: number): Metric[] => (current === undefined ? [] :
    [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }]);
  return {
    specs: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }],
    statuses: cpu(status.currentCPUUtilizationPercentage),
  };
}

// Quantity.String(): canonical, and `<nil>` for a nil *Quantity.
const q = (v: string | undefined): string => (v === undefined ? '<nil>' : canonicalQuantity(v));

function formatMetric(spec: Metric, status: Metric | undefined): string {
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = spec[key]?.target ?? {};
      const current = status?.[key]?.current;
      if (target.averageValue !== undefined) {
        return `${current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      return `${status?.[key] ? q(current?.value) : '<unknown>'}/${q(target.value)}`;
    }
    case 'Pods':
      return `${status?.pods ? q(status.pods.current?.averageValue) : '<unknown>'}/${q(spec.pods?.target?.averageValue)}`;
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const source = spec[key] ?? {};
      const target = source.target ?? {};
      const current = status?.[key];
      if (target.averageValue !== undefined) {
        return `${source.name ?? ''}: ${current ? q(current.current?.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
      }
      const utilization = current?.current?.averageUtilization;
      const targetText = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
      return `${source.name ?? ''}: ${utilization !== undefined ? `${utilization}%` : '<unknown>'}/${targetText}`;
    }
    default:
      return '<unknown type>';
  }
}

// formatHPAMetrics: at most two metrics, `, `-joined; statuses pair with specs by position.
function formatHPAMetrics(specs: Metric[], statuses: Metric[]): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...` : list.join(', ');
}

export const horizontalPodAutoscalerPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Reference', 'string', 'autoscalingv2beta1.HorizontalPodAutoscalerSpec.scaleTargetRef'),
    docColumn('Targets', 'string', 'autoscalingv2beta1.HorizontalPodAutoscalerSpec.metrics'),
    docColumn('MinPods', 'string', 'autoscalingv2beta1.HorizontalPodAutoscalerSpec.minReplicas'),
    docColumn('MaxPods', 'string', 'autoscalingv2beta1.HorizontalPodAutoscalerSpec.maxReplicas'),
    docColumn('Replicas', 'string', 'autoscalingv2beta1.HorizontalPodAutoscalerStatus.currentReplicas'),
    ageColumn,
  ],
  print(obj, { now }) {
    const hpa = obj as HorizontalPodAutoscaler;
    const spec = hpa.spec ?? {};
    const { specs, statuses } = metricsOf(hpa);
    return {
      cells: [hpa.metadata?.name ?? '', `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`,
        formatHPAMetrics(specs, statuses), spec.minReplicas !== undefined ? String(spec.minReplicas) : '<unset>',
        spec.maxReplicas ?? 0, hpa.status?.currentReplicas ?? 0, translateTimestampSince(hpa.metadata?.creationTimestamp, now)],
    };
  },
};

// printers.go printScale: the autoscaling/v1 Scale a `scale` subresource serves. Its Name column
// has no `name` format, unlike every other handler's.
export const scalePrinter: KindPrinter = {
  columns: [
    docColumn('Name', 'string', 'metav1.ObjectMeta.name'),
    docColumn('Desired', 'integer', 'autoscalingv1.ScaleSpec.replicas'),
    docColumn('Available', 'integer', 'autoscalingv1.ScaleStatus.replicas'),
    ageColumn,
  ],
  print(obj, { now }) {
    const scale = obj as KubeObject & { spec?: { replicas?: number }; status?: { replicas?: number } };
    return { cells: [scale.metadata?.name ?? '', scale.spec?.replicas ?? 0, scale.status?.replicas ?? 0, translateTimestampSince(scale.metadata?.creationTimestamp, now)] };
  },
};
