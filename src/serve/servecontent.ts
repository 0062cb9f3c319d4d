// Serving a fixed document the way Go's http.ServeContent does for kube-openapi's handlers
// (pkg/handler/handler.go, pkg/handler3/handler.go): an `Etag` (quoted), `Last-Modified`,
// conditional requests answered 304 Not Modified, and (as the NYTimes/gziphandler wrapping
// /openapi/v2) gzip when the client accepts it. Range requests are not served: no Kubernetes
// client sends them for these documents.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** One representation of a document, with what conditional GETs compare. */
export interface ServedDocument {
  bytes: Buffer;
  contentType: string;
  /** The entity tag, unquoted (kube-openapi: the hex SHA-512 of the document). */
  etag: string;
  lastModified: Date;
  /** Made on first use when gzip is allowed. */
  gzipped?: Buffer;
}

/** kube-openapi's computeETag: SHA-512 of the bytes, upper-case hex. */
export const etagOf = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('hex').toUpperCase();

/** RFC 7232 If-None-Match: `*`, or a list of (possibly weak) entity tags. */
function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${etag}"`);
}

/**
 * Writes `doc` (or 304 when the client's copy is current). `headers` are the handler's own
 * (Vary, Cache-Control ...); `gzip` says whether this endpoint compresses.
 */
export function serveDocument(req: IncomingMessage, res: ServerResponse, doc: ServedDocument, headers: Record<string, string>, gzip: boolean): void {
  // gziphandler varies every answer of the endpoint it wraps on Accept-Encoding.
  const vary = gzip ? varyWith(headers.Vary, 'Accept-Encoding') : headers.Vary;
  const base: Record<string, string | number> = {
    'Cache-Control': 'no-cache, private', ...headers, ...(vary ? { Vary: vary } : {}),
    'Content-Type': doc.contentType, Etag: `"${doc.etag}"`, 'Last-Modified': doc.lastModified.toUTCString(),
  };
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  // ServeContent: If-None-Match decides when present; If-Modified-Since only without it
  // (compared at whole seconds, as HTTP dates carry no more).
  const current = ifNoneMatch !== undefined ? noneMatch(ifNoneMatch, doc.etag)
    : ifModifiedSince !== undefined && Math.floor(doc.lastModified.getTime() / 1000) <= Date.parse(ifModifiedSince) / 1000;
  if (current) {
    const { 'Content-Type': _type, ...rest } = base;
    res.writeHead(304, rest);
    res.end();
    return;
  }
  if (gzip && acceptsGzip(req.headers['accept-encoding'])) {
    doc.gzipped ??= gzipSync(doc.bytes);
    res.writeHead(200, { ...base, 'Content-Encoding': 'gzip', 'Content-Length': doc.gzipped.length });
    res.end(doc.gzipped);
    return;
  }
  res.writeHead(200, { ...base, 'Content-Length': doc.bytes.length });
  res.end(doc.bytes);
}

/** Whether Accept-Encoding lists gzip with a non-zero quality (gziphandler's acceptsGzip). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    const q = params.find((x) => x.startsWith('q='));
    return coding === 'gzip' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

const varyWith = (vary: string | undefined, add: string) => (vary ? `${vary}, ${add}` : add);
