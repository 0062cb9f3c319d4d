// Boots a cluster from a ClusterSpec: the apiserver over a store, the objects every real
// cluster starts with (its system namespaces, the `kubernetes` Service), and the controllers
// that keep them (ServiceAccounts, namespace deletion). Each component gets its own client;
// none reaches into another (DESIGN.md, the one rule).
import {
  bootstrapFlowSchemas, bootstrapPolicy, bootstrapPriorityLevels, controllerPolicy, controllerUser, createApiServer, defaultServiceCIDR, healthyComponent,
  KUBE_CONTROLLER_MANAGER, defaultAdmissionPlugins, isAlreadyExists, localAPIServices, parseApiVersion, RBACAuthorizer, rfc3339, SCHEDULER_HEALTHZ,
  systemPriorityClasses, unreachableComponent, type ApiServer, type KubeObject,
} from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { createClient, createInformerFactory, createInProcessTransport, runController, type Client, type RunningController } from '../client/index.ts';
import {
  endpointSliceController, endpointsController, garbageCollector, namespaceController, resourceQuotaController, rootCACertPublisher, runIdentityLease, runKubernetesServiceEndpoints, serviceAccountsController,
} from '../controllers/index.ts';
import { kubeletPolicy, nodeUser, runKubelet, type RunningKubelet } from '../kubelet/index.ts';
import { METRICS_SERVER_USER, metricsServerObjects, runMetricsServer } from '../metrics/index.ts';
import { COREDNS_USER, KUBE_PROXY_USER, networkAddonObjects, runClusterNetwork } from '../network/index.ts';
import { createContainerRuntime } from '../runtime/index.ts';
import type { Store } from '../store/index.ts';
import { DEFAULT_CLUSTER_SPEC, nodesOf, type ClusterSpec } from './spec.ts';

export interface Cluster {
  api: ApiServer;
  /** A cluster-admin client (what kubectl, lessons and the UI use). */
  client: Client;
  clock: Clock;
  /** Each node's kubelet, by node name. */
  kubelets: ReadonlyMap<string, RunningKubelet>;
  /** Settles when every controller's caches have synced and every node is registered. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface BootOptions {
  store: Store;
  clock: Clock;
  spec?: ClusterSpec;
  /** The cluster CA's PEM certificate, published as kube-root-ca.crt (serve passes its real one). */
  caBundle?: string;
}

/**
 * A certificate-shaped stand-in for the CA bundle of a cluster that has no TLS (the browser):
 * PEM framing around seeded bytes. It verifies nothing; `pilothouse serve` publishes its real CA.
 */
function simulatedCABundle(clock: Clock): string {
  const bytes = Array.from({ length: 600 }, () => clock.rng.int(256));
  const body = btoa(String.fromCharCode(...bytes)).replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** The namespaces a kubeadm cluster starts with. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export async function bootCluster({ store, clock, spec = DEFAULT_CLUSTER_SPEC, caBundle }: BootOptions): Promise<Cluster> {
  const kubelets = new Map<string, RunningKubelet>();
  const api = createApiServer({
    store, clock, features: spec.features,
    admission: defaultAdmissionPlugins(clock.rng, clock),
    authorizer: (reader) => new RBACAuthorizer(reader),
    // As the apiserver's KubeletClient finds a node's kubelet by the Node's address.
    kubelets: (nodeName) => kubelets.get(nodeName)?.connection,
    // What `kubectl get componentstatuses` probes. This cluster runs the controller manager's
    // controllers below but no kube-scheduler yet, so its /healthz refuses connections.
    components: [unreachableComponent('scheduler', SCHEDULER_HEALTHZ), healthyComponent('controller-manager'), healthyComponent('etcd-0')],
  });
  const transport = createInProcessTransport(api);
  const client = createClient(transport);
  const metricsServerOn = spec.addons?.metricsServer ?? true;
  await createIfMissing(api, client, [
    ...bootstrapObjects(), ...apiserverBootstrapObjects(api, rfc3339(clock.now())), ...(metricsServerOn ? metricsServerObjects(clock.now()) : []),
  ]);
  // The apiserver's own loopback identity (system:apiserver, a system:masters member).
  const apiserverClient = createClient(transport, { user: { username: 'system:apiserver', groups: ['system:masters'] } });
  const lease = runIdentityLease(apiserverClient, clock);
  const nodes = nodesOf(spec.nodePools ?? DEFAULT_CLUSTER_SPEC.nodePools ?? []);
  // The apiserver advertises the control-plane node's address (kind: 172.18.0.2).
  const apiserverEndpoints = runKubernetesServiceEndpoints(apiserverClient, clock, nodes.find((n) => n.controlPlane)?.internalIP ?? '172.18.0.2');

  // As kube-controller-manager: shared informers read as the manager itself, and each controller
  // writes as its own service account (--use-service-account-credentials), so RBAC gives each
  // exactly its bootstrap role.
  const informers = createInformerFactory(createClient(transport, { user: KUBE_CONTROLLER_MANAGER }), { clock });
  // Discovery, as the controller manager sees it: each group's preferred version.
  const preferredResources = () => api.registry.groupVersions()
    .filter((gv) => api.registry.groups().some((g) => g.group === gv.group && g.preferredVersion === gv.version))
    .flatMap((gv) => gv.resources);
  const descriptor = (r: { group: string; version: string; resource: string }) => ({ group: r.group, version: r.version, resource: r.resource });
  const namespaced = () => preferredResources().filter((r) => r.namespaced && r.verbs.includes('deletecollection')).map(descriptor);
  const collectable = preferredResources().filter((r) => ['list', 'watch', 'delete'].every((v) => r.verbs.includes(v as 'list'))).map(descriptor);
  const resolveKind = (apiVersion: string, kind: string) => {
    const parsed = parseApiVersion(apiVersion);
    const info = parsed.ok ? api.registry.lookupKind(parsed.value.group, parsed.value.version, kind) : undefined;
    return info ? { resource: descriptor(info), namespaced: info.namespaced } : undefined;
  };
  const run = <W extends Parameters<typeof runController>[0]>(name: string, def: W) =>
    runController(def, { client: createClient(transport, { user: controllerUser(name) }), informers, clock });
  const controllers: RunningController[] = [
    run('service-account-controller', serviceAccountsController),
    run('namespace-controller', namespaceController({ namespacedResources: namespaced })),
    run('resourcequota-controller', resourceQuotaController),
    run('root-ca-cert-publisher', rootCACertPublisher(caBundle ?? simulatedCABundle(clock))),
    run('generic-garbage-collector', garbageCollector({ resources: collectable, resolveKind })),
    run('endpointslice-controller', endpointSliceController),
    run('endpoint-controller', endpointsController),
  ];
  // CoreDNS and kube-proxy, reading as their service accounts; the runtimes' containers reach
  // the cluster through them, and plug their sandboxes into its pod network.
  const network = runClusterNetwork({
    dnsClient: createClient(transport, { user: COREDNS_USER }),
    proxyClient: createClient(transport, { user: KUBE_PROXY_USER }),
    clock, nodeIPs: nodes.map((n) => n.internalIP),
  });
  // One kubelet per node, each with its own runtime (containerd) and its node's identity.
  for (const node of nodes) {
    kubelets.set(node.name, runKubelet({
      client: createClient(transport, { user: nodeUser(node.name) }), clock, node,
      runtime: createContainerRuntime({ clock, network: network.hook, podNetwork: network.attachment }),
    }));
  }
  // metrics-server (an add-on, simulated like CoreDNS): scrapes the kubelets and is served
  // through the aggregator as its APIService says.
  const metricsServer = metricsServerOn
    ? runMetricsServer({ client: createClient(transport, { user: METRICS_SERVER_USER }), clock, kubelets: (name) => kubelets.get(name)?.connection })
    : undefined;
  const unregisterMetrics = metricsServer ? api.registerAPIService(metricsServer.api) : undefined;
  return {
    api, client, clock, kubelets,
    ready: Promise.all([
      lease.ready, apiserverEndpoints.ready, network.ready, ...controllers.map((c) => c.ready), ...[...kubelets.values()].map((k) => k.ready), metricsServer?.ready,
    ]).then(() => undefined),
    async stop() {
      unregisterMetrics?.();
      metricsServer?.stop();
      await Promise.all([...kubelets.values()].map((k) => k.stop()));
      lease.stop();
      apiserverEndpoints.stop();
      network.stop();
      await Promise.all(controllers.map((c) => c.stop()));
      informers.stop();
    },
  };
}

/** What kube-apiserver's post-start hooks create (namespaces, its Service, RBAC policy, system priority classes), then kubeadm's network addons. */
function bootstrapObjects(): KubeObject[] {
  return [
    ...SYSTEM_NAMESPACES.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    // The apiserver's own Service (pkg/controlplane/controller/kubernetesservice).
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
    },
    ...bootstrapPolicy(),
    ...controllerPolicy(),
    ...kubeletPolicy(),
    ...systemPriorityClasses(),
    ...networkAddonObjects(),
  ];
}

/**
 * What the apiserver's own controllers create as it starts, with the status they then write:
 * kube-aggregator's local APIServices, APF's bootstrap configuration, the default ServiceCIDR.
 */
function apiserverBootstrapObjects(api: ApiServer, now: string): KubeObject[] {
  return [...localAPIServices(api.registry, now), ...bootstrapPriorityLevels(), ...bootstrapFlowSchemas(now), defaultServiceCIDR(now)];
}

// A bootstrap object with a status is created, then its status written through the status
// subresource, as the controller that owns it does (create drops status).
async function createIfMissing(api: ApiServer, client: Client, objects: KubeObject[]): Promise<void> {
  for (const object of objects) {
    const parsed = parseApiVersion(object.apiVersion ?? '');
    if (!parsed.ok) throw new TypeError(parsed.message);
    const { group, version } = parsed.value;
    const info = api.registry.lookupKind(group, version, object.kind ?? '');
    if (!info) throw new TypeError(`bootstrap object of unserved kind ${object.apiVersion}/${object.kind}`);
    const namespace = info.namespaced ? object.metadata?.namespace : undefined;
    const scope = { group, version, resource: info.resource, ...(namespace ? { namespace } : {}) };
    try {
      const created = await client.create(scope, object);
      if (object.status) await client.updateStatus(scope, { ...created, status: object.status });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
