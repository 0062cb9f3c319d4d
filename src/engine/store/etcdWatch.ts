// One watch over etcd's JSON gateway: POST /v3/watch with a create_request, then read the
// streamed response, one JSON object per line (`{"result": WatchResponse}` or, when the stream
// breaks, `{"error": {...}}`). Each watch owns one HTTP request; cancel() aborts it, which closes
// the gRPC stream behind the gateway and so the watch in etcd.
//
// Mirrors what clientv3's watcher (client/v3/watch.go) hands its callers: the "created"
// acknowledgement is swallowed, and a watch canceled because its start revision was compacted
// carries etcd's ErrCompacted message as its reason (etcd itself sends only compact_revision).
import { decodeWatchResponse, encodeWatchCreateRequest, isWatchCreated, type WireObject } from './etcdCodec.ts';
import { compactedMessage } from './etcdErrors.ts';
import type { WatchRequest, WatchResponse, Watcher } from './types.ts';

/** What a watch needs from its store: where etcd is and how to reach it. */
export interface WatchTransport {
  endpoint: string;
  fetch: typeof fetch;
}

/** What the store hears of a watch's life besides its responses. */
export interface WatchLifecycle {
  /** etcd registered the watch: every write from now on reaches it. */
  onCreated(): void;
  /** The watch is over (canceled by us, by etcd, or its stream broke). */
  onEnd(): void;
}

/** Starts one watch; `onResponse` gets every WatchResponse until cancel() or a cancellation. */
export function openWatch(
  transport: WatchTransport,
  req: WatchRequest,
  onResponse: (resp: WatchResponse) => void,
  lifecycle: WatchLifecycle,
): Watcher {
  const abort = new AbortController();
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    abort.abort();
    lifecycle.onEnd();
  };
  const deliver = (resp: WatchResponse): void => {
    if (ended) return;
    onResponse(resp);
    if (resp.canceled === true) end();
  };
  const fail = (reason: string): void => deliver({ header: { revision: 0 }, events: [], canceled: true, cancelReason: reason });

  const handleLine = (line: string): void => {
    const parsed = JSON.parse(line) as WireObject;
    const result = parsed.result as WireObject | undefined;
    if (result === undefined) {
      const error = parsed.error as WireObject | undefined;
      fail(typeof error?.message === 'string' ? error.message : line);
      return;
    }
    const resp = decodeWatchResponse(result);
    if (isWatchCreated(result)) lifecycle.onCreated();
    if (isWatchCreated(result) && resp.canceled !== true) return;
    if (resp.canceled === true && resp.compactRevision !== undefined && resp.cancelReason === undefined)
      resp.cancelReason = compactedMessage;
    deliver(resp);
  };

  const run = async (): Promise<void> => {
    const res = await transport.fetch(`${transport.endpoint}/v3/watch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(encodeWatchCreateRequest(req)),
      signal: abort.signal,
    });
    if (!res.ok || res.body === null) {
      fail(`etcd watch: HTTP ${res.status} ${await res.text()}`);
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    while (!ended) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      for (let nl = buffered.indexOf('\n'); nl >= 0 && !ended; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line !== '') handleLine(line);
      }
    }
    fail('etcd watch: stream closed');
  };
  run().catch((err: unknown) => {
    if (!ended) fail(`etcd watch: ${err instanceof Error ? err.message : String(err)}`);
  });

  return { cancel: end };
}
