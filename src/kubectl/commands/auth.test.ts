import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

// kubectl v1.33 against `pilothouse serve` (RBAC with the bootstrap policy; the admin is system:masters).
describe('kubectl auth can-i', () => {
  it.each([
    { line: 'kubectl auth can-i create pods', stdout: 'yes\n', stderr: '', exitCode: 0 },
    { line: 'kubectl auth can-i list nodes', stdout: 'yes\n', stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", exitCode: 0 },
    { line: 'kubectl auth can-i frob pods', stdout: 'yes\n', stderr: "Warning: verb 'frob' is not a known verb\n\n", exitCode: 0 },
    { line: 'kubectl auth can-i get foos', stdout: 'yes\n', stderr: "Warning: the server doesn't have a resource type 'foos'\n\n", exitCode: 0 },
    { line: 'kubectl auth can-i get /healthz --as=bob', stdout: 'yes\n', stderr: '', exitCode: 0 },
    { line: "kubectl auth can-i '*' '*'", stdout: 'yes\n', stderr: '', exitCode: 0 },
    { line: 'kubectl auth can-i get deployments.apps --subresource=scale', stdout: 'yes\n', stderr: '', exitCode: 0 },
    { line: 'kubectl auth can-i get', stdout: '', stderr: "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n", exitCode: 1 },
    { line: 'kubectl auth can-i get pods --no-headers', stdout: '', stderr: 'error: --no-headers cannot be set without --list specified\n', exitCode: 1 },
  ])('$line', async ({ line, ...want }) => {
    expect(await h.kubectl(line)).toEqual(want);
  });

  // A "no" exits 1 with nothing on stderr (cani.go's os.Exit(1); subcommands.ts exitSilently).
  it.each([
    { line: 'kubectl auth can-i get pods --as=alice', stdout: 'no\n' },
    { line: 'kubectl auth can-i get pods --as=alice -q', stdout: '' },
    { line: 'kubectl auth can-i get pods/x --as=system:serviceaccount:default:default', stdout: 'no\n' },
    { line: 'kubectl auth can-i list secrets -A --as=alice', stdout: 'no\n' },
  ])('$line', async ({ line, stdout }) => {
    expect(await h.kubectl(line)).toEqual({ stdout, stderr: '', exitCode: 1 });
  });

  it('follows RBAC grants made through the API', async () => {
    const rbac = { group: 'rbac.authorization.k8s.io', version: 'v1' };
    await h.cluster.client.create({ ...rbac, resource: 'roles', namespace: 'default' }, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    await h.cluster.client.create({ ...rbac, resource: 'rolebindings', namespace: 'default' }, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'alice-reads' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'alice' }],
    });
    expect((await h.kubectl('kubectl auth can-i list pods --as=alice')).stdout).toBe('yes\n');
    expect((await h.kubectl('kubectl auth can-i delete pods --as=alice')).stdout).toBe('no\n');
    expect((await h.kubectl('kubectl auth can-i list pods -n kube-system --as=alice')).stdout).toBe('no\n');
    // The review is answered, not stored.
    await expect(h.cluster.client.list({ group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' })).rejects.toMatchObject({ status: { code: 405 } });
  });
});
