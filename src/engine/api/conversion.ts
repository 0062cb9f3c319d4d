// Version conversion for resources served at several versions over one key space: objects are
// stored at the storage version and converted on the way in (writes) and out (reads, lists,
// watches), as the apiserver's codec does through the internal type.
//   - autoscaling HorizontalPodAutoscaler: stored as autoscaling/v2; v1 is served by converting
//     (models pkg/apis/autoscaling/v1/conversion.go: v1 keeps what it cannot express in
//     `autoscaling.alpha.kubernetes.io/*` annotations so a v1 round trip loses nothing).
//   - Event: stored as core v1 Event (the events.k8s.io/v1 API shares the `events` key space and
//     its codec, as test/integration/etcd/data.go expects); events.k8s.io/v1 renames fields
//     (models pkg/apis/events/v1/conversion.go).
// Worked example: a v1 HPA with targetCPUUtilizationPercentage 50 is stored as v2 with
// metrics [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}];
// read at v1 it has targetCPUUtilizationPercentage 50 again and no annotations.
import type { ResourceInfo } from './registry.ts';
import type { KubeObject } from './types.ts';
import { HPA_ROUND_TRIP_ANNOTATIONS, hpaV1ToV2, hpaV2ToV1 } from './conversion-hpa.ts';
import { coreEventToEventsV1, eventsV1ToCoreEvent } from './conversion-events.ts';

type Converter = { toStorage(obj: KubeObject): KubeObject; fromStorage(obj: KubeObject): KubeObject };

const withoutRoundTripAnnotations = (obj: KubeObject): KubeObject => {
  const annotations = obj.metadata?.annotations;
  if (!annotations || !HPA_ROUND_TRIP_ANNOTATIONS.some((a) => a in annotations)) return obj;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([k]) => !HPA_ROUND_TRIP_ANNOTATIONS.includes(k)));
  const metadata = { ...obj.metadata };
  if (Object.keys(kept).length) metadata.annotations = kept;
  else delete metadata.annotations;
  return { ...obj, metadata };
};

// Key: `group/version/resource` as served.
const CONVERTERS: Record<string, Converter> = {
  'autoscaling/v1/horizontalpodautoscalers': { toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 },
  // v2 round-trips with the internal type without annotations: any a v1 client left are dropped (DropRoundTripHorizontalPodAutoscalerAnnotations).
  'autoscaling/v2/horizontalpodautoscalers': { toStorage: withoutRoundTripAnnotations, fromStorage: withoutRoundTripAnnotations },
  'events.k8s.io/v1/events': { toStorage: eventsV1ToCoreEvent, fromStorage: coreEventToEventsV1 },
};

const converterFor = (info: ResourceInfo) => (info.custom ? undefined : CONVERTERS[`${info.group}/${info.version}/${info.resource}`]);

/** The object as stored: converted from the version `info` serves to its storage version. */
export function toStorage(info: ResourceInfo, obj: KubeObject): KubeObject {
  return converterFor(info)?.toStorage(obj) ?? obj;
}

/** The stored object as the version `info` serves it. */
export function fromStorage(info: ResourceInfo, obj: KubeObject): KubeObject {
  return converterFor(info)?.fromStorage(obj) ?? obj;
}
