// Validation of pod specs and pod templates with upstream's messages and field paths.
// Models pkg/apis/core/validation/validation.go ValidatePodSpec, validateContainers,
// validateContainerPorts, validateEnv, ValidateVolumes, validateVolumeMounts,
// ValidateResourceRequirements and ValidatePodTemplateSpec — the common checks, not every one.
import * as field from '../validation/field.ts';
import type { FieldError, Path } from '../validation/field.ts';
import { validateLabels } from '../validation/metav1.ts';
import { validateAnnotations, IsNegativeErrorMsg } from '../validation/objectmeta.ts';
import {
  inclusiveRangeError, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum,
} from '../validation/validation.ts';
import { compareQuantity, parseQuantity, quantityString, type Quantity } from '../quantity.ts';
import { asNum, asObj, asObjs, asStr, asStrMap, type Obj } from './access.ts';
import { volumeSourcesOf } from './podspec-defaults.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const MAX_INT32 = 2147483647;

// Models validation.go ValidatePodTemplateSpec (note upstream reports template labels at
// `<template>.labels`, not `<template>.metadata.labels`).
export function validatePodTemplateSpec(template: Obj | undefined, path: Path): FieldError[] {
  if (!template) return [field.required(path)];
  const meta = asObj(template.metadata) ?? {};
  return [
    ...validateLabels(asStrMap(meta.labels), path.child('labels')),
    ...validateAnnotations(asStrMap(meta.annotations), path.child('annotations')),
    ...validatePodSpec(asObj(template.spec) ?? {}, path.child('spec')),
  ];
}

// Models validation.go ValidatePodSpec, in its order: volumes, containers, init containers,
// restartPolicy, dnsPolicy, nodeSelector, activeDeadlineSeconds, terminationGracePeriodSeconds.
export function validatePodSpec(spec: Obj, path: Path): FieldError[] {
  const { volumes, errs } = validateVolumes(asObjs(spec.volumes), path.child('volumes'));
  errs.push(...validateContainers(spec.containers, volumes, path.child('containers'), true));
  const names = new Set(asObjs(spec.containers).map((c) => asStr(c.name)));
  errs.push(...validateContainers(spec.initContainers, volumes, path.child('initContainers'), false, names));
  errs.push(...supportedValue(spec.restartPolicy, RESTART_POLICIES, path.child('restartPolicy')));
  errs.push(...supportedValue(spec.dnsPolicy, DNS_POLICIES, path.child('dnsPolicy')));
  errs.push(...validateLabels(asStrMap(spec.nodeSelector), path.child('nodeSelector')));
  const deadline = asNum(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(field.invalid(path.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  const grace = asNum(spec.terminationGracePeriodSeconds);
  if (grace !== undefined && grace < 0) errs.push(field.invalid(path.child('terminationGracePeriodSeconds'), grace, IsNegativeErrorMsg));
  return errs;
}

// Upstream validateRestartPolicy / validateDNSPolicy: empty is Required, unknown NotSupported.
function supportedValue(v: unknown, allowed: string[], path: Path): FieldError[] {
  const s = asStr(v);
  if (!s) return [field.required(path, '')];
  return allowed.includes(s) ? [] : [field.notSupported(path, s, allowed)];
}

// Models validation.go ValidateVolumes: names are DNS labels, unique, and each volume has exactly one source.
function validateVolumes(volumes: Obj[], path: Path): { volumes: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  volumes.forEach((v, i) => {
    const idx = path.index(i);
    const name = asStr(v.name);
    const sources = volumeSourcesOf(v);
    if (sources.length === 0) errs.push(field.required(idx, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(field.forbidden(idx.child(sources[1]!), 'may not specify more than 1 volume type'));
    if (!name) errs.push(field.required(idx.child('name'), ''));
    else for (const msg of isDNS1123Label(name)) errs.push(field.invalid(idx.child('name'), name, msg));
    if (name && names.has(name)) errs.push(field.duplicate(idx.child('name'), name));
    if (name) names.add(name);
  });
  return { volumes: names, errs };
}

// Models validation.go validateContainers / validateInitContainers and validateContainerCommon.
function validateContainers(list: unknown, volumes: Set<string>, path: Path, required: boolean, otherNames = new Set<string>()): FieldError[] {
  const containers = asObjs(list);
  if (containers.length === 0) return required ? [field.required(path, '')] : [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const idx = path.index(i);
    const name = asStr(c.name);
    if (!name) errs.push(field.required(idx.child('name'), ''));
    else for (const msg of isDNS1123Label(name)) errs.push(field.invalid(idx.child('name'), name, msg));
    if (name && (seen.has(name) || otherNames.has(name))) errs.push(field.duplicate(idx.child('name'), name));
    seen.add(name);
    const image = asStr(c.image);
    if (!image) errs.push(field.required(idx.child('image'), ''));
    else if (image !== image.trim()) errs.push(field.invalid(idx.child('image'), image, 'must not have leading or trailing whitespace'));
    errs.push(...validateContainerPorts(asObjs(c.ports), idx.child('ports')));
    errs.push(...validateEnv(asObjs(c.env), idx.child('env')));
    errs.push(...validateVolumeMounts(asObjs(c.volumeMounts), volumes, idx.child('volumeMounts')));
    errs.push(...supportedValue(c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES, idx.child('terminationMessagePolicy')));
    errs.push(...supportedValue(c.imagePullPolicy, PULL_POLICIES, idx.child('imagePullPolicy')));
    errs.push(...validateResourceRequirements(asObj(c.resources), idx.child('resources')));
  });
  return errs;
}

// Models validation.go validateContainerPorts.
function validateContainerPorts(ports: Obj[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = path.index(i);
    const name = asStr(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const msg of msgs) errs.push(field.invalid(idx.child('name'), name, msg));
      else if (names.has(name)) errs.push(field.duplicate(idx.child('name'), name));
      else names.add(name);
    }
    const containerPort = asNum(p.containerPort) ?? 0;
    if (containerPort === 0) errs.push(field.required(idx.child('containerPort'), ''));
    else for (const msg of isValidPortNum(containerPort)) errs.push(field.invalid(idx.child('containerPort'), containerPort, msg));
    const hostPort = asNum(p.hostPort) ?? 0;
    if (hostPort !== 0) for (const msg of isValidPortNum(hostPort)) errs.push(field.invalid(idx.child('hostPort'), hostPort, msg));
    errs.push(...supportedValue(p.protocol, PROTOCOLS, idx.child('protocol')));
  });
  return errs;
}

// Models validation.go validateEnv (names) and validateEnvVarValueFrom's one-source rule.
function validateEnv(env: Obj[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const idx = path.index(i);
    const name = asStr(e.name);
    if (!name) errs.push(field.required(idx.child('name'), ''));
    else for (const msg of isEnvVarName(name)) errs.push(field.invalid(idx.child('name'), name, msg));
    const from = asObj(e.valueFrom);
    if (!from) return;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k] !== undefined);
    if (sources.length === 0) errs.push(field.invalid(idx.child('valueFrom'), '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (asStr(e.value)) errs.push(field.invalid(idx.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
    else if (sources.length > 1) errs.push(field.invalid(idx.child('valueFrom'), '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

// Models validation.go ValidateVolumeMounts: a mount names a declared volume, at a unique path.
function validateVolumeMounts(mounts: Obj[], volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const idx = path.index(i);
    const name = asStr(m.name);
    const mountPath = asStr(m.mountPath);
    if (!name) errs.push(field.required(idx.child('name'), ''));
    else if (!volumes.has(name)) errs.push(field.notFound(idx.child('name'), name));
    if (!mountPath) errs.push(field.required(idx.child('mountPath'), ''));
    else if (paths.has(mountPath)) errs.push(field.invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    paths.add(mountPath);
  });
  return errs;
}

// Models validation.go ValidateResourceRequirements: quantities non-negative, and a request
// never above its limit (`must be less than or equal to cpu limit of 1`).
function validateResourceRequirements(resources: Obj | undefined, path: Path): FieldError[] {
  if (!resources) return [];
  const errs: FieldError[] = [];
  const limits = parseAll(asObj(resources.limits), path.child('limits'), errs);
  const requests = parseAll(asObj(resources.requests), path.child('requests'), errs);
  for (const [name, req] of requests) {
    const limit = limits.get(name);
    if (limit && compareQuantity(req.q, limit.q) > 0) {
      errs.push(field.invalid(path.child('requests').key(name), req.text, `must be less than or equal to ${name} limit of ${limit.text}`));
    }
  }
  return errs;
}

function parseAll(list: Obj | undefined, path: Path, errs: FieldError[]): Map<string, { q: Quantity; text: string }> {
  const out = new Map<string, { q: Quantity; text: string }>();
  for (const name of Object.keys(list ?? {}).sort()) {
    const raw = list![name];
    const text = typeof raw === 'number' ? String(raw) : asStr(raw);
    const parsed = parseQuantity(text);
    if (!parsed.ok) continue; // the decoder already refused malformed quantities
    if (parsed.value.unscaled < 0n) errs.push(field.invalid(path.key(name), text, IsNegativeErrorMsg));
    out.set(name, { q: parsed.value, text: quantityString(parsed.value) });
  }
  return out;
}
