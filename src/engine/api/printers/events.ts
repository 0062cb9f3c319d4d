// Events, from core/v1 and events.k8s.io/v1 alike: both are one resource upstream, printed from the
// internal core Event. Models printers.go printEvent and formatEventSource, and the
// events.k8s.io/v1 → core conversion (pkg/apis/events/v1 Convert_v1_Event_To_core_Event).
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { parseTimestamp } from './timestamp.ts';
import { docColumn, nameColumn, type KindPrinter } from './table.ts';

/** The fields printEvent reads, in core/v1 names. */
interface CoreEvent {
  name: string;
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  type?: string;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
}

// events.k8s.io/v1 renames: regarding, note, deprecatedSource/FirstTimestamp/LastTimestamp/Count.
function asCoreEvent(obj: KubeObject, eventsV1: boolean): CoreEvent {
  const e = obj as KubeObject & Omit<CoreEvent, 'name'>;
  const v1 = obj as KubeObject & {
    regarding?: CoreEvent['involvedObject']; note?: string; deprecatedSource?: CoreEvent['source'];
    deprecatedFirstTimestamp?: string; deprecatedLastTimestamp?: string; deprecatedCount?: number; reportingController?: string;
  };
  const common = {
    name: obj.metadata?.name ?? '', type: e.type, reason: e.reason, eventTime: e.eventTime, series: e.series,
    reportingInstance: e.reportingInstance,
  };
  if (eventsV1) {
    return { ...common, involvedObject: v1.regarding, message: v1.note, source: v1.deprecatedSource,
      reportingComponent: v1.reportingController, firstTimestamp: v1.deprecatedFirstTimestamp,
      lastTimestamp: v1.deprecatedLastTimestamp, count: v1.deprecatedCount };
  }
  return { ...common, involvedObject: e.involvedObject, message: e.message, source: e.source,
    reportingComponent: e.reportingComponent, firstTimestamp: e.firstTimestamp, lastTimestamp: e.lastTimestamp, count: e.count };
}

// formatEventSource: `component, host`, falling back to the reporting controller and instance.
function formatEventSource(e: CoreEvent): string {
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

function eventPrinter(eventsV1: boolean): KindPrinter {
  return {
    // All ten columns, wide ones spliced in by position: kubectl hides priority 1 columns.
    columns: [
      docColumn('Last Seen', 'string', 'apiv1.Event.lastTimestamp'),
      docColumn('Type', 'string', 'apiv1.Event.type'),
      docColumn('Reason', 'string', 'apiv1.Event.reason'),
      docColumn('Object', 'string', 'apiv1.Event.involvedObject'),
      docColumn('Subobject', 'string', 'apiv1.ObjectReference.fieldPath', { priority: 1 }),
      docColumn('Source', 'string', 'apiv1.Event.source', { priority: 1 }),
      docColumn('Message', 'string', 'apiv1.Event.message'),
      docColumn('First Seen', 'string', 'apiv1.Event.firstTimestamp', { priority: 1 }),
      docColumn('Count', 'string', 'apiv1.Event.count', { priority: 1 }),
      { ...nameColumn, priority: 1 },
    ],
    print(obj, { now }) {
      const e = asCoreEvent(obj, eventsV1);
      const firstSeen = parseTimestamp(e.firstTimestamp) === undefined
        ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
      let lastSeen = parseTimestamp(e.lastTimestamp) === undefined ? firstSeen : translateTimestampSince(e.lastTimestamp, now);
      let count = e.count ?? 0;
      if (e.series) {
        lastSeen = translateTimestampSince(e.series.lastObservedTime, now);
        count = e.series.count ?? 0;
      } else if (count === 0) {
        count = 1; // events.k8s.io singletons carry no count
      }
      const kind = (e.involvedObject?.kind ?? '').toLowerCase();
      const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
      return {
        cells: [lastSeen, e.type ?? '', e.reason ?? '', target, e.involvedObject?.fieldPath ?? '', formatEventSource(e),
          (e.message ?? '').trim(), firstSeen, count, e.name],
      };
    },
  };
}

export const coreEventPrinter = eventPrinter(false);
export const eventsV1EventPrinter = eventPrinter(true);
