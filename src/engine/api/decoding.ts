// Decoding a request body into the object the registry works on (apiserver/pkg/endpoints/
// handlers/create.go and update.go): an object of the kind the URL names, in the URL's
// group-version, decoded against the kind's schema — type errors are 400s, unknown and
// duplicate fields are errors, warnings or nothing as fieldValidation says (default Warn).
import { badRequest } from './errors.ts';
import { cannotBeHandledMessage, decodeObject, strictDecodingErrorMessage, strictDecodingWarnings } from './decode.ts';
import { apiVersionOf } from './objectstore.ts';
import type { JsonValue } from './patch/value.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest } from './request.ts';
import { definitionNameFor } from './schema.ts';
import type { KubeObject } from './types.ts';

export interface Decoded {
  object: KubeObject;
  /** Warnings to send back (fieldValidation=Warn). */
  warnings: string[];
}

export function decodeBody(info: ResourceInfo, req: ApiRequest): Decoded {
  const body = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body ?? null)}'`);
  // As upstream's decoder: a body that leaves out apiVersion or kind takes the URL's.
  const expected = apiVersionOf(info);
  const raw = { ...(body as KubeObject) };
  if (raw.apiVersion === undefined || raw.apiVersion === '') raw.apiVersion = expected;
  if (raw.kind === undefined || raw.kind === '') raw.kind = info.kind;
  if (raw.apiVersion !== expected)
    throw badRequest(`the API version in the data (${String(raw.apiVersion)}) does not match the expected API version (${expected})`);
  if (raw.kind !== info.kind)
    throw badRequest(`${String(raw.kind)} in version "${info.version}" cannot be handled as a ${info.kind}: no kind "${String(raw.kind)}" is registered for version "${expected}"`);
  return decodeTyped(info, raw as JsonValue, req);
}

/** Decodes an object of the resource's own kind (a body, or a patch's result). */
export function decodeTyped(info: ResourceInfo, value: JsonValue, req: Pick<ApiRequest, 'rawBody' | 'query'>): Decoded {
  const gvk = { group: info.group, version: info.version, kind: info.kind };
  const definition = definitionNameFor(gvk);
  if (!definition) return { object: structuredClone(value) as KubeObject, warnings: [] };
  const result = decodeObject({ r: definition }, value, req.rawBody !== undefined ? { text: req.rawBody } : {});
  if (result.error) throw badRequest(cannotBeHandledMessage(gvk, result.error.message));
  const validation = req.query?.fieldValidation ?? 'Warn';
  let warnings: string[] = [];
  if (result.strictErrors.length && validation === 'Strict') throw badRequest(cannotBeHandledMessage(gvk, strictDecodingErrorMessage(result.strictErrors)));
  if (validation === 'Warn') warnings = strictDecodingWarnings(result.strictErrors);
  return { object: result.object as KubeObject, warnings };
}
