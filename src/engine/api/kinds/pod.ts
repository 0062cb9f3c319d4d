// The Pod strategy. Models pkg/registry/core/pod/strategy.go (podStrategy: PrepareForCreate,
// Validate, ValidateUpdate, CheckGracefulDelete) and pkg/apis/core/validation ValidatePodUpdate.
import type { Strategy } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError } from '../validation/field.ts';
import { compareQuantity, parseQuantity } from '../quantity.ts';
import { asNum, asObj, asObjs, asStr, deepEqual, type Obj } from './access.ts';
import { defaultPod } from './podspec-defaults.ts';
import { validatePodSpec } from './podspec-validation.ts';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export const podStrategy: Strategy = {
  tracksGeneration: true,
  returnDeletedObject: true,
  default: (obj) => defaultPod(obj),
  // A new pod starts Pending with its QoS class computed (strategy.go PrepareForCreate).
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending', qosClass: podQOSClass(asObj(obj.spec) ?? {}) };
  },
  validate: (obj) => validatePodSpec(asObj(obj.spec) ?? {}, field.newPath('spec')),
  validateUpdate(obj, old, ctx) {
    if (ctx.subresource) return [];
    return [...validatePodSpec(asObj(obj.spec) ?? {}, field.newPath('spec')), ...validatePodSpecUpdate(asObj(obj.spec) ?? {}, asObj(old.spec) ?? {})];
  },
  gracePeriodSeconds: podGracePeriodSeconds,
};

// Models strategy.go CheckGracefulDelete: the requested period, else the pod's own; none for a
// pod no node runs (nothing to stop) or one that already finished.
export function podGracePeriodSeconds(pod: KubeObject, requested: number | undefined): number {
  const spec = asObj(pod.spec) ?? {};
  const phase = asStr(asObj(pod.status)?.phase);
  if (!asStr(spec.nodeName) || phase === 'Succeeded' || phase === 'Failed') return 0;
  return requested ?? asNum(spec.terminationGracePeriodSeconds) ?? 0;
}

// Models validation.go ValidatePodUpdate: put the allowed changes back to their old values; if
// anything still differs, the update touched a field pods do not let change.
export function validatePodSpecUpdate(spec: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const path = field.newPath('spec');
  const deadline = asNum(spec.activeDeadlineSeconds);
  const oldDeadline = asNum(old.activeDeadlineSeconds);
  if (oldDeadline !== undefined && deadline === undefined) {
    errs.push(field.invalid(path.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  } else if (oldDeadline !== undefined && deadline !== undefined && deadline > oldDeadline) {
    errs.push(field.invalid(path.child('activeDeadlineSeconds'), deadline, 'must be less than or equal to previous value'));
  }
  const munged: Obj = structuredClone(spec);
  for (const list of ['containers', 'initContainers']) {
    const oldList = asObjs(old[list]);
    asObjs(munged[list]).forEach((c, i) => {
      if (oldList[i]) c.image = oldList[i].image;
    });
  }
  setOrDelete(munged, 'activeDeadlineSeconds', old.activeDeadlineSeconds);
  const oldTolerations = asObjs(old.tolerations);
  const newTolerations = asObjs(spec.tolerations);
  if (oldTolerations.every((t) => newTolerations.some((n) => deepEqual(n, t)))) setOrDelete(munged, 'tolerations', old.tolerations);
  const oldGrace = asNum(old.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && spec.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!deepEqual(munged, old)) {
    errs.push(field.forbidden(path, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(old, munged)}`));
  }
  return errs;
}

// Upstream appends cmp.Diff(old, new) of the internal PodSpec; we print the changed top-level
// fields in the same `- old` / `+ new` shape (the exact cmp rendering of Go structs is not reproduced).
function specDiff(old: Obj, next: Obj): string {
  const lines = ['  core.PodSpec{'];
  for (const k of [...new Set([...Object.keys(old), ...Object.keys(next)])]) {
    if (deepEqual(old[k], next[k])) continue;
    const name = k.charAt(0).toUpperCase() + k.slice(1);
    if (old[k] !== undefined) lines.push(`- \t${name}: ${JSON.stringify(old[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${name}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }');
  return lines.join('\n') + '\n';
}

function setOrDelete(o: Obj, k: string, v: unknown): void {
  if (v === undefined) delete o[k];
  else o[k] = v;
}

const QOS_RESOURCES = ['cpu', 'memory'];

// Models pkg/apis/core/helper/qos GetPodQOS: BestEffort without any cpu/memory request or
// limit; Guaranteed when every container limits both and requests equal limits; else Burstable.
export function podQOSClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...asObjs(spec.containers), ...asObjs(spec.initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const resources = asObj(c.resources);
    const requests = asObj(resources?.requests) ?? {};
    const limits = asObj(resources?.limits) ?? {};
    for (const r of QOS_RESOURCES) {
      const req = quantityOf(requests[r]);
      const lim = quantityOf(limits[r]);
      if ((req && req.unscaled !== 0n) || (lim && lim.unscaled !== 0n)) any = true;
      if (!lim || (req && compareQuantity(req, lim) !== 0)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function quantityOf(v: unknown) {
  if (v === undefined) return undefined;
  const parsed = parseQuantity(typeof v === 'number' ? String(v) : asStr(v));
  return parsed.ok ? parsed.value : undefined;
}
