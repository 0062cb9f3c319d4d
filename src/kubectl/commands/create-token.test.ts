import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await bootHarness();
  await h.cluster.client.create({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default' }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
});
afterAll(() => h.cluster.stop());

const claimsOf = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;

describe('kubectl create token', () => {
  it('prints a token for the service account, which whoami-style TokenReview accepts', async () => {
    const { stdout, stderr, exitCode } = await h.kubectl('kubectl create token robot --duration=10m --audience=vault --audience=https://kubernetes.default.svc.cluster.local');
    expect({ stderr, exitCode }).toEqual({ stderr: '', exitCode: 0 });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = claimsOf(stdout.trim());
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:default:robot', aud: ['vault', 'https://kubernetes.default.svc.cluster.local'] });
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
    expect(await h.cluster.api.authenticateServiceAccountToken(stdout.trim())).toMatchObject({ username: 'system:serviceaccount:default:robot' });
  });

  it('prints the TokenRequest with -o yaml', async () => {
    const { stdout, exitCode } = await h.kubectl('kubectl create token robot -o yaml');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^apiVersion: authentication\.k8s\.io\/v1\nkind: TokenRequest\nmetadata:\n {2}creationTimestamp: null\n {2}name: robot\n {2}namespace: default\nspec:\n {2}audiences:\n {2}- https:\/\/kubernetes\.default\.svc\.cluster\.local\n {2}boundObjectRef: null\n {2}expirationSeconds: 3600\nstatus:\n {2}expirationTimestamp: "[-0-9T:]+Z"\n {2}token: [\w.-]+\n$/);
  });

  it.each([
    { line: 'kubectl create token', stderr: "error: exactly one NAME is required, got 0\nSee 'kubectl create token -h' for help and examples\n" },
    { line: 'kubectl create token ghost', stderr: 'error: failed to create token: serviceaccounts "ghost" not found\n' },
    { line: 'kubectl create token robot --duration=5m', stderr: 'error: failed to create token: TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n' },
    { line: 'kubectl create token robot --duration=-1m', stderr: 'error: --duration must be greater than or equal to 0\n' },
    { line: 'kubectl create token robot --duration=1500ms', stderr: 'error: --duration cannot be expressed in units less than seconds\n' },
    { line: 'kubectl create token robot --duration=soon', stderr: 'error: invalid argument "soon" for "--duration" flag: time: invalid duration "soon"\nSee \'kubectl create token --help\' for usage.\n' },
    { line: "kubectl create token robot --audience=''", stderr: 'error: --audience must not be an empty string\n' },
    { line: 'kubectl create token robot --bound-object-name=x', stderr: 'error: --bound-object-name can only be set if --bound-object-kind is provided\n' },
    { line: 'kubectl create token robot --bound-object-uid=x', stderr: 'error: --bound-object-uid can only be set if --bound-object-kind is provided\n' },
    { line: 'kubectl create token robot --bound-object-kind=ConfigMap --bound-object-name=x', stderr: 'error: supported --bound-object-kind values are Node, Pod, Secret\n' },
    { line: 'kubectl create token robot --bound-object-kind=Pod', stderr: 'error: --bound-object-name is required if --bound-object-kind is provided\n' },
    { line: 'kubectl create token robot --bound-object-kind=Pod --bound-object-name=nope', stderr: 'error: failed to create token: pods "nope" not found\n' },
  ])('$line', async ({ line, stderr }) => {
    expect(await h.kubectl(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('--help is the real kubectl v1.33 text', async () => {
    expect((await h.kubectl('kubectl create token --help')).stdout).toBe(readFileSync(new URL('./testdata/create-token.help', import.meta.url), 'utf8'));
  });
});
