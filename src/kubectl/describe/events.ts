// The Events section every describer ends with, and the event lookup it reads: the events whose
// involvedObject is the described object, found with the field selector upstream builds.
// Models kubernetes/kubectl pkg/describe/describe.go (DescribeEvents, searchEvents) and
// pkg/util/event/sorted_event_list.go; client-go's EventInterface.GetFieldSelector.
import type { KubeList, KubeObject } from '../../engine/api/index.ts';
import { humanDuration } from '../../engine/api/index.ts';
import type { Rest } from '../rest.ts';
import type { PrefixWriter } from './writer.ts';

/** A core/v1 Event, as far as describe and `kubectl events` read it. */
export interface CoreEvent extends KubeObject {
  involvedObject?: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingController?: string;
}

/** An age at `now`, `<unknown>` for a missing time (describe.go translateTimestampSince). */
export function ageOf(timestamp: string | undefined, now: number): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

/**
 * The Age cell: `<last> (xN over <first>)` for a series or a repeated event, else the age of
 * eventTime (or of firstTimestamp when eventTime is unset).
 */
export function eventInterval(e: CoreEvent, now: number): string {
  const first = e.eventTime ? ageOf(e.eventTime, now) : ageOf(e.firstTimestamp, now);
  if (e.series) return `${ageOf(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${ageOf(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

const timeOf = (t: string | undefined) => (t ? Date.parse(t) : 0);

/** Events oldest first by lastTimestamp, as SortableEvents (a stable sort keeps the server's order for ties). */
export const sortByLastTimestamp = (events: CoreEvent[]): CoreEvent[] =>
  [...events].sort((a, b) => timeOf(a.lastTimestamp) - timeOf(b.lastTimestamp));

/** Writes the Events section: `Events:\t<none>`, or the Type/Reason/Age/From/Message table. */
export function describeEvents(w: PrefixWriter, events: CoreEvent[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sortByLastTimestamp(events)) {
    const from = e.source?.component || e.reportingController || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventInterval(e, now)}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}

/** Who the events are about: the fields of an ObjectReference that the selector names. */
export interface EventSubject {
  name: string;
  namespace?: string;
  kind?: string;
  uid?: string;
}

/**
 * The events about `subject`, listed with the field selector client-go builds (the set of
 * involvedObject.name/namespace/kind/uid, sorted by key); empty fields are left out. Errors give
 * no events, as describers ignore searchEvents' error.
 */
export async function searchEvents(rest: Rest, subject: EventSubject): Promise<CoreEvent[]> {
  const terms: Array<[string, string | undefined]> = [
    ['involvedObject.kind', subject.kind], ['involvedObject.name', subject.name],
    ['involvedObject.namespace', subject.namespace ?? ''], ['involvedObject.uid', subject.uid],
  ];
  const fieldSelector = terms.filter(([k, v]) => v !== undefined && (v !== '' || k === 'involvedObject.namespace')).map(([k, v]) => `${k}=${v}`).join(',');
  try {
    const list = await rest.request({ verb: 'list', group: '', version: 'v1', resource: 'events', ...(subject.namespace ? { namespace: subject.namespace } : {}), query: { fieldSelector, limit: 500 } }) as KubeList<CoreEvent>;
    return list.items;
  } catch {
    return [];
  }
}
