import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

// Expected texts are what kubectl v1.33 prints against `pilothouse serve`.
describe('kubectl api-resources', () => {
  it.each([
    { line: 'kubectl api-resources --namespaced=false --api-group=apps', stdout: 'NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n' },
    { line: 'kubectl api-resources --api-group=apps --sort-by=kind -o name', stdout:
      'controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n' },
    { line: 'kubectl api-resources --verbs=create --namespaced=false --no-headers --api-group=authorization.k8s.io', stdout:
`selfsubjectaccessreviews         authorization.k8s.io/v1   false   SelfSubjectAccessReview
selfsubjectrulesreviews          authorization.k8s.io/v1   false   SelfSubjectRulesReview
subjectaccessreviews             authorization.k8s.io/v1   false   SubjectAccessReview
` },
    { line: 'kubectl api-resources --categories=api-extensions -o name', stdout:
`mutatingwebhookconfigurations.admissionregistration.k8s.io
validatingadmissionpolicies.admissionregistration.k8s.io
validatingadmissionpolicybindings.admissionregistration.k8s.io
validatingwebhookconfigurations.admissionregistration.k8s.io
customresourcedefinitions.apiextensions.k8s.io
apiservices.apiregistration.k8s.io
` },
  ])('$line', async ({ line, stdout }) => {
    expect(await h.kubectl(line)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('prints the core group first, then groups by name, with wide columns', async () => {
    const { stdout } = await h.kubectl('kubectl api-resources -o wide');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND                               VERBS                                                        CATEGORIES');
    expect(lines[1]).toBe('bindings                                         v1                                true         Binding                            create                                                       ');
    expect(lines.find((l) => l.startsWith('pods '))).toBe('pods                                po           v1                                true         Pod                                create,delete,deletecollection,get,list,patch,update,watch   all');
    expect(lines.findIndex((l) => l.startsWith('services '))).toBeLessThan(lines.findIndex((l) => l.startsWith('mutatingwebhookconfigurations ')));
  });

  it.each([
    { line: 'kubectl api-resources -o yaml', stderr: 'error: --output yaml is not available\n' },
    { line: 'kubectl api-resources --sort-by=foo', stderr: 'error: --sort-by accepts only name or kind\n' },
    { line: 'kubectl api-resources x', stderr: "error: unexpected arguments: [x]\nSee 'kubectl api-resources -h' for help and examples\n" },
    { line: 'kubectl api-versions x y', stderr: "error: unexpected arguments: [x y]\nSee 'kubectl api-versions -h' for help and examples\n" },
  ])('refuses $line', async ({ line, stderr }) => {
    expect(await h.kubectl(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});

describe('kubectl api-versions', () => {
  it('lists group/versions sorted as strings', async () => {
    const { stdout, exitCode } = await h.kubectl('kubectl api-versions');
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(['admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1']);
    expect(lines).toContain('v1');
    expect(lines.at(-1)).toBe('v1');
  });
});
