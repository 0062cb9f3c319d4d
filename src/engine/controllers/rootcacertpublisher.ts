// The root CA certificate publisher: every namespace holds a ConfigMap `kube-root-ca.crt` with
// the cluster's CA bundle under `ca.crt`, for pods' projected service-account volumes; edits and
// deletions are put back. Models pkg/controller/certificates/rootcacertpublisher/publisher.go
// (syncNamespace): keyed by namespace, woken by namespaces and by changes to that ConfigMap.
import { isAlreadyExists, isNotFound, type KubeObject } from '../api/index.ts';
import { defineController, resources, watch } from '../client/index.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** Upstream marks the ConfigMap with this annotation (publisher.go DescriptionAnnotation). */
const DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export function rootCACertPublisher(caBundle: string) {
  const desired = { 'ca.crt': caBundle };
  return defineController({
    name: 'root-ca-cert-publisher',
    watches: {
      namespaces: watch(resources.namespaces),
      configMaps: watch(resources.configmaps, {
        options: { fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}` },
        keysFor: (cm: KubeObject) => [cm.metadata?.namespace ?? ''],
      }),
    },
    async sync(namespace, { listers, client }) {
      const ns = listers.namespaces.get(namespace);
      if (!ns || ns.metadata?.deletionTimestamp) return;
      const scope = { ...resources.configmaps, namespace };
      const current = listers.configMaps.get(`${namespace}/${ROOT_CA_CONFIGMAP}`);
      try {
        if (!current) {
          await client.create(scope, {
            apiVersion: 'v1', kind: 'ConfigMap',
            metadata: { name: ROOT_CA_CONFIGMAP, annotations: { 'kubernetes.io/description': DESCRIPTION } },
            data: desired,
          });
        } else if (JSON.stringify(current.data ?? {}) !== JSON.stringify(desired) || current.metadata?.annotations?.['kubernetes.io/description'] !== DESCRIPTION) {
          await client.update(scope, { ...current, data: desired, metadata: { ...current.metadata, annotations: { ...current.metadata?.annotations, 'kubernetes.io/description': DESCRIPTION } } });
        }
      } catch (e) {
        if (!isAlreadyExists(e) && !isNotFound(e)) throw e;
      }
    },
  });
}
