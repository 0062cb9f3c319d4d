import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kubeconfig } from '../context.ts';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

// The kubeconfig of the oracle runs (kubectl v1.33 --kubeconfig with this content).
const kubeconfig = (): Kubeconfig => ({
  apiVersion: 'v1', kind: 'Config',
  // Kubeconfig types only the server; the data field rides along as a real kubeconfig's would.
  clusters: [{ name: 'kubernetes', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': 'QUJD' } as { server: string } }],
  contexts: [
    { name: 'kubernetes-admin@kubernetes', context: { cluster: 'kubernetes', user: 'kubernetes-admin' } },
    { name: 'dev', context: { cluster: 'kubernetes', user: 'kubernetes-admin', namespace: 'team-a' } },
  ],
  'current-context': 'kubernetes-admin@kubernetes',
  users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': 'QUJD', 'client-key-data': 'QUJD', token: 'secret-token' } }],
  preferences: {},
});
beforeEach(() => { h.ctx.kubeconfig = kubeconfig(); });

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, exitCode: 1 });

describe('kubectl config', () => {
  it.each([
    { line: 'kubectl config view', want: ok(
`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://127.0.0.1:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    namespace: team-a
    user: kubernetes-admin
  name: dev
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
    token: REDACTED
`) },
    { line: 'kubectl config view --minify -o json', want: ok(
`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://127.0.0.1:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "kubernetes-admin",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED",
                "token": "REDACTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubernetes-admin@kubernetes",
            "context": {
                "cluster": "kubernetes",
                "user": "kubernetes-admin"
            }
        }
    ],
    "current-context": "kubernetes-admin@kubernetes"
}
`) },
    { line: "kubectl config view -o jsonpath='{.contexts[*].name}'", want: ok('dev kubernetes-admin@kubernetes') },
    { line: 'kubectl config get-contexts', want: ok(
`CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE
          dev                           kubernetes   kubernetes-admin   team-a
*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   
`) },
    { line: 'kubectl config get-contexts dev', want: ok(
`CURRENT   NAME   CLUSTER      AUTHINFO           NAMESPACE
          dev    kubernetes   kubernetes-admin   team-a
`) },
    { line: 'kubectl config get-contexts nope', want: fail('error: context nope not found\n', 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n') },
    { line: 'kubectl config get-contexts -o name', want: ok('dev\nkubernetes-admin@kubernetes\n') },
    { line: 'kubectl config get-contexts -o wide', want: fail('error: --output wide is not available in kubectl config get-contexts; resetting to default output format\n') },
    { line: 'kubectl config current-context', want: ok('kubernetes-admin@kubernetes\n') },
    { line: 'kubectl config use-context nope', want: fail('error: no context exists with the name: "nope"\n') },
    { line: 'kubectl config set-context dev --current', want: fail('error: you cannot specify both a context name and --current\n') },
    { line: 'kubectl config set-context', want: fail('error: you must specify a non-empty context name or --current\n') },
    { line: 'kubectl config nope', want: fail("error: unknown command \"nope\"\nSee 'kubectl config -h' for help and examples\n") },
    { line: 'kubectl config current-context --raw', want: fail("error: unknown flag: --raw\nSee 'kubectl config current-context --help' for usage.\n") },
  ])('$line', async ({ line, want }) => {
    expect(await h.kubectl(line)).toEqual(want);
  });

  it('prints its help on stderr and exits 1 without a subcommand', async () => {
    const r = await h.kubectl('kubectl config');
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n')).toBe(true);
    expect(r.stderr.endsWith('Use "kubectl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
    expect(r.exitCode).toBe(1);
  });

  it('switches and modifies contexts, and later commands use them', async () => {
    expect(await h.kubectl('kubectl config use-context dev')).toEqual(ok('Switched to context "dev".\n'));
    expect(await h.kubectl('kubectl config current-context')).toEqual(ok('dev\n'));
    expect(await h.kubectl('kubectl config set-context --current --namespace=x')).toEqual(ok('Context "dev" modified.\n'));
    expect(await h.kubectl('kubectl config set-context newc --cluster=c1')).toEqual(ok('Context "newc" created.\n'));
    expect(await h.kubectl('kubectl config get-contexts')).toEqual(ok(
`CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE
*         dev                           kubernetes   kubernetes-admin   x
          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   
          newc                          c1                              
`));
    expect(await h.kubectl('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in x namespace.\n', exitCode: 0 });
  });
});

describe('kubectl version', () => {
  it.each([
    { line: 'kubectl version', want: ok('Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n') },
    { line: 'kubectl version --client', want: ok('Client Version: v1.33.1\nKustomize Version: v5.6.0\n') },
    { line: 'kubectl version --client -o yaml', want: ok(
`clientVersion:
  buildDate: "2025-05-15T08:27:33Z"
  compiler: gc
  gitCommit: 8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828
  gitTreeState: clean
  gitVersion: v1.33.1
  goVersion: go1.24.2
  major: "1"
  minor: "33"
  platform: linux/amd64
kustomizeVersion: v5.6.0

`) },
    { line: 'kubectl version -o wide', want: fail("error: --output must be 'yaml' or 'json'\n") },
    { line: 'kubectl version x', want: fail('error: extra arguments: [x]\n') },
  ])('$line', async ({ line, want }) => {
    expect(await h.kubectl(line)).toEqual(want);
  });

  it('prints json in the Version struct order, two-space indented', async () => {
    const { stdout } = await h.kubectl('kubectl version -o json');
    expect(stdout.startsWith('{\n  "clientVersion": {\n    "major": "1",\n    "minor": "33",\n    "gitVersion": "v1.33.1",')).toBe(true);
    expect(JSON.parse(stdout)).toMatchObject({ kustomizeVersion: 'v5.6.0', serverVersion: { gitVersion: 'v1.33.1', emulationMinor: '33' } });
  });
});

describe('kubectl cluster-info', () => {
  it('prints the control plane and the cluster services in kube-system', async () => {
    // A booted cluster has kubeadm's kube-dns Service (kubernetes.io/cluster-service: "true").
    expect((await h.kubectl('kubectl cluster-info')).stdout).toBe(
`Kubernetes control plane is running at https://127.0.0.1:6443
CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
`);
    await h.cluster.client.delete({ group: '', version: 'v1', resource: 'services', namespace: 'kube-system' }, 'kube-dns');
    expect(await h.kubectl('kubectl cluster-info')).toEqual(ok(
      "Kubernetes control plane is running at https://127.0.0.1:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"));
  });
});
