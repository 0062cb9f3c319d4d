// The pod sandbox's config: its hostname and the files the kubelet manages for every container
// of the pod. /etc/hosts as pkg/kubelet/kubelet_pods.go managedHostsFileContent writes it,
// /etc/resolv.conf for dnsPolicy ClusterFirst as pkg/kubelet/network/dns/dns.go builds it
// (kube-dns at 10.96.0.10, the cluster.local search path, ndots:5).
import type { PodSandboxConfig } from '../runtime/index.ts';
import type { Pod } from './pod.ts';

export const CLUSTER_DNS = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

const HOSTS_HEADER = `# Kubernetes-managed hosts file.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
`;

export function hostsFile(pod: Pod, hostname: string, podIP: string): string {
  const subdomain = (pod.spec as { subdomain?: string } | undefined)?.subdomain;
  const namespace = pod.metadata?.namespace ?? 'default';
  const own = subdomain
    ? `${podIP}\t${hostname}.${subdomain}.${namespace}.svc.${CLUSTER_DOMAIN}\t${hostname}\n`
    : `${podIP}\t${hostname}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  const extra = aliases.length
    ? `\n# Entries added by HostAliases.\n${aliases.map((a) => `${a.ip}\t${a.hostnames.join('\t')}\n`).join('')}`
    : '';
  return HOSTS_HEADER + own + extra;
}

export function resolvConf(namespace: string): string {
  return `search ${namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`;
}

export function sandboxConfig(pod: Pod, podIP: string): PodSandboxConfig {
  const hostname = (pod.spec?.hostname ?? pod.metadata?.name ?? '').slice(0, 63);
  const namespace = pod.metadata?.namespace ?? 'default';
  return {
    podUid: pod.metadata?.uid ?? '', podName: pod.metadata?.name ?? '', namespace, hostname, ip: podIP,
    files: {
      '/etc/hosts': hostsFile(pod, hostname, podIP),
      '/etc/resolv.conf': resolvConf(namespace),
      '/etc/hostname': `${hostname}\n`,
    },
  };
}
