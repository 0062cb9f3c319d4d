// Event events.k8s.io/v1 ↔ core v1 (the storage version). The two APIs name the same fields
// differently; the newer one marks the old event-recorder fields `deprecated*`.
// Models pkg/apis/events/v1/conversion.go (Convert_v1_Event_To_core_Event and back).
import type { KubeObject } from './types.ts';

// events.k8s.io/v1 field → core v1 field. Fields not listed (eventTime, series, action, reason,
// type, related, reportingInstance) have the same name in both.
const RENAMES: Array<[string, string]> = [
  ['note', 'message'],
  ['regarding', 'involvedObject'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

function rename(obj: KubeObject, pairs: Array<[string, string]>): KubeObject {
  const out: KubeObject = { ...obj };
  for (const [from, to] of pairs) {
    delete out[from];
    if (obj[from] !== undefined) out[to] = obj[from];
  }
  return out;
}

/** An events.k8s.io/v1 Event as stored (core v1). */
export const eventsV1ToCoreEvent = (obj: KubeObject): KubeObject => ({ ...rename(obj, RENAMES), apiVersion: 'v1' });

/** A stored (core v1) Event as events.k8s.io/v1 serves it. */
export const coreEventToEventsV1 = (obj: KubeObject): KubeObject => ({ ...rename(obj, RENAMES.map(([a, b]) => [b, a])), apiVersion: 'events.k8s.io/v1' });
