// A WebSocketFactory over the `ws` package for the client room's HTTP transport (exec and
// attach): like nodeFetch, it trusts the kubeconfig's CA and sends the headers (bearer token,
// User-Agent) that a browser's WebSocket cannot.
import WebSocket from 'ws';
import type { WebSocketFactory, WebSocketLike } from '../engine/client/index.ts';
import type { NodeFetchOptions } from './httpsfetch.ts';

/** A WebSocketFactory trusting `ca` for wss URLs. */
export function nodeWebSocket(options: NodeFetchOptions = {}): WebSocketFactory {
  return (url, protocols, headers) => new WebSocket(url, protocols, {
    headers,
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    rejectUnauthorized: !options.insecureSkipTLSVerify,
  }) as unknown as WebSocketLike;
}
