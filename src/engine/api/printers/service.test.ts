import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: ago(26 * 3600_000) });

function cells(group: string, resource: string, obj: KubeObject) {
  return printTable({ group, version: 'v1', resource, kind: '' }, [obj], { now }).rows![0]!.cells;
}

function serviceWith(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return { metadata: meta('web'), spec: { selector: { app: 'web' }, ...spec }, status };
}

describe('service tables (printService)', () => {
  it('has the v1.33 columns', () => {
    const cols = printTable({ group: '', version: 'v1', resource: 'services', kind: 'Service' }, [], { now }).columnDefinitions!;
    expect(cols.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Type', 0], ['Cluster-IP', 0], ['External-IP', 0], ['Port(s)', 0], ['Age', 0], ['Selector', 1],
    ]);
  });

  it.each([
    {
      name: 'a ClusterIP service', svc: serviceWith({ type: 'ClusterIP', clusterIP: '10.96.12.4', clusterIPs: ['10.96.12.4'], ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }),
      want: ['ClusterIP', '10.96.12.4', '<none>', '80/TCP'],
    },
    {
      name: 'a headless service shows None',
      svc: serviceWith({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] }),
      want: ['ClusterIP', 'None', '<none>', '5432/TCP'],
    },
    {
      name: 'a ClusterIP service with external IPs lists them',
      svc: serviceWith({ type: 'ClusterIP', clusterIPs: ['10.96.0.9'], externalIPs: ['198.51.100.7', '198.51.100.8'], ports: [{ port: 80, protocol: 'TCP' }] }),
      want: ['ClusterIP', '10.96.0.9', '198.51.100.7,198.51.100.8', '80/TCP'],
    },
    {
      name: 'a NodePort service shows port:nodePort per port',
      svc: serviceWith({ type: 'NodePort', clusterIPs: ['10.96.3.3'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }),
      want: ['NodePort', '10.96.3.3', '<none>', '80:30080/TCP,53:30053/UDP'],
    },
    {
      name: 'a LoadBalancer without an address is <pending>',
      svc: serviceWith({ type: 'LoadBalancer', clusterIPs: ['10.96.4.4'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }),
      want: ['LoadBalancer', '10.96.4.4', '<pending>', '443:31443/TCP'],
    },
    {
      name: 'a LoadBalancer lists its ingress addresses sorted and unique, never clipped server-side',
      svc: serviceWith(
        { type: 'LoadBalancer', clusterIPs: ['10.96.4.4'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] },
        { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.us-east-1.amazonaws.com' }, { ip: '203.0.113.10' }, { ip: '203.0.113.10' }] } },
      ),
      want: ['LoadBalancer', '10.96.4.4', '203.0.113.10,a1b2c3.elb.us-east-1.amazonaws.com', '80:31000/TCP'],
    },
    {
      name: 'a LoadBalancer appends spec.externalIPs after its ingress',
      svc: serviceWith(
        { type: 'LoadBalancer', clusterIPs: ['10.96.4.4'], externalIPs: ['198.51.100.1'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] },
        { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
      ),
      want: ['LoadBalancer', '10.96.4.4', '203.0.113.10,198.51.100.1', '80:31000/TCP'],
    },
    {
      name: 'an ExternalName service shows the name and no cluster IP',
      svc: serviceWith({ type: 'ExternalName', externalName: 'db.example.com', selector: undefined }),
      want: ['ExternalName', '<none>', 'db.example.com', '<none>'],
    },
  ])('$name', ({ svc, want }) => {
    const got = cells('', 'services', svc);
    expect(got.slice(1, 5)).toEqual(want);
    expect(got[5]).toBe('26h');
  });

  it('prints the selector wide, <none> when empty', () => {
    expect(cells('', 'services', serviceWith({ type: 'ClusterIP', clusterIPs: ['10.0.0.1'] }))[6]).toBe('app=web');
    expect(cells('', 'services', { metadata: meta('kubernetes'), spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'] } })[6]).toBe('<none>');
  });
});

describe('endpoints and endpoint slices', () => {
  it.each([
    { name: 'no subsets is <none>', obj: { metadata: meta('web') }, want: '<none>' },
    {
      name: 'each address with each port, at most three, then the rest counted',
      obj: { metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.2.3' }], ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }] }] },
      want: '10.244.1.2:8080,10.244.2.3:8080,10.244.1.2:9090 + 1 more...',
    },
    { name: 'a subset without ports lists bare IPs', obj: { metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.244.1.2' }] }] }, want: '10.244.1.2' },
    { name: 'IPv6 addresses are bracketed', obj: { metadata: meta('web'), subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] }, want: '[fd00::1]:80' },
  ])('Endpoints: $name', ({ obj, want }) => expect(cells('', 'endpoints', obj)).toEqual(['web', want, '26h']));

  it.each([
    {
      name: 'ports and addresses of a slice',
      obj: { metadata: meta('web-abc12'), addressType: 'IPv4', ports: [{ name: 'http', port: 80 }], endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.3'] }] },
      want: ['IPv4', '80', '10.244.1.2,10.244.2.3'],
    },
    { name: 'an empty slice is <unset>', obj: { metadata: meta('web-abc12'), addressType: 'IPv4' }, want: ['IPv4', '<unset>', '<unset>'] },
    {
      name: 'a port without a number shows its name, or *, and long lists are cut at three',
      obj: { metadata: meta('web-abc12'), addressType: 'IPv4', ports: [{ name: 'http' }, {}], endpoints: [{ addresses: ['a', 'b', 'c', 'd', 'e'] }] },
      want: ['IPv4', 'http,*', 'a,b,c + 2 more...'],
    },
  ])('EndpointSlice: $name', ({ obj, want }) => expect(cells('discovery.k8s.io', 'endpointslices', obj)).toEqual(['web-abc12', ...want, '26h']));
});

describe('ingress, ingress class and network policy', () => {
  it.each([
    {
      name: 'an ingress with a class, hosts, an address and TLS',
      obj: { metadata: meta('web'), spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } } },
      want: ['nginx', 'a.example.com,b.example.com', '203.0.113.5', '80, 443'],
    },
    {
      name: 'an ingress without class or host rules',
      obj: { metadata: meta('web'), spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } },
      want: ['<none>', '*', '', '80'],
    },
    {
      name: 'more than three hosts are counted over all rules',
      obj: { metadata: meta('web'), spec: { rules: [{ host: 'a' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, {}] } },
      want: ['<none>', 'a,b,c + 2 more...', '', '80'],
    },
  ])('Ingress: $name', ({ obj, want }) => expect(cells('networking.k8s.io', 'ingresses', obj)).toEqual(['web', ...want, '26h']));

  it('IngressClass shows its controller and Kind.group/name parameters', () => {
    const obj = { metadata: meta('nginx'), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } };
    expect(cells('networking.k8s.io', 'ingressclasses', obj)).toEqual(['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '26h']);
    expect(cells('networking.k8s.io', 'ingressclasses', { metadata: meta('plain'), spec: { controller: 'x' } })[2]).toBe('<none>');
  });

  it.each([
    { name: 'an empty pod selector selects all pods: <none>', spec: { podSelector: {} }, want: '<none>' },
    { name: 'a pod selector prints its requirements', spec: { podSelector: { matchLabels: { role: 'db' } } }, want: 'role=db' },
  ])('NetworkPolicy: $name', ({ spec, want }) => {
    expect(cells('networking.k8s.io', 'networkpolicies', { metadata: meta('deny'), spec })).toEqual(['deny', want, '26h']);
  });
});
