// A fetch-like function over node:https for the client room's HTTP transport. Node 20's global
// fetch (undici) takes no CA per request, and a kubeconfig names the CA its cluster's serving
// certificate is signed by; node:https takes it per request, as client-go's TLS config does.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { FetchFunction, FetchResponse } from '../engine/client/index.ts';

export interface NodeFetchOptions {
  /** PEM of the CA to trust instead of the system's. */
  ca?: string;
  /** kubeconfig's insecure-skip-tls-verify: accept any serving certificate. */
  insecureSkipTLSVerify?: boolean;
}

/** A FetchFunction trusting `ca` for https URLs; http URLs go out in the clear. */
export function nodeFetch(options: NodeFetchOptions = {}): FetchFunction {
  return (url, init) => new Promise<FetchResponse>((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: init.method,
      headers: { ...init.headers, ...(init.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}) },
      ...(target.protocol === 'https:' ? {
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        rejectUnauthorized: !options.insecureSkipTLSVerify,
      } : {}),
    }, (res) => resolve(responseOf(res)));
    const abort = () => req.destroy();
    if (init.signal?.aborted) abort();
    init.signal?.addEventListener('abort', abort, { once: true });
    req.on('error', (err) => {
      if (!init.signal?.aborted) reject(err);
    });
    req.end(init.body);
  });
}

function responseOf(res: IncomingMessage): FetchResponse {
  let consumed = false;
  const take = () => {
    if (consumed) throw new TypeError('body already read');
    consumed = true;
  };
  return {
    status: res.statusCode ?? 0,
    headers: {
      // As fetch's Headers.get: several values of one header, joined by ", ".
      get: (name) => {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v);
      },
    },
    text: async () => {
      take();
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    get body() {
      take();
      return Readable.toWeb(res) as ReadableStream<Uint8Array>;
    },
  };
}
