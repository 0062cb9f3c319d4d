// Content negotiation, as upstream's staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation:
// which representation the client accepts (plain JSON, the server-side printed Table, the
// aggregated discovery document) and what format its request body is in.
import { failureOf, type StatusError } from '../engine/api/index.ts';

/** One media range of an Accept header: `application/json;as=Table;v=v1;g=meta.k8s.io`. */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** Parses a comma-separated list of media types with their parameters (quality values ignored). */
export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const parsed: Record<string, string> = {};
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq > 0) parsed[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    }
    return { type: type.toLowerCase(), params: parsed };
  }).filter((m) => m.type !== '');
}

/** What a response is rendered as. */
export type Representation = 'json' | 'table' | 'discovery';

/** The Content-Type of each representation, with the parameters clients check. */
export const CONTENT_TYPE: Record<Representation, string> = {
  json: 'application/json',
  table: 'application/json;as=Table;v=v1;g=meta.k8s.io',
  discovery: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
};

const isJsonRange = (t: string) => t === 'application/json' || t === 'application/*' || t === '*/*';

/**
 * The first representation the client accepts, in its order; `allowed` says which ones the
 * endpoint has. No Accept header means JSON. None acceptable → 406, as upstream's NotAcceptable.
 */
export function negotiate(header: string | undefined, allowed: Representation[]): Representation {
  const ranges = parseMediaTypes(header);
  if (ranges.length === 0) return 'json';
  for (const { type, params } of ranges) {
    if (!isJsonRange(type)) continue;
    const as = params.as;
    if (as === undefined) return 'json';
    if (as === 'Table' && params.g === 'meta.k8s.io' && params.v === 'v1' && allowed.includes('table')) return 'table';
    if (as === 'APIGroupDiscoveryList' && params.g === 'apidiscovery.k8s.io' && params.v === 'v2' && allowed.includes('discovery')) return 'discovery';
  }
  throw notAcceptable();
}

// Only JSON is served (no protobuf, no CBOR): the message lists what this server really accepts.
export const notAcceptable = (): StatusError =>
  failureOf(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml');

/** A request body's format, from its Content-Type (parameters such as charset dropped). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
