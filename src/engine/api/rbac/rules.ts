// Models pkg/apis/rbac/v1/evaluation_helpers.go: whether one PolicyRule covers a request.
import type { AuthorizationAttributes } from '../admission.ts';

/** rbacv1.PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const ALL = '*';

// Models VerbMatches / APIGroupMatches.
const verbMatches = (r: PolicyRule, verb: string) => r.verbs.some((v) => v === ALL || v === verb);
const apiGroupMatches = (r: PolicyRule, group: string) => (r.apiGroups ?? []).some((g) => g === ALL || g === group);

// Models ResourceMatches: `*`, the exact `resource[/subresource]`, or `*/subresource`.
function resourceMatches(r: PolicyRule, combined: string, subresource: string | undefined): boolean {
  return (r.resources ?? []).some((res) => res === ALL || res === combined
    || (!!subresource && res.length === subresource.length + 2 && res.startsWith('*/') && res.endsWith(subresource)));
}

// Models ResourceNameMatches: an empty list means every name.
const resourceNameMatches = (r: PolicyRule, name: string | undefined) =>
  !r.resourceNames?.length || (!!name && r.resourceNames.includes(name));

// Models NonResourceURLMatches: exact, `*`, or a prefix ending in `*`.
const nonResourceURLMatches = (r: PolicyRule, path: string) => (r.nonResourceURLs ?? []).some((u) =>
  u === ALL || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));

// Models rbac.go RuleAllows.
export function ruleAllows(attrs: AuthorizationAttributes, r: PolicyRule): boolean {
  if (attrs.path !== undefined) return verbMatches(r, attrs.verb) && nonResourceURLMatches(r, attrs.path);
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return verbMatches(r, attrs.verb) && apiGroupMatches(r, attrs.group) && resourceMatches(r, combined, attrs.subresource)
    && resourceNameMatches(r, attrs.name);
}
