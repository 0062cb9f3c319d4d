// Quota evaluators: what one object of a kind charges against a ResourceQuota, and which quotas
// it falls under. Shared by the ResourceQuota admission plugin and the resourcequota controller
// (which sums the same usage over every live object to write status.used).
// Models pkg/quota/v1/evaluator/core (pods.go, services.go, persistent_volume_claims.go) and
// staging/src/k8s.io/apiserver/pkg/quota/v1/generic (evaluator.go ObjectCountEvaluator, Matches).
import type { KubeObject } from '../types.ts';
import { addQuantity, compareQuantity, isZero, newQuantity, parseQuantity, quantityString, subQuantity, type Quantity } from '../quantity.ts';
import type { Container, Pod, ResourceList } from './pod.ts';

/** Usage or limits by resource name (`pods`, `requests.cpu`, `count/deployments.apps`). */
export type Usage = Map<string, Quantity>;

/** One term of a quota's scopes: spec.scopes entries are `Exists` terms (getScopeSelectorsFromQuota). */
export interface ScopeSelector {
  scopeName: string;
  operator: string;
  values?: string[];
}

export interface ResourceQuotaSpec {
  hard?: ResourceList;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopeSelector[] };
}

export interface ResourceQuotaStatus {
  hard?: ResourceList;
  used?: ResourceList;
}

/** How a kind is charged. One per group/resource; kinds without one are counted by `count/…`. */
export interface QuotaEvaluator {
  group: string;
  resource: string;
  /** Whether a request with this operation and subresource can change usage (Evaluator.Handles). */
  handles(operation: string, subresource: string | undefined): boolean;
  /** The quota resource names, among `names`, this kind is charged for. */
  matchingResources(names: string[]): string[];
  /** Whether the object falls under one scope term; kinds without scopes match none. */
  matchesScope(scope: ScopeSelector, obj: KubeObject): boolean;
  /** What the object charges; `now` (ms) decides whether a deleted pod's grace has run out. */
  usage(obj: KubeObject, now: number): Usage;
  /** The reason the object may not be admitted under a quota limiting `required`, if any. */
  constraints?(required: string[], obj: KubeObject): string | undefined;
}

/** A stored quantity; stored objects passed validation, so a bad one reads as zero. */
export function quantityOf(s: string | undefined): Quantity {
  const p = parseQuantity(s ?? '0');
  return p.ok ? p.value : newQuantity(0, 'DecimalSI');
}

const one = () => newQuantity(1, 'DecimalSI');
const zero = () => newQuantity(0, 'DecimalSI');

/** generic.ObjectCountQuotaResourceNameFor: `count/pods`, `count/deployments.apps`. */
export const objectCountName = (group: string, resource: string) => (group ? `count/${resource}.${group}` : `count/${resource}`);

/** Parses a `count/<resource>[.<group>]` name back into the group and resource it counts. */
export function parseObjectCountName(name: string): { group: string; resource: string } | undefined {
  if (!name.startsWith('count/')) return undefined;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { group: '', resource: rest } : { group: rest.slice(dot + 1), resource: rest.slice(0, dot) };
}

// The core kinds counted under a legacy name too (core/registry.go NewEvaluators: legacyObjectCountAliases).
const LEGACY_COUNT_ALIASES: Record<string, string> = {
  configmaps: 'configmaps', resourcequotas: 'resourcequotas', replicationcontrollers: 'replicationcontrollers', secrets: 'secrets',
};

/** Models generic.NewObjectCountEvaluator: one object, charged at creation only. */
export function objectCountEvaluator(group: string, resource: string): QuotaEvaluator {
  const names = [objectCountName(group, resource), ...(group === '' && LEGACY_COUNT_ALIASES[resource] ? [LEGACY_COUNT_ALIASES[resource]] : [])];
  return {
    group, resource,
    handles: (op) => op === 'CREATE',
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    matchesScope: () => false,
    usage: () => new Map(names.map((n) => [n, one()])),
  };
}

// ---- pods (evaluator/core/pods.go) ----

// Only cpu and memory oblige every container to state a value (a backward-compatibility rule upstream calls a mistake).
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];
const POD_RESOURCES = ['count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods'];
const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isExtendedResourceNameForQuota = (name: string) => !isNativeResource(name) && name.startsWith('requests.');

// Models podComputeUsageHelper: a pod's (or one container's) requests and limits as quota names.
function computeUsage(requests: ResourceList, limits: ResourceList): Usage {
  const u: Usage = new Map([['pods', one()]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests[r] !== undefined) { u.set(r, quantityOf(requests[r])); u.set(`requests.${r}`, quantityOf(requests[r])); }
    if (limits[r] !== undefined) u.set(`limits.${r}`, quantityOf(limits[r]));
  }
  for (const [r, v] of Object.entries(requests)) {
    if (r.startsWith('hugepages-')) { u.set(r, quantityOf(v)); u.set(`requests.${r}`, quantityOf(v)); }
    // Extended resources (nvidia.com/gpu) are quota'd only as `requests.<name>`: they cannot be overcommitted.
    if (!isNativeResource(r)) u.set(`requests.${r}`, quantityOf(v));
  }
  return u;
}

/** Sum of two resource lists, as quota.Add. */
export function addUsage(a: Usage, b: Usage): Usage {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, out.has(k) ? addQuantity(out.get(k)!, v) : v);
  return out;
}

// Models pkg/api/v1/resource PodRequests/PodLimits: regular containers and sidecars (restartable
// init containers) run together; each plain init container runs alone beside the sidecars started
// before it; the pod needs the larger of the two, plus its overhead.
function podTotal(pod: Pod, pick: (c: Container) => ResourceList | undefined, isLimits: boolean): ResourceList {
  const spec = pod.spec ?? {};
  const max = (a: Usage, b: Usage) => {
    const out = new Map(a);
    for (const [k, v] of b) if (!out.has(k) || compareQuantity(v, out.get(k)!) > 0) out.set(k, v);
    return out;
  };
  const asUsage = (list: ResourceList | undefined): Usage => new Map(Object.entries(list ?? {}).map(([k, v]) => [k, quantityOf(v)]));
  let total: Usage = new Map();
  for (const c of spec.containers ?? []) total = addUsage(total, asUsage(pick(c)));
  let sidecars: Usage = new Map();
  let initMax: Usage = new Map();
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      sidecars = addUsage(sidecars, asUsage(pick(c)));
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, addUsage(sidecars, asUsage(pick(c))));
    }
  }
  total = max(addUsage(total, sidecars), initMax);
  const overhead = (spec.overhead ?? undefined) as ResourceList | undefined;
  // Overhead adds to every request, but only to limits the pod already sets (PodLimits: an unset limit stays unbounded).
  if (overhead) total = addUsage(total, isLimits ? mask(asUsage(overhead), [...total.keys()]) : asUsage(overhead));
  return Object.fromEntries([...total].map(([k, q]) => [k, quantityString(q)]));
}

// Models qos.GetPodQOS for BestEffort: no container asks for or caps cpu or memory.
function isBestEffort(pod: Pod): boolean {
  const spec = pod.spec ?? {};
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].every((c) =>
    ['cpu', 'memory'].every((r) => !(c.resources?.requests?.[r] && !isZero(quantityOf(c.resources.requests[r])))
      && !(c.resources?.limits?.[r] && !isZero(quantityOf(c.resources.limits[r])))));
}

const isTerminating = (pod: Pod) => typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;

// Models QuotaV1Pod: terminal pods, and pods whose deletion grace has run out, no longer charge compute.
function chargesCompute(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata?.deletionTimestamp;
  if (deletion && pod.metadata?.deletionGracePeriodSeconds !== undefined) {
    const graceEnds = Date.parse(deletion) + pod.metadata.deletionGracePeriodSeconds * 1000;
    if (now > graceEnds) return false;
  }
  return true;
}

// Scope terms with operators, as ScopedResourceSelectorRequirementsAsSelector matched against
// the set {PriorityClass: <pod's class>} (empty when the pod names none).
function matchesPriorityClass(scope: ScopeSelector, pod: Pod): boolean {
  const name = pod.spec?.priorityClassName ?? '';
  const values = scope.values ?? [];
  switch (scope.operator) {
    case 'Exists': return name !== '';
    case 'DoesNotExist': return name === '';
    case 'In': return name !== '' && values.includes(name);
    case 'NotIn': return name === '' || !values.includes(name);
    default: return false;
  }
}

// Models podEvaluator.Constraints + enforcePodContainerConstraints.
function podConstraints(required: string[], pod: Pod): string | undefined {
  const requiredSet = required.filter((r) => VALIDATION_SET.includes(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = computeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {});
    for (const r of requiredSet) if (!have.has(r)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export const podEvaluator: QuotaEvaluator = {
  group: '', resource: 'pods',
  // Only creation charges a pod (in-place resize is not modelled).
  handles: (op, sub) => op === 'CREATE' && !sub,
  matchingResources: (input) => input.filter((n) => POD_RESOURCES.includes(n) || n.startsWith('hugepages-')
    || n.startsWith('requests.hugepages-') || isExtendedResourceNameForQuota(n)),
  matchesScope(scope, obj) {
    const pod = obj as Pod;
    switch (scope.scopeName) {
      case 'Terminating': return isTerminating(pod);
      case 'NotTerminating': return !isTerminating(pod);
      case 'BestEffort': return isBestEffort(pod);
      case 'NotBestEffort': return !isBestEffort(pod);
      case 'PriorityClass': return matchesPriorityClass(scope, pod);
      default: return false;
    }
  },
  usage(obj, now) {
    const pod = obj as Pod;
    // count/pods tracks every stored pod; `pods` and compute only live ones.
    const counted: Usage = new Map([['count/pods', one()]]);
    if (!chargesCompute(pod, now)) return counted;
    return addUsage(counted, computeUsage(podTotal(pod, (c) => c.resources?.requests, false), podTotal(pod, (c) => c.resources?.limits, true)));
  },
  constraints: (required, obj) => podConstraints(required, obj as Pod),
};

// ---- services (evaluator/core/services.go) ----

interface ServiceSpec { type?: string; ports?: Array<{ nodePort?: number }>; allocateLoadBalancerNodePorts?: boolean }
const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

export const serviceEvaluator: QuotaEvaluator = {
  group: '', resource: 'services',
  handles: (op, sub) => (op === 'CREATE' || op === 'UPDATE') && !sub,
  matchingResources: (input) => input.filter((n) => SERVICE_RESOURCES.includes(n)),
  matchesScope: () => false,
  usage(obj) {
    const spec = (obj.spec ?? {}) as ServiceSpec;
    const ports = spec.ports ?? [];
    let nodePorts = 0;
    let loadBalancers = 0;
    if (spec.type === 'NodePort') nodePorts = ports.length;
    if (spec.type === 'LoadBalancer') {
      // Without node port allocation, only ports that name one explicitly use one.
      nodePorts = spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
      loadBalancers = 1;
    }
    return new Map([['count/services', one()], ['services', one()],
      ['services.loadbalancers', newQuantity(loadBalancers, 'DecimalSI')], ['services.nodeports', newQuantity(nodePorts, 'DecimalSI')]]);
  },
};

// ---- persistentvolumeclaims (evaluator/core/persistent_volume_claims.go) ----

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

export const persistentVolumeClaimEvaluator: QuotaEvaluator = {
  group: '', resource: 'persistentvolumeclaims',
  handles: (op, sub) => (op === 'CREATE' || op === 'UPDATE') && !sub,
  matchingResources: (input) => input.filter((n) => ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(n)
    || n.endsWith(`${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`) || n.endsWith(`${STORAGE_CLASS_SUFFIX}requests.storage`)),
  matchesScope: () => false,
  usage(obj) {
    const spec = (obj.spec ?? {}) as { storageClassName?: string; resources?: { requests?: ResourceList } };
    const u: Usage = new Map([['count/persistentvolumeclaims', one()], ['persistentvolumeclaims', one()]]);
    const storage = spec.resources?.requests?.storage;
    if (storage !== undefined) u.set('requests.storage', quantityOf(storage));
    if (spec.storageClassName) {
      u.set(`${spec.storageClassName}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one());
      if (storage !== undefined) u.set(`${spec.storageClassName}${STORAGE_CLASS_SUFFIX}requests.storage`, quantityOf(storage));
    }
    return u;
  },
};

const EVALUATORS = [podEvaluator, serviceEvaluator, persistentVolumeClaimEvaluator];

/** The evaluator for a group/resource: a specific one, else the object counter (as the quota registry adds on demand). */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator {
  return EVALUATORS.find((e) => e.group === group && e.resource === resource) ?? objectCountEvaluator(group, resource);
}

/**
 * Every evaluator a quota's hard names need: the specific ones that match, and an object counter
 * for each `count/<resource>.<group>` they do not cover.
 */
export function evaluatorsForQuota(hardNames: string[]): QuotaEvaluator[] {
  const out = EVALUATORS.filter((e) => e.matchingResources(hardNames).length);
  for (const name of hardNames) {
    const gr = parseObjectCountName(name) ?? (LEGACY_COUNT_ALIASES[name] ? { group: '', resource: name } : undefined);
    if (gr && !out.some((e) => e.group === gr.group && e.resource === gr.resource)) out.push(objectCountEvaluator(gr.group, gr.resource));
  }
  return out;
}

/** The scope terms of a quota (getScopeSelectorsFromQuota): spec.scopes as Exists, then scopeSelector's. */
export function scopesOf(quota: KubeObject): ScopeSelector[] {
  const spec = (quota.spec ?? {}) as ResourceQuotaSpec;
  return [...(spec.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })), ...(spec.scopeSelector?.matchExpressions ?? [])];
}

/** The quota's hard limits: spec.hard (status.hard is the controller's copy of it). */
export const hardOf = (quota: KubeObject): ResourceList => ((quota.spec ?? {}) as ResourceQuotaSpec).hard ?? {};

/** Models generic.Matches: the quota limits something this kind charges, and the object is in every scope. */
export function quotaMatches(evaluator: QuotaEvaluator, quota: KubeObject, obj: KubeObject): boolean {
  if (!evaluator.matchingResources(Object.keys(hardOf(quota))).length) return false;
  return scopesOf(quota).every((s) => evaluator.matchesScope(s, obj));
}

/** Lists a namespace's objects of one group/resource (unknown resources list as empty). */
export type ListObjects = (group: string, resource: string, namespace: string) => Promise<KubeObject[]>;

/**
 * What a quota's namespace uses of each hard resource now, from the live objects.
 * Models pkg/controller/resourcequota CalculateUsage + generic.CalculateUsageStats.
 */
export async function calculateUsage(quota: KubeObject, list: ListObjects, now: number): Promise<Usage> {
  const hardNames = Object.keys(hardOf(quota));
  const namespace = quota.metadata?.namespace ?? '';
  let used: Usage = new Map(hardNames.map((n) => [n, zero()]));
  for (const evaluator of evaluatorsForQuota(hardNames)) {
    const names = evaluator.matchingResources(hardNames);
    for (const obj of await list(evaluator.group, evaluator.resource, namespace)) {
      if (!scopesOf(quota).every((s) => evaluator.matchesScope(s, obj))) continue;
      used = addUsage(used, mask(evaluator.usage(obj, now), names));
    }
  }
  return used;
}

/** Only the named resources (quota.Mask). */
export const mask = (u: Usage, names: string[]): Usage => new Map([...u].filter(([k]) => names.includes(k)));

/** a - b, never below zero (quota.SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: Usage, b: Usage): Usage {
  return new Map([...a].map(([k, v]) => {
    const d = b.has(k) ? subQuantity(v, b.get(k)!) : v;
    return [k, compareQuantity(d, zero()) < 0 ? zero() : d];
  }));
}

/** Without zero entries (quota.RemoveZeros). */
export const removeZeros = (u: Usage): Usage => new Map([...u].filter(([, v]) => !isZero(v)));

/** A resource list as stored in status (canonical quantity strings). */
export const toResourceList = (u: Usage): ResourceList => Object.fromEntries([...u].map(([k, v]) => [k, quantityString(v)]));

/** Models prettyPrint: `r=v` pairs sorted by name, comma-joined. */
export const prettyPrint = (u: Usage): string => [...u.keys()].sort().map((k) => `${k}=${quantityString(u.get(k)!)}`).join(',');
