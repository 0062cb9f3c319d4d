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
