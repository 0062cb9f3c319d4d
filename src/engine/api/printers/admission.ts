// admissionregistration.k8s.io: webhook configurations, ValidatingAdmissionPolicy and
// MutatingAdmissionPolicy with their bindings. Models printers.go printMutatingWebhook,
// printValidatingWebhook, printValidatingAdmissionPolicy(Binding), printMutatingAdmissionPolicy(Binding).
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, column, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);
const count = (list: unknown): number => (Array.isArray(list) ? list.length : 0);

/** MutatingWebhookConfiguration and ValidatingWebhookConfiguration: how many webhooks. */
export const webhookConfigurationPrinter: KindPrinter = {
  columns: [nameColumn, column('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), ageColumn],
  print: (obj, { now }) => ({ cells: [name(obj), count(obj.webhooks), age(obj, now)] }),
};

interface AdmissionPolicy extends KubeObject {
  spec?: { validations?: unknown[]; mutations?: unknown[]; paramKind?: { apiVersion?: string; kind?: string } };
}

const paramKindColumn = column('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy');

// `apiVersion/kind` of the param, or <unset> for a policy without params.
function paramKind(policy: AdmissionPolicy): string {
  const pk = policy.spec?.paramKind;
  return pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>';
}

export const validatingAdmissionPolicyPrinter: KindPrinter = {
  columns: [
    nameColumn, column('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
    paramKindColumn, ageColumn,
  ],
  print(obj, { now }) {
    const policy = obj as AdmissionPolicy;
    return { cells: [name(policy), count(policy.spec?.validations), paramKind(policy), age(policy, now)] };
  },
};

export const mutatingAdmissionPolicyPrinter: KindPrinter = {
  columns: [
    nameColumn, column('Mutations', 'integer', 'Mutation indicates the number of mutations rules defined in this configuration'),
    paramKindColumn, ageColumn,
  ],
  print(obj, { now }) {
    const policy = obj as AdmissionPolicy;
    return { cells: [name(policy), count(policy.spec?.mutations), paramKind(policy), age(policy, now)] };
  },
};

interface LabelSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

interface PolicyBinding extends KubeObject {
  spec?: { policyName?: string; paramRef?: { name?: string; namespace?: string; selector?: LabelSelector } };
}

/**
 * A LabelSelector's gogo-protobuf String() (apimachinery meta/v1 generated.pb.go), which is what
 * upstream prints for a paramRef selector: a Go-syntax dump, not the `k=v` form of other columns.
 * Keys sorted bytewise; requirement values as Go's %v of a []string: `[a b]`.
 */
export function labelSelectorGoString(selector: LabelSelector): string {
  const labels = selector.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  const matchLabels = `map[string]string{${keys.map((k) => `${k}: ${labels[k]},`).join('')}}`;
  const requirements = (selector.matchExpressions ?? []).map((r) =>
    `LabelSelectorRequirement{Key:${r.key ?? ''},Operator:${r.operator ?? ''},Values:[${(r.values ?? []).join(' ')}],},`);
  return `&LabelSelector{MatchLabels:${matchLabels},MatchExpressions:[]LabelSelectorRequirement{${requirements.join('')}},}`;
}

// The param a binding points at: `namespace/name`, `*/name` when the namespace is not given (the
// printer cannot tell whether the param kind is cluster-scoped), the selector, or <unset>.
function paramRefString(binding: PolicyBinding): string {
  const ref = binding.spec?.paramRef;
  if (!ref) return '<unset>';
  if (ref.name) return ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
  return ref.selector ? labelSelectorGoString(ref.selector) : '<unset>';
}

/** ValidatingAdmissionPolicyBinding and MutatingAdmissionPolicyBinding print alike. */
export const admissionPolicyBindingPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
    column('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configration param'),
    ageColumn,
  ],
  print(obj, { now }) {
    const binding = obj as PolicyBinding;
    return { cells: [name(binding), binding.spec?.policyName ?? '', paramRefString(binding), age(binding, now)] };
  },
};
