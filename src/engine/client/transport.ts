// How a client reaches an apiserver. A Transport has the shape of the apiserver's ApiHandler, so
// everything above it (typed client, informers, kubectl, the UI) runs unchanged over either the
// in-process transport below (the browser) or an HTTP one (a real Kubernetes REST endpoint),
// which turns each ApiRequest into a URL, headers (Impersonate-User for `user`) and a body.
import type { ApiHandler, ApiRequest, ApiResponse, ExecSession, ExecStreams, KubeWatchEvent, StreamHandle, WatchHandle } from '../api/index.ts';
import { StatusError, deepCopy, isStatusError } from '../api/index.ts';
import { discoveryOf, type DiscoverySource, type ServerDiscovery } from './discovery.ts';
import { inProcessOpenAPIV3, type OpenAPIV3Source } from './openapi.ts';

/** One way to send API requests: `request` for every verb but watch, `watch` for streams. */
export interface Transport {
  /** Serves get, list, create, update, patch, delete, deletecollection; throws a StatusError on failure. */
  request(req: ApiRequest): Promise<ApiResponse>;
  /**
   * Opens a watch. Events arrive in order; an ERROR event carries a Status (e.g. 410 Expired)
   * and ends the stream. Throws a StatusError when the watch cannot start.
   */
  watch(req: ApiRequest, onEvent: (event: KubeWatchEvent) => void): Promise<WatchHandle>;
  /**
   * Serves discovery (/api, /apis and each group-version's resource list). Absent on a transport
   * that cannot discover, such as a test's fake apiserver.
   */
  discovery?(): Promise<ServerDiscovery>;
  /** Serves OpenAPI v3 (/openapi/v3 and each group-version's document). Absent where none is published. */
  openapiV3?: OpenAPIV3Source;
  /**
   * Streams a pod's log (`follow`): text chunks as they come; `closed` settles at the end.
   * Throws a StatusError when the stream cannot start. Absent where the server cannot stream.
   */
  stream?(req: ApiRequest, onChunk: (chunk: string) => void): Promise<StreamHandle>;
  /** Opens a pod's exec or attach. Throws a StatusError when the server refuses to connect. */
  connect?(req: ApiRequest, streams: ExecStreams): Promise<ExecSession>;
}

/**
 * The transport of the browser: calls the apiserver in the same process. Every request body,
 * response body, watch event and error is deep-copied on its way through, as if it had crossed
 * a wire: no caller ever shares memory with the apiserver, and what callers get back is theirs
 * to mutate.
 */
export function createInProcessTransport(apiserver: ApiHandler & { readonly registry?: DiscoverySource }): Transport {
  const { registry } = apiserver;
  return {
    // Discovery documents are built fresh on each call, so CRDs served since are included.
    ...(registry ? { discovery: async () => discoveryOf(registry), openapiV3: inProcessOpenAPIV3(registry) } : {}),
    async request(req) {
      try {
        const res = await apiserver.handle(copyRequest(req));
        return { ...res, body: deepCopy(res.body), ...(res.warnings ? { warnings: [...res.warnings] } : {}) };
      } catch (err) {
        throw copyError(err);
      }
    },
    async watch(req, onEvent) {
      try {
        return await apiserver.watch(copyRequest(req), (event) => onEvent(deepCopy(event)));
      } catch (err) {
        throw copyError(err);
      }
    },
    // Chunks are strings and sessions carry only callbacks: nothing to copy on the way back.
    ...(apiserver.stream ? {
      stream: async (req: ApiRequest, onChunk: (chunk: string) => void) => {
        try {
          return await apiserver.stream!(copyRequest(req), onChunk);
        } catch (err) {
          throw copyError(err);
        }
      },
    } : {}),
    ...(apiserver.connect ? {
      connect: async (req: ApiRequest, streams: ExecStreams) => {
        try {
          return await apiserver.connect!(copyRequest(req), streams);
        } catch (err) {
          throw copyError(err);
        }
      },
    } : {}),
  };
}

function copyRequest(req: ApiRequest): ApiRequest {
  return deepCopy(req);
}

// A StatusError's Status is a plain object the apiserver built; hand the caller its own.
function copyError(err: unknown): unknown {
  return isStatusError(err) ? new StatusError(deepCopy(err.status)) : err;
}
