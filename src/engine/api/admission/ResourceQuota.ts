// ResourceQuota admission: a write that would take a namespace past any of its quotas' hard
// limits is refused, and a pod that a cpu/memory quota covers must state those values.
// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go CheckRequest.
//
// Where usage comes from: upstream reads status.used (written by the resourcequota controller)
// and, to stay exact between controller syncs, has admission itself add each admitted request to
// status.used. Our admission reads only, so it computes the namespace's usage from the live
// objects on every request a quota covers (calculateUsage, the controller's own sum). That is
// correct with or without the controller, and never trails a burst of creates. Upstream's
// "status unknown for quota" refusal cannot happen here, as usage is never unknown.
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import { isNotFound } from '../errors.ts';
import { addQuantity, compareQuantity } from '../quantity.ts';
import type { KubeObject } from '../types.ts';
import { admissionForbidden } from './forbidden.ts';
import {
  calculateUsage, evaluatorFor, hardOf, mask, prettyPrint, quantityOf, quotaMatches, removeZeros, subtractNonNegative,
  type ListObjects, type QuotaEvaluator, type Usage,
} from './ResourceQuotaEvaluators.ts';

export const ResourceQuotaName = 'ResourceQuota';

// Resources quota never charges (pkg/quota/v1/install DefaultIgnoredResources): events and the review kinds.
const IGNORED = new Set(['/events', 'events.k8s.io/events', 'authentication.k8s.io/tokenreviews',
  'authorization.k8s.io/subjectaccessreviews', 'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews', 'authorization.k8s.io/selfsubjectrulesreviews']);

/** The loopback reader as a quota lister: an unserved resource holds nothing. */
export function listerOver(attrs: AdmissionAttributes): ListObjects {
  return async (group, resource, namespace) => {
    try {
      return (await attrs.reader.list(group, resource, namespace)).items;
    } catch (e) {
      if (isNotFound(e)) return [];
      throw e;
    }
  };
}

/**
 * The ResourceQuota admission plugin. `now` (ms, the cluster clock) decides whether a deleted
 * pod's grace period has run out, after which it no longer charges compute (QuotaV1Pod); without
 * it a terminating pod charges until it is removed.
 */
export function createResourceQuota(now: () => number = () => 0): AdmissionPlugin {
  return {
    name: ResourceQuotaName,
    async validate(attrs) {
      const obj = attrs.object;
      if (!obj || !attrs.namespace || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE')) return;
      if (IGNORED.has(`${attrs.info.group}/${attrs.info.resource}`)) return;
      const evaluator = evaluatorFor(attrs.info.group, attrs.info.resource);
      if (!evaluator.handles(attrs.operation, attrs.subresource)) return;
      const quotas = (await attrs.reader.list('', 'resourcequotas', attrs.namespace)).items;
      for (const quota of quotas) await checkQuota(attrs, evaluator, quota, obj, now());
    },
  };
}

async function checkQuota(attrs: AdmissionAttributes, evaluator: QuotaEvaluator, quota: KubeObject, obj: KubeObject, now: number): Promise<void> {
  if (!quotaMatches(evaluator, quota, obj)) return;
  const quotaName = quota.metadata?.name ?? '';
  const hard = hardOf(quota);
  const restricted = evaluator.matchingResources(Object.keys(hard));
  const unmet = evaluator.constraints?.(restricted, obj);
  if (unmet) throw admissionForbidden(attrs, `failed quota: ${quotaName}: ${unmet}`);

  // An update is charged only for what it adds over the stored object, if that was charged too.
  let delta = evaluator.usage(obj, now);
  const old = attrs.oldObject;
  if (attrs.operation === 'UPDATE' && old?.metadata?.resourceVersion && quotaMatches(evaluator, quota, old))
    delta = subtractNonNegative(delta, evaluator.usage(old, now));
  const requested = mask(removeZeros(delta), Object.keys(hard));
  if (!requested.size) return;

  const used = await calculateUsage(quota, listerOver(attrs), now);
  const exceeded = [...requested].filter(([name, q]) => {
    const total = used.has(name) ? addQuantity(used.get(name)!, q) : q;
    return compareQuantity(total, quantityOf(hard[name])) > 0;
  }).map(([name]) => name);
  if (!exceeded.length) return;
  const hardUsage: Usage = new Map(Object.entries(hard).map(([k, v]) => [k, quantityOf(v)]));
  throw admissionForbidden(attrs, `exceeded quota: ${quotaName}, requested: ${prettyPrint(mask(requested, exceeded))}, `
    + `used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hardUsage, exceeded))}`);
}
