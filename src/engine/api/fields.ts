// Field selectors: `spec.nodeName=node-1,status.phase!=Running`, the fields each kind offers,
// and the checks the apiserver makes before listing.
// Models staging/src/k8s.io/apimachinery/pkg/fields/selector.go (ParseSelector, Transform,
// escaping), pkg/runtime/conversion.go (DefaultMetaV1FieldSelectorConversion), the kinds'
// AddFieldLabelConversionFunc in pkg/apis/{core,batch,certificates}/v1/conversion.go and their
// ToSelectableFields/GetAttrs in pkg/registry/*/*/strategy.go.
import type { KubeObject } from './types.ts';
import type { Parsed } from './labels.ts';
import { goQuote } from './validation/field.ts';

/** One clause: `field=value` (`==` reads the same) or `field!=value`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** A parsed field selector; no requirements means everything. */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

/** The selectable fields of one object: field path → value as text. */
export type FieldSet = Record<string, string>;

// Models selector.go EscapeValue.
export const escapeValue = (s: string) => s.replace(/[\\,=]/g, (c) => `\\${c}`);

// Models selector.go UnescapeValue. The unescaped-rune error prints the rune's code, as Go's %v of a rune does.
export function unescapeValue(s: string): Parsed<string> {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return { ok: false, message: `invalid field selector: invalid escape sequence: \\${c}` };
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') return { ok: false, message: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` };
    else out += c;
  }
  if (inSlash) return { ok: false, message: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

// Models selector.go splitTerms: split on commas not preceded by a backslash escape.
function splitTerms(s: string): string[] {
  if (!s) return [];
  const terms: string[] = [];
  let start = 0, inSlash = false;
  for (let i = 0; i < s.length; i++) {
    if (inSlash) inSlash = false;
    else if (s[i] === '\\') inSlash = true;
    else if (s[i] === ',') { terms.push(s.slice(start, i)); start = i + 1; }
  }
  terms.push(s.slice(start));
  return terms;
}

// Models selector.go splitTerm: the first operator found, trying `!=`, `==`, `=` at each position.
function splitTerm(term: string): [string, '!=' | '==' | '=', string] | null {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return null;
}

// Models selector.go ParseSelector: terms are sorted as written, then parsed.
export function parseFieldSelector(selector: string): Parsed<FieldSelector> {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return { ok: false, message: `invalid selector: '${selector}'; can't understand '${part}'` };
    const [lhs, op, rhs] = split;
    const value = unescapeValue(rhs);
    if (!value.ok) return value;
    requirements.push({ field: lhs, operator: op === '!=' ? '!=' : '=', value: value.value });
  }
  return { ok: true, value: { requirements } };
}

/** The canonical text, as Selector.String(): `field=value` terms joined by `,`. */
export const fieldSelectorString = (s: FieldSelector) =>
  s.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');

/** Whether the object's selectable fields satisfy every clause (a missing field reads as ''). */
export const fieldsMatch = (s: FieldSelector, fields: FieldSet): boolean =>
  s.requirements.every((r) => ((Object.hasOwn(fields, r.field) ? fields[r.field] : '') === r.value) === (r.operator === '='));

/** If the selector pins `field` to one value (`field=v`), that value: lets a list narrow by name or node. */
export function requiresExactMatch(s: FieldSelector, fieldName: string): string | undefined {
  return s.requirements.find((r) => r.field === fieldName && r.operator === '=')?.value;
}

// ---- Which fields each kind offers ----

type Obj = KubeObject;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): string => String(typeof v === 'number' ? v : 0);
const at = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' && Object.hasOwn(cur, k) ? (cur as Record<string, unknown>)[k] : undefined), o);

/** How one kind's field selectors are converted (checked) and what its objects offer. */
interface KindFields {
  /** The labels its conversion func accepts, with renames (`spec.host` → `spec.nodeName`). */
  accepts: Record<string, string>;
  /** The conversion func's refusal text. */
  refuse: (label: string) => string;
  /** Extra selectable fields beyond metadata.name/namespace (ToSelectableFields). */
  fields: (o: Obj) => FieldSet;
}

const same = (...labels: string[]) => Object.fromEntries(labels.map((l) => [l, l]));
const notSupported = (label: string) => `field label not supported: ${label}`;

const eventFields: KindFields = {
  accepts: same('involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name'),
  refuse: notSupported,
  // Models pkg/registry/core/event/strategy.go ToSelectableFields: source falls back to reportingController.
  fields: (o) => ({
    'involvedObject.kind': str(at(o, 'involvedObject', 'kind')), 'involvedObject.namespace': str(at(o, 'involvedObject', 'namespace')),
    'involvedObject.name': str(at(o, 'involvedObject', 'name')), 'involvedObject.uid': str(at(o, 'involvedObject', 'uid')),
    'involvedObject.apiVersion': str(at(o, 'involvedObject', 'apiVersion')),
    'involvedObject.resourceVersion': str(at(o, 'involvedObject', 'resourceVersion')),
    'involvedObject.fieldPath': str(at(o, 'involvedObject', 'fieldPath')),
    reason: str(o.reason), reportingComponent: str(o.reportingComponent),
    source: str(at(o, 'source', 'component')) || str(o.reportingComponent), type: str(o.type),
  }),
};

/** Keyed by `group/Kind` (core group is ''). Kinds not listed accept only metadata.name/namespace. */
const kinds: Record<string, KindFields> = {
  '/Pod': {
    accepts: { ...same('metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
      'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'), 'spec.host': 'spec.nodeName' },
    refuse: notSupported,
    fields: (o) => ({
      'spec.nodeName': str(at(o, 'spec', 'nodeName')), 'spec.restartPolicy': str(at(o, 'spec', 'restartPolicy')),
      'spec.schedulerName': str(at(o, 'spec', 'schedulerName')), 'spec.serviceAccountName': str(at(o, 'spec', 'serviceAccountName')),
      'spec.hostNetwork': String(at(o, 'spec', 'hostNetwork') === true), 'status.phase': str(at(o, 'status', 'phase')),
      'status.podIP': str(at(o, 'status', 'podIPs', '0', 'ip')) || str(at(o, 'status', 'podIP')),
      'status.nominatedNodeName': str(at(o, 'status', 'nominatedNodeName')),
    }),
  },
  '/Node': { accepts: same('metadata.name', 'spec.unschedulable'), refuse: notSupported, fields: (o) => ({ 'spec.unschedulable': String(at(o, 'spec', 'unschedulable') === true) }) },
  '/ReplicationController': { accepts: same('metadata.name', 'metadata.namespace', 'status.replicas'), refuse: notSupported, fields: (o) => ({ 'status.replicas': num(at(o, 'status', 'replicas')) }) },
  '/Event': eventFields,
  'events.k8s.io/Event': eventFields,
  '/Namespace': { accepts: same('status.phase', 'metadata.name'), refuse: notSupported, fields: (o) => ({ 'status.phase': str(at(o, 'status', 'phase')) }) },
  '/Secret': { accepts: same('type', 'metadata.namespace', 'metadata.name'), refuse: notSupported, fields: (o) => ({ type: str(o.type) }) },
  '/Service': { accepts: same('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'), refuse: notSupported, fields: (o) => ({ 'spec.clusterIP': str(at(o, 'spec', 'clusterIP')), 'spec.type': str(at(o, 'spec', 'type')) }) },
  'batch/Job': {
    accepts: same('metadata.name', 'metadata.namespace', 'status.successful'),
    refuse: (label) => `field label ${goQuote(label)} not supported for batchv1.Job`,
    fields: (o) => ({ 'status.successful': num(at(o, 'status', 'succeeded')) }),
  },
  'certificates.k8s.io/CertificateSigningRequest': { accepts: same('metadata.name', 'spec.signerName'), refuse: notSupported, fields: (o) => ({ 'spec.signerName': str(at(o, 'spec', 'signerName')) }) },
};

const kindFields = (group: string, kind: string): KindFields | undefined => {
  const key = `${group}/${kind}`;
  return Object.hasOwn(kinds, key) ? kinds[key] : undefined;
};

// Models apiserver handlers' FieldSelector.Transform(ConvertFieldLabel): refuses unknown labels
// (the apiserver answers 400 BadRequest with this text) and applies renames.
export function convertFieldSelector(s: FieldSelector, group: string, kind: string): Parsed<FieldSelector> {
  const k = kindFields(group, kind);
  const requirements: FieldRequirement[] = [];
  for (const r of s.requirements) {
    if (k) {
      if (!Object.hasOwn(k.accepts, r.field)) return { ok: false, message: k.refuse(r.field) };
      requirements.push({ ...r, field: k.accepts[r.field]! });
    } else if (r.field === 'metadata.name' || r.field === 'metadata.namespace') {
      requirements.push(r);
    } else {
      return { ok: false, message: `${goQuote(r.field)} is not a known field selector: only "metadata.name", "metadata.namespace"` };
    }
  }
  return { ok: true, value: { requirements } };
}

// Models generic.ObjectMetaFieldsSet + the kind's ToSelectableFields: what field selectors match against.
export function selectableFields(obj: KubeObject, group: string, kind: string, namespaced: boolean): FieldSet {
  const meta: FieldSet = { 'metadata.name': obj.metadata?.name ?? '' };
  if (namespaced) meta['metadata.namespace'] = obj.metadata?.namespace ?? '';
  return { ...(kindFields(group, kind)?.fields(obj) ?? {}), ...meta };
}
