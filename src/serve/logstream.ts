// A followed pod log over HTTP, as apiserver/pkg/registry/generic/rest/streamer.go serves it
// (LocationStreamer with Flush): a 200 `text/plain` response whose chunks are flushed as the
// kubelet sends them, ending when the log ends or the client goes away.
import type { ServerResponse } from 'node:http';
import type { ApiRequest, ApiServer, StreamHandle } from '../engine/api/index.ts';

/**
 * Starts the log stream (throwing its Status before anything is written if it cannot start)
 * and returns its handle; the response ends when the stream does.
 */
export async function streamLog(api: ApiServer, request: ApiRequest, res: ServerResponse): Promise<StreamHandle> {
  const early: string[] = [];
  let started = false;
  const write = (chunk: string) => {
    if (!started) early.push(chunk);
    else if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const handle = await api.stream(request, write);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  started = true;
  // Headers go out at once, so the client knows the stream has begun before the first line.
  res.flushHeaders();
  for (const chunk of early) res.write(chunk);
  // The client hung up: stop following, so that nothing is left holding the kubelet's stream.
  res.once('close', () => handle.stop());
  void handle.closed.then(() => { if (!res.writableEnded) res.end(); });
  return handle;
}
