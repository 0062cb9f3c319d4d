// Cluster DNS as CoreDNS's kubernetes plugin answers it, for kubeadm's Corefile
// (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa }`):
//
//   web.default.svc.cluster.local        A     the ClusterIP (NODATA for AAAA on an IPv4 cluster)
//   db.default.svc.cluster.local         A     each ready endpoint address, for a headless Service
//   db-0.db.default.svc.cluster.local    A     the endpoint with that hostname (or dashed IP)
//   ext.default.svc.cluster.local        CNAME spec.externalName, for an ExternalName Service
//   10-244-1-5.default.pod.cluster.local A     10.244.1.5 (`pods insecure`: any well-formed address)
//   default.svc.cluster.local            NODATA when the namespace exists
//   1.0.96.10.in-addr.arpa               PTR   kubernetes.default.svc.cluster.local
//   anything else in cluster.local       NXDOMAIN, authoritative
//
// Names outside the zone would be forwarded to the node's resolver; the simulated cluster has
// no Internet behind it, so they are NXDOMAIN, not authoritative.
// Models coredns plugin/kubernetes (kubernetes.go Records, parse.go parseRequest, reverse.go).
import type { Lister } from '../client/index.ts';
import { isEndpointReady, isHeadless, slicesOf, type EndpointSlice, type Service } from './objects.ts';
import type { DnsQuestion, DnsRecord, DnsReply } from './types.ts';

export const CLUSTER_DOMAIN = 'cluster.local';

/** What CoreDNS's informers hold. */
export interface DnsView {
  services: Lister<Service>;
  endpointSlices: Lister<EndpointSlice>;
  namespaces: Lister;
}

const reply = (rcode: DnsReply['rcode'], answers: DnsRecord[] = [], authoritative = true): DnsReply => ({ rcode, authoritative, answers });
const NXDOMAIN = reply('NXDOMAIN');
const NODATA = reply('NOERROR');

/** `10.244.1.5` → `10-244-1-5`: how an address becomes one DNS label. */
export const dashed = (ip: string) => ip.replace(/\./g, '-');

/** Answers one question as the cluster's CoreDNS. */
export function answerQuestion(q: Pick<DnsQuestion, 'name' | 'type'>, view: DnsView): DnsReply {
  const name = q.name.toLowerCase().replace(/\.$/, '');
  if (name.endsWith('.in-addr.arpa')) return reverse(name, view);
  if (name !== CLUSTER_DOMAIN && !name.endsWith(`.${CLUSTER_DOMAIN}`)) return reply('NXDOMAIN', [], false);
  const labels = name === CLUSTER_DOMAIN ? [] : name.slice(0, -CLUSTER_DOMAIN.length - 1).split('.');
  const kind = labels.at(-1);
  if (labels.length <= 1) return kind === undefined || kind === 'svc' || kind === 'pod' ? NODATA : NXDOMAIN;
  const namespace = labels.at(-2)!;
  const rest = labels.slice(0, -2);
  const namespaceExists = view.namespaces.get(namespace) !== undefined;
  if (kind === 'pod') return rest.length === 1 ? podRecord(name, rest[0]!, q.type) : rest.length === 0 && namespaceExists ? NODATA : NXDOMAIN;
  if (kind !== 'svc') return NXDOMAIN;
  if (rest.length === 0) return namespaceExists ? NODATA : NXDOMAIN;
  const svc = view.services.get(`${namespace}/${rest.at(-1)}`);
  if (!svc || rest.length > 2) return NXDOMAIN;
  if (svc.spec?.type === 'ExternalName') {
    return rest.length === 1 && svc.spec.externalName ? reply('NOERROR', [{ name, type: 'CNAME', target: svc.spec.externalName }]) : NXDOMAIN;
  }
  const endpoints = slicesOf(view.endpointSlices, namespace, svc.metadata?.name ?? '')
    .flatMap((slice) => slice.endpoints ?? []).filter(isEndpointReady);
  if (rest.length === 2) {
    // `<hostname>.<svc>`: an endpoint of a headless Service, by its hostname or its dashed address.
    const ep = isHeadless(svc) ? endpoints.find((e) => (e.hostname ?? dashed(e.addresses[0] ?? '')) === rest[0]) : undefined;
    if (!ep) return NXDOMAIN;
    return q.type === 'A' ? reply('NOERROR', ep.addresses.map((address) => ({ name, type: 'A', address }))) : NODATA;
  }
  if (!isHeadless(svc)) {
    const ip = svc.spec?.clusterIP;
    if (!ip) return NXDOMAIN;
    return q.type === 'A' ? reply('NOERROR', [{ name, type: 'A', address: ip }]) : NODATA;
  }
  // A headless Service without ready endpoints has no records at all.
  if (!endpoints.length) return NXDOMAIN;
  const addresses = [...new Set(endpoints.flatMap((e) => e.addresses))];
  return q.type === 'A' ? reply('NOERROR', addresses.map((address) => ({ name, type: 'A', address }))) : NODATA;
}

/** `pods insecure`: the address spelled in the first label, whether or not a pod holds it. */
function podRecord(name: string, label: string, type: DnsQuestion['type']): DnsReply {
  const ip = label.replace(/-/g, '.');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || ip.split('.').some((o) => Number(o) > 255)) return NXDOMAIN;
  return type === 'A' ? reply('NOERROR', [{ name, type: 'A', address: ip }]) : NODATA;
}

/** PTR for a ClusterIP or an endpoint address; other addresses fall through to upstream, which knows none. */
function reverse(name: string, view: DnsView): DnsReply {
  const octets = name.slice(0, -'.in-addr.arpa'.length).split('.');
  if (octets.length !== 4) return reply('NXDOMAIN', [], false);
  const ip = octets.reverse().join('.');
  const ptr = (target: string) => reply('NOERROR', [{ name, type: 'PTR', target }]);
  for (const svc of view.services.list()) {
    if (svc.spec?.clusterIP === ip) return ptr(`${svc.metadata?.name}.${svc.metadata?.namespace}.svc.${CLUSTER_DOMAIN}`);
  }
  for (const slice of view.endpointSlices.list()) {
    const service = slice.metadata?.labels?.['kubernetes.io/service-name'];
    const ep = (slice.endpoints ?? []).find((e) => e.addresses.includes(ip));
    if (service && ep) return ptr(`${ep.hostname ?? dashed(ip)}.${service}.${slice.metadata?.namespace}.svc.${CLUSTER_DOMAIN}`);
  }
  return reply('NXDOMAIN', [], false);
}
