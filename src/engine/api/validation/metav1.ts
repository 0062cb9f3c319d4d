// Validation of the metav1 types every kind embeds: label maps and LabelSelectors.
// Models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go.
// Go ranges over maps in random order; we walk keys sorted, so error order is stable.
import * as field from './field.ts';
import type { FieldError, Path } from './field.ts';
import { isQualifiedName, isValidLabelValue } from './validation.ts';

/** metav1.LabelSelectorRequirement, as it arrives in JSON (unchecked). */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export const sortedKeys = (m: Record<string, unknown> | undefined): string[] => (m ? Object.keys(m).sort() : []);

// Models validation.go ValidateLabelName.
export const validateLabelName = (name: string, path: Path): FieldError[] =>
  isQualifiedName(name).map((msg) => field.invalid(path, name, msg));

// Models validation.go ValidateLabels: keys and values both report at the map's own path.
export function validateLabels(labels: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    const v = labels![k]!;
    for (const msg of isValidLabelValue(v)) errs.push(field.invalid(path, v, msg));
  }
  return errs;
}

export interface LabelSelectorValidationOptions {
  allowInvalidLabelValueInSelector?: boolean;
  allowUnknownOperatorInRequirement?: boolean;
}

// Models validation.go ValidateLabelSelector.
export function validateLabelSelector(ps: LabelSelector | null | undefined, opts: LabelSelectorValidationOptions, path: Path): FieldError[] {
  if (!ps) return [];
  const errs = validateLabels(ps.matchLabels, path.child('matchLabels'));
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, opts, path.child('matchExpressions').index(i)));
  });
  return errs;
}

// Models validation.go ValidateLabelSelectorRequirement.
export function validateLabelSelectorRequirement(sr: LabelSelectorRequirement, opts: LabelSelectorValidationOptions, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(field.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(field.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      if (!opts.allowUnknownOperatorInRequirement) errs.push(field.invalid(path.child('operator'), sr.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key, path.child('key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(field.invalid(path.child('values').index(i), v, msg));
    });
  }
  return errs;
}
