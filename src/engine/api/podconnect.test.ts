import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import type { Authorizer } from './admission.ts';
import { isStatusError } from './errors.ts';
import type { ExecStatus } from './kubeletclient.ts';
import type { ApiRequest } from './request.ts';
import { createApiServer, type ApiServer } from './server.ts';
import { createFakeKubelet, type FakeKubelet } from './testing/fakekubelet.ts';
import type { KubeObject } from './types.ts';

const pod = (name: string, spec: object): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });
const one = { containers: [{ name: 'c', image: 'nginx' }] };
const onNode = { ...one, nodeName: 'n1' };
const two = { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] };
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.7' }] } } as KubeObject;
const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const ref = { namespace: 'default', pod: 'x', container: 'c' };

interface Setup { pod?: KubeObject; node?: boolean; kubelet?: boolean; authorizer?: Authorizer }

/** An apiserver whose node n1 runs the fake kubelet, with container default/x/c logging two lines. */
async function setup(s: Setup): Promise<{ api: ApiServer; kubelet: FakeKubelet }> {
  const clock = new VirtualClock({ seed: 1 });
  const kubelet = createFakeKubelet();
  kubelet.run(ref, { env: { HOSTNAME: 'x', PATH: '/bin' }, log: [{ time: '2025-01-01T00:00:01.000000000Z', text: 'one' }, { time: '2025-01-01T00:00:02.000000000Z', text: 'two' }] });
  const api = createApiServer({
    store: createMemoryStore({ clock }), clock,
    ...(s.kubelet !== false ? { kubelets: (name: string) => (name === 'n1' ? kubelet : undefined) } : {}),
    ...(s.authorizer ? { authorizer: s.authorizer } : {}),
  });
  const admin = { username: 'admin', groups: ['system:masters'] };
  if (s.node !== false) {
    // A create drops status, so the node's address is written as the kubelet writes it: through status.
    const created = (await api.handle({ group: '', version: 'v1', resource: 'nodes', verb: 'create', body: node, user: admin })).body as KubeObject;
    await api.handle({ group: '', version: 'v1', resource: 'nodes', verb: 'update', subresource: 'status', name: 'n1', body: { ...created, status: node.status }, user: admin });
  }
  if (s.pod) await api.handle({ ...pods, verb: 'create', body: s.pod, user: admin });
  return { api, kubelet };
}

const failure = async (p: Promise<unknown>) => {
  const error: unknown = await p.then(() => undefined, (e: unknown) => e);
  return isStatusError(error) ? error.status : error;
};

interface Case extends Setup {
  name: string;
  subresource: 'log' | 'exec' | 'attach' | 'portforward';
  verb?: 'get' | 'create';
  query?: ApiRequest['query'];
  code: number;
  body?: string;
  message?: string;
}

describe('pod connect subresources through handle()', () => {
  it.each<Case>([
    { name: 'log of a missing pod is NotFound', subresource: 'log', code: 404, message: 'pods "x" not found' },
    { name: 'log of an unscheduled pod is empty', pod: pod('x', one), subresource: 'log', code: 200, body: '' },
    { name: 'log of an invalid container', pod: pod('x', one), subresource: 'log', query: { container: 'z' }, code: 400, message: 'container z is not valid for pod x' },
    { name: 'log with two containers needs a name', pod: pod('x', two), subresource: 'log', code: 400, message: 'a container name must be specified for pod x, choose one of: [init a b]' },
    { name: 'log of a pod on a node that does not exist', pod: pod('x', onNode), node: false, subresource: 'log', code: 404, message: 'nodes "n1" not found' },
    { name: 'log from a kubelet that cannot be dialed', pod: pod('x', onNode), kubelet: false, subresource: 'log', code: 500, message: 'Get "https://10.0.0.7:10250/containerLogs/default/x/c": dial tcp 10.0.0.7:10250: connect: connection refused' },
    { name: 'log is the kubelet\'s', pod: pod('x', onNode), subresource: 'log', code: 200, body: 'one\ntwo\n' },
    { name: 'log with tailLines and timestamps', pod: pod('x', onNode), subresource: 'log', query: { tailLines: 1, timestamps: true }, code: 200, body: '2025-01-01T00:00:02.000000000Z two\n' },
    { name: 'the kubelet\'s refusal is relayed with its code and text', pod: pod('x', onNode), subresource: 'log', query: { previous: true }, code: 400, message: 'previous terminated container "c" in pod "x" not found' },
    { name: 'a followed log needs stream()', pod: pod('x', onNode), subresource: 'log', query: { follow: true }, code: 400, message: 'follow requests are served by stream()' },
    { name: 'log cannot be written', pod: pod('x', onNode), subresource: 'log', verb: 'create', code: 405, message: 'the server does not allow this method on the requested resource' },
    { name: 'exec on an unscheduled pod', pod: pod('x', one), subresource: 'exec', verb: 'create', code: 400, message: 'pod x does not have a host assigned' },
    { name: 'exec without an upgrade', pod: pod('x', onNode), subresource: 'exec', code: 400, message: 'Upgrade request required' },
    { name: 'attach of a missing pod', subresource: 'attach', verb: 'create', code: 404, message: 'pods "x" not found' },
    { name: 'portforward on an unscheduled pod', pod: pod('x', one), subresource: 'portforward', code: 400, message: 'pod x does not have a host assigned' },
    { name: 'portforward is not supported', pod: pod('x', onNode), subresource: 'portforward', code: 405, message: 'port forwarding is not supported: Pilothouse simulates pod "x", which has no network to forward to' },
  ])('$name', async (c) => {
    const { api } = await setup(c);
    const request = api.handle({ ...pods, verb: c.verb ?? 'get', name: 'x', subresource: c.subresource, query: c.query ?? {} });
    if (c.message !== undefined) expect(await failure(request)).toMatchObject({ code: c.code, message: c.message });
    else expect(await request).toEqual({ code: c.code, body: c.body });
  });
});

describe('followed logs through stream()', () => {
  it('sends what is there, then each new line, until the reader stops', async () => {
    const { api, kubelet } = await setup({ pod: pod('x', onNode) });
    const chunks: string[] = [];
    const handle = await api.stream({ ...pods, verb: 'get', name: 'x', subresource: 'log', query: { follow: true, tailLines: 1 } }, (c) => chunks.push(c));
    kubelet.appendLog(ref, 'three');
    expect(chunks).toEqual(['two\n', 'three\n']);
    expect(kubelet.open).toBe(1);
    handle.stop();
    await handle.closed;
    kubelet.appendLog(ref, 'four');
    expect(chunks).toEqual(['two\n', 'three\n']);
    expect(kubelet.open).toBe(0);
  });

  it('ends when the container exits', async () => {
    const { api, kubelet } = await setup({ pod: pod('x', onNode) });
    const handle = await api.stream({ ...pods, verb: 'get', name: 'x', subresource: 'log', query: { follow: true } }, () => undefined);
    kubelet.exit(ref);
    await handle.closed;
    expect(kubelet.open).toBe(0);
  });

  it('fails before streaming when the pod is gone', async () => {
    const { api } = await setup({});
    expect(await failure(api.stream({ ...pods, verb: 'get', name: 'x', subresource: 'log', query: { follow: true } }, () => undefined)))
      .toMatchObject({ code: 404, message: 'pods "x" not found' });
  });
});

describe('exec and attach through connect()', () => {
  const exec = (command: string[], extra: Partial<ApiRequest> = {}) =>
    ({ ...pods, verb: 'get' as const, name: 'x', subresource: 'exec', query: { command, stdout: true, stderr: true }, ...extra });

  it.each<{ name: string; command: string[]; stdout: string; stderr: string; result: ExecStatus }>([
    { name: 'env prints the container environment', command: ['env'], stdout: 'HOSTNAME=x\nPATH=/bin\n', stderr: '', result: { status: 'Success' } },
    {
      name: 'a non-zero exit is a NonZeroExitCode failure with the code as cause', command: ['sh', '-c', 'exit 3'], stdout: '', stderr: '',
      result: { status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: error executing command, exit code 3', details: { causes: [{ reason: 'ExitCode', message: '3' }] } },
    },
    {
      name: 'the kubelet\'s refusal arrives on the error channel as an InternalError', command: ['nope'], stdout: '', stderr: '',
      result: { status: 'Failure', reason: 'InternalError', message: 'Internal error occurred: unable to upgrade connection: executable file "nope" not found in $PATH', details: { causes: [{ message: 'unable to upgrade connection: executable file "nope" not found in $PATH' }] } },
    },
  ])('$name', async (c) => {
    const { api } = await setup({ pod: pod('x', onNode) });
    let stdout = '', stderr = '';
    const session = await api.connect(exec(c.command), { stdin: false, tty: false, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    expect(await session.result).toEqual(c.result);
    expect({ stdout, stderr }).toEqual({ stdout: c.stdout, stderr: c.stderr });
  });

  it('stdin reaches the command and its end ends it', async () => {
    const { api, kubelet } = await setup({ pod: pod('x', onNode) });
    let stdout = '';
    const session = await api.connect(exec(['cat']), { stdin: true, tty: false, stdout: (t) => { stdout += t; } });
    session.writeStdin('hello\n');
    session.closeStdin();
    expect(await session.result).toEqual({ status: 'Success' });
    expect(stdout).toBe('hello\n');
    expect(kubelet.open).toBe(0);
  });

  it('attach reaches the main process', async () => {
    const { api } = await setup({ pod: pod('x', onNode) });
    let stdout = '';
    const session = await api.connect({ ...pods, verb: 'create', name: 'x', subresource: 'attach', query: {} }, { stdin: true, tty: false, stdout: (t) => { stdout += t; } });
    session.writeStdin('hi\n');
    session.closeStdin();
    await session.result;
    expect(stdout).toBe('hi\n');
  });

  it.each<{ name: string; setup: Setup; req: ApiRequest; code: number; message: string }>([
    { name: 'a pod without a node refuses the upgrade', setup: { pod: pod('x', one) }, req: exec(['env']), code: 400, message: 'pod x does not have a host assigned' },
    { name: 'an exec without a command', setup: { pod: pod('x', onNode) }, req: exec([]), code: 400, message: 'you must specify at least one command for the container' },
    { name: 'an invalid container', setup: { pod: pod('x', onNode) }, req: exec(['env'], { query: { command: ['env'], container: 'z' } }), code: 400, message: 'container z is not valid for pod x' },
  ])('$name', async (c) => {
    const { api } = await setup(c.setup);
    expect(await failure(api.connect(c.req, { stdin: false, tty: false }))).toMatchObject({ code: c.code, message: c.message });
  });

  it('a kubelet that cannot be dialed fails on the error channel', async () => {
    const { api } = await setup({ pod: pod('x', onNode), kubelet: false });
    const session = await api.connect(exec(['env']), { stdin: false, tty: false });
    expect((await session.result).message).toBe('Internal error occurred: error dialing backend: dial tcp 10.0.0.7:10250: connect: connection refused');
  });

  // v1.33 authorizes a WebSocket exec (a GET) as `get` on pods/exec and an SPDY one (a POST) as
  // `create`; the extra `create` check on GETs came in v1.35 (kubernetes PR 134577).
  it.each([
    { name: 'a GET exec needs get on pods/exec', verb: 'get' as const, allowed: ['get'], ok: true },
    { name: 'a POST exec needs create on pods/exec', verb: 'create' as const, allowed: ['get'], ok: false },
  ])('$name', async (c) => {
    const authorizer: Authorizer = {
      authorize: async (a) => ({ allowed: a.user.groups.includes('system:masters') || (a.resource === 'pods' && a.subresource === 'exec' && c.allowed.includes(a.verb)) }),
    };
    const { api } = await setup({ pod: pod('x', onNode), authorizer });
    const connecting = api.connect(exec(['env'], { verb: c.verb, user: { username: 'u', groups: ['system:authenticated'] } }), { stdin: false, tty: false });
    if (c.ok) expect(await (await connecting).result).toEqual({ status: 'Success' });
    else expect(await failure(connecting)).toMatchObject({ code: 403, message: 'pods "x" is forbidden: User "u" cannot create resource "pods/exec" in API group "" in the namespace "default"' });
  });
});
