// The EndpointSlice controller: for every Service with a selector, EndpointSlices listing the
// selected pods that have an IP — their address, readiness (ready, serving, terminating),
// node, zone and pod reference — under the Service's ports with each targetPort resolved in
// the pod (a named port may resolve differently per pod, so pods are grouped by their port
// set, one slice per group). A Service that selects nothing keeps one empty placeholder slice.
// Slices are named `<service>-<random>` by the apiserver (generateName) and owned by the
// Service, so the garbage collector removes them with it.
// Models pkg/controller/endpointslice/endpointslice_controller.go (syncService) and
// staging/src/k8s.io/endpointslice/reconciler.go, utils.go (podToEndpoint, getEndpointPorts).
import { isNotFound } from '../api/index.ts';
import { defineController, resources, watch, type Client, type Lister } from '../client/index.ts';
import { SERVICE_NAME_LABEL, type Endpoint, type EndpointPort, type EndpointSlice, type Service } from '../network/index.ts';
import { findPort, isPodReady, namespaceFanOutKey, sameValue, selectedPods, serviceLabels, shouldPodBeInEndpoints, serviceOfKey, shouldSetHostname, type Pod } from './endpointutil.ts';

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export const endpointSliceController = defineController({
  name: 'endpointslice',
  watches: {
    services: watch<Service>(resources.services),
    pods: watch<Pod>(resources.pods, { keysFor: namespaceFanOutKey }),
    nodes: watch(resources.nodes, { keysFor: () => [] }),
    endpointSlices: watch<EndpointSlice>(resources.endpointslices, {
      keysFor: (s) => (s.metadata?.labels?.[MANAGED_BY_LABEL] === ENDPOINTSLICE_CONTROLLER ? [`${s.metadata?.namespace}/${s.metadata.labels[SERVICE_NAME_LABEL]}`] : []),
    }),
  },
  async sync(key, { listers, client, enqueueAfter }) {
    const target = serviceOfKey(key, listers.services, enqueueAfter);
    if (!target) return;
    const { namespace, name } = target;
    const svc = listers.services.get(key);
    // A deleted Service's slices go with it (ownerReferences); ExternalName Services and
    // Services without a selector get none from this controller.
    if (!svc || svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
    const pods = selectedPods(listers.pods.listNamespace(namespace), svc).filter((p) => shouldPodBeInEndpoints(p, true));
    const desired = desiredSlices(svc, pods, listers.nodes);
    const existing = listers.endpointSlices.listNamespace(namespace, { [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER });
    await reconcile(client, svc, desired, existing);
  },
});

interface DesiredSlice { ports: EndpointPort[] | undefined; endpoints: Endpoint[] }

/** Endpoints grouped by their resolved port set; one empty placeholder when there are none. */
function desiredSlices(svc: Service, pods: Pod[], nodes: Lister): DesiredSlice[] {
  const groups = new Map<string, DesiredSlice>();
  for (const pod of pods) {
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      // A named targetPort the pod lacks: that port is left out for this pod.
      if (port === undefined) continue;
      ports.push({ name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    const group = JSON.stringify(ports);
    if (!groups.has(group)) groups.set(group, { ports, endpoints: [] });
    groups.get(group)!.endpoints.push(podToEndpoint(pod, svc, nodes));
  }
  return groups.size ? [...groups.values()] : [{ ports: undefined, endpoints: [] }];
}

// Models utils.go podToEndpoint.
function podToEndpoint(pod: Pod, svc: Service, nodes: Lister): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const nodeName = pod.spec?.nodeName;
  const zone = nodeName ? nodes.get(nodeName)?.metadata?.labels?.[ZONE_LABEL] : undefined;
  return {
    addresses: [pod.status!.podIP!],
    conditions: { ready: !!svc.spec?.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname! } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    ...(nodeName ? { nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** Updates slices whose port set matches a desired one, creates the missing, deletes the rest. */
async function reconcile(client: Client, svc: Service, desired: DesiredSlice[], existing: EndpointSlice[]): Promise<void> {
  const namespace = svc.metadata?.namespace ?? '';
  const scope = { ...resources.endpointslices, namespace };
  const labels = { ...serviceLabels(svc), [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER, [SERVICE_NAME_LABEL]: svc.metadata?.name ?? '' };
  const unused = [...existing];
  for (const want of desired) {
    const i = unused.findIndex((s) => sameValue(s.ports ?? [], want.ports ?? []));
    const body = { addressType: 'IPv4', endpoints: want.endpoints, ...(want.ports ? { ports: want.ports } : {}) };
    if (i < 0) {
      await client.create(scope, {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: {
          generateName: `${svc.metadata?.name}-`, namespace, labels,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata?.name ?? '', uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        ...body,
      });
      continue;
    }
    const [current] = unused.splice(i, 1);
    if (sameValue(current!.endpoints ?? [], want.endpoints) && sameValue(current!.metadata?.labels, labels)) continue;
    const { ports: _ports, ...rest } = current!;
    await client.update(scope, { ...rest, metadata: { ...current!.metadata, labels }, ...body });
  }
  for (const stale of unused) {
    try {
      await client.delete(scope, stale.metadata?.name ?? '');
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
