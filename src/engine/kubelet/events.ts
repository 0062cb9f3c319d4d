// The kubelet's event recorder: core/v1 Events with source {component: kubelet, host: NODE},
// written through the client. A repeat of the same event (same object, type, reason and
// message) bumps the first one's count and lastTimestamp instead of adding another, as
// client-go tools/record/events_cache.go (EventCorrelator, eventLogger) does; that is what
// `kubectl describe` shows as `(x3 over 2m)`. Names are `<object>.<hex nanoseconds>`
// (tools/record/event.go makeEvent).
import { rfc3339, type KubeObject } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { resources, type Client } from '../client/index.ts';

/** core/v1 ObjectReference: what an event is about (`fieldPath` names a container). */
export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  /** Absent on the kubelet's Node references (it names its node without a version). */
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  event(ref: ObjectReference, type: EventType, reason: string, message: string): void;
  /** Settles when every event recorded so far has been written. */
  flush(): Promise<void>;
}

export function createEventRecorder(client: Client, clock: Clock, host: string, onError: (err: unknown) => void): EventRecorder {
  const seen = new Map<string, { namespace: string; name: string; count: number }>();
  let chain: Promise<void> = Promise.resolve();
  let lastNanos = 0n;

  // Distinct names even for two events in the same virtual millisecond.
  const uniqueNanos = () => {
    let nanos = BigInt(clock.now()) * 1_000_000n;
    if (nanos <= lastNanos) nanos = lastNanos + 1n;
    lastNanos = nanos;
    return nanos;
  };

  async function write(ref: ObjectReference, type: EventType, reason: string, message: string, at: number, nanos: bigint): Promise<void> {
    const namespace = ref.namespace || 'default';
    const key = JSON.stringify([ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath, type, reason, message]);
    const scope = { ...resources.events, namespace };
    const prior = seen.get(key);
    if (prior) {
      prior.count += 1;
      await client.patch(scope, prior.name, 'application/merge-patch+json', { count: prior.count, lastTimestamp: rfc3339(at) });
      return;
    }
    const name = `${ref.name}.${nanos.toString(16)}`;
    const event: KubeObject = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { ...ref },
      reason, message, type,
      source: { component: 'kubelet', host },
      firstTimestamp: rfc3339(at), lastTimestamp: rfc3339(at), count: 1,
      reportingComponent: 'kubelet', reportingInstance: host,
    };
    seen.set(key, { namespace, name, count: 1 });
    await client.create(scope, event);
  }

  return {
    event(ref, type, reason, message) {
      const at = clock.now();
      const nanos = uniqueNanos();
      chain = chain.then(() => write(ref, type, reason, message, at, nanos)).catch(onError);
    },
    flush: () => chain,
  };
}
