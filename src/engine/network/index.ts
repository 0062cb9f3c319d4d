// The network room's public face (DESIGN.md, network/): the pod network, kube-proxy's Service
// routing, the cluster DNS, and the kubeadm objects they come with.
export { runClusterNetwork, KUBE_DNS_IP, type ClusterNetwork, type ClusterNetworkOptions } from './network.ts';
export { networkAddonObjects, COREDNS_USER, KUBE_PROXY_USER } from './addons.ts';
export { CLUSTER_DOMAIN } from './dns.ts';
export { SERVICE_NAME_LABEL, isHeadless, type Endpoint, type EndpointConditions, type EndpointPort, type EndpointSlice, type ObjectReference, type Service, type ServicePort } from './objects.ts';
export type { DnsQuestion, DnsRecord, DnsReply, DnsType, HttpHandler, HttpRequest, HttpResult, NetworkHook, PodNetworkAttachment } from './types.ts';
