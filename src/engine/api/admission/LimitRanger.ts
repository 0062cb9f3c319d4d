// Models plugin/pkg/admission/limitranger/admission.go: a namespace's LimitRanges fill in
// container requests and limits that a pod leaves out (Default, DefaultRequest of `type:
// Container` items), then bound what the pod asks for (Min, Max, MaxLimitRequestRatio per
// Container and per Pod). Pods are handled on create only: containers' resources are immutable.
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import { aggregate } from '../errors.ts';
import { addQuantity, compareQuantity, milliValue, parseQuantity, quantityString, quantityValue, type Quantity } from '../quantity.ts';
import type { KubeObject } from '../types.ts';
import { admissionForbidden, isResource } from './forbidden.ts';
import { specOf, type Container, type Pod, type ResourceList } from './pod.ts';

export const LimitRangerName = 'LimitRanger';
const limitRangerAnnotation = 'kubernetes.io/limit-ranger';

interface LimitRangeItem {
  type: 'Container' | 'Pod' | 'PersistentVolumeClaim' | string;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  min?: ResourceList;
  max?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

const itemsOf = (lr: KubeObject): LimitRangeItem[] => (lr.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? [];

/** A stored quantity; stored objects passed validation, so a bad one reads as zero. */
function quantityOf(s: string | undefined): Quantity {
  const p = parseQuantity(s ?? '0');
  return p.ok ? p.value : { unscaled: 0n, scale: 0, format: 'DecimalSI' };
}
const show = (s: string) => quantityString(quantityOf(s));

// Models defaultContainerResourceRequirements: later Container items override earlier ones.
function defaultRequirements(lr: KubeObject): { requests: ResourceList; limits: ResourceList } {
  const out = { requests: {} as ResourceList, limits: {} as ResourceList };
  for (const item of itemsOf(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(out.requests, item.defaultRequest);
    Object.assign(out.limits, item.default);
  }
  return out;
}

// Models mergeContainerResources: adds what is missing and says so in the annotation text.
function mergeContainerResources(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, prefix: string, notes: string[]) {
  const set = (have: ResourceList | undefined, want: ResourceList): [ResourceList, string[]] => {
    const out = { ...have };
    const added = Object.keys(want).filter((k) => !(k in out)).sort();
    for (const k of added) out[k] = want[k]!;
    return [out, added];
  };
  const [limits, setLimits] = set(c.resources?.limits, defaults.limits);
  const [requests, setRequests] = set(c.resources?.requests, defaults.requests);
  if (setLimits.length || setRequests.length) {
    c.resources = { ...c.resources };
    if (Object.keys(limits).length) c.resources.limits = limits;
    if (Object.keys(requests).length) c.resources.requests = requests;
  }
  if (setRequests.length) notes.push(`${setRequests.join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.join(', ')} limit for ${prefix} ${c.name}`);
}

// Models mergePodResourceRequirements.
function mergePodResourceRequirements(pod: Pod, defaults: { requests: ResourceList; limits: ResourceList }) {
  const notes: string[] = [];
  const spec = specOf(pod);
  for (const c of spec.containers ?? []) mergeContainerResources(c, defaults, 'container', notes);
  for (const c of spec.initContainers ?? []) mergeContainerResources(c, defaults, 'init container', notes);
  if (notes.length) {
    const meta = (pod.metadata ??= {});
    meta.annotations = { ...meta.annotations, [limitRangerAnnotation]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

// Models requestLimitEnforcedValues: compare in milli-units unless that would overflow int64.
const MaxMilliValue = Number.MAX_SAFE_INTEGER / 1000;
function values(req: string | undefined, lim: string | undefined, enforced: string): [number, number, number] {
  const [r, l, e] = [quantityOf(req), quantityOf(lim), quantityOf(enforced)];
  if ([r, l, e].every((q) => quantityValue(q) <= MaxMilliValue)) return [milliValue(r), milliValue(l), milliValue(e)];
  return [quantityValue(r), quantityValue(l), quantityValue(e)];
}

// Models minConstraint.
function minConstraint(type: string, name: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const [req, lim] = [requests[name], limits[name]];
  const [r, l, e] = values(req, lim, enforced);
  if (req === undefined) return `minimum ${name} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(req)}`;
  if (lim !== undefined && l < e) return `minimum ${name} usage per ${type} is ${show(enforced)}, but limit is ${show(lim)}`;
  return undefined;
}

// Models maxConstraint.
function maxConstraint(type: string, name: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const [req, lim] = [requests[name], limits[name]];
  const [r, l, e] = values(req, lim, enforced);
  if (lim === undefined) return `maximum ${name} usage per ${type} is ${show(enforced)}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${show(enforced)}, but limit is ${show(lim)}`;
  if (req !== undefined && r > e) return `maximum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(req)}`;
  return undefined;
}

// Models limitRequestRatioConstraint; the observed ratio prints as Go's %f (six decimals).
function limitRequestRatioConstraint(type: string, name: string, enforced: string, requests: ResourceList, limits: ResourceList): string | undefined {
  const [req, lim] = [requests[name], limits[name]];
  const [r, l] = values(req, lim, enforced);
  if (req === undefined || r === 0) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but no request is specified or request is 0`;
  if (lim === undefined || l === 0) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but no limit is specified or limit is 0`;
  const observed = l / r;
  const e = quantityOf(enforced);
  const exceeds = quantityValue(e) <= MaxMilliValue ? observed * 1000 > milliValue(e) : observed > quantityValue(e);
  return exceeds ? `${name} max limit to request ratio per ${type} is ${show(enforced)}, but provided ratio is ${observed.toFixed(6)}` : undefined;
}

type Check = typeof minConstraint;
const checks: Array<[keyof LimitRangeItem, Check]> = [['min', minConstraint], ['max', maxConstraint], ['maxLimitRequestRatio', limitRequestRatioConstraint]];

function enforce(item: LimitRangeItem, requests: ResourceList, limits: ResourceList, errs: string[]) {
  for (const [field, check] of checks) {
    // Go ranges over a map in random order; we go by name so messages are stable.
    const bounds = (item[field] ?? {}) as ResourceList;
    for (const name of Object.keys(bounds).sort()) {
      const err = check(item.type, name, bounds[name]!, requests, limits);
      if (err) errs.push(err);
    }
  }
}

// Models podRequests/podLimits (without pod overhead): the sum over containers, or the largest
// init container when that is more, since init containers run one at a time before the rest.
function podTotal(pod: Pod, pick: (c: Container) => ResourceList | undefined): ResourceList {
  const spec = specOf(pod);
  const total = new Map<string, Quantity>();
  for (const c of spec.containers ?? [])
    for (const [k, v] of Object.entries(pick(c) ?? {})) total.set(k, total.has(k) ? addQuantity(total.get(k)!, quantityOf(v)) : quantityOf(v));
  for (const c of spec.initContainers ?? [])
    for (const [k, v] of Object.entries(pick(c) ?? {})) {
      const q = quantityOf(v);
      if (!total.has(k) || compareQuantity(q, total.get(k)!) > 0) total.set(k, q);
    }
  return Object.fromEntries([...total].map(([k, q]) => [k, quantityString(q)]));
}

// Models PodValidateLimitFunc.
function validatePod(lr: KubeObject, pod: Pod): string[] {
  const errs: string[] = [];
  const spec = specOf(pod);
  for (const item of itemsOf(lr)) {
    if (item.type === 'Container') {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])])
        enforce(item, c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
    } else if (item.type === 'Pod') {
      enforce(item, podTotal(pod, (c) => c.resources?.requests), podTotal(pod, (c) => c.resources?.limits), errs);
    }
  }
  return errs;
}

// Models DefaultLimitRangerActions.SupportsAttributes (pods only here; PVC bounds are not modelled).
const handles = (attrs: AdmissionAttributes) => isResource(attrs, '', 'pods') && attrs.operation === 'CREATE' && attrs.object !== undefined;

async function limitRanges(attrs: AdmissionAttributes): Promise<KubeObject[]> {
  return (await attrs.reader.list('', 'limitranges', attrs.namespace)).items;
}

/** The LimitRanger admission plugin. */
export const LimitRanger: AdmissionPlugin = {
  name: LimitRangerName,
  async admit(attrs) {
    if (!handles(attrs)) return;
    for (const lr of await limitRanges(attrs)) mergePodResourceRequirements(attrs.object as Pod, defaultRequirements(lr));
  },
  async validate(attrs) {
    if (!handles(attrs)) return;
    for (const lr of await limitRanges(attrs)) {
      const errs = validatePod(lr, attrs.object as Pod);
      if (errs.length) throw admissionForbidden(attrs, aggregate(errs));
    }
  },
};
