// The typed client: what client-go's typed clientsets and dynamic client are, in one object
// addressed by resource descriptors. Every component reaches the apiserver through one of these.
// Models client-go/dynamic/simple.go (dynamicResourceClient) and rest/request.go (per-verb requests).
import type {
  ApiRequest, ApiResponse, ExecSession, ExecStreams, KubeList, KubeObject, KubeWatchEvent, PatchType, RequestQuery, Status, StreamHandle, UserInfo, WatchHandle,
} from '../api/index.ts';
import { failureOf } from '../api/index.ts';
import type { ServerDiscovery } from './discovery.ts';
import type { OpenAPIV3GroupVersion } from './openapi.ts';
import type { ResourceScope } from './resources.ts';
import type { Transport } from './transport.ts';

/** metav1.ListOptions as the client sends them. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  timeoutSeconds?: number;
}

/** metav1.ListOptions for a watch. */
export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

/** metav1.CreateOptions / UpdateOptions. */
export interface WriteOptions {
  dryRun?: 'All';
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** metav1.PatchOptions; `subresource` patches e.g. `status` or `scale`. */
export interface PatchOptions extends WriteOptions {
  force?: boolean;
  subresource?: string;
}

/** metav1.Preconditions: the delete fails with 409 Conflict unless the object still matches. */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** metav1.DeleteOptions. */
export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  dryRun?: 'All';
}

/** Typed access to the API. `T` is the object type of the addressed resource. */
export interface Client {
  /** Who this client's requests are made as; undefined means the transport's own identity. */
  readonly user: UserInfo | undefined;
  /** A client for the same API acting as another user (RBAC impersonation, `kubectl --as`). */
  as(user: UserInfo): Client;
  get<T extends KubeObject = KubeObject>(scope: ResourceScope, name: string): Promise<T>;
  list<T extends KubeObject = KubeObject>(scope: ResourceScope, opts?: ListOptions): Promise<KubeList<T>>;
  watch<T extends KubeObject = KubeObject>(scope: ResourceScope, opts: WatchOptions, onEvent: (event: KubeWatchEvent<T>) => void): Promise<WatchHandle>;
  /** Creates `obj` in `scope.namespace`, or in its own metadata.namespace. */
  create<T extends KubeObject = KubeObject>(scope: ResourceScope, obj: T, opts?: WriteOptions): Promise<T>;
  /** Replaces the object named by `obj.metadata.name`; a stale resourceVersion gets 409 Conflict. */
  update<T extends KubeObject = KubeObject>(scope: ResourceScope, obj: T, opts?: WriteOptions): Promise<T>;
  /** Replaces the `status` subresource (the rest of `obj` is ignored by the apiserver). */
  updateStatus<T extends KubeObject = KubeObject>(scope: ResourceScope, obj: T, opts?: WriteOptions): Promise<T>;
  /** Patches `name`; a string body is sent as raw text (an apply patch in YAML). */
  patch<T extends KubeObject = KubeObject>(scope: ResourceScope, name: string, type: PatchType, body: unknown, opts?: PatchOptions): Promise<T>;
  /** Deletes `name`: the object while finalizers or a grace period hold it, else a Success Status. */
  delete<T extends KubeObject = KubeObject>(scope: ResourceScope, name: string, opts?: DeleteOptions): Promise<T | Status>;
  deleteCollection<T extends KubeObject = KubeObject>(scope: ResourceScope, opts?: ListOptions & DeleteOptions): Promise<KubeList<T> | Status>;
  /** The server's groups and resource lists (discovery), as a RESTMapper needs them. */
  discovery(): Promise<ServerDiscovery>;
  /** client-go's openapi.Client Paths(): each documented group-version (`api/v1`, `apis/apps/v1`), its document fetched on demand. */
  openapiV3(): Promise<Record<string, OpenAPIV3GroupVersion>>;
  /** Any request (subresources such as `binding`, `eviction`, `scale`, `log`), sent as this client's user. */
  request(req: ApiRequest): Promise<ApiResponse>;
  /** A pod's log as text (the `log` subresource; `follow` is for followLogs). */
  logs(namespace: string, name: string, opts?: LogOptions): Promise<string>;
  /** Follows a pod's log: what is there, then each new chunk, until the log ends or `stop()`. */
  followLogs(namespace: string, name: string, opts: LogOptions, onChunk: (chunk: string) => void): Promise<StreamHandle>;
  /** Runs `command` in a container of a pod (the `exec` subresource). */
  exec(namespace: string, name: string, command: string[], streams: ExecStreams, opts?: { container?: string }): Promise<ExecSession>;
  /** Attaches to the main process of a container (the `attach` subresource). */
  attach(namespace: string, name: string, streams: ExecStreams, opts?: { container?: string }): Promise<ExecSession>;
}

/** core/v1 PodLogOptions as the client sends them. */
export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface ClientOptions {
  user?: UserInfo;
  /** Receives the apiserver's warnings (`Warning:` headers), as client-go's rest.WarningHandler. */
  onWarning?: (warning: string) => void;
}

/** A client over `transport`; with `user`, every request is made as that user. */
export function createClient(transport: Transport, options: ClientOptions = {}): Client {
  const { user, onWarning } = options;

  async function request(req: ApiRequest): Promise<ApiResponse> {
    const res = await transport.request(user ? { ...req, user } : req);
    if (onWarning) for (const w of res.warnings ?? []) onWarning(w);
    return res;
  }

  const send = async <B>(req: ApiRequest): Promise<B> => (await request(req)).body as B;

  const target = (scope: ResourceScope, namespace = scope.namespace) => ({
    group: scope.group, version: scope.version, resource: scope.resource,
    ...(namespace ? { namespace } : {}),
  });

  const nameOf = (obj: KubeObject) => obj.metadata?.name ?? '';

  const pod = (namespace: string, name: string, subresource: string, query: RequestQuery): ApiRequest =>
    ({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name, subresource, query, ...(user ? { user } : {}) });
  // What a transport that cannot stream answers, as a server without the endpoint would.
  const cannot = () => Promise.reject(failureOf(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));

  const deleteBody = (opts: DeleteOptions) => ({ kind: 'DeleteOptions', apiVersion: 'v1', ...opts });

  const deleteQuery = (opts: DeleteOptions): RequestQuery => ({
    ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
    ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
    ...(opts.dryRun ? { dryRun: opts.dryRun } : {}),
  });

  return {
    user,
    as: (other) => createClient(transport, { ...options, user: other }),
    get: (scope, name) => send({ verb: 'get', ...target(scope), name }),
    list: (scope, opts = {}) => send({ verb: 'list', ...target(scope), query: { ...opts } }),
    watch: (scope, opts, onEvent) => {
      const req: ApiRequest = { verb: 'watch', ...target(scope), query: { ...opts } };
      return transport.watch(user ? { ...req, user } : req, onEvent as (event: KubeWatchEvent) => void);
    },
    create: (scope, obj, opts = {}) =>
      send({ verb: 'create', ...target(scope, scope.namespace ?? obj.metadata?.namespace), body: obj, query: { ...opts } }),
    update: (scope, obj, opts = {}) =>
      send({ verb: 'update', ...target(scope, scope.namespace ?? obj.metadata?.namespace), name: nameOf(obj), body: obj, query: { ...opts } }),
    updateStatus: (scope, obj, opts = {}) =>
      send({ verb: 'update', ...target(scope, scope.namespace ?? obj.metadata?.namespace), name: nameOf(obj), subresource: 'status', body: obj, query: { ...opts } }),
    patch: (scope, name, type, body, opts = {}) => {
      const { subresource, ...query } = opts;
      return send({
        verb: 'patch', ...target(scope), name, patchType: type, query,
        ...(subresource ? { subresource } : {}),
        ...(typeof body === 'string' ? { rawBody: body } : { body }),
      });
    },
    // As client-go, the DeleteOptions travel as the body; the query repeats the fields a
    // REST URL can carry, so the request renders as kubectl's does.
    delete: (scope, name, opts = {}) =>
      send({ verb: 'delete', ...target(scope), name, body: deleteBody(opts), query: deleteQuery(opts) }),
    deleteCollection: (scope, opts = {}) => {
      const { propagationPolicy, gracePeriodSeconds, preconditions, dryRun, ...list } = opts;
      const del: DeleteOptions = {
        ...(propagationPolicy ? { propagationPolicy } : {}),
        ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
        ...(preconditions ? { preconditions } : {}),
        ...(dryRun ? { dryRun } : {}),
      };
      return send({ verb: 'deletecollection', ...target(scope), body: deleteBody(del), query: { ...list, ...deleteQuery(del) } });
    },
    request,
    logs: async (namespace, name, opts = {}) => {
      const res = await request(pod(namespace, name, 'log', { ...opts }));
      return typeof res.body === 'string' ? res.body : '';
    },
    followLogs: (namespace, name, opts, onChunk) =>
      transport.stream?.(pod(namespace, name, 'log', { ...opts, follow: true }), onChunk) ?? cannot(),
    exec: (namespace, name, command, streams, opts = {}) =>
      transport.connect?.(pod(namespace, name, 'exec', { ...opts, command }), streams) ?? cannot(),
    attach: (namespace, name, streams, opts = {}) =>
      transport.connect?.(pod(namespace, name, 'attach', { ...opts }), streams) ?? cannot(),
    discovery: () => transport.discovery?.()
      // What a real apiserver answers for a path it does not serve.
      ?? Promise.reject(failureOf(404, 'NotFound', 'the server could not find the requested resource')),
    openapiV3: async () => {
      const source = transport.openapiV3;
      if (!source) throw failureOf(404, 'NotFound', 'the server could not find the requested resource');
      const { paths } = await source.discovery();
      return Object.fromEntries(Object.entries(paths).map(([path, { serverRelativeURL }]) =>
        [path, { schema: () => source.document(serverRelativeURL) } satisfies OpenAPIV3GroupVersion]));
    },
  };
}
