// A watch over HTTP, as apiserver/pkg/endpoints/handlers/watch.go serves it: a 200 with a
// chunked body of newline-delimited JSON watch events, each flushed as it happens, until the
// watch ends (timeout, 410 ERROR event) or the client goes away. With `as=Table` the apiserver
// sends each object as a one-row Table, which is what `kubectl get -w` reads.
import type { ServerResponse } from 'node:http';
import type { ApiServer, ApiRequest, KubeWatchEvent, WatchHandle } from '../engine/api/index.ts';
import { CONTENT_TYPE } from './negotiation.ts';

/**
 * How much unsent output a watch may pile up for a reader that does not read, before it is cut
 * off (upstream's cacher likewise drops watchers whose buffer fills up).
 */
export const MAX_PENDING_WATCH_BYTES = 16 * 1024 * 1024;

export interface StreamWatchOptions {
  api: ApiServer;
  request: ApiRequest;
  res: ServerResponse;
  /** The client asked for Tables (as=Table): the response says so in its Content-Type. */
  table: boolean;
}

/**
 * Starts the watch (throwing its Status if it cannot start, before anything is written) and
 * returns its handle; the response ends when the watch does.
 */
export async function streamWatch({ api, request, res, table }: StreamWatchOptions): Promise<WatchHandle> {
  let started = false;
  const early: string[] = [];
  // Set once the watch has started; a slow reader may be cut off only after that.
  const live: { handle?: WatchHandle } = {};
  const cutOff = () => {
    live.handle?.stop();
    res.destroy();
  };
  const send = (event: KubeWatchEvent) => {
    const line = JSON.stringify(event) + '\n';
    if (!started) {
      early.push(line);
      return;
    }
    res.write(line);
    if (res.writableLength > MAX_PENDING_WATCH_BYTES) cutOff();
  };
  const handle = await api.watch(request, send);
  live.handle = handle;
  started = true;
  // The client may have gone while the watch was starting: nobody to stream to.
  if (res.destroyed) {
    handle.stop();
    return handle;
  }
  res.writeHead(200, { 'Content-Type': table ? CONTENT_TYPE.table : CONTENT_TYPE.json, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  for (const line of early) res.write(line);
  const watch = handle;
  // The client hanging up ends the watch (and its bookmark and timeout timers). Not req's
  // 'close': Node emits that once the request body has been read, long before the client goes.
  res.on('close', () => watch.stop());
  void watch.closed.then(() => {
    if (!res.writableEnded && !res.destroyed) res.end();
  });
  return watch;
}
