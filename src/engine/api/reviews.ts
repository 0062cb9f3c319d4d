// The access reviews of authorization.k8s.io: virtual resources that are never stored. A create
// asks the apiserver's authorizer one question and returns the review with its answer in status
// (`kubectl auth can-i` is a SelfSubjectAccessReview; `can-i --list` a SelfSubjectRulesReview, rulesreview.ts).
// Models pkg/registry/authorization/{selfsubjectaccessreview,subjectaccessreview,localsubjectaccessreview}/rest.go,
// pkg/registry/authorization/util/helpers.go (ResourceAttributesFrom, NonResourceAttributesFrom) and
// pkg/apis/authorization/validation/validation.go.
import type { AuthorizationAttributes, Authorizer } from './admission.ts';
import { badRequest, invalid } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import { isRulesReview, serveRulesReview } from './rulesreview.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './request.ts';
import type { KubeObject } from './types.ts';
import * as field from './validation/field.ts';

const GROUP = 'authorization.k8s.io';
const REVIEWS = new Set(['selfsubjectaccessreviews', 'subjectaccessreviews', 'localsubjectaccessreviews']);

interface ResourceAttributes { namespace?: string; verb?: string; group?: string; version?: string; resource?: string; subresource?: string; name?: string }
interface NonResourceAttributes { path?: string; verb?: string }
interface ReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
}
type Review = KubeObject & { spec?: ReviewSpec };

/** Whether the request creates one of the access reviews served here (or a rules review, rulesreview.ts). */
export const isAccessReview = (info: ResourceInfo) => (info.group === GROUP && REVIEWS.has(info.resource)) || isRulesReview(info);

/** Answers an access review with `authorizer` (absent: AlwaysAllow), as the REST storage's Create. */
export async function serveAccessReview(authorizer: Authorizer | undefined, info: ResourceInfo, req: ApiRequest, requester: UserInfo): Promise<ApiResponse> {
  if (isRulesReview(info)) return serveRulesReview(authorizer, info, req, requester);
  if (req.verb !== 'create') throw badRequest(`${info.resource} supports only create`);
  const review = (req.body ?? {}) as Review;
  const spec = review.spec ?? {};
  const specPath = field.newPath('spec');
  const errs: field.FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(field.invalid(specPath.child('nonResourceAttributes'), null, 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(field.invalid(specPath.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  if (info.resource === 'subjectaccessreviews' || info.resource === 'localsubjectaccessreviews') {
    if (!spec.user && !(spec.groups ?? []).length) errs.push(field.invalid(specPath.child('user'), spec.user ?? '', 'at least one of user or group must be specified'));
  }
  if (info.resource === 'localsubjectaccessreviews' && spec.resourceAttributes && spec.resourceAttributes.namespace !== req.namespace) {
    errs.push(field.invalid(specPath.child('resourceAttributes', 'namespace'), spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  if (errs.length) throw invalid({ group: GROUP, kind: review.kind ?? info.kind }, review.metadata?.name ?? '', errs);

  // A self review asks about the requester; the others about the user named in the spec.
  const user: UserInfo = info.resource === 'selfsubjectaccessreviews'
    ? requester
    : { username: spec.user ?? '', groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}) };
  const r = spec.resourceAttributes;
  const attrs: AuthorizationAttributes = r
    ? {
      user, verb: r.verb ?? '', group: r.group ?? '', version: r.version ?? '', resource: r.resource ?? '',
      ...(r.subresource ? { subresource: r.subresource } : {}), ...(r.namespace ? { namespace: r.namespace } : {}), ...(r.name ? { name: r.name } : {}),
    }
    : { user, verb: spec.nonResourceAttributes?.verb ?? '', group: '', version: '', resource: '', path: spec.nonResourceAttributes?.path ?? '' };
  const decision = authorizer ? await authorizer.authorize(attrs) : { allowed: true };
  const status = { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
  return {
    code: 201,
    body: { kind: info.kind, apiVersion: `${GROUP}/${info.version}`, ...review, metadata: { ...review.metadata, creationTimestamp: null }, status },
  };
}
