// What the resource builder makes of a list that fails: a BadRequest or NotFound keeps its
// reason (it is still `Error from server (...)`) but its message names the resource and the
// selectors, e.g. `Unable to find "/v1, Resource=pods" that match label selector "=bad", field selector "": ...`.
// Models kubernetes/cli-runtime pkg/resource/helper.go EnhanceListError (called by selector.go Visit).
import type { ApiRequest, KubeList } from '../engine/api/index.ts';
import { isStatusError, reasonOf, StatusError } from '../engine/api/index.ts';
import type { Rest } from './rest.ts';

/** GroupVersionResource.String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
export const gvrString = (req: Pick<ApiRequest, 'group' | 'version' | 'resource'>) => `${req.group}/${req.version}, Resource=${req.resource}`;

/** `err` as the builder reports a failed list of `req`: other errors pass through unchanged. */
export function enhanceListError(err: unknown, req: ApiRequest): unknown {
  if (!isStatusError(err) || (reasonOf(err) !== 'BadRequest' && reasonOf(err) !== 'NotFound')) return err;
  const labels = req.query?.labelSelector ?? '', fields = req.query?.fieldSelector ?? '';
  const subject = JSON.stringify(gvrString(req));
  const message = labels === '' && fields === ''
    ? `Unable to list ${subject}: ${err.status.message}`
    : `Unable to find ${subject} that match label selector ${JSON.stringify(labels)}, field selector ${JSON.stringify(fields)}: ${err.status.message}`;
  return new StatusError({ ...err.status, message });
}

/** A list request through the builder: its failure worded as enhanceListError words it. */
export async function listResources<T = KubeList>(rest: Rest, req: ApiRequest): Promise<T> {
  try {
    return await rest.request(req) as T;
  } catch (err) {
    throw enhanceListError(err, req);
  }
}
