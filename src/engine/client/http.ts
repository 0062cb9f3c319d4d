// The HTTP transport: the Transport interface over a real Kubernetes REST endpoint (`pilothouse
// serve`, or any cluster). Each ApiRequest becomes the URL, method, headers and body client-go
// would send; responses and Status errors come back as the in-process transport returns them,
// so everything built on the client runs unchanged over either.
// Models client-go/rest/request.go (Request.Do, transformResponse, newUnstructuredResponseError),
// client-go/rest/watch/decoder.go and client-go/discovery/discovery_client.go.
//
// The transport is platform-neutral: it takes a fetch-like function. In the browser that is the
// global fetch; in Node the CLI passes one built on node:https that trusts the kubeconfig's CA
// (Node's global fetch takes no per-request CA).
import type {
  ApiRequest, ApiResponse, KubeWatchEvent, Status, StatusReason, UserInfo, WatchHandle,
} from '../api/index.ts';
import { StatusError, failureOf, restPath } from '../api/index.ts';
import type { APIGroup, APIResource, APIResourceList, GroupVersionForDiscovery, ServerDiscovery } from './discovery.ts';
import type { OpenAPIV3Discovery, OpenAPIV3Document } from './openapi.ts';
import type { Transport } from './transport.ts';
import { EXEC_PROTOCOLS, openSession, type WebSocketFactory } from './websocket.ts';

/** What the transport needs of a fetch response: status, headers, the whole text or a byte stream. */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  body: ReadableStream<Uint8Array> | null;
}

/** What the transport sends: a subset of fetch's RequestInit. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A fetch-like function: the global fetch fits, so does the CLI's node:https one. */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface HttpTransportOptions {
  /** The apiserver's base URL, `https://127.0.0.1:6443`. */
  server: string;
  /** Bearer token for `Authorization` (kubectl sends it only over TLS). */
  token?: string;
  /** The User-Agent when a request names none. */
  userAgent?: string;
  /** How requests go out; defaults to the global fetch. */
  fetch?: FetchFunction;
  /** How exec and attach connect (WebSocket, v5.channel.k8s.io); without it they are refused. */
  webSocket?: WebSocketFactory;
}

const METHOD: Record<ApiRequest['verb'], string> = {
  get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE',
};

/** kubectl get's Accept header: a server-printed Table, else plain JSON. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** A Transport over HTTP(S) to a Kubernetes apiserver. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const server = options.server.replace(/\/+$/, '');
  const doFetch: FetchFunction = options.fetch ?? ((url, init) => globalThis.fetch(url, init));

  const headersOf = (req: Pick<ApiRequest, 'user' | 'userAgent' | 'query'>, accept = 'application/json'): Record<string, string> => ({
    Accept: req.query?.as === 'Table' ? TABLE_ACCEPT : accept,
    ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    ...(req.userAgent ?? options.userAgent ? { 'User-Agent': (req.userAgent ?? options.userAgent)! } : {}),
    ...impersonationHeaders(req.user),
  });

  async function get(path: string, accept = 'application/json'): Promise<unknown> {
    const res = await doFetch(`${server}${path}`, { method: 'GET', headers: headersOf({}, accept) });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) throw responseError(res.status, text);
    return JSON.parse(text) as unknown;
  }

  return {
    async request(req) {
      const res = await doFetch(urlOf(server, req), { method: METHOD[req.verb], headers: { ...headersOf(req), ...contentHeader(req) }, ...bodyOf(req) });
      const text = await res.text();
      if (res.status < 200 || res.status > 299) throw responseError(res.status, text);
      const warnings = parseWarningHeader(res.headers.get('warning'));
      const isJson = /json/.test(res.headers.get('content-type') ?? 'application/json');
      const response: ApiResponse = { code: res.status, body: isJson && text ? JSON.parse(text) as unknown : text };
      return warnings.length ? { ...response, warnings } : response;
    },

    async watch(req, onEvent) {
      const abort = new AbortController();
      const res = await doFetch(urlOf(server, { ...req, verb: 'watch' }), { method: 'GET', headers: headersOf(req), signal: abort.signal });
      if (res.status !== 200) throw responseError(res.status, await res.text());
      const body = res.body;
      if (!body) throw responseError(500, 'watch response without a body');
      // A stream cut mid-line is the end of the watch, as in the in-process transport: `closed` settles, never rejects.
      const closed = readEvents(body, onEvent, abort.signal).catch(() => undefined);
      return { stop: () => abort.abort(), closed } satisfies WatchHandle;
    },

    // A followed log is a chunked response body, read as it arrives (client-go rest.Request.Stream).
    async stream(req, onChunk) {
      const abort = new AbortController();
      const res = await doFetch(urlOf(server, req), { method: 'GET', headers: headersOf(req, '*/*'), signal: abort.signal });
      if (res.status !== 200) throw responseError(res.status, await res.text());
      const body = res.body;
      const closed = body ? readText(body, onChunk, abort.signal).catch(() => undefined) : res.text().then((t) => { if (t) onChunk(t); });
      return { stop: () => abort.abort(), closed };
    },

    // As kubectl 1.33: a WebSocket upgrade (GET) offering v5 and v4. When the upgrade is
    // refused, kubectl falls back to SPDY's POST, whose answer carries the server's Status;
    // a plain POST here asks the same question and gets the same Status back.
    async connect(req, streams) {
      const query = { ...req.query, stdout: streams.stdout !== undefined, stderr: !streams.tty && streams.stderr !== undefined, stdin: streams.stdin, tty: streams.tty };
      const upgrade: ApiRequest = { ...req, verb: 'get', query };
      if (!options.webSocket) throw failureOf(400, 'BadRequest', 'Upgrade request required');
      const url = urlOf(server, upgrade).replace(/^http/, 'ws');
      const socket = options.webSocket(url, EXEC_PROTOCOLS, headersOf(upgrade, '*/*'));
      socket.binaryType = 'arraybuffer';
      const session = await openSession(socket, streams);
      if (session) return session;
      const res = await doFetch(urlOf(server, { ...upgrade, verb: 'create' }), { method: 'POST', headers: headersOf(upgrade) });
      throw responseError(res.status < 300 ? 400 : res.status, await res.text());
    },

    // As client-go's ServerGroupsAndResources: /api and /apis, then every group-version's list.
    async discovery() {
      const core = await get('/api') as { versions: string[] };
      const named = await get('/apis') as { groups: APIGroup[] };
      const gv = (version: string): GroupVersionForDiscovery => ({ groupVersion: version, version });
      const coreGroup: APIGroup | undefined = core.versions.length
        ? { name: '', versions: core.versions.map(gv), preferredVersion: gv(core.versions[0]!) } : undefined;
      const groups = [...(coreGroup ? [coreGroup] : []), ...named.groups.map(groupOf)];
      const paths = groups.flatMap((g) => g.versions.map((v) => (g.name ? `/apis/${v.groupVersion}` : `/api/${v.version}`)));
      const resources = await Promise.all(paths.map(async (p) => resourceListOf(await get(p) as APIResourceList)));
      return { groups, resources } satisfies ServerDiscovery;
    },

    // client-go/openapi: /openapi/v3, then a document at the URL it names (with its hash).
    openapiV3: {
      discovery: async () => await get('/openapi/v3') as OpenAPIV3Discovery,
      document: async (serverRelativeURL) => await get(serverRelativeURL) as OpenAPIV3Document,
    },
  };
}

function urlOf(server: string, req: ApiRequest): string {
  const path = restPath(req);
  // restPath leaves out what travels in the Accept header (as=Table); includeObject is a query parameter on the wire.
  const include = req.query?.includeObject ? `${path.includes('?') ? '&' : '?'}includeObject=${req.query.includeObject}` : '';
  return `${server}${path}${include}`;
}

// impersonation.go's headers. An impersonated user is in system:authenticated anyway (the
// server adds it), so, as kubectl --as, that group is not sent.
function impersonationHeaders(user: UserInfo | undefined): Record<string, string> {
  if (!user) return {};
  const groups = user.groups.filter((g) => g !== 'system:authenticated');
  return {
    'Impersonate-User': user.username,
    ...(groups.length ? { 'Impersonate-Group': groups.join(',') } : {}),
    ...(user.uid !== undefined ? { 'Impersonate-Uid': user.uid } : {}),
  };
}

function contentHeader(req: ApiRequest): Record<string, string> {
  if (req.body === undefined && req.rawBody === undefined) return {};
  if (req.verb === 'patch') return { 'Content-Type': req.patchType ?? 'application/strategic-merge-patch+json' };
  return { 'Content-Type': req.rawBody !== undefined && !looksLikeJson(req.rawBody) ? 'application/yaml' : 'application/json' };
}

function bodyOf(req: ApiRequest): { body?: string } {
  if (req.rawBody !== undefined) return { body: req.rawBody };
  if (req.body !== undefined) return { body: JSON.stringify(req.body) };
  return {};
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// A newline-delimited stream of JSON watch events (one metav1.WatchEvent per line, as the
// apiserver's streaming encoder writes them). Ends when the server closes or `stop()` aborts.
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: KubeWatchEvent) => void, signal: AbortSignal): Promise<void> {
  let buffered = '';
  try {
    await readText(body, (chunk) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) onEvent(JSON.parse(line) as KubeWatchEvent);
      }
    }, signal);
  } catch (err) {
    // A stop() aborts the read: that is the normal end of a watch, not a failure.
    if (!signal.aborted) throw err;
  }
}

/** A text body, handed on chunk by chunk until the server ends it or `stop()` aborts. */
async function readText(body: ReadableStream<Uint8Array>, onChunk: (chunk: string) => void, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      if (text) onChunk(text);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * The StatusError of a failed response: the server's own Status when the body is one, else
 * client-go's generic error for the code (newUnstructuredResponseError).
 */
export function responseError(code: number, text: string): StatusError {
  try {
    const body = JSON.parse(text) as Partial<Status>;
    if (body && body.kind === 'Status' && typeof body.code === 'number') return new StatusError(body as Status);
  } catch {
    // Not JSON: fall through to the generic error.
  }
  // Upstream appends `(verb resource name)` when it knows the resource; the transport does not.
  const [reason, message] = GENERIC[code] ?? ['', `an error on the server ("${text.trim()}") has prevented the request from succeeding`];
  return new StatusError(failureOf(code, reason, message).status);
}

// apimachinery/pkg/api/errors/errors.go NewGenericServerResponse: the reason and message per code.
const GENERIC: Record<number, [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  413: ['RequestEntityTooLarge', 'the server has received a request that is too large'],
  415: ['UnsupportedMediaType', 'the server does not support the media type of the request'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
};

/**
 * The texts of `Warning:` headers (RFC 7234: `299 - "text"`), several values joined by commas
 * as fetch's Headers.get joins them. Models client-go/rest/warnings.go ParseWarningHeaders.
 */
export function parseWarningHeader(header: string | null): string[] {
  if (!header) return [];
  const warnings: string[] = [];
  const re = /\s*(\d{3})\s+\S+\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = re.exec(header)) !== null) {
    if (match[1] === '299') warnings.push(match[2]!.replace(/\\(.)/g, '$1'));
    if (re.lastIndex >= header.length) break;
  }
  return warnings;
}

function groupOf(g: APIGroup): APIGroup {
  return { name: g.name, versions: g.versions.map((v) => ({ groupVersion: v.groupVersion, version: v.version })), preferredVersion: { groupVersion: g.preferredVersion.groupVersion, version: g.preferredVersion.version } };
}

// Only the fields the client room's APIResource has: a real server adds storageVersionHash and more.
function resourceListOf(list: APIResourceList): APIResourceList {
  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: list.groupVersion,
    resources: list.resources.map((r): APIResource => ({
      name: r.name, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs],
      ...(r.shortNames?.length ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories?.length ? { categories: [...r.categories] } : {}),
    })),
  };
}
