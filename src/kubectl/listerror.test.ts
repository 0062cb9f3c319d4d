import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

const BAD_LABELS = `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "=bad", field selector "": found '=', expected: !, identifier, or 'end of string'\n`;

// Texts from kubectl v1.33 against `pilothouse serve`: every command that lists through the
// resource builder words a BadRequest list the same way (cli-runtime EnhanceListError).
describe('a list the server refuses, as the resource builder reports it', () => {
  it.each([
    { line: "kubectl get pods -l '=bad'", stdout: '', stderr: BAD_LABELS },
    {
      line: 'kubectl get pods --field-selector=spec.bogus=x', stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.bogus=x": field label not supported: spec.bogus\n',
    },
    { line: "kubectl get pods -l '=bad' -o yaml", stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', stderr: BAD_LABELS },
    { line: "kubectl get pods -l '=bad' -w", stdout: '', stderr: BAD_LABELS },
    { line: "kubectl get pods,svc -l '=bad'", stdout: '', stderr: BAD_LABELS + BAD_LABELS.replace('Resource=pods', 'Resource=services') },
    { line: "kubectl describe pods -l '=bad'", stdout: '', stderr: BAD_LABELS },
    { line: "kubectl delete pods -l '=bad'", stdout: '', stderr: BAD_LABELS },
    { line: "kubectl label pods -l '=bad' a=b", stdout: '', stderr: BAD_LABELS },
    { line: "kubectl wait pods -l '=bad' --for=delete", stdout: '', stderr: BAD_LABELS },
  ])('$line', async ({ line, stdout, stderr }) => {
    expect(await h.kubectl(line)).toEqual({ stdout, stderr, exitCode: 1 });
  });

  it('leaves a Forbidden list as the server said it, one error per type', async () => {
    expect(await h.kubectl('kubectl get pods,secrets --as=jane')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n'
        + 'Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"\n',
      exitCode: 1,
    });
  });
});
