// Services and the networking kinds: Service, Endpoints, EndpointSlice, Ingress, IngressClass,
// NetworkPolicy. Models printers.go printService (getServiceExternalIP, makePortString),
// printEndpoints (formatEndpoints), printEndpointSlice, printIngress, printIngressClass, printNetworkPolicy.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { formatLabelSelector, formatLabels } from '../labels.ts';
import type { LabelSelector } from '../validation/metav1.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** status.loadBalancer of a Service or an Ingress. */
interface LoadBalancerStatus {
  ingress?: Array<{ ip?: string; hostname?: string }>;
}

// loadBalancerStatusStringer: IPs (or hostnames) sorted and de-duplicated. The `wide` clipping to
// 16 characters never applies server-side: the apiserver always prints with Wide: true.
function loadBalancerAddresses(lb: LoadBalancerStatus | undefined): string {
  const set = new Set<string>();
  for (const ing of lb?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  return [...set].sort().join(',');
}

interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: Array<{ port?: number; nodePort?: number; protocol?: string }>;
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: LoadBalancerStatus };
}

// getServiceExternalIP.
function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Type', 'string', 'apiv1.ServiceSpec.type'),
    docColumn('Cluster-IP', 'string', 'apiv1.ServiceSpec.clusterIP'),
    docColumn('External-IP', 'string', 'apiv1.ServiceSpec.externalIPs'),
    docColumn('Port(s)', 'string', 'apiv1.ServiceSpec.ports'),
    ageColumn,
    docColumn('Selector', 'string', 'apiv1.ServiceSpec.selector', { priority: 1 }),
  ],
  print(obj, { now }) {
    const svc = obj as Service;
    // makePortString: `port/PROTO`, or `port:nodePort/PROTO` once a node port is allocated.
    const ports = (svc.spec?.ports ?? []).map((p) =>
      (p.nodePort ?? 0) > 0 ? `${p.port ?? 0}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port ?? 0}/${p.protocol ?? ''}`).join(',');
    return {
      cells: [name(svc), svc.spec?.type ?? '', svc.spec?.clusterIPs?.[0] ?? '<none>', serviceExternalIP(svc), ports || '<none>',
        age(svc, now), formatLabels(svc.spec?.selector)],
    };
  },
};

/** The `a,b,c + N more...` lists of printers.go (listWithMoreString when `unset` is given). */
function listWithMore(list: string[], total: number, max: number, unset?: string): string {
  const shown = list.slice(0, max).join(',');
  if (total > max) return `${shown} + ${total - max} more...`;
  return shown === '' && unset !== undefined ? unset : shown;
}

// net.JoinHostPort: IPv6 addresses are bracketed.
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

interface Endpoints extends KubeObject {
  subsets?: Array<{ addresses?: Array<{ ip?: string }>; ports?: Array<{ name?: string; port?: number }> }>;
}

// formatEndpoints: every address with every port (bare IPs for a subset without ports), at most 3.
function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(a.ip ?? '');
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(joinHostPort(a.ip ?? '', port.port ?? 0));
    }
  }
  return listWithMore(list, count, 3);
}

export const endpointsPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Endpoints', 'string', 'apiv1.Endpoints.subsets'), ageColumn],
  print: (obj, { now }) => ({ cells: [name(obj), formatEndpoints(obj as Endpoints), age(obj, now)] }),
};

interface EndpointSlice extends KubeObject {
  addressType?: string;
  ports?: Array<{ name?: string; port?: number }>;
  endpoints?: Array<{ addresses?: string[] }>;
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('AddressType', 'string', 'discoveryv1beta1.EndpointSlice.addressType'),
    docColumn('Ports', 'string', 'discoveryv1beta1.EndpointSlice.ports'),
    docColumn('Endpoints', 'string', 'discoveryv1beta1.EndpointSlice.endpoints'),
    ageColumn,
  ],
  print(obj, { now }) {
    const es = obj as EndpointSlice;
    // formatDiscoveryPorts: the number, else the name, else `*`.
    const ports = (es.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*'));
    const addresses = (es.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return {
      cells: [name(es), es.addressType ?? '', listWithMore(ports, ports.length, 3, '<unset>'),
        listWithMore(addresses, addresses.length, 3, '<unset>'), age(es, now)],
    };
  },
};

interface Ingress extends KubeObject {
  spec?: { ingressClassName?: string; rules?: Array<{ host?: string }>; tls?: unknown[] };
  status?: { loadBalancer?: LoadBalancerStatus };
}

// formatHosts: up to 3 rule hosts; `*` when no rule names one. Upstream counts the overflow over
// all rules, hosts or not.
function formatHosts(rules: Array<{ host?: string }>): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

export const ingressPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  print(obj, { now }) {
    const ing = obj as Ingress;
    const spec = ing.spec ?? {};
    return {
      cells: [name(ing), spec.ingressClassName ?? '<none>', formatHosts(spec.rules ?? []),
        loadBalancerAddresses(ing.status?.loadBalancer), (spec.tls ?? []).length > 0 ? '80, 443' : '80', age(ing, now)],
    };
  },
};

interface IngressClass extends KubeObject {
  spec?: { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } };
}

export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  print(obj, { now }) {
    const ic = obj as IngressClass;
    const p = ic.spec?.parameters;
    // `Kind[.apiGroup]/name`.
    const parameters = p ? `${p.kind ?? ''}${p.apiGroup !== undefined && p.apiGroup !== null ? `.${p.apiGroup}` : ''}/${p.name ?? ''}` : '<none>';
    return { cells: [name(ic), ic.spec?.controller ?? '', parameters, age(ic, now)] };
  },
};

interface NetworkPolicy extends KubeObject {
  spec?: { podSelector?: LabelSelector };
}

export const networkPolicyPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Pod-Selector', 'string', 'extensionsv1beta1.NetworkPolicySpec.podSelector'), ageColumn],
  // podSelector is a struct, not a pointer, upstream: an absent one is the empty selector, `<none>`.
  print: (obj, { now }) => ({
    cells: [name(obj), formatLabelSelector((obj as NetworkPolicy).spec?.podSelector ?? {}), age(obj, now)],
  }),
};
