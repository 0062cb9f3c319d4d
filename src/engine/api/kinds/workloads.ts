// Strategies of the workload controllers' objects: Deployment, ReplicaSet, StatefulSet,
// DaemonSet (apps/v1) and ReplicationController (core/v1).
// Defaults model pkg/apis/apps/v1/defaults.go and pkg/apis/core/v1/defaults.go
// (SetDefaults_ReplicationController); validation models pkg/apis/apps/validation/validation.go
// and pkg/apis/core/validation ValidateReplicationController.
import type { Strategy } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError, Path } from '../validation/field.ts';
import { validateLabelSelector, type LabelSelector } from '../validation/metav1.ts';
import { FieldImmutableErrorMsg, IsNegativeErrorMsg } from '../validation/objectmeta.ts';
import { labelSelectorAsSelector, matches, selectorFromSet, isEmpty } from '../labels.ts';
import { asNum, asObj, asObjs, asStr, asStrMap, child, deepEqual, goLabelSelector, goStringMap, setDefault, type Obj } from './access.ts';
import { defaultPodTemplate } from './podspec-defaults.ts';
import { validatePodTemplateSpec } from './podspec-validation.ts';

const spec = (o: KubeObject): Obj => child(o, 'spec');
const specPath = field.newPath('spec');

// Models apps/v1 defaults.go SetDefaults_Deployment.
function defaultDeployment(d: KubeObject): void {
  const s = spec(d);
  setDefault(s, 'replicas', 1);
  const strategy = child(s, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(s, 'revisionHistoryLimit', 10);
  setDefault(s, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(s.template);
}

// Models apps/v1 defaults.go SetDefaults_ReplicaSet.
function defaultReplicaSet(rs: KubeObject): void {
  const s = spec(rs);
  setDefault(s, 'replicas', 1);
  defaultPodTemplate(s.template);
}

// Models apps/v1 defaults.go SetDefaults_StatefulSet (claim templates get PVC defaults, status included).
function defaultStatefulSet(ss: KubeObject): void {
  const s = spec(ss);
  setDefault(s, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(s, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') setDefault(child(strategy, 'rollingUpdate'), 'partition', 0);
  const retention = child(s, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  setDefault(s, 'replicas', 1);
  setDefault(s, 'revisionHistoryLimit', 10);
  for (const claim of asObjs(s.volumeClaimTemplates)) {
    setDefault(child(claim, 'spec'), 'volumeMode', 'Filesystem');
    setDefault(child(claim, 'status'), 'phase', 'Pending');
  }
  defaultPodTemplate(s.template);
}

// Models apps/v1 defaults.go SetDefaults_DaemonSet.
function defaultDaemonSet(ds: KubeObject): void {
  const s = spec(ds);
  const strategy = child(s, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(s, 'revisionHistoryLimit', 10);
  defaultPodTemplate(s.template);
}

// Models core/v1 defaults.go SetDefaults_ReplicationController: selector and labels follow the template's labels.
function defaultReplicationController(rc: KubeObject): void {
  const s = spec(rc);
  const templateLabels = asStrMap(asObj(asObj(s.template)?.metadata)?.labels);
  if (templateLabels) {
    if (!asStrMap(s.selector) || Object.keys(asStrMap(s.selector)!).length === 0) s.selector = { ...templateLabels };
    const meta = (rc.metadata ??= {});
    if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...templateLabels };
  }
  setDefault(s, 'replicas', 1);
  defaultPodTemplate(s.template);
}

// Models apps validation.go ValidatePodTemplateSpecForReplicaSet: the selector must select the
// template's labels, and pods of these controllers always restart.
function validateTemplateForReplicaSet(s: Obj, matchesSelector: boolean, path: Path): FieldError[] {
  const template = asObj(s.template);
  if (!template) return [field.required(path, '')];
  const errs: FieldError[] = [];
  const labels = asStrMap(asObj(template.metadata)?.labels);
  if (!matchesSelector) errs.push(field.invalid(path.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(template, path));
  const restartPolicy = asStr(asObj(template.spec)?.restartPolicy);
  if (restartPolicy !== 'Always') errs.push(field.notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (asObj(template.spec)?.activeDeadlineSeconds !== undefined) {
    errs.push(field.forbidden(path.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

// The selector checks apps/v1 kinds share: required, well-formed, non-empty (for kinds that say so), matching the template.
function validateSelectorAndTemplate(s: Obj, kindForEmpty: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const selector = asObj(s.selector) as LabelSelector | undefined;
  const selPath = specPath.child('selector');
  if (!selector) errs.push(field.required(selPath, ''));
  else {
    errs.push(...validateLabelSelector(selector, {}, selPath));
    if (kindForEmpty && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(field.invalid(selPath, goLabelSelector(selector), `empty selector is invalid for ${kindForEmpty}`));
    }
  }
  const parsed = labelSelectorAsSelector(selector);
  if (!parsed.ok) return [...errs, field.invalid(selPath, goLabelSelector(selector), 'invalid label selector')];
  const labels = asStrMap(asObj(asObj(s.template)?.metadata)?.labels);
  const ok = isEmpty(parsed.value) || matches(parsed.value, labels);
  return [...errs, ...validateTemplateForReplicaSet(s, ok, specPath.child('template'))];
}

const nonNegative = (s: Obj, name: string): FieldError[] => {
  const v = asNum(s[name]);
  return v !== undefined && v < 0 ? [field.invalid(specPath.child(name), v, IsNegativeErrorMsg)] : [];
};

// apps/v1 selectors cannot change after create (ValidateDeploymentUpdate & co. ValidateImmutableField).
function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const sel = asObj(obj.spec)?.selector;
  return deepEqual(sel, asObj(old.spec)?.selector) ? [] : [field.invalid(specPath.child('selector'), goLabelSelector(sel), FieldImmutableErrorMsg)];
}

// Models apps validation.go ValidateDeploymentSpec (replicas, selector, template, then the rest).
function validateDeployment(d: KubeObject): FieldError[] {
  const s = asObj(d.spec) ?? {};
  const errs = [...nonNegative(s, 'replicas'), ...validateSelectorAndTemplate(s, 'deployment')];
  const strategy = asObj(s.strategy) ?? {};
  const type = asStr(strategy.type);
  if (type !== 'Recreate' && type !== 'RollingUpdate') errs.push(field.notSupported(specPath.child('strategy', 'type'), type, ['Recreate', 'RollingUpdate']));
  else if (type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    errs.push(field.forbidden(specPath.child('strategy', 'rollingUpdate'), 'may not be specified when strategy `type` is \'Recreate\''));
  }
  errs.push(...nonNegative(s, 'minReadySeconds'), ...nonNegative(s, 'revisionHistoryLimit'));
  const deadline = asNum(s.progressDeadlineSeconds);
  const minReady = asNum(s.minReadySeconds) ?? 0;
  if (deadline !== undefined && deadline <= minReady) {
    errs.push(field.invalid(specPath.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
  }
  return errs;
}

const validateReplicaSet = (rs: KubeObject): FieldError[] => {
  const s = asObj(rs.spec) ?? {};
  return [...nonNegative(s, 'replicas'), ...nonNegative(s, 'minReadySeconds'), ...validateSelectorAndTemplate(s, undefined)];
};

// The template's volumeMounts may name a volumeClaimTemplate: the StatefulSet controller adds a
// volume per claim to each pod, so validation counts the claims as volumes.
function withClaimVolumes(s: Obj): Obj {
  const template = asObj(s.template);
  const spec = asObj(template?.spec);
  const claims = asObjs(s.volumeClaimTemplates).map((c) => asStr(asObj(c.metadata)?.name)).filter((n) => n);
  if (!template || !spec || !claims.length) return s;
  const claimVolumes = claims.map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  return { ...s, template: { ...template, spec: { ...spec, volumes: [...asObjs(spec.volumes), ...claimVolumes] } } };
}

const validateStatefulSet = (ss: KubeObject): FieldError[] => {
  const s = asObj(ss.spec) ?? {};
  const policy = asStr(s.podManagementPolicy);
  const errs: FieldError[] = [];
  if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(field.notSupported(specPath.child('podManagementPolicy'), policy, ['OrderedReady', 'Parallel']));
  return [...errs, ...nonNegative(s, 'replicas'), ...validateSelectorAndTemplate(withClaimVolumes(s), 'statefulset')];
};

const validateDaemonSet = (ds: KubeObject): FieldError[] => validateSelectorAndTemplate(asObj(ds.spec) ?? {}, 'daemonset');

// Models core validation.go ValidateReplicationControllerSpec: a map selector, required and matching.
function validateReplicationController(rc: KubeObject): FieldError[] {
  const s = asObj(rc.spec) ?? {};
  const errs = nonNegative(s, 'replicas');
  const selector = asStrMap(s.selector);
  if (!selector || Object.keys(selector).length === 0) errs.push(field.required(specPath.child('selector'), ''));
  const template = asObj(s.template);
  const labels = asStrMap(asObj(template?.metadata)?.labels);
  if (!template) return [...errs, field.required(specPath.child('template'), '')];
  if (selector && Object.keys(selector).length > 0 && !matches(selectorFromSet(selector), labels)) {
    errs.push(field.invalid(specPath.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, specPath.child('template')));
  const restartPolicy = asStr(asObj(template.spec)?.restartPolicy);
  if (restartPolicy !== 'Always') errs.push(field.notSupported(specPath.child('template', 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  return errs;
}

function workload(defaulter: (o: KubeObject) => void, validate: (o: KubeObject) => FieldError[], selectorIsImmutable: boolean): Strategy {
  return {
    tracksGeneration: true,
    default: defaulter,
    validate,
    validateUpdate: (obj, old, ctx) => (ctx.subresource ? [] : [...validate(obj), ...(selectorIsImmutable ? selectorImmutable(obj, old) : [])]),
  };
}

export const deploymentStrategy = workload(defaultDeployment, validateDeployment, true);
export const replicaSetStrategy = workload(defaultReplicaSet, validateReplicaSet, true);
export const statefulSetStrategy = workload(defaultStatefulSet, validateStatefulSet, true);
export const daemonSetStrategy = workload(defaultDaemonSet, validateDaemonSet, true);
// core/v1 deletes of ReplicationControllers orphan their pods unless told otherwise
// (replicationcontroller/strategy.go DefaultGarbageCollectionPolicy).
export const replicationControllerStrategy: Strategy = {
  ...workload(defaultReplicationController, validateReplicationController, false),
  defaultPropagationPolicy: 'Orphan',
};
