// The kubeconfig a client needs to reach the served cluster (k8s.io/client-go/tools/clientcmd/api/v1
// Config): the server URL with the CA that signed its certificate, and a bearer token.
import { stringify } from 'yaml';

/** The name used for the cluster, the user's context and the current context. */
export const CONTEXT_NAME = 'pilothouse';

export interface KubeconfigInput {
  server: string;
  caCert: string;
  token: string;
  /** The user's name in the file; the cluster's authentication decides who the token really is. */
  userName?: string;
  namespace?: string;
}

/** A clientcmd v1 Config, as kubectl and @kubernetes/client-node read it. */
export function buildKubeconfig({ server, caCert, token, userName = 'kubernetes-admin', namespace }: KubeconfigInput) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') } }],
    users: [{ name: userName, user: { token } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: userName, ...(namespace ? { namespace } : {}) } }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  };
}

/** The kubeconfig as the YAML file kubectl reads. */
export function kubeconfigYaml(input: KubeconfigInput): string {
  return stringify(buildKubeconfig(input));
}
