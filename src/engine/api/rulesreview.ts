// SelfSubjectRulesReview: "what may I do in this namespace?" — a virtual resource, never stored,
// that needs no name. A create returns the requester's rules from the authorizer's rule resolver
// (`kubectl auth can-i --list`). The answer carries only a status: the spec is not echoed.
// Models pkg/registry/authorization/selfsubjectrulesreview/rest.go (Create, getResourceRules,
// getNonResourceRules) and apiserver's authorizerfactory alwaysAllowAuthorizer.RulesFor.
import type { Authorizer, NonResourceRuleInfo, ResourceRuleInfo, RuleResolution } from './admission.ts';
import { badRequest } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './request.ts';

const GROUP = 'authorization.k8s.io';

/** Whether the request is a SelfSubjectRulesReview. */
export const isRulesReview = (info: ResourceInfo) => info.group === GROUP && info.resource === 'selfsubjectrulesreviews';

// Without an authorizer the server allows everything, and says so in rules.
const ALWAYS_ALLOW: RuleResolution = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
  incomplete: false,
};

// An authorizer that cannot enumerate rules says nothing, and that the list may be incomplete.
const UNRESOLVABLE: RuleResolution = { resourceRules: [], nonResourceRules: [], incomplete: true };

// authorizationv1.ResourceRule / NonResourceRule: every list but verbs is omitempty.
const nonEmpty = <K extends string>(key: K, list: string[] | undefined) => (list?.length ? { [key]: list } as Record<K, string[]> : {});
const resourceRule = (r: ResourceRuleInfo) => ({ verbs: r.verbs, ...nonEmpty('apiGroups', r.apiGroups), ...nonEmpty('resources', r.resources), ...nonEmpty('resourceNames', r.resourceNames) });
const nonResourceRule = (r: NonResourceRuleInfo) => ({ verbs: r.verbs, ...nonEmpty('nonResourceURLs', r.nonResourceURLs) });

/** Answers a SelfSubjectRulesReview for `requester` with `authorizer`'s rules (absent: AlwaysAllow). */
export async function serveRulesReview(authorizer: Authorizer | undefined, info: ResourceInfo, req: ApiRequest, requester: UserInfo): Promise<ApiResponse> {
  if (req.verb !== 'create') throw badRequest(`${info.resource} supports only create`);
  const spec = ((req.body ?? {}) as { spec?: { namespace?: string } }).spec ?? {};
  const namespace = spec.namespace ?? '';
  if (namespace === '') throw badRequest('no namespace on request');
  const rules = !authorizer ? ALWAYS_ALLOW : authorizer.rulesFor ? await authorizer.rulesFor(requester, namespace) : UNRESOLVABLE;
  return {
    code: 201,
    body: {
      kind: 'SelfSubjectRulesReview', apiVersion: `${GROUP}/${info.version}`, metadata: { creationTimestamp: null }, spec: {},
      status: {
        resourceRules: rules.resourceRules.map(resourceRule), nonResourceRules: rules.nonResourceRules.map(nonResourceRule),
        incomplete: rules.incomplete, ...(rules.evaluationError ? { evaluationError: rules.evaluationError } : {}),
      },
    },
  };
}
