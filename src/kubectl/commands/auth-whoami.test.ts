import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from '../testing/harness.ts';
import { printUserInfo } from './auth-whoami.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

describe('printUserInfo (whoami.go printTableSelfSubjectAccessReview)', () => {
  it.each([
    { name: 'username and groups', ui: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] }, out: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n' },
    {
      name: 'uid and extra keys in sorted order', ui: { username: 'u', uid: '42', groups: ['g'], extra: { zeta: ['1', '2'], alpha: ['x'] } },
      out: 'ATTRIBUTE      VALUE\nUsername       u\nUID            42\nGroups         [g]\nExtra: alpha   [x]\nExtra: zeta    [1 2]\n',
    },
    { name: 'nothing but the header', ui: {}, out: 'ATTRIBUTE   VALUE\n' },
  ])('$name', ({ ui, out }) => {
    expect(printUserInfo(ui)).toBe(out);
  });
});

describe('kubectl auth whoami', () => {
  it.each([
    { line: 'kubectl auth whoami', stdout: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n' },
    { line: 'kubectl auth whoami --as=alice --as-group=dev', stdout: 'ATTRIBUTE   VALUE\nUsername    alice\nGroups      [dev system:authenticated]\n' },
  ])('$line', async ({ line, stdout }) => {
    expect(await h.kubectl(line)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('prints the SelfSubjectReview with -o yaml and -o json', async () => {
    const yaml = await h.kubectl('kubectl auth whoami -o yaml');
    expect(yaml.exitCode).toBe(0);
    expect(yaml.stdout).toMatch(/^apiVersion: authentication\.k8s\.io\/v1\nkind: SelfSubjectReview\nmetadata:\n {2}creationTimestamp: "[-0-9T:]+Z"\nstatus:\n {2}userInfo:\n {4}groups:\n {4}- system:masters\n {4}- system:authenticated\n {4}username: kubernetes-admin\n$/);
    const json = await h.kubectl('kubectl auth whoami -o json');
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'SelfSubjectReview', status: { userInfo: { username: 'kubernetes-admin' } } });
  });

  it('--help is the real kubectl v1.33 text', async () => {
    const help = await h.kubectl('kubectl auth whoami --help');
    expect(help.stdout).toBe(WHOAMI_HELP);
  });
});

// `kubectl.1.33 auth whoami --help`, captured.
const WHOAMI_HELP = readFileSync(new URL('./testdata/auth-whoami.help', import.meta.url), 'utf8');
