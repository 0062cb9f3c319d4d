// The apiserver's own endpoints: the `kubernetes` Service has no selector, so no controller
// fills it; each kube-apiserver writes its advertise address into the Endpoints and the
// EndpointSlice named `kubernetes` in `default`, and checks them again every 10 s.
// Models pkg/controlplane/controller/kubernetesservice/controller.go (RunKubernetesService)
// and pkg/controlplane/reconcilers (lease reconciler, endpointsadapter.go).
import { isAlreadyExists, isNotFound, type KubeObject } from '../api/index.ts';
import type { Client } from '../client/index.ts';
import { resources } from '../client/index.ts';
import type { Clock, TimerHandle } from '../clock/index.ts';

export const ENDPOINT_INTERVAL_MS = 10_000;

export interface ApiServerEndpoints {
  readonly ready: Promise<void>;
  stop(): void;
}

/** Keeps `default/kubernetes` Endpoints and EndpointSlice pointing at address:port (the apiserver's --advertise-address, --secure-port). */
export function runKubernetesServiceEndpoints(client: Client, clock: Clock, address: string, port = 6443): ApiServerEndpoints {
  const ports = [{ name: 'https', port, protocol: 'TCP' }];
  const endpoints: KubeObject = {
    apiVersion: 'v1', kind: 'Endpoints',
    // The mirroring controller must not copy this one: the apiserver writes its slice itself.
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: address }], ports }],
  };
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports,
  } as KubeObject;
  const ensure = async (resource: typeof resources.endpoints, want: KubeObject, field: 'subsets' | 'endpoints') => {
    const scope = { ...resource, namespace: 'default' };
    try {
      const current = await client.get(scope, 'kubernetes');
      if (JSON.stringify(current[field]) === JSON.stringify(want[field])) return;
      await client.update(scope, { ...current, ...want, metadata: { ...current.metadata, labels: want.metadata?.labels } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      try {
        await client.create(scope, want);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
    }
  };
  const reconcile = async () => {
    await ensure(resources.endpoints, endpoints, 'subsets');
    await ensure(resources.endpointslices, slice, 'endpoints');
  };
  let timer: TimerHandle | undefined;
  const ready = reconcile().then(() => {
    // A failed pass is retried at the next interval, as the controller's loop does.
    timer = clock.every(ENDPOINT_INTERVAL_MS, () => void reconcile().catch(() => undefined));
  });
  return { ready, stop: () => clock.cancel(timer) };
}
