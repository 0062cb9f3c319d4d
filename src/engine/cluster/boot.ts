// Boots a cluster from a ClusterSpec: the apiserver over a store, the objects every real
// cluster starts with (its system namespaces, the `kubernetes` Service), and the controllers
// that keep them (ServiceAccounts, namespace deletion). Each component gets its own client;
// none reaches into another (DESIGN.md, the one rule).
import { createApiServer, isAlreadyExists, type ApiServer, type KubeObject } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { createClient, createInformerFactory, createInProcessTransport, resources, runController, type Client, type ResourceScope, type RunningController } from '../client/index.ts';
import { namespaceController, serviceAccountsController } from '../controllers/index.ts';
import type { Store } from '../store/index.ts';
import { DEFAULT_CLUSTER_SPEC, type ClusterSpec } from './spec.ts';

export interface Cluster {
  api: ApiServer;
  /** A cluster-admin client (what kubectl, lessons and the UI use). */
  client: Client;
  clock: Clock;
  /** Settles when every controller's caches have synced. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface BootOptions {
  store: Store;
  clock: Clock;
  spec?: ClusterSpec;
}

/** The namespaces a kubeadm cluster starts with. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export async function bootCluster({ store, clock, spec = DEFAULT_CLUSTER_SPEC }: BootOptions): Promise<Cluster> {
  const api = createApiServer({ store, clock, features: spec.features });
  const transport = createInProcessTransport(api);
  const client = createClient(transport);
  await createIfMissing(client, bootstrapObjects());

  const controllerClient = createClient(transport, { user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] } });
  const informers = createInformerFactory(controllerClient, { clock });
  const namespaced = () => api.registry.groupVersions()
    .filter((gv) => api.registry.groups().some((g) => g.group === gv.group && g.preferredVersion === gv.version))
    .flatMap((gv) => gv.resources.filter((r) => r.namespaced && r.verbs.includes('deletecollection')))
    .map((r) => ({ group: r.group, version: r.version, resource: r.resource }));
  const controllers: RunningController[] = [
    runController(serviceAccountsController, { client: controllerClient, informers, clock }),
    runController(namespaceController({ namespacedResources: namespaced }), { client: controllerClient, informers, clock }),
  ];
  return {
    api, client, clock,
    ready: Promise.all(controllers.map((c) => c.ready)).then(() => undefined),
    async stop() {
      await Promise.all(controllers.map((c) => c.stop()));
      informers.stop();
    },
  };
}

interface BootstrapObject { scope: ResourceScope; object: KubeObject }

function bootstrapObjects(): BootstrapObject[] {
  return [
    ...SYSTEM_NAMESPACES.map((name) => ({ scope: resources.namespaces, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })),
    // The apiserver's own Service (pkg/controlplane/controller/kubernetesservice).
    { scope: { ...resources.services, namespace: 'default' }, object: {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
    } },
  ];
}

async function createIfMissing(client: Client, objects: BootstrapObject[]): Promise<void> {
  for (const { scope, object } of objects) {
    try {
      await client.create(scope, object);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
