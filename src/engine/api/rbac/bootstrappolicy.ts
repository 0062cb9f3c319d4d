// Models plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (and its testdata
// cluster-roles.yaml / cluster-role-bindings.yaml): the roles and bindings a kube-apiserver
// creates at start. admin, edit and view are aggregated roles; until the clusterrole
// aggregation controller exists, their rules are filled in here as that controller leaves them
// (matched roles sorted by name, each rule once).
import type { KubeObject } from '../types.ts';
import type { PolicyRule } from './rules.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ apiGroups, resources, verbs });
const urls = (nonResourceURLs: string[], verbs: string[]): PolicyRule => ({ nonResourceURLs, verbs });

const aggregateToView: PolicyRule[] = [
  rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers',
    'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ),
  rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status',
    'resourcequotas', 'resourcequotas/status'], READ),
  rule([''], ['namespaces'], READ),
  rule(['discovery.k8s.io'], ['endpointslices'], READ),
  rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status',
    'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ),
  rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
  rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
  rule(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses',
    'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], READ),
  rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
];

const aggregateToEdit: PolicyRule[] = [
  rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
  rule([''], ['serviceaccounts'], ['impersonate']),
  rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
  rule([''], ['pods/eviction'], ['create']),
  rule([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets',
    'serviceaccounts', 'services', 'services/proxy'], WRITE),
  rule([''], ['serviceaccounts/token'], ['create']),
  rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale',
    'statefulsets', 'statefulsets/scale'], WRITE),
  rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
  rule(['batch'], ['cronjobs', 'jobs'], WRITE),
  rule(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies',
    'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], WRITE),
  rule(['policy'], ['poddisruptionbudgets'], WRITE),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  rule(['coordination.k8s.io'], ['leases'], ALL_VERBS),
];

const aggregateToAdmin: PolicyRule[] = [
  rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL_VERBS),
];

export interface RoleSpec { name: string; rules: PolicyRule[]; labels?: Record<string, string>; aggregateFrom?: string }

export function clusterRole({ name, rules, labels, aggregateFrom }: RoleSpec): KubeObject {
  return {
    apiVersion: RBAC_V1, kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    ...(aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateFrom}`]: 'true' } }] } } : {}),
    rules,
  };
}

function clusterRoleBinding(name: string, role: string, ...groups: string[]): KubeObject {
  return {
    apiVersion: RBAC_V1, kind: 'ClusterRoleBinding',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: groups.map((group) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group })),
  };
}

const view = aggregateToView;
const edit = [...aggregateToEdit, ...view];
const admin = [...edit, ...aggregateToAdmin];

/** The bootstrap ClusterRoles and ClusterRoleBindings, as plain objects for boot to create. */
export function bootstrapPolicy(): KubeObject[] {
  return [
    clusterRole({ name: 'cluster-admin', rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])] }),
    clusterRole({ name: 'admin', rules: admin, aggregateFrom: 'admin' }),
    clusterRole({ name: 'edit', rules: edit, aggregateFrom: 'edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }),
    clusterRole({ name: 'view', rules: view, aggregateFrom: 'view', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }),
    clusterRole({ name: 'system:aggregate-to-admin', rules: aggregateToAdmin, labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }),
    clusterRole({ name: 'system:aggregate-to-edit', rules: aggregateToEdit, labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }),
    clusterRole({ name: 'system:aggregate-to-view', rules: aggregateToView, labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }),
    clusterRole({ name: 'system:basic-user', rules: [
      rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
      rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ] }),
    clusterRole({ name: 'system:discovery', rules: [urls(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], ['get'])] }),
    clusterRole({ name: 'system:public-info-viewer', rules: [urls(['/healthz', '/livez', '/readyz', '/version', '/version/'], ['get'])] }),
    // kube-proxy's role (kubeadm binds its service account to it as kubeadm:node-proxier).
    clusterRole({ name: 'system:node-proxier', rules: [
      rule([''], ['endpoints', 'services'], ['list', 'watch']),
      rule([''], ['nodes'], READ),
      rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']),
      rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
    ] }),
    clusterRoleBinding('cluster-admin', 'cluster-admin', 'system:masters'),
    clusterRoleBinding('system:basic-user', 'system:basic-user', 'system:authenticated'),
    clusterRoleBinding('system:discovery', 'system:discovery', 'system:authenticated'),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', 'system:authenticated', 'system:unauthenticated'),
  ];
}
