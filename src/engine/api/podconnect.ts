// The pod subresources a real apiserver answers by connecting to the pod's kubelet: `log`,
// `exec`, `attach` and `portforward`. The apiserver does its own checks first (pkg/registry/
// core/pod/strategy.go LogLocation, streamLocation, validateContainer: the pod exists, the
// container is valid, the pod has a node), finds the node's kubelet (pkg/kubelet/client
// GetConnectionInfo: the Node object must exist) and then proxies to it
// (pkg/registry/core/pod/rest/log.go, subresources.go): the kubelet's own refusals (e.g.
// validateContainerLogStatus's "is waiting to start") are relayed with its code and text.
// Port forwarding will never reach a simulated pod: it answers a clear 405 MethodNotAllowed.
import { badRequest, failureOf, internal, notFound, plainFailure } from './errors.ts';
import {
  KubeletError, type ContainerRef, type ExecSession, type ExecStatus, type ExecStreams, type KubeletConnection, type KubeletDialer,
  type PodLogOptions, type StreamHandle,
} from './kubeletclient.ts';
import type { ObjectStore } from './objectstore.ts';
import type { Registry, ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import type { StatusReason } from './errors.ts';
import type { KubeObject } from './types.ts';

const CONNECT = new Set(['log', 'exec', 'attach', 'portforward']);

/** Whether this request is for a pod subresource that connects to the kubelet. */
export function isPodConnect(info: ResourceInfo, req: Pick<ApiRequest, 'subresource'>): boolean {
  return info.group === '' && info.resource === 'pods' && req.subresource !== undefined && CONNECT.has(req.subresource);
}

/** What podconnect reads: pods and nodes from storage, and the kubelets. */
export interface PodConnectDeps {
  objects: ObjectStore;
  registry: Registry;
  kubelets?: KubeletDialer;
}

interface Container { name?: string }
interface PodShape {
  spec?: { nodeName?: string; containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] };
}
interface NodeShape { status?: { addresses?: { type?: string; address?: string }[] } }

/** A pod located on its node: the container to reach, and the node's kubelet (undefined: it cannot be dialed). */
interface Located {
  ref: ContainerRef;
  nodeName: string;
  nodeAddress: string;
  kubelet: KubeletConnection | undefined;
}

/**
 * Serves a request `isPodConnect` accepted through `handle`: a whole log (without `follow`),
 * or the error a real cluster gives. exec and attach need a stream (`connect`): over plain
 * request/response they get upstream's "Upgrade request required".
 */
export async function servePodConnect(deps: PodConnectDeps, info: ResourceInfo, req: ApiRequest): Promise<ApiResponse> {
  checkMethod(req);
  if (req.subresource === 'portforward') return servePortForward(deps, info, req);
  if (req.subresource === 'log') {
    if (req.query?.follow) throw badRequest('follow requests are served by stream()');
    let body = '';
    const handle = await streamPodLog(deps, info, req, (chunk) => { body += chunk; });
    await handle.closed;
    return { code: 200, body };
  }
  // streamLocation: a pod without a node has no kubelet to connect to.
  if (!await locate(deps, info, req)) throw badRequest(`pod ${req.name ?? ''} does not have a host assigned`);
  // apimachinery/pkg/util/proxy/upgradeaware.go: a connect proxy that requires an upgrade.
  throw badRequest('Upgrade request required');
}

/** The `log` subresource as a stream (with or without `follow`). */
export async function streamPodLog(deps: PodConnectDeps, info: ResourceInfo, req: ApiRequest, onChunk: (chunk: string) => void): Promise<StreamHandle> {
  if (req.subresource !== 'log') throw badRequest(`${req.subresource ?? 'the resource'} is not a log`);
  checkMethod(req);
  const located = await locate(deps, info, req);
  // LogLocation: a pod not yet on a node has no logs, and a real apiserver answers 200 with an empty body.
  if (!located) return { stop: () => undefined, closed: Promise.resolve() };
  const { ref, kubelet, nodeAddress } = located;
  if (!kubelet) {
    // The LocationStreamer's dial error, surfaced as a Status without a reason (ErrorToAPIStatus).
    const path = `/containerLogs/${ref.namespace}/${ref.pod}/${ref.container}`;
    throw plainFailure(500, `Get "https://${nodeAddress}:10250${path}": dial tcp ${nodeAddress}:10250: connect: connection refused`);
  }
  try {
    return await kubelet.containerLogs(ref, logOptionsOf(req), onChunk);
  } catch (err) {
    throw relayed(err);
  }
}

/**
 * `exec` and `attach`, as the apiserver's stream translator serves them (apiserver/pkg/util/
 * proxy/streamtranslator.go): the apiserver's own refusals fail the upgrade (a thrown Status);
 * once upgraded, a kubelet's refusal is written on the error channel as an InternalError.
 */
export async function connectPod(deps: PodConnectDeps, info: ResourceInfo, req: ApiRequest, streams: ExecStreams): Promise<ExecSession> {
  if (req.subresource !== 'exec' && req.subresource !== 'attach') throw badRequest(`${req.subresource ?? 'the resource'} cannot be connected to`);
  checkMethod(req);
  const located = await locate(deps, info, req);
  if (!located) throw badRequest(`pod ${req.name ?? ''} does not have a host assigned`);
  const { ref, kubelet, nodeAddress } = located;
  if (!kubelet) return failedSession(`error dialing backend: dial tcp ${nodeAddress}:10250: connect: connection refused`);
  try {
    if (req.subresource === 'attach') return await kubelet.attach(ref, streams);
    const command = req.query?.command ?? [];
    if (command.length === 0) throw badRequest('you must specify at least one command for the container');
    return await kubelet.exec(ref, command, streams);
  } catch (err) {
    if (!(err instanceof KubeletError)) throw err;
    // spdy/roundtripper.go: a kubelet that refuses the upgrade answers with plain text.
    return failedSession(`unable to upgrade connection: ${err.message.trim()}`);
  }
}

/** A session that ended before it began: its result is the Status the translator writes. */
function failedSession(message: string): ExecSession {
  const status = internal(message).status;
  const result: ExecStatus = { status: 'Failure', message: status.message ?? message, reason: status.reason ?? 'InternalError', details: { causes: [{ message }] } };
  return { writeStdin: () => undefined, closeStdin: () => undefined, resize: () => undefined, close: () => undefined, result: Promise.resolve(result) };
}

function checkMethod(req: ApiRequest): void {
  // log is read-only; exec/attach/portforward are GET (WebSocket) or POST (SPDY). v1.33 authorizes
  // each by its HTTP verb; the extra `create` check on GETs (AuthorizePodWebsocketUpgradeCreatePermission) is v1.35.
  const verbs = req.subresource === 'log' ? ['get'] : ['get', 'create'];
  if (!verbs.includes(req.verb)) throw failureOf(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

async function servePortForward(deps: PodConnectDeps, info: ResourceInfo, req: ApiRequest): Promise<ApiResponse> {
  const name = req.name ?? '';
  const pod = await deps.objects.find(info, req.namespace, name) as (KubeObject & PodShape) | undefined;
  if (!pod) throw notFound(info, name);
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  throw failureOf(405, 'MethodNotAllowed', `port forwarding is not supported: Pilothouse simulates pod "${name}", which has no network to forward to`);
}

/**
 * The apiserver's part: the pod, its container (validateContainer) and its node's kubelet.
 * Undefined for a pod not yet scheduled (the caller decides what that means).
 */
async function locate(deps: PodConnectDeps, info: ResourceInfo, req: ApiRequest): Promise<Located | undefined> {
  const name = req.name ?? '';
  const pod = await deps.objects.find(info, req.namespace, name) as (KubeObject & PodShape) | undefined;
  if (!pod) throw notFound(info, name);
  const container = validateContainer(req.query?.container ?? '', name, pod);
  const nodeName = pod.spec?.nodeName ?? '';
  if (!nodeName) return undefined;
  const nodes = deps.registry.lookup('', 'v1', 'nodes');
  const node = nodes && await deps.objects.find(nodes, undefined, nodeName) as (KubeObject & NodeShape) | undefined;
  // kubelet_client.go GetConnectionInfo reads the Node: without it there is no address to dial.
  if (!nodes || !node) throw notFound({ group: '', resource: 'nodes' }, nodeName);
  const addresses = node.status?.addresses ?? [];
  const nodeAddress = (addresses.find((a) => a.type === 'InternalIP') ?? addresses[0])?.address ?? nodeName;
  const ref: ContainerRef = { namespace: req.namespace ?? '', pod: name, uid: pod.metadata?.uid ?? '', container };
  return { ref, nodeName, nodeAddress, kubelet: deps.kubelets?.(nodeName) };
}

const namesOf = (cs: Container[] | undefined) => (cs ?? []).map((c) => c.name ?? '');

/** strategy.go validateContainer: the named container, or the only one. */
function validateContainer(container: string, name: string, pod: PodShape): string {
  const spec = pod.spec ?? {};
  // podutil.VisitContainers order: init containers, containers, ephemeral containers.
  const all = [...namesOf(spec.initContainers), ...namesOf(spec.containers), ...namesOf(spec.ephemeralContainers)];
  if (container) {
    if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
    return container;
  }
  const containers = namesOf(spec.containers);
  if (containers.length === 1) return containers[0]!;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  // Go's %s of a []string: [a b c].
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
}

function logOptionsOf(req: ApiRequest): PodLogOptions {
  const q = req.query ?? {};
  return {
    ...(q.follow ? { follow: true } : {}),
    ...(q.previous ? { previous: true } : {}),
    ...(q.timestamps ? { timestamps: true } : {}),
    ...(q.tailLines !== undefined ? { tailLines: q.tailLines } : {}),
    ...(q.sinceSeconds !== undefined ? { sinceSeconds: q.sinceSeconds } : {}),
    ...(q.limitBytes !== undefined ? { limitBytes: q.limitBytes } : {}),
  };
}

// rest/streamer.go's response checker: a kubelet's non-2xx answer becomes
// NewGenericServerResponse's Status, whose message is the kubelet's text.
const REASONS: Record<number, StatusReason> = { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 500: 'InternalError' };

function relayed(err: unknown): unknown {
  if (!(err instanceof KubeletError)) return err;
  return err.code === 500 ? internal(err.message.trim()) : failureOf(err.code, REASONS[err.code] ?? '', err.message.trim());
}
