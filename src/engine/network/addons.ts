// The objects kubeadm's addon phase creates for cluster networking (cmd/kubeadm/app/phases/
// addons/dns/manifests.go and addons/proxy): CoreDNS's service account, its ClusterRole and
// binding, and the kube-dns Service at 10.96.0.10; kube-proxy's service account bound to
// system:node-proxier. No CoreDNS or kube-proxy pods run yet: this room answers in their
// place, reading the API as their service accounts.
import { serviceAccountUser, type KubeObject } from '../api/index.ts';
import { KUBE_DNS_IP } from './network.ts';

const RBAC = 'rbac.authorization.k8s.io';

/** The identities CoreDNS and kube-proxy read the API as. */
export const COREDNS_USER = serviceAccountUser('kube-system', 'coredns');
export const KUBE_PROXY_USER = serviceAccountUser('kube-system', 'kube-proxy');

const serviceAccount = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } });

const bindServiceAccount = (name: string, role: string, account: string): KubeObject => ({
  apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
  subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'kube-system' }],
});

/** What `kubeadm init` adds for DNS and kube-proxy. */
export function networkAddonObjects(): KubeObject[] {
  return [
    serviceAccount('coredns'),
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'system:coredns' },
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      ],
    },
    bindServiceAccount('system:coredns', 'system:coredns', 'coredns'),
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: {
        name: 'kube-dns', namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: KUBE_DNS_IP,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
      },
    },
    serviceAccount('kube-proxy'),
    bindServiceAccount('kubeadm:node-proxier', 'system:node-proxier', 'kube-proxy'),
  ];
}
