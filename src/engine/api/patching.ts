// A patch request applied to the current object (apiserver/pkg/endpoints/handlers/patch.go):
// JSON patch, JSON merge patch, strategic merge patch (built-in kinds only, by their schema's
// merge keys). The result is decoded like any body, so type errors are caught the same way.
import { applyServerSide, fieldManagerContext, validatePatchOptions } from './apply/apply.ts';
import { failureOf, unsupportedMediaType, badRequest, internal, type StatusReason } from './errors.ts';
import { jsonPatch } from './patch/json.ts';
import { mergePatch } from './patch/merge.ts';
import type { PatchFailure, PatchResult } from './patch/result.ts';
import { CUSTOM_RESOURCE_PATCH_TYPES, strategicMergePatch, strategicMergePatchUnsupported } from './patch/strategic.ts';
import type { JsonObject, JsonValue } from './patch/value.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest } from './request.ts';
import { definitionNameFor } from './schema.ts';
import type { KubeObject } from './types.ts';

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

/**
 * The patched object. `current` is undefined only for an apply of an object that does not
 * exist yet (the apply creates it); `now` (RFC 3339) stamps the apply's managedFields entry.
 */
export function applyPatch(info: ResourceInfo, req: ApiRequest, current: KubeObject | undefined, now: string): KubeObject {
  validatePatchOptions(req);
  if (req.patchType === 'application/apply-patch+yaml')
    return applyServerSide({ info, req, current, ctx: fieldManagerContext(info, req.subresource, now) });
  if (current === undefined) throw internal('a non-apply patch needs an existing object');
  const patch = patchBody(req);
  const original = current as unknown as JsonObject;
  let result: PatchResult;
  switch (req.patchType) {
    case 'application/json-patch+json': result = jsonPatch(original, patch); break;
    case 'application/merge-patch+json': result = mergePatch(original, patch); break;
    case 'application/strategic-merge-patch+json': {
      const definition = info.custom ? undefined : definitionNameFor({ group: info.group, version: info.version, kind: info.kind });
      result = definition ? strategicMergePatch(original, patch, { r: definition }) : { ok: false, failure: strategicMergePatchUnsupported() };
      break;
    }
    default:
      throw unsupportedMediaType(info.custom ? CUSTOM_RESOURCE_PATCH_TYPES : PATCH_TYPES);
  }
  if (!result.ok) throw statusOf(result.failure);
  return result.object as KubeObject;
}

function patchBody(req: ApiRequest): JsonValue {
  if (req.body !== undefined) return req.body as JsonValue;
  if (req.rawBody === undefined) throw badRequest('the body of the request was empty');
  try {
    return JSON.parse(req.rawBody) as JsonValue;
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

const statusOf = (f: PatchFailure) => failureOf(f.code, f.reason as StatusReason | '', f.message);
