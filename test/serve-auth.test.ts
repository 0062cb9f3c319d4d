// Authentication against `pilothouse serve` with the real kubectl v1.33: `auth whoami`
// (SelfSubjectReview), `create token` (TokenRequest), and the issued service-account token used
// as kubectl's bearer token, so RBAC refuses it as the service account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool, titleWithTool } from './support/tools.ts';
import { startTestServer, type TestServer } from './support/serve.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(kubectlPath);
  // The serviceaccount controller gives each namespace its `default` account.
  await server.clock.advanceAsync(5_000);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

withKubectl(titleWithTool('real kubectl: authentication against pilothouse serve', 'kubectl', kubectlPath), () => {
  it('auth whoami prints the admin user as a table, and as YAML', async () => {
    expect(await server.kubectl(['auth', 'whoami'])).toEqual({
      code: 0, stderr: '',
      stdout: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n',
    });
    const created = new Date(Math.floor(server.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    expect(await server.kubectl(['auth', 'whoami', '-o', 'yaml'])).toEqual({
      code: 0, stderr: '',
      stdout: [
        'apiVersion: authentication.k8s.io/v1', 'kind: SelfSubjectReview', 'metadata:', `  creationTimestamp: "${created}"`, 'status:', '  userInfo:', '    groups:',
        '    - system:masters', '    - system:authenticated', '    username: kubernetes-admin', '',
      ].join('\n'),
    });
  });

  it('create token issues a token that authenticates as the service account, which RBAC then refuses', async () => {
    const created = await server.kubectl(['create', 'token', 'default']);
    expect(created.code).toBe(0);
    // Not a terminal: the token alone, with no newline (create_token.go).
    expect(created.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = created.stdout;
    const sa = await server.cluster.api.read('', 'serviceaccounts', 'default', 'default');
    const whoami = await server.kubectl([`--token=${token}`, 'auth', 'whoami']);
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toMatch(new RegExp([
      '^ATTRIBUTE                                           VALUE',
      'Username                                            system:serviceaccount:default:default',
      `UID                                                 ${sa?.metadata?.uid}`,
      'Groups                                              \\[system:serviceaccounts system:serviceaccounts:default system:authenticated\\]',
      'Extra: authentication.kubernetes.io/credential-id   \\[JTI=[0-9a-f-]{36}\\]\n$',
    ].join('\n')));
    expect(await server.kubectl([`--token=${token}`, 'get', 'pods'])).toEqual({
      code: 1, stdout: '',
      stderr: 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"\n',
    });
  });

  it.each([
    { name: 'a missing service account', args: ['create', 'token', 'ghost'], stderr: 'error: failed to create token: serviceaccounts "ghost" not found\n' },
    {
      name: 'a duration under ten minutes', args: ['create', 'token', 'default', '--duration=5m'],
      stderr: 'error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    },
    {
      name: 'a missing bound pod', args: ['create', 'token', 'default', '--bound-object-kind=Pod', '--bound-object-name=nope'],
      stderr: 'error: failed to create token: pods "nope" not found\n',
    },
  ])('create token refuses $name', async ({ args, stderr }) => {
    expect(await server.kubectl(args)).toEqual({ code: 1, stdout: '', stderr });
  });
});
