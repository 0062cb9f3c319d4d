// How kubelets are authorized. A real cluster authorizes them with the Node authorizer
// (plugin/pkg/auth/authorizer/node: a node may read only what its own pods reference) and
// limits their writes with the NodeRestriction admission plugin; RBAC's `system:node`
// ClusterRole exists but its binding has no subjects. Pilothouse has neither the Node
// authorizer nor NodeRestriction yet, so it binds `system:node` to the group `system:nodes`:
// each kubelet gets exactly the verbs upstream's NodeRules grant, but on every node's objects
// rather than only its own.
import type { KubeObject, UserInfo } from '../api/index.ts';

const READ = ['get', 'list', 'watch'];
const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });

/** The user a kubelet's client certificate names (kubeadm: CN=system:node:NODE, O=system:nodes). */
export const nodeUser = (nodeName: string): UserInfo => ({ username: `system:node:${nodeName}`, groups: ['system:nodes', 'system:authenticated'] });

/** plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go NodeRules, and the binding above. */
export function kubeletPolicy(): KubeObject[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'system:node', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      rules: [
        rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
        rule(['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews'], ['create']),
        rule([''], ['services'], READ),
        rule([''], ['nodes'], ['create', 'get', 'list', 'watch']),
        rule([''], ['nodes/status'], ['patch', 'update']),
        rule([''], ['nodes'], ['patch', 'update']),
        rule([''], ['events'], ['create', 'patch', 'update']),
        rule([''], ['pods'], READ),
        rule([''], ['pods'], ['create', 'delete']),
        rule([''], ['pods/status'], ['patch', 'update']),
        rule([''], ['pods/eviction'], ['create']),
        rule([''], ['configmaps', 'secrets'], READ),
        rule([''], ['persistentvolumeclaims', 'persistentvolumes'], ['get']),
        rule([''], ['endpoints'], ['get']),
        rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch']),
        rule(['coordination.k8s.io'], ['leases'], ['create', 'delete', 'get', 'patch', 'update']),
        rule(['storage.k8s.io'], ['volumeattachments'], ['get']),
        rule([''], ['serviceaccounts/token'], ['create']),
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: 'system:node', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:nodes' }],
    },
  ];
}
