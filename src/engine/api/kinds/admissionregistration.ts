// Strategies of admissionregistration.k8s.io/v1 kinds. Validation models
// pkg/apis/admissionregistration/validation ValidateValidatingAdmissionPolicy (the spec's
// required parts; the CEL expressions themselves are not compiled here).
import type { Strategy } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError } from '../validation/field.ts';
import { asObj, asObjs, child, setDefault } from './access.ts';

const specPath = field.newPath('spec');

function validateValidatingAdmissionPolicy(policy: KubeObject): FieldError[] {
  const spec = asObj(policy.spec) ?? {};
  const errs: FieldError[] = [];
  if (!asObj(spec.matchConstraints)) errs.push(field.required(specPath.child('matchConstraints'), ''));
  if (asObjs(spec.validations).length === 0 && asObjs(spec.auditAnnotations).length === 0)
    errs.push(field.required(specPath.child('validations'), 'validations or auditAnnotations must contain at least one item'));
  return errs;
}

export const validatingAdmissionPolicyStrategy: Strategy = {
  tracksGeneration: true,
  // SetDefaults_ValidatingAdmissionPolicySpec: failurePolicy Fail.
  default: (policy) => setDefault(child(policy, 'spec'), 'failurePolicy', 'Fail'),
  validate: validateValidatingAdmissionPolicy,
  validateUpdate: (policy, _old, ctx) => (ctx.subresource ? [] : validateValidatingAdmissionPolicy(policy)),
};

// Models pkg/apis/admissionregistration/v1/defaults.go SetDefaults_Rule: an unset scope is "*".
function defaultRules(rules: unknown): void {
  for (const rule of asObjs(rules)) setDefault(rule, 'scope', '*');
}

// SetDefaults_ValidatingWebhook / SetDefaults_MutatingWebhook (the latter adds reinvocationPolicy),
// SetDefaults_ServiceReference (port 443). sideEffects and admissionReviewVersions have no v1
// default: validation requires them.
function defaultWebhooks(config: KubeObject, mutating: boolean): void {
  for (const hook of asObjs(config.webhooks)) {
    setDefault(hook, 'failurePolicy', 'Fail');
    setDefault(hook, 'matchPolicy', 'Equivalent');
    setDefault(hook, 'namespaceSelector', {});
    setDefault(hook, 'objectSelector', {});
    setDefault(hook, 'timeoutSeconds', 10);
    if (mutating) setDefault(hook, 'reinvocationPolicy', 'Never');
    const service = asObj(asObj(hook.clientConfig)?.service);
    if (service) setDefault(service, 'port', 443);
    defaultRules(hook.rules);
  }
}

// Both configurations set generation 1 on create and bump it on change (their strategy.go).
export const validatingWebhookConfigurationStrategy: Strategy = {
  tracksGeneration: true,
  default: (config) => defaultWebhooks(config, false),
};

export const mutatingWebhookConfigurationStrategy: Strategy = {
  tracksGeneration: true,
  default: (config) => defaultWebhooks(config, true),
};
