// kubectl create role | clusterrole | rolebinding | clusterrolebinding.
// Models kubernetes/kubectl pkg/cmd/create/create_role.go (Complete, validateResource,
// generateResourcePolicyRules), create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go.
import { KubectlError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { generatorCommand, objectMeta } from './create-generator.ts';
import { CREATE_CLUSTERROLEBINDING_HELP, CREATE_CLUSTERROLE_HELP, CREATE_ROLEBINDING_HELP, CREATE_ROLE_HELP } from './help-create.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

// Verbs that only make sense on some resources (create_role.go specialVerbs), as `group/resource`.
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: [`${RBAC_GROUP}/roles`, `${RBAC_GROUP}/clusterroles`],
  escalate: [`${RBAC_GROUP}/roles`, `${RBAC_GROUP}/clusterroles`],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

interface ResourceOption { resource: string; group: string; subresource: string }

const unique = (xs: string[]) => [...new Set(xs)];

// Complete: `*` alone stands for every verb; `resource.group/subresource` splits into its parts.
function verbsOf(inv: Invocation): string[] {
  const verbs = inv.flags.strings('verb');
  return verbs.includes('*') ? ['*'] : unique(verbs);
}

function resourcesOf(inv: Invocation): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of inv.flags.strings('resource')) {
    const [main, subresource = ''] = r.split(/\/(.*)/s) as [string, string?];
    const dot = main.indexOf('.');
    const option = { resource: dot < 0 ? main : main.slice(0, dot), group: dot < 0 ? '' : main.slice(dot + 1), subresource };
    if (option.resource === '*' && dot < 0 && !r.includes('/')) return [option];
    out.push(option);
  }
  return out;
}

/** validateResource and generateResourcePolicyRules: one rule per API group, names resolved. */
async function policyRules(inv: Invocation, verbs: string[], resources: ResourceOption[], nonResourceURLs: string[]) {
  const mapper = await inv.mapper();
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    if (r.resource === '') throw new KubectlError('resource must be specified if apiGroup/subresource specified');
    let resolved = { resource: r.resource, group: r.group };
    let failure: unknown;
    if (r.resource !== '*') {
      try {
        const m = mapper.mappingFor(r.group ? `${r.resource}.${r.group}` : r.resource);
        resolved = { resource: m.resource, group: m.group };
      } catch (err) {
        failure = err;
      }
      for (const v of verbs) {
        const allowed = SPECIAL_VERBS[v];
        if (!allowed) continue;
        if (!allowed.includes(`${resolved.group}/${resolved.resource}`)) throw new KubectlError(`can not perform '${v}' on '${resolved.resource}' in group '${resolved.group}'`);
        failure = undefined;
      }
      if (failure) throw failure;
    }
    const name = r.subresource ? `${resolved.resource}/${r.subresource}` : resolved.resource;
    const list = byGroup.get(resolved.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(resolved.group, list);
  }
  const resourceNames = unique(inv.flags.strings('resource-name'));
  const rules: Array<Record<string, unknown>> = [...byGroup.keys()].sort().map((g) => ({
    verbs, apiGroups: [g], resources: byGroup.get(g), ...(resourceNames.length > 0 ? { resourceNames } : {}),
  }));
  if (nonResourceURLs.length > 0) rules.push({ verbs, nonResourceURLs });
  return rules;
}

function warnNonStandardVerbs(inv: Invocation, verbs: string[]) {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) inv.io.err(`Warning: '${v}' is not a standard resource verb\n`);
}

const role = generatorCommand({
  name: 'role', help: CREATE_ROLE_HELP, arrays: ['resource-name'],
  resource: { group: RBAC_GROUP, version: 'v1', resource: 'roles', namespaced: true },
  async build(inv, name) {
    const verbs = verbsOf(inv), resources = resourcesOf(inv);
    if (verbs.length === 0) throw new KubectlError('at least one verb must be specified');
    warnNonStandardVerbs(inv, verbs);
    if (resources.length === 0) throw new KubectlError('at least one resource must be specified');
    return { kind: 'Role', apiVersion: `${RBAC_GROUP}/v1`, metadata: objectMeta(inv, name, true), rules: await policyRules(inv, verbs, resources, []) };
  },
});

const clusterrole = generatorCommand({
  name: 'clusterrole', help: CREATE_CLUSTERROLE_HELP, arrays: ['resource-name'],
  resource: { group: RBAC_GROUP, version: 'v1', resource: 'clusterroles', namespaced: false },
  async build(inv, name) {
    if (inv.flags.changed('aggregation-rule')) throw new KubectlError('Pilothouse does not support --aggregation-rule yet');
    const verbs = verbsOf(inv), resources = resourcesOf(inv), urls = inv.flags.strings('non-resource-url');
    if (verbs.length === 0) throw new KubectlError('at least one verb must be specified');
    if (resources.length === 0 && urls.length === 0) throw new KubectlError('one of resource or nonResourceURL must be specified');
    if (resources.length > 0) warnNonStandardVerbs(inv, verbs);
    if (urls.length > 0) {
      for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new KubectlError(`invalid verb: '${v}' for nonResourceURL`);
      for (const url of urls) {
        if (url === '*') continue;
        if (!url.startsWith('/')) throw new KubectlError('nonResourceURL should start with /');
        if (url.slice(0, -1).includes('*')) throw new KubectlError("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
    return { kind: 'ClusterRole', apiVersion: `${RBAC_GROUP}/v1`, metadata: objectMeta(inv, name, false), rules: await policyRules(inv, verbs, resources, urls) };
  },
});

/** The subjects of a binding, users then groups then service accounts, in Subject's field order. */
function subjects(inv: Invocation) {
  const out: Array<Record<string, string>> = [];
  for (const name of inv.flags.strings('user')) out.push({ kind: 'User', apiGroup: RBAC_GROUP, name });
  for (const name of inv.flags.strings('group')) out.push({ kind: 'Group', apiGroup: RBAC_GROUP, name });
  for (const sa of inv.flags.strings('serviceaccount')) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1]) throw new KubectlError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: tokens[1], namespace: tokens[0] });
  }
  return out;
}

const rolebinding = generatorCommand({
  name: 'rolebinding', help: CREATE_ROLEBINDING_HELP, arrays: ['user', 'group', 'serviceaccount'], failure: 'failed to create rolebinding',
  resource: { group: RBAC_GROUP, version: 'v1', resource: 'rolebindings', namespaced: true },
  build(inv, name) {
    const roleName = inv.flags.string('role'), clusterRole = inv.flags.string('clusterrole');
    if ((roleName === '') === (clusterRole === '')) throw new KubectlError('exactly one of clusterrole or role must be specified');
    const subs = subjects(inv);
    return {
      kind: 'RoleBinding', apiVersion: `${RBAC_GROUP}/v1`, metadata: objectMeta(inv, name, true),
      ...(subs.length > 0 ? { subjects: subs } : {}),
      roleRef: { apiGroup: RBAC_GROUP, kind: roleName ? 'Role' : 'ClusterRole', name: roleName || clusterRole },
    };
  },
});

const clusterrolebinding = generatorCommand({
  name: 'clusterrolebinding', help: CREATE_CLUSTERROLEBINDING_HELP, arrays: ['user', 'group', 'serviceaccount'], required: ['clusterrole'],
  failure: 'failed to create clusterrolebinding',
  resource: { group: RBAC_GROUP, version: 'v1', resource: 'clusterrolebindings', namespaced: false },
  build(inv, name) {
    const subs = subjects(inv);
    return {
      kind: 'ClusterRoleBinding', apiVersion: `${RBAC_GROUP}/v1`, metadata: objectMeta(inv, name, false),
      ...(subs.length > 0 ? { subjects: subs } : {}),
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: inv.flags.string('clusterrole') },
    };
  },
});

export const CREATE_RBAC_GENERATORS: Command[] = [role, clusterrole, rolebinding, clusterrolebinding];
