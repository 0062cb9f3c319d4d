// kube-proxy's Service rules, as its iptables mode programs them, evaluated per connection:
//
//   KUBE-SERVICES: dst ClusterIP:port        → KUBE-SVC-… → one endpoint, chosen at random
//   KUBE-NODEPORTS: dst <node IP>:nodePort   → the same Service chain (externalTrafficPolicy Cluster)
//   a Service port without usable endpoints  → REJECT (the client sees "connection refused")
//   another port on a ClusterIP              → no rule: the packet goes nowhere (timeout)
//
// Endpoints are chosen as pkg/proxy/topology.go CategorizeEndpoints does: the ready ones, or
// when none is ready, the serving-and-terminating ones. The random choice (iptables'
// `statistic --mode random`) uses the cluster's seeded RNG, so runs repeat.
// Models pkg/proxy/iptables/proxier.go (syncProxyRules) and pkg/proxy/topology.go.
import type { Lister } from '../client/index.ts';
import { isEndpointReady, slicesOf, type EndpointSlice, type Service, type ServicePort } from './objects.ts';

/** What kube-proxy's informers hold. */
export interface ProxyView {
  services: Lister<Service>;
  endpointSlices: Lister<EndpointSlice>;
}

/** Where a connection's packets go: DNAT to an endpoint, REJECT, or no rule for a Service address. */
export type ProxyRoute =
  | { action: 'dnat'; ip: string; port: number; service: string }
  | { action: 'reject'; service: string }
  | { action: 'drop' };

/**
 * The rule a connection to ip:port hits, or undefined when the address is not a Service's
 * (the packet is routed as is). `pick(n)` chooses among n endpoints.
 */
export function routeConnection(ip: string, port: number, view: ProxyView, nodeIPs: ReadonlySet<string>, pick: (n: number) => number): ProxyRoute | undefined {
  let matchedClusterIP = false;
  for (const svc of view.services.list()) {
    const spec = svc.spec ?? {};
    const isClusterIP = spec.clusterIP !== undefined && spec.clusterIP !== 'None' && (spec.clusterIPs ?? [spec.clusterIP]).includes(ip);
    const hasNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    const servicePort = (spec.ports ?? []).find((p) => (p.protocol ?? 'TCP') === 'TCP' && (isClusterIP ? p.port === port : hasNodePorts && nodeIPs.has(ip) && p.nodePort === port));
    if (isClusterIP) matchedClusterIP = true;
    if (servicePort) return toEndpoint(svc, servicePort, view, pick);
  }
  return matchedClusterIP ? { action: 'drop' } : undefined;
}

function toEndpoint(svc: Service, servicePort: ServicePort, view: ProxyView, pick: (n: number) => number): ProxyRoute {
  const service = `${svc.metadata?.namespace}/${svc.metadata?.name}`;
  const candidates: { ip: string; port: number; ready: boolean; servingTerminating: boolean }[] = [];
  for (const slice of slicesOf(view.endpointSlices, svc.metadata?.namespace ?? '', svc.metadata?.name ?? '')) {
    // A slice's port for this Service port has the same name (both empty for a single unnamed port).
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (servicePort.name ?? '') && (p.protocol ?? 'TCP') === 'TCP')?.port;
    if (port === undefined) continue;
    for (const ep of slice.endpoints ?? []) {
      const c = ep.conditions ?? {};
      for (const ip of ep.addresses) candidates.push({ ip, port, ready: isEndpointReady(ep), servingTerminating: c.serving !== false && c.terminating === true });
    }
  }
  const ready = candidates.filter((c) => c.ready);
  const usable = ready.length ? ready : candidates.filter((c) => c.servingTerminating);
  if (!usable.length) return { action: 'reject', service };
  const chosen = usable[pick(usable.length)]!;
  return { action: 'dnat', ip: chosen.ip, port: chosen.port, service };
}
