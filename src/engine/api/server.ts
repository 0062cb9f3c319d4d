// The in-process kube-apiserver: resolves a request against the registry, authorizes it,
// runs the generic registry's create/get/list/update/patch/delete over the store (as
// apiserver/pkg/registry/generic/registry/store.go), and serves watches (watch.ts).
import type { Clock } from '../clock/index.ts';
import type { Store } from '../store/index.ts';
import type { AdmissionPlugin, ApiReader, Authorizer } from './admission.ts';
import { badRequest, forbidden, methodNotSupported, StatusError } from './errors.ts';
import { type ApiFeatures, Registry, type ResourceInfo } from './registry.ts';
import type { ApiHandler, ApiRequest, ApiResponse, UserInfo, WatchHandle } from './request.ts';
import type { KubeList, KubeObject, KubeWatchEvent } from './types.ts';
import type { KubeletDialer } from './kubeletclient.ts';
import { ObjectStore } from './objectstore.ts';
import { Writes } from './writes.ts';
import { serveWatch } from './watch.ts';
import { printTable } from './printers/print.ts';
import { CustomResourceDefinitions, isCustomResourceDefinitions } from './crd.ts';
import { isServedSubresource, serveSubresource } from './subresources.ts';
import { connectPod, isPodConnect, servePodConnect, streamPodLog, type PodConnectDeps } from './podconnect.ts';
import type { ExecSession, ExecStreams, StreamHandle } from './kubeletclient.ts';
import { isAccessReview, serveAccessReview } from './reviews.ts';
import { ETCD_ONLY, isComponentStatuses, serveComponentStatus, type ComponentProbe } from './componentstatus.ts';
import { aggregatedResourceInfo, type AggregatedAPI } from './aggregator.ts';
import { deprecationWarning } from './deprecation.ts';
import { API_AUDIENCES, authenticateToken, isAuthenticationRequest, serveAuthentication, type AuthenticationContext } from './authentication.ts';
import { ServiceAccountTokens } from './satoken.ts';

export interface ApiServerOptions {
  store: Store;
  clock: Clock;
  features?: ApiFeatures;
  /** Mutating and validating admission, in order. */
  admission?: AdmissionPlugin[];
  /**
   * Absent: every request is allowed (as --authorization-mode=AlwaysAllow). A function gets
   * the apiserver's loopback reader (RBAC reads roles and bindings through it).
   */
  authorizer?: Authorizer | ((reader: ApiReader) => Authorizer);
  /** Finds each node's kubelet, for the pods' log, exec and attach subresources (the cluster's kubelets). */
  kubelets?: KubeletDialer;
  /**
   * The control-plane components ComponentStatus reports, probed on every read (upstream's
   * GetServersToValidate: scheduler, controller-manager, each etcd server). Absent: etcd-0 alone.
   */
  components?: ComponentProbe[];
}

/** The user a request without one runs as: a cluster-admin, as kubectl's default context. */
export const ADMIN_USER: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

/** Upstream's 404 for a path no API serves (apiserver/pkg/endpoints/handlers/responsewriters). */
const notFoundPath = () => new StatusError({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
  message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
});

export class ApiServer implements ApiHandler {
  readonly registry: Registry;
  readonly clock: Clock;
  private readonly objects: ObjectStore;
  private readonly writes: Writes;
  private readonly authorizer?: Authorizer;
  private readonly crds: CustomResourceDefinitions;
  private readonly connections: PodConnectDeps;
  /** The kubelets' streaming servers, as the apiserver's KubeletClient reaches them; absent without nodes. */
  readonly kubelets?: KubeletDialer;
  private readonly components: ComponentProbe[];
  /** Extension API servers by `group/version` (aggregator.ts). */
  private readonly aggregated = new Map<string, AggregatedAPI>();
  /** Issues and verifies service-account tokens (TokenRequest, TokenReview; authentication.ts). */
  private readonly authentication: AuthenticationContext;

  constructor(options: ApiServerOptions) {
    this.kubelets = options.kubelets;
    this.components = options.components ?? ETCD_ONLY;
    this.registry = new Registry(options.features);
    this.clock = options.clock;
    this.objects = new ObjectStore(options.store);
    this.authorizer = typeof options.authorizer === 'function' ? options.authorizer(this.reader()) : options.authorizer;
    this.connections = { objects: this.objects, registry: this.registry, ...(options.kubelets ? { kubelets: options.kubelets } : {}) };
    this.authentication = { objects: this.objects, registry: this.registry, tokens: new ServiceAccountTokens(options.clock), clock: options.clock };
    this.crds = new CustomResourceDefinitions(this.registry, this.objects, options.clock);
    // The CRD plugin acts as the custom resources' strategy, so it runs before any other admission.
    const admission = [this.crds.admission, ...(options.admission ?? [])];
    this.writes = new Writes({ objects: this.objects, clock: options.clock, admission, reader: this.reader() });
  }

  /** Resolves a request's resource, or fails as a real apiserver does for an unknown path. */
  resolve(req: Pick<ApiRequest, 'group' | 'version' | 'resource' | 'subresource' | 'verb'>): ResourceInfo {
    const info = this.registry.lookup(req.group, req.version, req.resource);
    if (!info) throw notFoundPath();
    if (req.subresource) {
      const sub = info.subresources.find((s) => s.name === req.subresource);
      if (!sub) throw notFoundPath();
    } else if (!info.verbs.includes(req.verb)) {
      throw methodNotSupported(info, req.verb);
    }
    return info;
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    if (req.verb === 'watch') throw badRequest('watch requests are served by watch()');
    await this.crds.ensureLoaded();
    const info = this.resolve(req);
    const served = await this.serve(req, info);
    const deprecated = deprecationWarning(info);
    const response = deprecated ? { ...served, warnings: [deprecated, ...(served.warnings ?? [])] } : served;
    // CRD hook: after any CRD write, serve exactly the resources the stored CRDs define.
    if (isCustomResourceDefinitions(info) && req.verb !== 'get' && req.verb !== 'list') await this.crds.sync();
    return response;
  }

  private async serve(req: ApiRequest, info: ResourceInfo): Promise<ApiResponse> {
    await this.authorize(req, info);
    const user = req.user ?? ADMIN_USER;
    // Access reviews (reviews.ts) are answered by the authorizer and never stored.
    if (isAccessReview(info)) return serveAccessReview(this.authorizer, info, req, user);
    // SelfSubjectReview, TokenReview and TokenRequest (authentication.ts): answered, never stored.
    if (isAuthenticationRequest(info, req)) return serveAuthentication(this.authentication, info, req, user);
    // An APIService's group-version is proxied to its extension API server (aggregator.ts).
    const extension = this.aggregated.get(`${info.group}/${info.version}`);
    if (extension) return extension.handle(req, user);
    // ComponentStatus (componentstatus.ts) is probed, not stored.
    if (isComponentStatuses(info)) {
      return this.asRequested(info, req, serveComponentStatus(this.components, info, req));
    }
    // scale, binding and eviction have their own REST storage (subresources.ts); status and finalize go the generic way.
    if (isServedSubresource(info, req)) return serveSubresource({ objects: this.objects, writes: this.writes, clock: this.clock, registry: this.registry }, info, req, user);
    // log, exec, attach and portforward connect to the pod's kubelet (podconnect.ts).
    if (isPodConnect(info, req)) return servePodConnect(this.connections, info, req);
    switch (req.verb) {
      case 'get': return this.asRequested(info, req, await this.objects.get(info, req.namespace, requireName(req)));
      case 'list': return this.asRequested(info, req, await this.objects.list(info, req.namespace, req.query ?? {}));
      case 'create': return this.writes.create(info, req, user);
      case 'update': return this.writes.update(info, req, user);
      case 'patch': return this.writes.patch(info, req, user);
      case 'delete': return this.writes.delete(info, req, user);
      case 'deletecollection': return this.writes.deleteCollection(info, req, user);
      case 'watch': throw badRequest('watch requests are served by watch()');
    }
  }

  /** Objects as asked for: themselves, or (`as=Table`) the server-side printed Table. */
  private tableOptions(info: ResourceInfo, req: ApiRequest) {
    return {
      now: this.clock.now(), ...(req.query?.includeObject ? { includeObject: req.query.includeObject } : {}),
      ...(info.custom ? { crdColumns: this.crds.columnsOf(info) } : {}),
    };
  }

  private asRequested(info: ResourceInfo, req: ApiRequest, result: KubeObject | KubeList): ApiResponse {
    if (req.query?.as !== 'Table') return { code: 200, body: result };
    const list = 'items' in result && Array.isArray(result.items) ? result as KubeList : undefined;
    const objects = list ? list.items.map((item) => ({ kind: info.kind, apiVersion: result.apiVersion, ...item })) : [result as KubeObject];
    const meta = list?.metadata ?? { resourceVersion: (result as KubeObject).metadata?.resourceVersion };
    const table = printTable(info, objects, {
      ...this.tableOptions(info, req),
      ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
      ...(list?.metadata.continue ? { continue: list.metadata.continue } : {}),
      ...(list?.metadata.remainingItemCount !== undefined ? { remainingItemCount: list.metadata.remainingItemCount } : {}),
    });
    return { code: 200, body: table };
  }

  async watch(req: ApiRequest, onEvent: (event: KubeWatchEvent) => void): Promise<WatchHandle> {
    await this.crds.ensureLoaded();
    const info = this.resolve({ ...req, verb: 'watch' });
    await this.authorize({ ...req, verb: 'watch' }, info);
    // With as=Table (kubectl get -w) each object travels as a one-row Table, as upstream's
    // watch handler transforms the stream.
    const send = req.query?.as === 'Table' ? (event: KubeWatchEvent) => onEvent(this.asTableEvent(info, req, event)) : onEvent;
    return serveWatch({ objects: this.objects, clock: this.clock, info, req, onEvent: send });
  }

  /** ADDED/MODIFIED/DELETED objects as one-row Tables; BOOKMARK and ERROR events unchanged. */
  private asTableEvent(info: ResourceInfo, req: ApiRequest, event: KubeWatchEvent): KubeWatchEvent {
    if (event.type === 'BOOKMARK' || event.type === 'ERROR') return event;
    const rv = event.object.metadata?.resourceVersion;
    const table = printTable(info, [event.object], { ...this.tableOptions(info, req), ...(rv ? { resourceVersion: rv } : {}) });
    return { type: event.type, object: table as unknown as KubeObject };
  }

  async stream(req: ApiRequest, onChunk: (chunk: string) => void): Promise<StreamHandle> {
    const info = this.resolve(req);
    await this.authorize(req, info);
    return streamPodLog(this.connections, info, req, onChunk);
  }

  async connect(req: ApiRequest, streams: ExecStreams): Promise<ExecSession> {
    const info = this.resolve(req);
    await this.authorize(req, info);
    return connectPod(this.connections, info, req, streams);
  }

  private async authorize(req: ApiRequest, info: ResourceInfo): Promise<void> {
    if (!this.authorizer) return;
    const user = req.user ?? ADMIN_USER;
    const verb = req.verb;
    const { allowed, reason } = await this.authorizer.authorize({
      user, verb, group: info.group, version: info.version, resource: info.resource,
      subresource: req.subresource, namespace: req.namespace, name: req.name,
    });
    if (allowed) return;
    // apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage: the plain
    // resource (not group-qualified) plus subresource; a request without a namespace is
    // "at the cluster scope", whether or not the resource is namespaced.
    const resource = req.subresource ? `${info.resource}/${req.subresource}` : info.resource;
    const scope = req.namespace ? ` in the namespace "${req.namespace}"` : ' at the cluster scope';
    const who = `User "${user.username}" cannot ${verb} resource "${resource}" in API group "${info.group}"${scope}`;
    throw forbidden(info, req.name ?? '', reason ? `${who}: ${reason}` : who);
  }

  /** Read access for admission plugins: straight to storage, no authorization (loopback). */
  private reader(): ApiReader {
    return {
      get: async (group, resource, namespace, name) => {
        const info = this.preferred(group, resource);
        return this.objects.find(info, namespace, name);
      },
      list: async (group, resource, namespace) => {
        const info = this.preferred(group, resource);
        return this.objects.list(info, namespace, {}) as Promise<KubeList>;
      },
    };
  }

  private preferred(group: string, resource: string): ResourceInfo {
    const gv = this.registry.groups().find((g) => g.group === group);
    const info = gv && this.registry.lookup(group, gv.preferredVersion, resource);
    if (!info) throw notFoundPath();
    return info;
  }

  /**
   * Serves an extension API server's group-version (an Available APIService pointing at it);
   * the returned function takes it away again.
   */
  registerAPIService(extension: AggregatedAPI): () => void {
    const key = `${extension.group}/${extension.version}`;
    this.aggregated.set(key, extension);
    this.registry.setAggregated(extension.group, extension.version, extension.resources.map((r) => aggregatedResourceInfo(extension, r)));
    return () => {
      if (this.aggregated.get(key) !== extension) return;
      this.aggregated.delete(key);
      this.registry.setAggregated(extension.group, extension.version, []);
    };
  }

  /**
   * The user a bearer token issued by this apiserver's TokenRequest stands for, or undefined
   * (the service-account token authenticator a front end such as `pilothouse serve` consults).
   */
  async authenticateServiceAccountToken(token: string): Promise<UserInfo | undefined> {
    const result = await authenticateToken(this.authentication, token, API_AUDIENCES);
    return 'user' in result ? result.user : undefined;
  }

  /** Reads an object directly (for boot code and tests). */
  async read(group: string, resource: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return this.objects.find(this.preferred(group, resource), namespace, name);
  }
}

function requireName(req: ApiRequest): string {
  if (!req.name) throw badRequest('name is required');
  return req.name;
}

export function createApiServer(options: ApiServerOptions): ApiServer {
  return new ApiServer(options);
}
