// Resource descriptors: how the client addresses a collection, as client-go's
// schema.GroupVersionResource. The constants spare callers from spelling group/version/plural.

/** A group/version/resource, as schema.GroupVersionResource. `group` is '' for the core group. */
export interface ResourceDescriptor {
  readonly group: string;
  readonly version: string;
  /** The plural resource name: `pods`, `deployments`. */
  readonly resource: string;
}

/** A resource, optionally within one namespace: `{ ...resources.pods, namespace: 'default' }`. */
export interface ResourceScope extends ResourceDescriptor {
  readonly namespace?: string;
}

const gvr = (group: string, version: string, resource: string): ResourceDescriptor =>
  Object.freeze({ group, version, resource });

/** The built-in resources the components use, at their preferred versions in v1.33. */
export const resources = Object.freeze({
  namespaces: gvr('', 'v1', 'namespaces'),
  pods: gvr('', 'v1', 'pods'),
  nodes: gvr('', 'v1', 'nodes'),
  services: gvr('', 'v1', 'services'),
  endpoints: gvr('', 'v1', 'endpoints'),
  configmaps: gvr('', 'v1', 'configmaps'),
  secrets: gvr('', 'v1', 'secrets'),
  serviceaccounts: gvr('', 'v1', 'serviceaccounts'),
  events: gvr('', 'v1', 'events'),
  persistentvolumes: gvr('', 'v1', 'persistentvolumes'),
  persistentvolumeclaims: gvr('', 'v1', 'persistentvolumeclaims'),
  resourcequotas: gvr('', 'v1', 'resourcequotas'),
  limitranges: gvr('', 'v1', 'limitranges'),
  replicationcontrollers: gvr('', 'v1', 'replicationcontrollers'),
  deployments: gvr('apps', 'v1', 'deployments'),
  replicasets: gvr('apps', 'v1', 'replicasets'),
  statefulsets: gvr('apps', 'v1', 'statefulsets'),
  daemonsets: gvr('apps', 'v1', 'daemonsets'),
  controllerrevisions: gvr('apps', 'v1', 'controllerrevisions'),
  jobs: gvr('batch', 'v1', 'jobs'),
  cronjobs: gvr('batch', 'v1', 'cronjobs'),
  horizontalpodautoscalers: gvr('autoscaling', 'v2', 'horizontalpodautoscalers'),
  endpointslices: gvr('discovery.k8s.io', 'v1', 'endpointslices'),
  eventsV1: gvr('events.k8s.io', 'v1', 'events'),
  leases: gvr('coordination.k8s.io', 'v1', 'leases'),
  ingresses: gvr('networking.k8s.io', 'v1', 'ingresses'),
  ingressclasses: gvr('networking.k8s.io', 'v1', 'ingressclasses'),
  networkpolicies: gvr('networking.k8s.io', 'v1', 'networkpolicies'),
  poddisruptionbudgets: gvr('policy', 'v1', 'poddisruptionbudgets'),
  priorityclasses: gvr('scheduling.k8s.io', 'v1', 'priorityclasses'),
  storageclasses: gvr('storage.k8s.io', 'v1', 'storageclasses'),
  roles: gvr('rbac.authorization.k8s.io', 'v1', 'roles'),
  rolebindings: gvr('rbac.authorization.k8s.io', 'v1', 'rolebindings'),
  clusterroles: gvr('rbac.authorization.k8s.io', 'v1', 'clusterroles'),
  clusterrolebindings: gvr('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings'),
  customresourcedefinitions: gvr('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'),
});

/** `pods.v1`, `deployments.v1.apps`: a descriptor as one string, to name and share informers. */
export const resourceString = (r: ResourceDescriptor) => (r.group ? `${r.resource}.${r.version}.${r.group}` : `${r.resource}.${r.version}`);
