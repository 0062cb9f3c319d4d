// Test support: an apiserver (RBAC on, the default admission chain) over a memory store, the
// objects a kubelet expects (namespaces, the default ServiceAccount, kube-root-ca.crt, the
// `kubernetes` Service, RBAC's roles including system:node) and one kubelet on a real runtime,
// acting as system:node:node-1. The cluster room boots the same thing for real; the kubelet
// room may not import it (rooms point down).
import {
  bootstrapPolicy, createApiServer, defaultAdmissionPlugins, RBACAuthorizer, type KubeObject,
} from '../../api/index.ts';
import { VirtualClock } from '../../clock/index.ts';
import { createClient, createInProcessTransport, resources } from '../../client/index.ts';
import { createContainerRuntime } from '../../runtime/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { runKubelet } from '../kubelet.ts';
import type { NodeConfig } from '../node.ts';
import type { Pod } from '../pod.ts';
import { kubeletPolicy, nodeUser } from '../policy.ts';
import { NODE_PRESETS } from '../presets.ts';

export const NODE: NodeConfig = { name: 'node-1', preset: NODE_PRESETS['cpu-only'], podCIDR: '10.244.1.0/24', internalIP: '172.18.0.3' };

const SETUP: KubeObject[] = [
  ...['default', 'kube-node-lease', 'kube-system'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } },
  {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  },
];

const scopeOf = (o: KubeObject) => {
  const [group, version] = o.apiVersion!.includes('/') ? o.apiVersion!.split('/') as [string, string] : ['', o.apiVersion!];
  const resource = o.kind === 'PriorityClass' ? 'priorityclasses' : `${o.kind!.toLowerCase()}s`;
  return { group, version, resource, ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}) };
};

export async function startKubelet(node: NodeConfig = NODE, seed = 7) {
  const clock = new VirtualClock({ seed });
  const api = createApiServer({
    store: createMemoryStore({ clock }), clock,
    admission: defaultAdmissionPlugins(clock.rng, clock),
    authorizer: (reader) => new RBACAuthorizer(reader),
  });
  const transport = createInProcessTransport(api);
  const admin = createClient(transport);
  for (const o of [...SETUP, ...bootstrapPolicy(), ...kubeletPolicy()]) {
    await admin.create(scopeOf(o), o).catch(() => undefined);
  }
  const errors: unknown[] = [];
  const runtime = createContainerRuntime({ clock });
  const kubelet = runKubelet({ client: createClient(transport, { user: nodeUser(node.name) }), clock, node, runtime, onError: (e) => errors.push(e) });
  await clock.advanceAsync(0);
  await kubelet.ready;

  const pods = { ...resources.pods, namespace: 'default' };
  /** Moves virtual time and lets every write it causes land. */
  const advance = async (ms: number) => {
    await clock.advanceAsync(ms);
    await kubelet.settled();
    await clock.advanceAsync(0);
  };
  const pod = (name: string) => admin.get<Pod>(pods, name);
  const events = async (name: string) => (await admin.list({ ...resources.events, namespace: 'default' })).items
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}${(e.count as number) > 1 ? ` (x${e.count as number})` : ''}`);
  const create = (name: string, containers: Record<string, unknown>[], spec: Record<string, unknown> = {}) =>
    admin.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node.name, containers, ...spec } });
  return { clock, api, admin, kubelet, runtime, errors, pods, advance, pod, events, create };
}
