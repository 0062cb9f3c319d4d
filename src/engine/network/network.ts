// The cluster's network, as the runtimes see it: one hook for every node's containers that
// carries DNS queries to the cluster DNS and connections through kube-proxy's rules onto the
// pod network. CoreDNS and kube-proxy each read the API through their own informers and
// identities, as their pods do on a real cluster (DESIGN.md, the one rule).
import type { Client } from '../client/index.ts';
import { createInformerFactory, resources } from '../client/index.ts';
import type { Clock } from '../clock/index.ts';
import { answerQuestion, type DnsView } from './dns.ts';
import { routeConnection, type ProxyView } from './kubeproxy.ts';
import type { EndpointSlice, Service } from './objects.ts';
import { createPodNetwork } from './podnetwork.ts';
import type { DialResult, DnsQuestion, DnsReply, HttpHandler, HttpRequest, HttpResult } from './types.ts';

/** kubeadm's kube-dns Service address: the tenth address of the default 10.96.0.0/12 range. */
export const KUBE_DNS_IP = '10.96.0.10';

export interface ClusterNetworkOptions {
  /** CoreDNS's identity (system:serviceaccount:kube-system:coredns). */
  dnsClient: Client;
  /** kube-proxy's identity (system:serviceaccount:kube-system:kube-proxy). */
  proxyClient: Client;
  clock: Clock;
  /** Every node's InternalIP: where NodePorts are open. */
  nodeIPs: string[];
}

/** What the runtimes are given: the network hook of their containers and the CNI's attach/detach. */
export interface ClusterNetwork {
  hook: {
    resolve(question: DnsQuestion): Promise<DnsReply | undefined>;
    request(req: HttpRequest): Promise<HttpResult>;
  };
  attachment: {
    attach(ip: string, listeners: Map<number, HttpHandler>): void;
    detach(ip: string): void;
  };
  /** Settles when CoreDNS's and kube-proxy's caches have synced. */
  ready: Promise<void>;
  stop(): void;
}

export function runClusterNetwork(o: ClusterNetworkOptions): ClusterNetwork {
  const pods = createPodNetwork();
  const nodeIPs = new Set(o.nodeIPs);
  const coredns = createInformerFactory(o.dnsClient, { clock: o.clock });
  const dns: DnsView = {
    services: coredns.informerFor<Service>(resources.services).lister(),
    endpointSlices: coredns.informerFor<EndpointSlice>(resources.endpointslices).lister(),
    namespaces: coredns.informerFor(resources.namespaces).lister(),
  };
  const kubeProxy = createInformerFactory(o.proxyClient, { clock: o.clock });
  const proxy: ProxyView = {
    services: kubeProxy.informerFor<Service>(resources.services).lister(),
    endpointSlices: kubeProxy.informerFor<EndpointSlice>(resources.endpointslices).lister(),
  };
  coredns.start();
  kubeProxy.start();

  /** Where the DNS server answers: the kube-dns Service's ClusterIP, as long as that Service exists. */
  const isDnsServer = (ip: string) => proxy.services.get('kube-system/kube-dns')?.spec?.clusterIP === ip;

  function dial(ip: string, port: number): DialResult {
    const route = routeConnection(ip, port, proxy, nodeIPs, (n) => o.clock.rng.int(n));
    if (route?.action === 'dnat') return pods.dial(route.ip, route.port);
    if (route?.action === 'reject') return { ok: false, error: 'refused' };
    if (route?.action === 'drop') return { ok: false, error: 'timeout' };
    // A node answers a port nobody listens on with a reset.
    if (nodeIPs.has(ip)) return { ok: false, error: 'refused' };
    return pods.dial(ip, port);
  }

  return {
    hook: {
      // No CoreDNS pods run yet: the kube-dns ClusterIP answers directly, from CoreDNS's caches.
      resolve: async (q) => (isDnsServer(q.server) ? answerQuestion(q, dns) : undefined),
      request: async (req) => {
        const connection = dial(req.host, req.port);
        return connection.ok ? connection.handler(req) : connection;
      },
    },
    attachment: { attach: pods.attach, detach: pods.detach },
    ready: Promise.all([coredns.waitForCacheSync(), kubeProxy.waitForCacheSync()]).then(() => undefined),
    stop() {
      coredns.stop();
      kubeProxy.stop();
    },
  };
}
