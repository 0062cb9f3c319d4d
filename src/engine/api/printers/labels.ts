// Labels and label selectors as printed in table cells.
// NOTE for the lead: src/engine/api/labels.ts (FormatLabels/FormatLabelSelector) did not exist when
// this was written; once it does, keep one of the two (STYLE §10) and import it here.

/** metav1.LabelSelector as stored. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

// Models staging/src/k8s.io/apimachinery/pkg/labels/labels.go FormatLabels: `k=v` sorted by key,
// joined by `,`; `<none>` when there are none.
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

// Label key and value syntax (apimachinery pkg/util/validation IsQualifiedName, IsValidLabelValue).
const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) return false;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    return prefix.length > 0 && prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix);
  }
  return true;
}

function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}

type Requirement = { key: string; text: string };

function requirement(key: string, operator: string, values: string[]): Requirement | undefined {
  if (!isQualifiedName(key) || !values.every(isLabelValue)) return undefined;
  // Values print sorted, as Requirement.String() does (without changing the selector).
  const list = values.length === 1 ? values[0]! : [...values].sort().join(',');
  switch (operator) {
    case '=': return values.length === 1 ? { key, text: `${key}=${list}` } : undefined;
    case 'In': return values.length > 0 ? { key, text: `${key} in (${list})` } : undefined;
    case 'NotIn': return values.length > 0 ? { key, text: `${key} notin (${list})` } : undefined;
    case 'Exists': return values.length === 0 ? { key, text: key } : undefined;
    case 'DoesNotExist': return values.length === 0 ? { key, text: `!${key}` } : undefined;
    default: return undefined;
  }
}

// Models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector followed
// by Selector.String(): requirements sorted by key; '' for a nil or empty selector; undefined when
// the selector does not parse (bad key, value or operator).
export function labelSelectorAsString(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return '';
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const r = requirement(key, '=', [value]);
    if (!r) return undefined;
    reqs.push(r);
  }
  for (const expr of selector.matchExpressions ?? []) {
    const r = requirement(expr.key, expr.operator, expr.values ?? []);
    if (!r) return undefined;
    reqs.push(r);
  }
  // Array.prototype.sort is stable, like Go's insertion sort on the few requirements a selector has.
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.text).join(',');
}

// Models metav1 FormatLabelSelector: `<none>` for a nil or empty selector, `<error>` if it does not parse.
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const s = labelSelectorAsString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}
