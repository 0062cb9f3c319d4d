// Deprecated APIs warn on every request (apiserver/pkg/endpoints/deprecation: the types'
// prerelease-lifecycle-gen tags, worded as WarningMessage does: "<version> <Kind> is deprecated
// in v<major>.<minor>+[; use <group>/<version> <Kind>]"). kubectl prints each as `Warning: ...`.
import type { ResourceInfo } from './registry.ts';

const DEPRECATED: Record<string, string> = {
  // core/v1 ComponentStatus: deprecated=1.19.
  'v1/componentstatuses': 'v1 ComponentStatus is deprecated in v1.19+',
  // core/v1 Endpoints: deprecated=1.33, replacement=discovery.k8s.io,v1,EndpointSlice (KEP-4974).
  'v1/endpoints': 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
};

/** The warning every request to this resource carries, if its API is deprecated. */
export function deprecationWarning(info: ResourceInfo): string | undefined {
  return DEPRECATED[`${info.group ? `${info.group}/` : ''}${info.version}/${info.resource}`];
}
