// The Endpoints controller: the legacy v1 Endpoints object of every Service with a selector,
// named as the Service — what `kubectl get endpoints` shows. Ready pods go to `addresses`,
// the others to `notReadyAddresses`; terminating pods are left out (unless the Service
// publishes not-ready addresses); addresses sharing one port set form one subset.
// Models pkg/controller/endpoint/endpoints_controller.go (syncService) and
// pkg/api/v1/endpoints/util.go (RepackSubsets).
import { isNotFound, type KubeObject } from '../api/index.ts';
import { defineController, resources, watch } from '../client/index.ts';
import type { Service } from '../network/index.ts';
import { findPort, isPodReady, namespaceFanOutKey, sameValue, selectedPods, serviceLabels, shouldPodBeInEndpoints, serviceOfKey, shouldSetHostname, type Pod } from './endpointutil.ts';

interface EndpointAddress { ip: string; hostname?: string; nodeName?: string; targetRef: { kind: string; namespace: string; name: string; uid: string } }
interface EndpointsPort { name?: string; port: number; protocol: string; appProtocol?: string }
interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointsPort[] }
interface Endpoints extends KubeObject { subsets?: EndpointSubset[] }

export const endpointsController = defineController({
  name: 'endpoint',
  watches: {
    services: watch<Service>(resources.services),
    pods: watch<Pod>(resources.pods, { keysFor: namespaceFanOutKey }),
    endpoints: watch<Endpoints>(resources.endpoints),
  },
  async sync(key, { listers, client, enqueueAfter }) {
    const target = serviceOfKey(key, listers.services, enqueueAfter);
    if (!target) return;
    const { namespace, name } = target;
    const svc = listers.services.get(key);
    // Without a selector, Endpoints are the user's to write (or the apiserver's, for `kubernetes`).
    if (!svc?.spec?.selector) return;
    const subsets = subsetsOf(svc, listers.pods.listNamespace(namespace));
    const current = listers.endpoints.get(key);
    const labels = serviceLabels(svc);
    const scope = { ...resources.endpoints, namespace };
    const body = { ...(subsets.length ? { subsets } : {}) };
    if (!current) {
      await client.create(scope, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, ...(Object.keys(labels).length ? { labels } : {}) }, ...body });
      return;
    }
    if (sameValue(current.subsets ?? [], subsets) && sameValue(current.metadata?.labels ?? {}, labels)) return;
    const { subsets: _old, ...rest } = current;
    try {
      await client.update(scope, { ...rest, metadata: { ...current.metadata, labels }, ...body });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
});

/** Each pod's address under each Service port it resolves, repacked: one subset per distinct port set. */
function subsetsOf(svc: Service, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = !!svc.spec?.publishNotReadyAddresses;
  const bySet = new Map<string, { ports: EndpointsPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of selectedPods(pods, svc).filter((p) => shouldPodBeInEndpoints(p, tolerateUnready))) {
    const ports: EndpointsPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port !== undefined) ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    if (!ports.length) continue;
    const address: EndpointAddress = {
      ip: pod.status!.podIP!,
      ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname! } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    };
    const set = JSON.stringify(ports);
    if (!bySet.has(set)) bySet.set(set, { ports, ready: [], notReady: [] });
    const group = bySet.get(set)!;
    (tolerateUnready || isPodReady(pod) ? group.ready : group.notReady).push(address);
  }
  // RepackSubsets sorts addresses so that the object does not change with pod order.
  const byIP = (a: EndpointAddress, b: EndpointAddress) => a.ip.localeCompare(b.ip, undefined, { numeric: true });
  return [...bySet.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIP) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIP) } : {}),
    ports: g.ports,
  }));
}
