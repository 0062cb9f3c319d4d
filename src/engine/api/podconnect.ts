// The pod subresources a real apiserver answers by connecting to the pod's kubelet: `log`,
// `exec`, `attach` and `portforward`. There is no container runtime yet (it arrives with the
// kubelets), so every request ends where a real cluster's would when the container cannot be
// reached — with upstream's own answers, not a 404 or the pod itself:
//   - the apiserver's checks (pkg/registry/core/pod/strategy.go LogLocation, streamLocation,
//     PortForwardLocation, validateContainer): the pod exists, the container is valid, the pod
//     has a node;
//   - then the kubelet's (pkg/kubelet/kubelet_pods.go validateContainerLogStatus, GetExec,
//     GetAttach): logs from the container's status, and for exec/attach the runtime's "container
//     not found", which the apiserver relays unchanged (a 500 with a plain-text body, as the
//     kubelet's streaming.WriteError writes it).
// Port forwarding will never reach a simulated pod: it answers a clear 405 MethodNotAllowed.
import { badRequest, failureOf, notFound } from './errors.ts';
import type { ObjectStore } from './objectstore.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import type { KubeObject } from './types.ts';

const CONNECT = new Set(['log', 'exec', 'attach', 'portforward']);

/** Whether this request is for a pod subresource that connects to the kubelet. */
export function isPodConnect(info: ResourceInfo, req: ApiRequest): boolean {
  return info.group === '' && info.resource === 'pods' && req.subresource !== undefined && CONNECT.has(req.subresource);
}

interface Container { name?: string }
interface ContainerState { waiting?: { reason?: string }; running?: object; terminated?: { containerID?: string } }
interface ContainerStatus { name?: string; containerID?: string; state?: ContainerState; lastState?: ContainerState }
interface PodShape {
  spec?: { nodeName?: string; containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] };
  status?: { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]; ephemeralContainerStatuses?: ContainerStatus[] };
}

/** Serves a request `isPodConnect` accepted: a log body, or the error a real cluster gives. */
export async function servePodConnect(objects: ObjectStore, info: ResourceInfo, req: ApiRequest): Promise<ApiResponse> {
  const verbs = req.subresource === 'log' ? ['get'] : ['get', 'create'];
  if (!verbs.includes(req.verb)) throw failureOf(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  const name = req.name ?? '';
  const pod = await objects.find(info, req.namespace, name);
  if (!pod) throw notFound(info, name);
  const shape = pod as KubeObject & PodShape;
  const nodeName = shape.spec?.nodeName ?? '';
  if (req.subresource === 'portforward') {
    if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    throw failureOf(405, 'MethodNotAllowed', `port forwarding is not supported: Pilothouse simulates pod "${name}", which has no network to forward to`);
  }
  const container = validateContainer(req.query?.container ?? '', name, shape);
  if (req.subresource === 'log') {
    // LogLocation: a pod not yet on a node has no logs to stream, and a real apiserver answers 200 with an empty body.
    if (!nodeName) return { code: 200, body: '' };
    throw badRequest(containerLogStatus(container, name, shape, req.query?.previous === true));
  }
  if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  // The kubelet finds no running container in the runtime (there is none yet): GetExec's and
  // GetAttach's own messages, relayed as the kubelet wrote them.
  const podFullName = `${name}_${req.namespace ?? ''}`;
  return {
    code: 500,
    body: req.subresource === 'exec' ? `container not found (${JSON.stringify(container)})` : `container ${container} not found in pod ${podFullName}`,
  };
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

/**
 * kubelet_pods.go validateContainerLogStatus, for a runtime that holds no container: the
 * reason the container has no logs, read from its status as the kubelet would.
 */
function containerLogStatus(container: string, name: string, pod: PodShape, previous: boolean): string {
  const status = pod.status ?? {};
  const statuses = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])];
  const cs = statuses.find((s) => s.name === container);
  const q = (s: string) => JSON.stringify(s);
  if (!cs) return `container ${q(container)} in pod ${q(name)} is not available`;
  if (previous) return `previous terminated container ${q(container)} in pod ${q(name)} not found`;
  const waiting = cs.state?.waiting;
  if (waiting && !cs.state?.running && !cs.state?.terminated && !cs.lastState?.terminated) {
    switch (waiting.reason) {
      case 'ErrImagePull': return `container ${q(container)} in pod ${q(name)} is waiting to start: image can't be pulled`;
      case 'ImagePullBackOff': return `container ${q(container)} in pod ${q(name)} is waiting to start: trying and failing to pull image`;
      default: return `container ${q(container)} in pod ${q(name)} is waiting to start: ${waiting.reason ?? ''}`;
    }
  }
  if (cs.state?.running || cs.state?.terminated || cs.lastState?.terminated) {
    // Running or terminated by its status, but no runtime holds its log: say so plainly.
    return `container ${q(container)} in pod ${q(name)} has no logs: this cluster has no container runtime yet`;
  }
  return `container ${q(container)} in pod ${q(name)} is waiting to start - no logs yet`;
}
