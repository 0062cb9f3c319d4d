// A request as the REST call a real client makes: `GET /api/v1/namespaces/default/pods?limit=500`.
// kubectl --v=6 prints these; `pilothouse serve` parses them back.
import type { ApiRequest, RequestQuery } from './request.ts';

const METHOD: Record<ApiRequest['verb'], string> = {
  get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE',
};

/** The URL path (and query) of a request. */
export function restPath(req: ApiRequest): string {
  const base = req.group ? `/apis/${req.group}/${req.version}` : `/api/${req.version}`;
  const ns = req.namespace && req.resource !== 'namespaces' ? `/namespaces/${req.namespace}` : '';
  const name = req.name ? `/${encodeURIComponent(req.name)}` : '';
  const sub = req.subresource ? `/${req.subresource}` : '';
  const query = queryString({ ...req.query, ...(req.verb === 'watch' ? { watch: true } : {}) });
  return `${base}${ns}/${req.resource}${name}${sub}${query ? `?${query}` : ''}`;
}

/** `METHOD path`, as kubectl --v=6 shows a request line. */
export function restLine(req: ApiRequest): string {
  return `${METHOD[req.verb]} ${restPath(req)}`;
}

function queryString(q: RequestQuery & { watch?: boolean }): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || k === 'as' || k === 'includeObject') continue;
    // PodExecOptions.command travels as one parameter per word: command=sh&command=-c.
    if (Array.isArray(v)) {
      for (const item of v as unknown[]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`);
      continue;
    }
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}
