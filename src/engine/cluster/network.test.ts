// The cluster's network end to end: pods bound to nodes, Services, the EndpointSlice and
// Endpoints controllers' objects, and what nslookup, wget and curl print inside a pod.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { ExecStatus, KubeObject } from '../api/index.ts';
import { resources } from '../client/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { bootCluster, type Cluster } from './boot.ts';

const ns = (r: typeof resources.pods, namespace = 'default') => ({ ...r, namespace });

const pod = (name: string, nodeName: string, labels: Record<string, string>, container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { nodeName, containers: [{ name: 'main', ...container }], ...spec },
});

const service = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

interface Slice extends KubeObject {
  addressType: string;
  endpoints: { addresses: string[]; conditions: Record<string, boolean>; hostname?: string; nodeName?: string; targetRef?: { name: string } }[];
  ports?: { name: string; port: number; protocol: string }[];
}

let c: Cluster & { advance(ms: number): Promise<void> };

async function exec(podName: string, command: string[], ms = 1_000): Promise<{ stdout: string; stderr: string; status?: ExecStatus }> {
  const out = { stdout: '', stderr: '', status: undefined as ExecStatus | undefined };
  const session = await c.client.exec('default', podName, command, { stdin: false, tty: false, stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; } });
  void session.result.then((s) => { out.status = s; });
  await c.advance(ms);
  return out;
}

const slicesOf = async (svc: string, namespace = 'default') =>
  (await c.client.list<Slice>(ns(resources.endpointslices, namespace), { labelSelector: `kubernetes.io/service-name=${svc}` })).items;

beforeAll(async () => {
  const clock = new VirtualClock({ seed: 7 });
  const cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  const advance = async (ms: number) => {
    await clock.advanceAsync(ms);
    for (const k of cluster.kubelets.values()) await k.settled();
    await clock.advanceAsync(0);
  };
  c = { ...cluster, advance };
  const pods = ns(resources.pods);
  await c.client.create(pods, pod('web-1', 'node-1', { app: 'web' }, { image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }));
  await c.client.create(pods, pod('web-2', 'node-2', { app: 'web' }, { image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }));
  await c.client.create(pods, pod('db-0', 'node-2', { app: 'db' }, { image: 'nginx' }, { hostname: 'db-0', subdomain: 'db' }));
  await c.client.create(pods, pod('client', 'node-1', {}, { image: 'busybox', command: ['sleep', '3600'] }));
  await c.client.create(pods, pod('curler', 'node-2', {}, { image: 'nginx' }));
  const services = ns(resources.services);
  await c.client.create(services, service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }));
  await c.client.create(services, service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 80 }] }));
  await c.client.create(services, service('empty', { selector: { app: 'nothing' }, ports: [{ port: 80 }] }));
  await c.client.create(services, service('ext', { type: 'ExternalName', externalName: 'example.com' }));
  await c.client.create(services, service('web-np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] }));
  await c.advance(30_000);
}, 60_000);

afterAll(async () => { await c.stop(); });

describe('the EndpointSlice controller', () => {
  it('lists the ready pods a Service selects, with the named targetPort resolved', async () => {
    const [slice, ...more] = await slicesOf('web');
    expect(more).toEqual([]);
    expect(slice!.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice!.metadata?.labels).toEqual({ 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    expect(slice!.metadata?.ownerReferences).toMatchObject([{ kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
    expect(slice!.endpoints.map((e) => [e.addresses, e.conditions, e.nodeName, e.targetRef?.name])).toEqual([
      [['10.244.1.2'], { ready: true, serving: true, terminating: false }, 'node-1', 'web-1'],
      [['10.244.2.2'], { ready: true, serving: true, terminating: false }, 'node-2', 'web-2'],
    ]);
  });

  it.each([
    { name: 'a headless Service marks its slices and gives a pod with its subdomain a hostname', svc: 'db', want: { headless: '', hostnames: ['db-0'], addresses: ['10.244.2.3'] } },
    { name: 'a Service that selects nothing keeps one empty placeholder slice without ports', svc: 'empty', want: { headless: undefined, hostnames: [], addresses: [] } },
  ])('$name', async ({ svc, want }) => {
    const slices = await slicesOf(svc);
    expect(slices).toHaveLength(1);
    expect(slices[0]!.metadata?.labels?.['service.kubernetes.io/headless']).toBe(want.headless);
    expect(slices[0]!.endpoints.map((e) => e.hostname)).toEqual(want.hostnames.length ? want.hostnames : []);
    expect(slices[0]!.endpoints.flatMap((e) => e.addresses)).toEqual(want.addresses);
    if (svc === 'empty') expect(slices[0]!.ports).toBeUndefined();
  });

  it('gives an ExternalName Service no slices, and the kubernetes Service the apiserver\'s own', async () => {
    expect(await slicesOf('ext')).toEqual([]);
    const [k] = await slicesOf('kubernetes');
    expect(k).toMatchObject({ metadata: { name: 'kubernetes' }, endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] });
  });
});

describe('the Endpoints controller', () => {
  it.each([
    { name: 'a Service with ready pods', svc: 'web', namespace: 'default', want: [{ addresses: ['10.244.1.2', '10.244.2.2'], ports: [{ port: 80, protocol: 'TCP' }] }] },
    { name: 'a Service without pods has no subsets', svc: 'empty', namespace: 'default', want: undefined },
    { name: 'the kubernetes Service points at the apiserver', svc: 'kubernetes', namespace: 'default', want: [{ addresses: ['172.18.0.2'], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] },
  ])('$name', async ({ svc, namespace, want }) => {
    const ep = await c.client.get<KubeObject & { subsets?: { addresses?: { ip: string }[]; ports: unknown[] }[] }>(ns(resources.endpoints, namespace), svc);
    expect(ep.subsets?.map((s) => ({ addresses: s.addresses?.map((a) => a.ip), ports: s.ports }))).toEqual(want);
  });
});

const NGINX_TITLE = '<title>Welcome to nginx!</title>';

describe('DNS and Services from inside a pod', () => {
  it('nslookup finds a Service through the search list, printing every search domain\'s answer as busybox 1.37 does', async () => {
    const { stdout, status } = await exec('client', ['nslookup', 'web']);
    const ip = (await c.client.get<KubeObject & { spec: { clusterIP: string } }>(ns(resources.services), 'web')).spec.clusterIP;
    expect(stdout).toBe([
      'Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '',
      'Name:\tweb.default.svc.cluster.local', `Address: ${ip}`, '',
      "** server can't find web.svc.cluster.local: NXDOMAIN", '',
      "** server can't find web.cluster.local: NXDOMAIN", '',
      '',
      "** server can't find web.svc.cluster.local: NXDOMAIN", '',
      "** server can't find web.cluster.local: NXDOMAIN", '', '',
    ].join('\n'));
    // The search domains that answered NXDOMAIN make busybox exit 1.
    expect(status?.details?.causes?.[0]?.message).toBe('1');
  });

  it.each([
    { name: 'an unknown name is NXDOMAIN for each search domain', args: ['nosuch'], want: ["** server can't find nosuch.default.svc.cluster.local: NXDOMAIN"], not: 'Name:' },
    { name: 'a headless Service answers its ready pod addresses', args: ['db.default.svc.cluster.local'], want: ['Name:\tdb.default.svc.cluster.local\nAddress: 10.244.2.3'] },
    { name: 'a pod with hostname and subdomain has its own name', args: ['db-0.db.default.svc.cluster.local'], want: ['Address: 10.244.2.3'] },
    { name: 'a pod address has a name under pod.cluster.local', args: ['10-244-1-2.default.pod.cluster.local'], want: ['Name:\t10-244-1-2.default.pod.cluster.local\nAddress: 10.244.1.2'] },
    { name: 'an ExternalName Service is a CNAME', args: ['ext.default.svc.cluster.local'], want: ['ext.default.svc.cluster.local\tcanonical name = example.com'] },
    { name: 'a ClusterIP has a PTR record', args: ['10.96.0.10'], want: ['10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local'] },
    { name: 'a name with a dot is asked as is, without the search list (busybox ignores ndots)', args: ['web.default'], want: ["** server can't find web.default: NXDOMAIN"], not: 'web.default.svc' },
    { name: 'a nameserver that does not exist never answers', args: ['web', '10.96.0.99'], want: [';; connection timed out; no servers could be reached'] },
  ])('nslookup: $name', async ({ args, want, not }) => {
    const { stdout } = await exec('client', ['nslookup', ...args], 10_000);
    for (const w of want) expect(stdout).toContain(w);
    if (not) expect(stdout).not.toContain(not);
  });

  it.each([
    { name: 'the short name', url: 'http://web' },
    { name: 'name.namespace (the resolver\'s search list, ndots:5)', url: 'http://web.default' },
    { name: 'the fully qualified name', url: 'http://web.default.svc.cluster.local' },
    { name: 'a pod IP directly', url: 'http://10.244.2.2' },
    { name: 'a NodePort on a node\'s address', url: 'http://172.18.0.3:30080' },
  ])('wget reaches nginx through $name', async ({ url }) => {
    const { stdout, status } = await exec('client', ['wget', '-qO-', url]);
    expect(stdout).toContain(NGINX_TITLE);
    expect(status).toEqual({ status: 'Success' });
  });

  it('curl reaches the ClusterIP from another pod', async () => {
    const ip = (await c.client.get<KubeObject & { spec: { clusterIP: string } }>(ns(resources.services), 'web')).spec.clusterIP;
    const { stdout } = await exec('curler', ['curl', '-s', `http://${ip}/`]);
    expect(stdout).toContain(NGINX_TITLE);
  });

  it.each([
    { name: 'a Service without endpoints is refused (kube-proxy REJECT)', command: ['curl', 'http://empty'], stderr: "curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\n", code: '7' },
    { name: 'an unknown name cannot be resolved', command: ['curl', 'http://nosuch'], stderr: 'curl: (6) Could not resolve host: nosuch\n', code: '6' },
    { name: 'a pod port nobody listens on is refused', command: ['curl', 'http://10.244.1.2:8080'], stderr: "curl: (7) Failed to connect to 10.244.1.2 port 8080 after 0 ms: Couldn't connect to server\n", code: '7' },
  ])('curl: $name', async ({ command, stderr, code }) => {
    const { stderr: got, status } = await exec('curler', command);
    expect(got).toBe(stderr);
    expect(status?.details?.causes?.[0]?.message).toBe(code);
  });

  it('follows a pod deletion: the endpoint goes, and the Service answers from the pod left', async () => {
    await c.client.delete(ns(resources.pods), 'web-1', { gracePeriodSeconds: 0 });
    await c.advance(5_000);
    const [slice] = await slicesOf('web');
    expect(slice!.endpoints.map((e) => e.addresses[0])).toEqual(['10.244.2.2']);
    for (let i = 0; i < 3; i++) expect((await exec('client', ['wget', '-qO-', 'http://web'])).stdout).toContain(NGINX_TITLE);
  });
});
