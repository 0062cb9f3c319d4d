// Models apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go (Lifecycle.Admit):
// the immortal namespaces cannot be deleted; nothing namespaced may be created or changed in a
// namespace that does not exist, nor created in one that is being terminated.
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import { notFound } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { admissionForbidden } from './forbidden.ts';

export const NamespaceLifecycleName = 'NamespaceLifecycle';

/** The namespaces a kube-apiserver refuses to delete (its default immortal set). */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

const NAMESPACES = { group: '', resource: 'namespaces' };

// v1.NamespaceTerminatingCause: the cause type clients look for to tell this refusal apart.
const NamespaceTerminatingCause = 'NamespaceTerminating';

async function admit(attrs: AdmissionAttributes): Promise<void> {
  const isNamespace = attrs.info.group === '' && attrs.info.resource === 'namespaces';
  if (attrs.operation === 'DELETE' && isNamespace && !attrs.subresource && IMMORTAL_NAMESPACES.includes(attrs.name))
    throw admissionForbidden(attrs, 'this namespace may not be deleted');
  // Namespaces themselves and cluster-scoped objects are never held back by a namespace.
  if (!attrs.namespace || isNamespace) return;
  // Deleting what is left in a namespace is always allowed: that is how a namespace empties.
  if (attrs.operation === 'DELETE') return;
  const namespace = await attrs.reader.get(NAMESPACES.group, NAMESPACES.resource, undefined, attrs.namespace);
  if (!namespace) throw notFound(NAMESPACES, attrs.namespace);
  if (attrs.operation === 'CREATE' && phaseOf(namespace) === 'Terminating') {
    const err = admissionForbidden(attrs, `unable to create new content in namespace ${attrs.namespace} because it is being terminated`);
    (err.status.details ??= {}).causes = [{ reason: NamespaceTerminatingCause, message: `namespace ${attrs.namespace} is being terminated`, field: 'metadata.namespace' }];
    throw err;
  }
}

const phaseOf = (ns: KubeObject) => (ns.status as { phase?: string } | undefined)?.phase;

/** The NamespaceLifecycle admission plugin. */
export const NamespaceLifecycle: AdmissionPlugin = { name: NamespaceLifecycleName, admit };
