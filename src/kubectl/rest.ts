// The REST calls kubectl makes, each logged as client-go's round tripper logs it at --v=6:
// `I1201 12:00:00.000000   12345 round_trippers.go:632] "Response" verb="GET" url="..." status="200 OK" milliseconds=0`.
// Models client-go/transport/round_trippers.go (debuggingRoundTripper) and klog's header format.
import type { ApiRequest, KubeWatchEvent, Status, WatchHandle } from '../engine/api/index.ts';
import { isStatusError, restPath } from '../engine/api/index.ts';
import type { Clock } from '../engine/clock/index.ts';
import type { Client, ServerDiscovery } from '../engine/client/index.ts';
import { marshalIndent } from './printers/json.ts';

/** Where log lines go (stderr). */
export type LogSink = (line: string) => void;

// klog prints the process id; a simulated kubectl has none, so one fixed number stands in.
const PID = 12345;

const HTTP_STATUS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** klog's `Lmmdd hh:mm:ss.uuuuuu   pid file:line] ` header, in UTC, at `now`. */
export function klogHeader(now: number, file: string): string {
  const d = new Date(now);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
  return `I${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${time}   ${PID} ${file}] `;
}

/** The feature-gate lines client-go logs at startup at --v=1 and above (client-go/features/envvar.go). */
export function featureGateLines(now: number): string[] {
  const gates: Array<[string, boolean]> = [['ClientsAllowCBOR', false], ['ClientsPreferCBOR', false], ['InOrderInformers', true], ['InformerResourceVersion', false], ['WatchListClient', false]];
  return gates.map(([f, on]) => `${klogHeader(now, 'envvar.go:172')}"Feature gate default state" feature="${f}" enabled=${on}\n`);
}

// Go's omitempty: an empty string, zero or absent field is left out.
const omitEmpty = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== 0));

/**
 * The line StandardErrorMessage logs at --v=4 and above for an API error: the StatusError's
 * DebugError, a format and its argument handed to klog.Info (so the `%s` stays and the argument
 * prints as a Go slice), the Status indented as json.MarshalIndent writes metav1.Status' fields.
 * Models kubectl pkg/cmd/util/helpers.go StandardErrorMessage and apimachinery errors.go DebugError.
 */
export function serverResponseObjectLine(now: number, status: Status): string {
  const d = status.details;
  const details = d && omitEmpty({
    name: d.name, group: d.group, kind: d.kind, uid: d.uid,
    causes: d.causes?.map((c) => omitEmpty({ reason: c.reason, message: c.message, field: c.field })), retryAfterSeconds: d.retryAfterSeconds,
  });
  const ordered = omitEmpty({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: status.status, message: status.message, reason: status.reason, details, code: status.code });
  return `${klogHeader(now, 'helpers.go:246')}server response object: %s[${marshalIndent(ordered, '  ')}]\n`;
}

// Go's url.QueryEscape: only letters, digits and -_.~ stay; a space is `+`.
const goQueryEscape = (v: string) =>
  encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');

/**
 * The URL client-go logs: restPath's path, and the query as url.Values.Encode writes it (keys
 * sorted, Go's escaping). `as=Table` travels in the Accept header, so it is not in the URL;
 * includeObject is a real query parameter.
 */
export function requestURL(server: string, req: ApiRequest): string {
  const path = restPath({ ...req, verb: req.verb === 'watch' ? 'list' : req.verb, query: {} }).split('?')[0];
  const params: Record<string, unknown> = { ...req.query, ...(req.verb === 'watch' ? { watch: true } : {}) };
  const query = Object.keys(params).filter((k) => k !== 'as' && params[k] !== undefined).sort()
    .map((k) => `${goQueryEscape(k)}=${goQueryEscape(String(params[k]))}`).join('&');
  return `${server}${path}${query ? `?${query}` : ''}`;
}

/** A client whose requests are logged at `verbosity` >= 6 against `server` (the kubeconfig's URL). */
export interface Rest {
  request(req: ApiRequest): Promise<unknown>;
  watch(req: ApiRequest, onEvent: (event: KubeWatchEvent) => void): Promise<WatchHandle>;
  /**
   * The server's groups and resources. `cold`: kubectl's discovery cache had nothing fresh, so
   * (as client-go's cached discovery client over aggregated discovery) it asked GET /api and
   * GET /apis, which are logged; a warm cache answers without a request.
   */
  discovery(cold: boolean): Promise<ServerDiscovery>;
}

// client-go's discovery client sets a 32 s timeout on its requests (discovery_client.go defaultTimeout).
const DISCOVERY_PATHS = ['/api?timeout=32s', '/apis?timeout=32s'];

export function createRest(client: Client, opts: { verbosity: number; server: string; clock: Clock; log: LogSink }): Rest {
  const { verbosity, server, clock, log } = opts;
  const logLine = (method: string, url: string, code: number) => {
    if (verbosity < 6) return;
    // Virtual time does not pass during an in-process call, so every call takes 0 ms.
    log(`${klogHeader(clock.now(), 'round_trippers.go:632')}"Response" verb="${method}" url="${url}" status="${code} ${HTTP_STATUS[code] ?? ''}" milliseconds=0\n`);
  };
  const logResponse = (req: ApiRequest, code: number) => {
    const method = { get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE' }[req.verb];
    logLine(method, requestURL(server, req), code);
  };
  return {
    async request(req) {
      try {
        const res = await client.request(req);
        logResponse(req, res.code);
        return res.body;
      } catch (err) {
        if (isStatusError(err)) logResponse(req, err.status.code);
        throw err;
      }
    },
    async discovery(cold) {
      try {
        const discovered = await client.discovery();
        if (cold) for (const path of DISCOVERY_PATHS) logLine('GET', `${server}${path}`, 200);
        return discovered;
      } catch (err) {
        // The first request is the one that failed; client-go stops there.
        if (cold && isStatusError(err)) logLine('GET', `${server}${DISCOVERY_PATHS[0]}`, err.status.code);
        throw err;
      }
    },
    async watch(req, onEvent) {
      try {
        const handle = await client.watch(req, req.query ?? {}, onEvent);
        logResponse(req, 200);
        return handle;
      } catch (err) {
        if (isStatusError(err)) logResponse(req, err.status.code);
        throw err;
      }
    },
  };
}
