// `pilothouse serve`'s public face: serve a booted cluster's apiserver over real Kubernetes HTTPS.
export { startServer, type ServeOptions, type ServedCluster } from './server.ts';
export { kubeconfigYaml, buildKubeconfig, CONTEXT_NAME, type KubeconfigInput } from './kubeconfig.ts';
export { SERVER_VERSION } from './version.ts';
export { openFileBackend } from './filebackend.ts';
export { generateServingCertificates, type ServingCertificates } from './tls.ts';
