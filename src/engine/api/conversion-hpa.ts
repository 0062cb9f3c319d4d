// HorizontalPodAutoscaler autoscaling/v1 ↔ autoscaling/v2 (the storage version).
// Models pkg/apis/autoscaling/v1/conversion.go (Convert_autoscaling_HorizontalPodAutoscaler_To_v1_*
// and back, through the internal type, which has v2's shape) and pkg/apis/autoscaling/annotations.go.
// v1 states only a CPU utilization target; every other metric, the current metrics, the
// conditions and the scaling behavior ride in annotations, in v1's own metric shapes.
import type { KubeObject } from './types.ts';

type Obj = Record<string, unknown>;

export const MetricSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const MetricStatusesAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const HorizontalPodAutoscalerConditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
export const BehaviorSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';
/** The annotations only a v1 object carries (DropRoundTripHorizontalPodAutoscalerAnnotations). */
export const HPA_ROUND_TRIP_ANNOTATIONS = [MetricSpecsAnnotation, MetricStatusesAnnotation, HorizontalPodAutoscalerConditionsAnnotation, BehaviorSpecsAnnotation];
/** autoscaling.DefaultCPUUtilization: v1 without any target means 80% CPU. */
export const DefaultCPUUtilization = 80;

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const isCpuUtilization = (m: Obj) => m.type === 'Resource' && (m.resource as Obj | undefined)?.name === 'cpu'
  && ((m.resource as Obj).target as Obj | undefined)?.averageUtilization !== undefined;

// ---- metric specs: v2 ↔ v1 shapes (Convert_autoscaling_*MetricSource_To_v1_* and back) ----

function metricSpecToV1(m: Obj): Obj {
  const src = (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external ?? {}) as Obj;
  const target = (src.target ?? {}) as Obj;
  const metric = (src.metric ?? {}) as Obj;
  switch (m.type) {
    case 'Resource': return { type: 'Resource', resource: defined({ name: src.name, targetAverageUtilization: target.averageUtilization, targetAverageValue: target.averageValue }) };
    case 'ContainerResource': return { type: 'ContainerResource', containerResource: defined({ name: src.name, container: src.container, targetAverageUtilization: target.averageUtilization, targetAverageValue: target.averageValue }) };
    case 'Pods': return { type: 'Pods', pods: defined({ metricName: metric.name, targetAverageValue: target.averageValue, selector: metric.selector }) };
    case 'Object': return { type: 'Object', object: defined({ target: src.describedObject, metricName: metric.name, targetValue: target.value, selector: metric.selector, averageValue: target.averageValue }) };
    case 'External': return { type: 'External', external: defined({ metricName: metric.name, metricSelector: metric.selector, targetValue: target.value, targetAverageValue: target.averageValue }) };
    default: return m;
  }
}

function metricSpecFromV1(m: Obj): Obj {
  const src = (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external ?? {}) as Obj;
  const utilizationOrValue = () => src.targetAverageUtilization !== undefined
    ? { type: 'Utilization', averageUtilization: src.targetAverageUtilization } : defined({ type: 'AverageValue', averageValue: src.targetAverageValue });
  switch (m.type) {
    case 'Resource': return { type: 'Resource', resource: { name: src.name, target: utilizationOrValue() } };
    case 'ContainerResource': return { type: 'ContainerResource', containerResource: { name: src.name, container: src.container, target: utilizationOrValue() } };
    case 'Pods': return { type: 'Pods', pods: { metric: defined({ name: src.metricName, selector: src.selector }), target: { type: 'AverageValue', averageValue: src.targetAverageValue } } };
    case 'Object': return { type: 'Object', object: { describedObject: src.target, metric: defined({ name: src.metricName, selector: src.selector }),
      target: defined({ type: src.averageValue === undefined ? 'Value' : 'AverageValue', value: src.targetValue, averageValue: src.averageValue }) } };
    case 'External': return { type: 'External', external: { metric: defined({ name: src.metricName, selector: src.metricSelector }),
      target: defined({ type: src.targetValue === undefined ? 'AverageValue' : 'Value', value: src.targetValue, averageValue: src.targetAverageValue }) } };
    default: return m;
  }
}

// ---- metric statuses ----

function metricStatusToV1(m: Obj): Obj {
  const src = (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external ?? {}) as Obj;
  const current = (src.current ?? {}) as Obj;
  const metric = (src.metric ?? {}) as Obj;
  switch (m.type) {
    case 'Resource': return { type: 'Resource', resource: defined({ name: src.name, currentAverageUtilization: current.averageUtilization, currentAverageValue: current.averageValue ?? '0' }) };
    case 'ContainerResource': return { type: 'ContainerResource', containerResource: defined({ name: src.name, container: src.container, currentAverageUtilization: current.averageUtilization, currentAverageValue: current.averageValue ?? '0' }) };
    case 'Pods': return { type: 'Pods', pods: defined({ metricName: metric.name, currentAverageValue: current.averageValue ?? '0', selector: metric.selector }) };
    case 'Object': return { type: 'Object', object: defined({ target: src.describedObject, metricName: metric.name, currentValue: current.value ?? '0', selector: metric.selector, averageValue: current.averageValue }) };
    case 'External': return { type: 'External', external: defined({ metricName: metric.name, metricSelector: metric.selector, currentValue: current.value ?? '0', currentAverageValue: current.averageValue }) };
    default: return m;
  }
}

function metricStatusFromV1(m: Obj): Obj {
  const src = (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external ?? {}) as Obj;
  switch (m.type) {
    case 'Resource': return { type: 'Resource', resource: { name: src.name, current: defined({ averageValue: src.currentAverageValue, averageUtilization: src.currentAverageUtilization }) } };
    case 'ContainerResource': return { type: 'ContainerResource', containerResource: { name: src.name, container: src.container, current: defined({ averageValue: src.currentAverageValue, averageUtilization: src.currentAverageUtilization }) } };
    case 'Pods': return { type: 'Pods', pods: { metric: defined({ name: src.metricName, selector: src.selector }), current: { averageValue: src.currentAverageValue } } };
    case 'Object': return { type: 'Object', object: { describedObject: src.target, metric: defined({ name: src.metricName, selector: src.selector }), current: defined({ value: src.currentValue, averageValue: src.averageValue }) } };
    case 'External': return { type: 'External', external: { metric: defined({ name: src.metricName, selector: src.metricSelector }), current: defined({ value: src.currentValue, averageValue: src.currentAverageValue }) } };
    default: return m;
  }
}

// The behavior annotation holds the internal Go struct marshalled without JSON tags, so its keys
// are Go field names (`{"ScaleUp":{"StabilizationWindowSeconds":0,...}}`), as real clusters show.
const goNames: Record<string, string> = {
  scaleUp: 'ScaleUp', scaleDown: 'ScaleDown', stabilizationWindowSeconds: 'StabilizationWindowSeconds', selectPolicy: 'SelectPolicy',
  policies: 'Policies', type: 'Type', value: 'Value', periodSeconds: 'PeriodSeconds', tolerance: 'Tolerance',
};
const jsonNames = Object.fromEntries(Object.entries(goNames).map(([k, v]) => [v, k]));
function renameKeys(v: unknown, names: Record<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => renameKeys(x, names));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [names[k] ?? k, renameKeys(x, names)]));
  return v;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Upstream fails the decode; a hand-broken annotation here is kept as plain text instead.
    return undefined;
  }
}

/** A stored (v2) HPA as autoscaling/v1 serves it. */
export function hpaV2ToV1(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as Obj;
  const status = obj.status as Obj | undefined;
  const metrics = (spec.metrics ?? []) as Obj[];
  const annotations: Record<string, string> = { ...obj.metadata?.annotations };
  const other = metrics.filter((m) => !isCpuUtilization(m)).map(metricSpecToV1);
  if (other.length) annotations[MetricSpecsAnnotation] = JSON.stringify(other);
  const currentMetrics = (status?.currentMetrics ?? []) as Obj[];
  if (currentMetrics.length) annotations[MetricStatusesAnnotation] = JSON.stringify(currentMetrics.map(metricStatusToV1));
  const conditions = (status?.conditions ?? []) as Obj[];
  if (conditions.length) annotations[HorizontalPodAutoscalerConditionsAnnotation] = JSON.stringify(conditions);
  if (spec.behavior) annotations[BehaviorSpecsAnnotation] = JSON.stringify(renameKeys(spec.behavior, goNames));
  // The first CPU resource metric decides targetCPUUtilizationPercentage (if it is a utilization).
  const cpu = metrics.find((m) => m.type === 'Resource' && (m.resource as Obj | undefined)?.name === 'cpu');
  const cpuCurrent = currentMetrics.find((m) => m.type === 'Resource' && (m.resource as Obj | undefined)?.name === 'cpu');
  const out: KubeObject = {
    ...obj, apiVersion: 'autoscaling/v1',
    metadata: { ...obj.metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas,
      targetCPUUtilizationPercentage: ((cpu?.resource as Obj | undefined)?.target as Obj | undefined)?.averageUtilization }),
  };
  if (status) out.status = defined({ observedGeneration: status.observedGeneration, lastScaleTime: status.lastScaleTime,
    currentReplicas: status.currentReplicas, desiredReplicas: status.desiredReplicas,
    currentCPUUtilizationPercentage: ((cpuCurrent?.resource as Obj | undefined)?.current as Obj | undefined)?.averageUtilization });
  return out;
}

/** A v1 HPA as stored (v2): annotations folded back into metrics, status and behavior. */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as Obj;
  const status = obj.status as Obj | undefined;
  const annotations: Record<string, string> = { ...obj.metadata?.annotations };
  const take = (name: string) => { const v = parseJson(annotations[name]); if (v !== undefined) delete annotations[name]; return v; };
  const other = take(MetricSpecsAnnotation) as Obj[] | undefined;
  const currentMetrics = take(MetricStatusesAnnotation) as Obj[] | undefined;
  const conditions = take(HorizontalPodAutoscalerConditionsAnnotation) as Obj[] | undefined;
  const behavior = take(BehaviorSpecsAnnotation);
  const cpuTarget = (percent: unknown): Obj => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } });
  let metrics = [...(other ?? []).map(metricSpecFromV1), ...(spec.targetCPUUtilizationPercentage !== undefined ? [cpuTarget(spec.targetCPUUtilizationPercentage)] : [])];
  // v1 once defaulted in the controller; the conversion makes it explicit.
  if (!metrics.length) metrics = [cpuTarget(DefaultCPUUtilization)];
  const metadata = { ...obj.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const out: KubeObject = {
    ...obj, apiVersion: 'autoscaling/v2', metadata,
    spec: defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics,
      behavior: behavior === undefined ? undefined : renameKeys(behavior, jsonNames) }),
  };
  if (status) {
    const cpuCurrent = status.currentCPUUtilizationPercentage !== undefined
      ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }] : undefined;
    out.status = defined({ observedGeneration: status.observedGeneration, lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas, desiredReplicas: status.desiredReplicas,
      currentMetrics: currentMetrics ? currentMetrics.map(metricStatusFromV1) : cpuCurrent, conditions });
  }
  return out;
}
