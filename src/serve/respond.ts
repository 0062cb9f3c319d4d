// Writing responses as kube-apiserver does (apiserver/pkg/endpoints/handlers/responsewriters):
// objects and Status errors as JSON with their code, warnings as RFC 7234 `Warning:` headers.
import type { ServerResponse } from 'node:http';
import { internal, isStatusError, type Status } from '../engine/api/index.ts';

/**
 * One warning as a header value: `299 - "text"`, the text quoted with `"` and `\` escaped
 * (apiserver/pkg/warning/... and net/http's headers: code 299, agent "-").
 */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Writes a JSON body with `code`, `contentType` and any warnings. */
export function writeJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
  const bytes = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | string[] | number> = {
    'Content-Type': contentType, 'Content-Length': bytes.length, 'Cache-Control': 'no-cache, private',
  };
  if (warnings.length) headers.Warning = warnings.map(warningHeader);
  res.writeHead(code, headers);
  res.end(bytes);
}

/** Writes plain text (health checks, logs). */
export function writeText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

/** The Status an error becomes: its own for a StatusError, a 500 for anything else. */
export function statusOf(error: unknown): Status {
  if (isStatusError(error)) return error.status;
  return internal(error instanceof Error ? error.message : String(error)).status;
}

/** Writes an error as its Status, unless the response has already begun (then it is cut short). */
export function writeError(res: ServerResponse, error: unknown): void {
  const status = statusOf(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeJson(res, status.code, status);
}
