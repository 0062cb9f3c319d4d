// The roles of kube-controller-manager's controllers, each running as its own service account
// in kube-system (--use-service-account-credentials). Models plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy/controller_policy.go: `system:controller:<name>` bound to
// system:serviceaccount:kube-system:<name>.
import type { UserInfo } from '../request.ts';
import type { KubeObject } from '../types.ts';
import { clusterRole, rule } from './bootstrappolicy.ts';
import type { PolicyRule } from './rules.ts';
import { serviceAccountUser } from './rbac.ts';

const eventsRule = rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']);

const CONTROLLER_RULES: Record<string, PolicyRule[]> = {
  'endpoint-controller': [
    rule([''], ['pods', 'services'], ['get', 'list', 'watch']),
    rule([''], ['endpoints'], ['create', 'delete', 'get', 'list', 'update']),
    rule([''], ['endpoints/restricted'], ['create']),
    eventsRule,
  ],
  'endpointslice-controller': [
    rule([''], ['nodes', 'pods', 'services'], ['get', 'list', 'watch']),
    rule([''], ['services/finalizers'], ['update']),
    rule(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update']),
    eventsRule,
  ],
  'generic-garbage-collector': [rule(['*'], ['*'], ['delete', 'get', 'list', 'patch', 'update', 'watch'])],
  'namespace-controller': [
    rule([''], ['namespaces'], ['delete', 'get', 'list', 'watch']),
    rule([''], ['namespaces/finalize', 'namespaces/status'], ['update']),
    rule(['*'], ['*'], ['delete', 'deletecollection', 'get', 'list']),
  ],
  // Quota can count anything, so it may list and watch everything; it writes only quota status.
  'resourcequota-controller': [
    rule(['*'], ['*'], ['list', 'watch']),
    rule([''], ['resourcequotas/status'], ['update']),
    eventsRule,
  ],
  'service-account-controller': [rule([''], ['serviceaccounts'], ['create']), eventsRule],
  'root-ca-cert-publisher': [rule([''], ['configmaps'], ['create', 'update']), eventsRule],
};

/** The controller manager's own identity: its shared informers read everything as this user. */
export const KUBE_CONTROLLER_MANAGER: UserInfo = { username: 'system:kube-controller-manager', groups: ['system:authenticated'] };

/** The identity a controller's client uses. */
export const controllerUser = (name: string): UserInfo => serviceAccountUser('kube-system', name);

/** ClusterRoles, bindings and service accounts for the controller manager and its controllers. */
export function controllerPolicy(): KubeObject[] {
  // system:kube-controller-manager (policy.go): its informers list and watch every resource.
  const manager = 'system:kube-controller-manager';
  return [
    clusterRole({ name: manager, rules: [rule(['*'], ['*'], ['get', 'list', 'watch'])] }),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: manager, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: manager },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: manager }],
    },
    ...Object.entries(CONTROLLER_RULES).flatMap(([name, rules]) => controllerRoles(name, rules)),
  ];
}

function controllerRoles(name: string, rules: PolicyRule[]): KubeObject[] {
  return [
    clusterRole({ name: `system:controller:${name}`, rules }),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: `system:controller:${name}`, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `system:controller:${name}` },
      subjects: [{ kind: 'ServiceAccount', name, namespace: 'kube-system' }],
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } },
  ];
}
