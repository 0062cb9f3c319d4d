// GET /openapi/v2 and /openapi/v3[/<group-version>], as kube-openapi's handlers answer them
// (pkg/handler/handler.go RegisterOpenAPIVersionedService, pkg/handler3/handler.go
// HandleDiscovery and HandleGroupVersion): content negotiation, ETags and conditional requests,
// and for a v3 document asked for by its hash, immutable caching, or a 301 to the current hash.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateOpenApiV2, type OpenApiV2 } from './openapi-v2.ts';
import type { OpenApiV3 } from './openapi.ts';
import { serveDocument } from './servecontent.ts';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Nothing the client accepts: both handlers answer a bare 406 (no Status body). */
function notAcceptable(res: ServerResponse): void {
  res.writeHead(406, { Vary: 'Accept', 'Cache-Control': 'no-cache, private', 'Content-Length': 0 });
  res.end();
}

/** GET /openapi/v2: JSON or protobuf by Accept, gzipped when the client accepts it. */
export async function serveOpenApiV2(v2: OpenApiV2, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const which = negotiateOpenApiV2(req.headers.accept);
  if (which === undefined) return notAcceptable(res);
  const doc = which === 'json' ? await v2.jsonDocument() : await v2.protobufDocument();
  serveDocument(req, res, doc, { Vary: 'Accept' }, true);
}

/** GET /openapi/v3 (rel ''), or /openapi/v3/<rel>; false when there is no such document. */
export async function serveOpenApiV3(v3: OpenApiV3, rel: string, url: URL, req: IncomingMessage, res: ServerResponse, now: Date): Promise<boolean> {
  if (rel === '') {
    serveDocument(req, res, await v3.discoveryDocument(), {}, false);
    return true;
  }
  const doc = await v3.document(rel);
  if (!doc) return false;
  // Only JSON is made here: a client asking for the v3 protobuf alone is told so (kubectl asks for JSON).
  if (negotiateOpenApiV2(req.headers.accept) !== 'json') {
    notAcceptable(res);
    return true;
  }
  const hash = url.searchParams.get('hash');
  if (hash !== null && hash !== '' && hash !== doc.etag) {
    // An old link: point the client at the document as it is now.
    const location = `/openapi/v3/${rel}?hash=${doc.etag}`;
    res.writeHead(301, { Location: location, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache, private' });
    res.end(`<a href="${location}">Moved Permanently</a>.\n\n`);
    return true;
  }
  const immutable: Record<string, string> = hash !== null && hash !== ''
    ? { 'Cache-Control': 'public, immutable', Expires: new Date(now.getTime() + YEAR_MS).toUTCString() } : {};
  serveDocument(req, res, doc, { Vary: 'Accept', ...immutable }, false);
  return true;
}
