// What metrics-server's release manifest (components.yaml, v0.8) creates: its service account,
// the aggregated reader role that view/edit/admin pick up, its own role and bindings, the
// Service the APIService points at, and the APIService v1beta1.metrics.k8s.io. The manifest's
// Deployment is left out: metrics-server here is a simulated cluster component, not a pod.
import { rfc3339, serviceAccountUser, type KubeObject } from '../api/index.ts';

const RBAC = 'rbac.authorization.k8s.io';
const LABELS = { 'k8s-app': 'metrics-server' };
const NAMESPACE = 'kube-system';

/** The identity metrics-server reads nodes and pods as. */
export const METRICS_SERVER_USER = serviceAccountUser(NAMESPACE, 'metrics-server');

/** The group-version metrics-server serves (k8s.io/metrics pkg/apis/metrics/v1beta1). */
export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';

const subject = { kind: 'ServiceAccount', name: 'metrics-server', namespace: NAMESPACE };

/** The manifest's objects; the APIService carries the Available status the aggregator writes (`now`: RFC 3339). */
export function metricsServerObjects(nowMs: number): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: NAMESPACE, labels: { ...LABELS } } },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRole',
      metadata: {
        name: 'system:aggregated-metrics-reader',
        labels: {
          ...LABELS,
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        },
      },
      rules: [{ apiGroups: [METRICS_GROUP], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'system:metrics-server', labels: { ...LABELS } },
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'metrics-server-auth-reader', namespace: NAMESPACE, labels: { ...LABELS } },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'extension-apiserver-authentication-reader' }, subjects: [{ ...subject }],
    },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'metrics-server:system:auth-delegator', labels: { ...LABELS } },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'system:auth-delegator' }, subjects: [{ ...subject }],
    },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'system:metrics-server', labels: { ...LABELS } },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'system:metrics-server' }, subjects: [{ ...subject }],
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'metrics-server', namespace: NAMESPACE, labels: { ...LABELS } },
      spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }], selector: { ...LABELS } },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: `${METRICS_VERSION}.${METRICS_GROUP}`, labels: { ...LABELS } },
      spec: {
        group: METRICS_GROUP, groupPriorityMinimum: 100, insecureSkipTLSVerify: true,
        service: { name: 'metrics-server', namespace: NAMESPACE, port: 443 }, version: METRICS_VERSION, versionPriority: 100,
      },
      status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: rfc3339(nowMs), reason: 'Passed', message: 'all checks passed' }] },
    },
  ];
}
