// kubectl auth can-i --list: the requester's rules in the namespace, from a
// SelfSubjectRulesReview, broken down to one verb/resource/name each, merged back per resource,
// sorted, and printed as a table (Resources, Non-Resource URLs, Resource Names, Verbs).
// Models kubernetes/kubectl pkg/cmd/auth/cani.go (RunAccessList, printStatus, convertToPolicyRule,
// printAccess), pkg/util/rbac/rbac.go (BreakdownRule, CompactRules, SortableRuleSlice) and
// pkg/describe/describe.go CombineResourceGroup.
import { TabWriter } from '../printers/table.ts';
import type { Invocation } from './command.ts';

/** rbacv1.PolicyRule, as kubectl handles it here. */
interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

interface RulesReviewStatus {
  resourceRules?: Array<{ verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }>;
  nonResourceRules?: Array<{ verbs?: string[]; nonResourceURLs?: string[] }>;
  incomplete?: boolean;
  evaluationError?: string;
}

const policyRule = (r: Partial<PolicyRule>): PolicyRule =>
  ({ verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: r.nonResourceURLs ?? [] });

/** BreakdownRule: one rule per group × resource × verb (× name), then per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames.length ? rule.resourceNames.map((n) => [n]) : [[]];
        for (const resourceNames of names) out.push(policyRule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames }));
      }
    }
  }
  for (const url of rule.nonResourceURLs) for (const verb of rule.verbs) out.push(policyRule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/**
 * CompactRules: rules on one group, one resource and at most one name merge their verbs (in the
 * order met); the others (non-resource URLs) stay as they are and come first.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const complex: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      complex.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs.filter((v) => !existing.verbs.includes(v)));
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...complex, ...simple.values()];
}

// Go's %v of a []string: `[a b]`.
const goList = (list: string[]) => `[${list.join(' ')}]`;

/** PolicyRule.String() (generated.pb.go), the key SortableRuleSlice sorts by. */
export const policyRuleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: `pods`, `deployments.apps`, `deployments.apps/scale`, `*.*`. */
export function combineResourceGroup(resources: string[], groups: string[]): string {
  const first = resources[0];
  if (first === undefined) return '';
  const [resource, sub] = first.split(/\/(.*)/s) as [string, string?];
  const group = groups[0] ? `.${groups[0]}` : '';
  return `${resource}${group}${sub !== undefined ? `/${sub}` : ''}`;
}

// strings.Compare: by bytes, which for these ASCII keys is by UTF-16 unit.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** printStatus: the table (with its header unless --no-headers), after the incomplete warning. */
export function printRules(status: RulesReviewStatus, noHeaders: boolean): { warning?: string; table: string } {
  const rules = [
    ...(status.resourceRules ?? []).map((r) => policyRule({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames })),
    ...(status.nonResourceRules ?? []).map((r) => policyRule({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
  ];
  // Array.prototype.sort is stable, as sort.Stable.
  const compacted = compactRules(rules.flatMap(breakdownRule)).sort((a, b) => compare(policyRuleString(a), policyRuleString(b)));
  const tw = new TabWriter();
  if (!noHeaders) tw.writeLine(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
  for (const r of compacted) tw.writeLine([combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  return { ...(status.incomplete ? { warning: `the list may be incomplete: ${status.evaluationError ?? ''}` } : {}), table: tw.flush() };
}

/** RunAccessList: asks for the rules in the namespace and prints them. */
export async function runAccessList(inv: Invocation): Promise<void> {
  const review = await inv.rest.request({
    verb: 'create', group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews',
    body: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { namespace: inv.namespace }, status: { resourceRules: null, nonResourceRules: null, incomplete: false } },
  }) as { status?: RulesReviewStatus };
  const { warning, table } = printRules(review.status ?? {}, inv.flags.bool('no-headers'));
  // The warning printer adds the newline after the message.
  if (warning !== undefined) inv.io.err(`Warning: ${warning}\n`);
  inv.io.out(table);
}
