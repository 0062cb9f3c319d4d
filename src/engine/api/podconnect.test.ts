import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { isStatusError } from './errors.ts';
import { createApiServer } from './server.ts';
import type { KubeObject } from './types.ts';

const pod = (name: string, spec: object, status: object = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec, status });
const one = { containers: [{ name: 'c', image: 'nginx' }] };
const two = { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] };
const waiting = (reason: string) => ({ containerStatuses: [{ name: 'c', state: { waiting: { reason } } }] });

interface Case {
  name: string;
  pod?: KubeObject;
  subresource: 'log' | 'exec' | 'attach' | 'portforward';
  verb?: 'get' | 'create';
  query?: Record<string, unknown>;
  code: number;
  body?: string;
  message?: string;
}

describe('pod connect subresources without a container runtime', () => {
  it.each<Case>([
    { name: 'log of a missing pod is NotFound', subresource: 'log', code: 404, message: 'pods "x" not found' },
    { name: 'log of an unscheduled pod is empty', pod: pod('x', one), subresource: 'log', code: 200, body: '' },
    { name: 'log of an invalid container', pod: pod('x', one), subresource: 'log', query: { container: 'z' }, code: 400, message: 'container z is not valid for pod x' },
    { name: 'log with two containers needs a name', pod: pod('x', two), subresource: 'log', code: 400, message: 'a container name must be specified for pod x, choose one of: [init a b]' },
    { name: 'log of a creating container', pod: pod('x', { ...one, nodeName: 'n1' }, waiting('ContainerCreating')), subresource: 'log', code: 400, message: 'container "c" in pod "x" is waiting to start: ContainerCreating' },
    { name: 'log of an image pull failure', pod: pod('x', { ...one, nodeName: 'n1' }, waiting('ImagePullBackOff')), subresource: 'log', code: 400, message: 'container "c" in pod "x" is waiting to start: trying and failing to pull image' },
    { name: 'log of a scheduled pod without status', pod: pod('x', { ...one, nodeName: 'n1' }), subresource: 'log', code: 400, message: 'container "c" in pod "x" is not available' },
    { name: 'previous log never terminated', pod: pod('x', { ...one, nodeName: 'n1' }, waiting('ContainerCreating')), subresource: 'log', query: { previous: true }, code: 400, message: 'previous terminated container "c" in pod "x" not found' },
    { name: 'exec on an unscheduled pod', pod: pod('x', one), subresource: 'exec', verb: 'create', code: 400, message: 'pod x does not have a host assigned' },
    { name: 'exec on a scheduled pod: the kubelet finds no container', pod: pod('x', { ...one, nodeName: 'n1' }), subresource: 'exec', code: 500, body: 'container not found ("c")' },
    { name: 'attach on a scheduled pod', pod: pod('x', { ...one, nodeName: 'n1' }), subresource: 'attach', verb: 'create', code: 500, body: 'container c not found in pod x_default' },
    { name: 'portforward on an unscheduled pod', pod: pod('x', one), subresource: 'portforward', code: 400, message: 'pod x does not have a host assigned' },
    { name: 'portforward is not supported', pod: pod('x', { ...one, nodeName: 'n1' }), subresource: 'portforward', code: 405, message: 'port forwarding is not supported: Pilothouse simulates pod "x", which has no network to forward to' },
  ])('$name', async (c) => {
    const clock = new VirtualClock({ seed: 1 });
    const api = createApiServer({ store: createMemoryStore({ clock }), clock });
    const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
    if (c.pod) {
      const created = (await api.handle({ ...pods, verb: 'create', body: c.pod })).body as KubeObject;
      if (c.pod.status) await api.handle({ ...pods, verb: 'update', subresource: 'status', name: 'x', body: { ...created, status: c.pod.status } });
    }
    const request = api.handle({ ...pods, verb: c.verb ?? 'get', name: 'x', subresource: c.subresource, query: c.query ?? {} });
    if (c.message !== undefined) {
      const error: unknown = await request.then(() => undefined, (e: unknown) => e);
      expect(isStatusError(error) ? error.status : error).toMatchObject({ code: c.code, message: c.message });
    } else {
      expect(await request).toEqual({ code: c.code, body: c.body });
    }
  });
});
