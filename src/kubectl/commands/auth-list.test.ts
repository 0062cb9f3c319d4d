import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from '../testing/harness.ts';
import { combineResourceGroup, printRules } from './auth-list.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

// What kubectl v1.33 prints for a user with only the bootstrap rules of system:authenticated,
// against `pilothouse serve` (the same bootstrap policy).
const JANE = `Resources                                       Non-Resource URLs   Resource Names   Verbs
selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
                                                [/api/*]            []               [get]
                                                [/api]              []               [get]
                                                [/apis/*]           []               [get]
                                                [/apis]             []               [get]
                                                [/healthz]          []               [get]
                                                [/healthz]          []               [get]
                                                [/livez]            []               [get]
                                                [/livez]            []               [get]
                                                [/openapi/*]        []               [get]
                                                [/openapi]          []               [get]
                                                [/readyz]           []               [get]
                                                [/readyz]           []               [get]
                                                [/version/]         []               [get]
                                                [/version/]         []               [get]
                                                [/version]          []               [get]
                                                [/version]          []               [get]
`;

// With --no-headers the columns are only as wide as the rules need.
const JANE_NO_HEADERS = `selfsubjectreviews.authentication.k8s.io        []             []    [create]
selfsubjectaccessreviews.authorization.k8s.io   []             []    [create]
selfsubjectrulesreviews.authorization.k8s.io    []             []    [create]
                                                [/api/*]       []    [get]
                                                [/api]         []    [get]
                                                [/apis/*]      []    [get]
                                                [/apis]        []    [get]
                                                [/healthz]     []    [get]
                                                [/healthz]     []    [get]
                                                [/livez]       []    [get]
                                                [/livez]       []    [get]
                                                [/openapi/*]   []    [get]
                                                [/openapi]     []    [get]
                                                [/readyz]      []    [get]
                                                [/readyz]      []    [get]
                                                [/version/]    []    [get]
                                                [/version/]    []    [get]
                                                [/version]     []    [get]
                                                [/version]     []    [get]
`;

describe('kubectl auth can-i --list', () => {
  it.each([
    { line: 'kubectl auth can-i --list --as=jane', stdout: JANE, stderr: '', exitCode: 0 },
    { line: 'kubectl auth can-i --list --as=jane --no-headers', stdout: JANE_NO_HEADERS, stderr: '', exitCode: 0 },
    { line: 'kubectl auth can-i --list pods', stdout: '', stderr: 'error: list option must be specified with no arguments\n', exitCode: 1 },
    { line: 'kubectl auth can-i --list -A', stdout: '', stderr: "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n", exitCode: 1 },
    { line: 'kubectl auth can-i --list -q', stdout: '', stderr: "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n", exitCode: 1 },
  ])('$line', async ({ line, ...want }) => {
    expect(await h.kubectl(line)).toEqual(want);
  });

  it("shows the admin's cluster-admin rules first", async () => {
    const { stdout } = await h.kubectl('kubectl auth can-i --list');
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'Resources                                       Non-Resource URLs   Resource Names   Verbs',
      '*.*                                             []                  []               [*]',
      '                                                [*]                 []               [*]',
    ]);
  });
});

describe('the rules table', () => {
  it('breaks rules down per group, resource and name, merges verbs per resource, and sorts by PolicyRule.String()', () => {
    const { table } = printRules({
      resourceRules: [
        { verbs: ['list', 'get'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments/scale'] },
        { verbs: ['watch'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['get', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['b', 'a'] },
      ],
      nonResourceRules: [{ verbs: ['get', 'post'], nonResourceURLs: ['/b', '/a'] }],
    }, false);
    // PolicyRule.String() starts with the verbs, and ' ' sorts before ']': `[get update]` before `[get]`.
    expect(table).toBe(`Resources                Non-Resource URLs   Resource Names   Verbs
configmaps               []                  [a]              [get update]
configmaps               []                  [b]              [get update]
                         [/a]                []               [get]
                         [/b]                []               [get]
pods                     []                  []               [list get watch]
deployments/scale        []                  []               [list get]
deployments.apps/scale   []                  []               [list get]
pods.apps                []                  []               [list get]
                         [/a]                []               [post]
                         [/b]                []               [post]
`);
  });

  it('warns when the server says the list may be incomplete', () => {
    expect(printRules({ incomplete: true, evaluationError: 'webhook authorizer does not support user rule resolution' }, true))
      .toEqual({ warning: 'the list may be incomplete: webhook authorizer does not support user rule resolution', table: '' });
  });

  it.each([
    { resources: ['pods'], groups: [''], want: 'pods' },
    { resources: ['deployments'], groups: ['apps'], want: 'deployments.apps' },
    { resources: ['deployments/scale'], groups: ['apps'], want: 'deployments.apps/scale' },
    { resources: ['*'], groups: ['*'], want: '*.*' },
    { resources: [], groups: [], want: '' },
  ])('names $resources in $groups as $want', ({ resources, groups, want }) => {
    expect(combineResourceGroup(resources, groups)).toBe(want);
  });
});
