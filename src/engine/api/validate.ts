// Validation every object gets, whatever its kind: its ObjectMeta (ValidateObjectMeta on
// create, ValidateObjectMetaUpdate on update), with the name rule its kind uses.
import type { FieldError } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import type { KubeObject } from './types.ts';
import { newPath } from './validation/field.ts';
import {
  nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate, type ValidateNameFunc,
} from './validation/objectmeta.ts';

// Upstream path segment rule (path.ValidatePathSegmentName): applies to every name.
function pathSegmentErrors(name: string, prefix: boolean): string[] {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  for (const bad of ['/', '%']) if (name.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

// Kinds whose names must be DNS labels rather than subdomains (their validation.go's ValidateXName).
const NAME_RULES: Record<string, ValidateNameFunc> = {
  '/namespaces': nameIsDNSLabel,
  '/services': nameIsDNS1035Label,
  // RBAC objects only need to be valid path segments (rbac validation.go ValidateRBACName).
  'rbac.authorization.k8s.io/roles': pathSegmentErrors,
  'rbac.authorization.k8s.io/clusterroles': pathSegmentErrors,
  'rbac.authorization.k8s.io/rolebindings': pathSegmentErrors,
  'rbac.authorization.k8s.io/clusterrolebindings': pathSegmentErrors,
  // kube-aggregator's ValidateAPIService: a path segment (so the core group's `v1.` is valid);
  // upstream further requires the name to equal spec.version + "." + spec.group, not checked here.
  'apiregistration.k8s.io/apiservices': pathSegmentErrors,
};

export function validateCommon(info: ResourceInfo, obj: KubeObject, old?: KubeObject): FieldError[] {
  const meta = obj.metadata ?? {};
  const path = newPath('metadata');
  if (old) return validateObjectMetaUpdate(meta, old.metadata ?? {}, path);
  const rule = NAME_RULES[`${info.group}/${info.resource}`] ?? (info.custom ? pathSegmentErrors : nameIsDNSSubdomain);
  return validateObjectMeta(meta, info.namespaced, rule, path);
}
