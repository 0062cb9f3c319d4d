// The HTTP face of the apiserver: the handler chain kube-apiserver builds in
// staging/src/k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain (authentication,
// impersonation; authorization happens inside the in-process apiserver), then either the
// non-resource endpoints (health, /version, discovery, OpenAPI) or a resource request
// translated to an ApiRequest.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ADMIN_USER, failureOf, isNotFound, PROTOBUF_MEDIA_TYPE, RBACAuthorizer, unauthorized,
  type ApiReader, type ApiRequest, type ApiServer, type Authorizer, type KubeList, type KubeObject, type UserInfo, type WatchHandle,
} from '../engine/api/index.ts';
import { impersonate, type TokenAuthenticator } from './authn.ts';
import { decodeObjectBody, patchTypeOf, readBody } from './body.ts';
import { aggregatedDiscovery, apiGroupList, apiGroupOf, apiResourceList, apiVersions } from './discovery.ts';
import { CONTENT_TYPE, mediaTypeOf, negotiate } from './negotiation.ts';
import type { OpenApiV3 } from './openapi.ts';
import type { OpenApiV2 } from './openapi-v2.ts';
import { serveOpenApiV2, serveOpenApiV3 } from './openapi-handler.ts';
import { parseQuery, requestInfoOf, type ResourceRequestInfo } from './requestinfo.ts';
import { writeError, writeJson, writeText } from './respond.ts';
import { SERVER_VERSION } from './version.ts';
import { streamWatch } from './watchstream.ts';
import { streamLog } from './logstream.ts';

export interface HandlerContext {
  api: ApiServer;
  tokens: TokenAuthenticator;
  openapi: OpenApiV3;
  openapiV2: OpenApiV2;
  /** `host:port` the server answers on (legacy /api discovery names it). */
  serverAddress: string;
  /** Open watches and followed logs, so that closing the server can end them. */
  watches: Set<WatchHandle>;
}

// Health checks answer without credentials, as a v1.33 apiserver whose anonymous access is
// limited to them (AuthenticationConfiguration anonymous.conditions).
const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** An authorizer for impersonation checks: RBAC over the apiserver's own objects, read as the admin. */
export function impersonationAuthorizer(api: ApiServer): Authorizer {
  const preferred = (group: string) => api.registry.groups().find((g) => g.group === group)?.preferredVersion ?? 'v1';
  const reader: ApiReader = {
    async get(group, resource, namespace, name) {
      try {
        const res = await api.handle({ verb: 'get', group, version: preferred(group), resource, ...(namespace ? { namespace } : {}), name, user: ADMIN_USER });
        return res.body as KubeObject;
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
    async list(group, resource, namespace) {
      const res = await api.handle({ verb: 'list', group, version: preferred(group), resource, ...(namespace ? { namespace } : {}), user: ADMIN_USER });
      return res.body as KubeList;
    },
  };
  return new RBACAuthorizer(reader);
}

/** Serves one HTTP request; never throws (every failure becomes a Status response). */
export function createHandler(ctx: HandlerContext & { authorizer: Authorizer }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    serve(ctx, req, res).catch((e: unknown) => writeError(res, e));
  };
}

async function serve(ctx: HandlerContext & { authorizer: Authorizer }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://apiserver.invalid');
  const method = req.method ?? 'GET';
  if (HEALTH.has(url.pathname) && method === 'GET') return writeText(res, 200, 'ok');
  const requester = await ctx.tokens.authenticate(req.headers.authorization);
  if (!requester) {
    req.resume();
    throw unauthorized();
  }
  const user = await impersonate(requester, req.headers, ctx.authorizer);
  const { query, watch } = parseQuery(url.searchParams);
  const info = requestInfoOf(method, url.pathname, watch);
  if (info.kind === 'nonResource') {
    req.resume();
    return serveNonResource(ctx, req, res, method, url);
  }
  const request = await toApiRequest(ctx, info, req, user);
  request.query = query;
  const representation = negotiate(req.headers.accept, info.verb === 'get' || info.verb === 'list' || info.verb === 'watch' ? ['json', 'table'] : ['json']);
  if (representation === 'table') request.query.as = 'Table';
  if (info.verb === 'watch') {
    const handle = await streamWatch({ api: ctx.api, request, res, table: representation === 'table' });
    ctx.watches.add(handle);
    void handle.closed.then(() => ctx.watches.delete(handle));
    return;
  }
  if (info.resource === 'pods' && info.subresource === 'log' && request.query.follow) {
    const handle = await streamLog(ctx.api, request, res);
    ctx.watches.add(handle);
    void handle.closed.then(() => ctx.watches.delete(handle));
    return;
  }
  const response = await ctx.api.handle(request);
  if (typeof response.body === 'string') return writeText(res, response.code, response.body);
  writeJson(res, response.code, response.body, representation === 'table' ? CONTENT_TYPE.table : CONTENT_TYPE.json, response.warnings ?? []);
}

async function toApiRequest(ctx: HandlerContext, info: ResourceRequestInfo, req: IncomingMessage, user: UserInfo): Promise<ApiRequest> {
  const { kind: _kind, ...target } = info;
  const request: ApiRequest = { ...target, user, ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) };
  // exec, attach and portforward are POSTed (SPDY) without a body: their options are in the query.
  const connect = info.resource === 'pods' && (info.subresource === 'exec' || info.subresource === 'attach' || info.subresource === 'portforward');
  if (info.verb === 'get' || info.verb === 'list' || info.verb === 'watch' || connect) {
    req.resume();
    return request;
  }
  const bytes = await readBody(req);
  const text = bytes.toString('utf8');
  const contentType = req.headers['content-type'];
  if (info.verb === 'patch') {
    const custom = ctx.api.registry.lookup(info.group, info.version, info.resource)?.custom !== undefined;
    return { ...request, patchType: patchTypeOf(contentType, custom), rawBody: text };
  }
  const body = withDefaultKind(ctx, info, decodeObjectBody(bytes, contentType));
  // The raw text feeds strict JSON decoding (duplicate fields); a protobuf body has none to find.
  const raw = (info.verb === 'create' || info.verb === 'update') && mediaTypeOf(contentType) !== PROTOBUF_MEDIA_TYPE;
  return { ...request, ...(body !== undefined ? { body } : {}), ...(raw ? { rawBody: text } : {}) };
}

/**
 * As upstream's decoder does with the URL's group-version-kind as its default (create.go and
 * update.go `decoder.Decode(body, &defaultGVK, ...)`): a body without apiVersion or kind is
 * read as the kind the URL names. Clients such as @kubernetes/client-node leave them out.
 */
function withDefaultKind(ctx: HandlerContext, info: ResourceRequestInfo, body: unknown): unknown {
  if ((info.verb !== 'create' && info.verb !== 'update') || info.subresource) return body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const resource = ctx.api.registry.lookup(info.group, info.version, info.resource);
  if (!resource) return body;
  const object = body as { apiVersion?: unknown; kind?: unknown };
  return {
    ...object,
    apiVersion: object.apiVersion || (info.group ? `${info.group}/${info.version}` : info.version),
    kind: object.kind || resource.kind,
  };
}

const notFoundPath = () => failureOf(404, 'NotFound', 'the server could not find the requested resource');

async function serveNonResource(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
  if (method !== 'GET') throw notFoundPath();
  const path = url.pathname;
  const registry = ctx.api.registry;
  const parts = path.split('/').filter(Boolean);
  if (path === '/version' || path === '/version/') return writeJson(res, 200, SERVER_VERSION);
  if (parts[0] === 'api' || parts[0] === 'apis') {
    if (parts.length === 1) {
      if (negotiate(req.headers.accept, ['json', 'discovery']) === 'discovery')
        return writeJson(res, 200, aggregatedDiscovery(registry, parts[0] === 'api' ? 'core' : 'named'), CONTENT_TYPE.discovery);
      return writeJson(res, 200, parts[0] === 'api' ? apiVersions(ctx.serverAddress) : apiGroupList(registry));
    }
    negotiate(req.headers.accept, ['json']);
    const found = parts[0] === 'api'
      ? (parts.length === 2 ? apiResourceList(registry, '', parts[1]!) : undefined)
      : parts.length === 2 ? apiGroupOf(registry, parts[1]!)
        : parts.length === 3 ? apiResourceList(registry, parts[1]!, parts[2]!) : undefined;
    if (!found) throw notFoundPath();
    return writeJson(res, 200, found);
  }
  if (path === '/openapi/v2') return serveOpenApiV2(ctx.openapiV2, req, res);
  if (parts[0] === 'openapi' && parts[1] === 'v3') {
    if (!await serveOpenApiV3(ctx.openapi, parts.slice(2).join('/'), url, req, res, new Date())) throw notFoundPath();
    return;
  }
  throw notFoundPath();
}
