import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import type { KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import { bootHarness } from '../testing/harness.ts';
import { CREATE_ORACLE } from './create.oracle.ts';
import { CREATE_DEPLOYMENT_HELP, CREATE_SECRET_HELP, CREATE_SERVICE_HELP } from './help-create.ts';
import { SET_HELP } from './help-write.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let files: Record<string, string>;

beforeEach(async () => {
  ({ cluster, ctx, files } = await bootHarness());
});
afterEach(() => cluster.stop());

describe('kubectl create, against the real kubectl', () => {
  // Client-side dry runs and client-side errors need no server, so the real kubectl answered these.
  it.each(CREATE_ORACLE.filter((c) => !['kubectl create service foo'].includes(c.line)))('$line', async ({ line, stdout, stderr, exitCode }) => {
    const r = await run(line, ctx);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout, stderr, exitCode });
  });
});

describe('kubectl create', () => {
  it.each([
    { name: 'prints the help of a generator', line: 'kubectl create deployment --help', stdout: CREATE_DEPLOYMENT_HELP },
    { name: 'prints the help of a nested generator', line: 'kubectl create secret --help', stdout: CREATE_SECRET_HELP },
  ])('$name', async ({ line, stdout }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  // DefaultSubCommandRun: a parent without its subcommand prints its help on stderr and exits 1 (as kubectl v1.33).
  it.each([
    { line: 'kubectl create secret', stderr: CREATE_SECRET_HELP },
    { line: 'kubectl create service', stderr: CREATE_SERVICE_HELP },
    { line: 'kubectl set', stderr: SET_HELP },
  ])('$line prints its help on stderr and exits 1', async ({ line, stderr }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('creates a deployment and then fails as AlreadyExists, wrapped as create_deployment.go does', async () => {
    expect(await run('kubectl create deployment web --image=nginx', ctx)).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    const dep = await cluster.client.get({ ...resources.deployments, namespace: 'default' }, 'web');
    expect(dep.metadata?.labels).toEqual({ app: 'web' });
    expect(await run('kubectl create deployment web --image=nginx', ctx)).toEqual({
      stdout: '', stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n', exitCode: 1,
    });
  });

  it('creates a namespace, and reports a second one as the API error itself', async () => {
    expect((await run('kubectl create ns team-a', ctx)).stdout).toBe('namespace/team-a created\n');
    expect(await run('kubectl create ns team-a', ctx)).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "team-a" already exists\n', exitCode: 1 });
  });

  it('server dry run sends dryRun=All and persists nothing', async () => {
    expect((await run('kubectl create configmap c --from-literal=a=b --dry-run=server', ctx)).stdout).toBe('configmap/c created (server dry run)\n');
    expect((await run('kubectl get cm c', ctx)).stderr).toBe('Error from server (NotFound): configmaps "c" not found\n');
  });

  it('creates a role with rules grouped by API group, short names resolved', async () => {
    const r = await run('kubectl create role pod-reader --verb=get,list --resource=pods,rs.apps,deploy --resource-name=a --dry-run=client -o yaml', ctx);
    expect(r.stdout).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: pod-reader
rules:
- apiGroups:
  - ""
  resourceNames:
  - a
  resources:
  - pods
  verbs:
  - get
  - list
- apiGroups:
  - apps
  resourceNames:
  - a
  resources:
  - replicasets
  - deployments
  verbs:
  - get
  - list
`);
  });

  it.each([
    { name: 'refuses a special verb on the wrong resource', line: 'kubectl create role r --verb=bind --resource=pods', stderr: "error: can not perform 'bind' on 'pods' in group ''\n" },
    { name: 'names an unknown resource type', line: 'kubectl create role r --verb=get --resource=foos', stderr: 'error: the server doesn\'t have a resource type "foos"\n' },
    { name: 'needs a verb', line: 'kubectl create clusterrole r --resource=pods', stderr: 'error: at least one verb must be specified\n' },
    { name: 'checks non-resource URLs', line: 'kubectl create clusterrole r --verb=get --non-resource-url=healthz', stderr: 'error: nonResourceURL should start with /\n' },
  ])('$name', async ({ line, stderr }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('creates a job from a cronjob, owned by it and marked manual', async () => {
    await run("kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *'", ctx);
    expect((await run('kubectl create job manual-1 --from=cronjob/tick', ctx)).stdout).toBe('job.batch/manual-1 created\n');
    const job = await cluster.client.get({ ...resources.jobs, namespace: 'default' }, 'manual-1');
    expect(job.metadata?.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true });
  });
});

describe('kubectl create -f', () => {
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;

  it('creates every document of a file, in order', async () => {
    files['app.yaml'] = `${pod('a')}---\n${pod('b')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n`;
    expect(await run('kubectl create -f app.yaml', ctx)).toEqual({ stdout: 'pod/a created\npod/b created\nservice/web created\n', stderr: '', exitCode: 0 });
  });

  it('keeps going past an object the server refuses, and names the file in the error', async () => {
    files['app.yaml'] = `${pod('a')}---\n${pod('b')}`;
    await run('kubectl create -f app.yaml', ctx);
    files['more.yaml'] = `${pod('a')}---\n${pod('c')}`;
    expect(await run('kubectl create -f more.yaml', ctx)).toEqual({
      stdout: 'pod/c created\n', stderr: 'Error from server (AlreadyExists): error when creating "more.yaml": pods "a" already exists\n', exitCode: 1,
    });
  });

  it('creates the documents before one that does not parse, and none after it', async () => {
    files['five.yaml'] = [pod('p1'), pod('p2'), 'kind: Pod\nmetadata: [broken\n', pod('p4'), pod('p5')].join('---\n');
    const r = await run('kubectl create -f five.yaml', ctx);
    expect(r.stdout).toBe('pod/p1 created\npod/p2 created\n');
    expect(r.stderr).toMatch(/^error: error parsing five\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    expect(r.exitCode).toBe(1);
    expect((await run('kubectl get pods -o name', ctx)).stdout).toBe('pod/p1\npod/p2\n');
  });

  it('reports a document without a kind and still creates the others', async () => {
    files['nokind.yaml'] = `${pod('a')}---\napiVersion: v1\nmetadata:\n  name: x\n`;
    expect(await run('kubectl create -f nokind.yaml', ctx)).toEqual({
      stdout: 'pod/a created\n', stderr: `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`, exitCode: 1,
    });
  });

  it('reads stdin for -f -, and refuses a namespace that contradicts -n', async () => {
    ctx.stdin = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: other\n`;
    expect(await run('kubectl create -f - -n default', ctx)).toEqual({
      stdout: '', stderr: `error: the namespace from the provided object "other" does not match the namespace "default". You must pass '--namespace=other' to perform this operation.\n`, exitCode: 1,
    });
  });

  it.each([
    { name: 'a missing file', line: 'kubectl create -f nope.yaml', stderr: 'error: the path "nope.yaml" does not exist\n' },
    { name: 'an unknown kind', line: 'kubectl create -f crd.yaml', stderr: 'error: resource mapping not found for name: "x" namespace: "" from "crd.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n' },
    { name: 'kustomize', line: 'kubectl create -k dir/', stderr: 'error: Pilothouse does not support kustomize (-k); use -f with the rendered manifests\n' },
  ])('refuses $name', async ({ line, stderr }) => {
    files['crd.yaml'] = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\n';
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('prints created objects as the API returns them with -o yaml, and saves the config when asked', async () => {
    files['cm.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  b: "2"\n  a: "1"\n';
    const r = await run('kubectl create -f cm.yaml --save-config -o jsonpath={.metadata.annotations}', ctx);
    expect(r.stdout).toBe('{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"1\\",\\"b\\":\\"2\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"name\\":\\"c\\",\\"namespace\\":\\"default\\"}}\\n"}');
  });
});
