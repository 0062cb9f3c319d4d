// Models plugin/pkg/auth/authorizer/rbac/rbac.go (RBACAuthorizer) and
// pkg/registry/rbac/validation/rule.go (VisitRulesFor, appliesTo): a request is allowed when a
// ClusterRoleBinding, or a RoleBinding in the request's namespace, binds one of the user's
// identities to a role with a rule that covers it. RBAC only ever allows; it never denies.
import type { ApiReader, AuthorizationAttributes, Authorizer, NonResourceRuleInfo, ResourceRuleInfo, RuleResolution } from '../admission.ts';
import type { UserInfo } from '../request.ts';
import type { KubeObject } from '../types.ts';
import { ruleAllows, type PolicyRule } from './rules.ts';

const RBAC = 'rbac.authorization.k8s.io';
/** user.SystemPrivilegedGroup: members skip authorization entirely (authorizerfactory.NewPrivilegedGroups). */
export const SystemPrivilegedGroup = 'system:masters';

interface Subject { kind: string; name: string; namespace?: string }
interface RoleRef { kind: string; name: string }
interface Binding extends KubeObject { subjects?: Subject[]; roleRef: RoleRef }
interface Role extends KubeObject { rules?: PolicyRule[] }

// Models serviceaccount.MatchesUsername.
const serviceAccountUsername = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;

// Models rule.go appliesToUser: a ServiceAccount subject without a namespace means the binding's.
function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User': return user.username === subject.name;
    case 'Group': return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || namespace;
      return !!ns && user.username === serviceAccountUsername(ns, subject.name);
    }
    default: return false;
  }
}

/** The RBAC authorizer, reading roles and bindings through `reader` on every decision. */
export class RBACAuthorizer implements Authorizer {
  constructor(private readonly reader: ApiReader) {}

  async authorize(attrs: AuthorizationAttributes): Promise<{ allowed: boolean; reason?: string }> {
    if (attrs.user.groups.includes(SystemPrivilegedGroup)) return { allowed: true };
    const errors: string[] = [];
    const visit = async (bindings: Binding[], namespace: string): Promise<boolean> => {
      for (const b of bindings) {
        if (!(b.subjects ?? []).some((s) => appliesToUser(attrs.user, s, namespace))) continue;
        const rules = await this.roleRules(b.roleRef, namespace, errors);
        if (rules.some((r) => ruleAllows(attrs, r))) return true;
      }
      return false;
    };
    const crbs = (await this.reader.list(RBAC, 'clusterrolebindings')).items as Binding[];
    if (await visit(crbs, '')) return { allowed: true };
    if (attrs.namespace) {
      const rbs = (await this.reader.list(RBAC, 'rolebindings', attrs.namespace)).items as Binding[];
      if (await visit(rbs, attrs.namespace)) return { allowed: true };
    }
    // rbac.go Authorize: the reason lists only what went wrong resolving roles, not the miss itself.
    return errors.length ? { allowed: false, reason: `RBAC: ${aggregateErrors(errors)}` } : { allowed: false };
  }

  /**
   * Every rule bound to the user: ClusterRoleBindings', then the namespace's RoleBindings', each
   * PolicyRule split into its resource and its non-resource half. Never incomplete; a role that
   * cannot be found is reported in evaluationError. system:masters gets nothing extra here: its
   * privilege is an authorizer, not a rule resolver (kube-apiserver's authorizer config).
   * Models rbac.go RulesFor and rule.go DefaultRuleResolver.RulesFor / VisitRulesFor.
   */
  async rulesFor(user: UserInfo, namespace: string): Promise<RuleResolution> {
    const errors: string[] = [];
    const rules: PolicyRule[] = [];
    const visit = async (bindings: Binding[], ns: string) => {
      for (const b of bindings) {
        if (!(b.subjects ?? []).some((s) => appliesToUser(user, s, ns))) continue;
        rules.push(...await this.roleRules(b.roleRef, ns, errors));
      }
    };
    await visit((await this.reader.list(RBAC, 'clusterrolebindings')).items as Binding[], '');
    if (namespace) await visit((await this.reader.list(RBAC, 'rolebindings', namespace)).items as Binding[], namespace);
    const resourceRules: ResourceRuleInfo[] = rules.filter((r) => (r.resources ?? []).length > 0)
      .map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [] }));
    const nonResourceRules: NonResourceRuleInfo[] = rules.filter((r) => (r.nonResourceURLs ?? []).length > 0)
      .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] }));
    return { resourceRules, nonResourceRules, incomplete: false, ...(errors.length ? { evaluationError: aggregateErrors(errors) } : {}) };
  }

  // Models rule.go GetRoleReferenceRules; a missing role is the lister's NotFound, singular resource.
  private async roleRules(ref: RoleRef, namespace: string, errors: string[]): Promise<PolicyRule[]> {
    const isRole = ref.kind === 'Role';
    if (!isRole && ref.kind !== 'ClusterRole') {
      errors.push(`unsupported role reference kind: ${JSON.stringify(ref.kind)}`);
      return [];
    }
    const role = isRole
      ? await this.reader.get(RBAC, 'roles', namespace, ref.name)
      : await this.reader.get(RBAC, 'clusterroles', undefined, ref.name);
    if (!role) {
      errors.push(`${isRole ? 'role' : 'clusterrole'}.${RBAC} ${JSON.stringify(ref.name)} not found`);
      return [];
    }
    return (role as Role).rules ?? [];
  }
}

// utilerrors.NewAggregate's text: bare for one error, bracketed list for several.
const aggregateErrors = (errs: string[]) => {
  const distinct = [...new Set(errs)];
  return distinct.length === 1 ? distinct[0]! : `[${distinct.join(', ')}]`;
};

/** The identity a service account's token authenticates as (serviceaccount.UserInfo). */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return { username: serviceAccountUsername(namespace, name), groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'] };
}
