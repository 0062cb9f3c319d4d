import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import type { KubectlContext } from '../context.ts';
import { run, stream } from '../kubectl.ts';
import { bootHarness } from '../testing/harness.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let files: Record<string, string>;

const pod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

beforeEach(async () => {
  ({ cluster, ctx, files } = await bootHarness());
  for (const [name, app] of [['web-1', 'web'], ['web-2', 'web'], ['db-0', 'db']] as const) {
    await cluster.client.create({ ...resources.pods, namespace: 'default' }, pod(name, { app }));
  }
});
afterEach(() => cluster.stop());

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

describe('kubectl delete', () => {
  // Rows checked against kubectl.1.33 talking to `pilothouse serve`.
  it.each([
    { name: 'deletes by name', line: 'kubectl delete pod web-1', stdout: 'pod "web-1" deleted\n', stderr: '', exitCode: 0 },
    { name: 'deletes TYPE/NAME forms', line: 'kubectl delete pod/web-1 po/db-0', stdout: 'pod "web-1" deleted\npod "db-0" deleted\n', stderr: '', exitCode: 0 },
    { name: 'deletes the names it finds and reports the others', line: 'kubectl delete pods web-1 nope', stdout: 'pod "web-1" deleted\n', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 },
    { name: 'ignores missing names when asked', line: 'kubectl delete pod nope --ignore-not-found', stdout: '', stderr: '', exitCode: 0 },
    { name: 'deletes by label', line: 'kubectl delete pods -l app=web', stdout: 'pod "web-1" deleted\npod "web-2" deleted\n', stderr: '', exitCode: 0 },
    { name: 'says so when a selector matches nothing', line: 'kubectl delete pods -l app=none', stdout: 'No resources found\n', stderr: '', exitCode: 0 },
    { name: 'deletes everything of a type with --all', line: 'kubectl delete pods --all -o name', stdout: 'pod/db-0\npod/web-1\npod/web-2\n', stderr: '', exitCode: 0 },
    { name: 'force deletes with the warning', line: 'kubectl delete pod web-1 --force', stdout: 'pod "web-1" force deleted\n', stderr: FORCE_WARNING, exitCode: 0 },
    { name: 'turns a bare --grace-period=0 into 1', line: 'kubectl delete pod web-1 --grace-period=0', stdout: 'pod "web-1" deleted\n', stderr: '', exitCode: 0 },
    { name: 'marks client dry runs', line: 'kubectl delete pod web-1 --dry-run=client', stdout: 'pod "web-1" deleted (dry run)\n', stderr: '', exitCode: 0 },
    { name: 'marks server dry runs', line: 'kubectl delete pod web-1 --dry-run=server', stdout: 'pod "web-1" deleted (server dry run)\n', stderr: '', exitCode: 0 },
    { name: 'names the group of non-core kinds', line: 'kubectl delete deployment.apps nope', stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 },
    { name: 'refuses to delete the default namespace as the apiserver does', line: 'kubectl delete ns default', stdout: '', stderr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n', exitCode: 1 },
    { name: 'warns about the deprecated boolean cascade', line: 'kubectl delete pod web-1 --cascade=false', stdout: 'pod "web-1" deleted\n', stderr: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n', exitCode: 0 },
  ])('$name', async ({ line, stdout, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr, exitCode });
  });

  // Client-side errors, checked against kubectl.1.33 with no server.
  it.each([
    { line: 'kubectl delete', stderr: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n" },
    { line: 'kubectl delete pods', stderr: 'error: resource(s) were provided, but no name was specified\n' },
    { line: 'kubectl delete --all', stderr: 'error: at least one resource must be specified to use a selector\n' },
    { line: 'kubectl delete pod x --all', stderr: 'error: name cannot be provided when a selector is specified\n' },
    { line: 'kubectl delete pod x --cascade=bogus', stderr: 'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n' },
    { line: 'kubectl delete pod x --now --grace-period=3', stderr: 'error: --now and --grace-period cannot be specified together\n' },
    { line: 'kubectl delete pod x --force --grace-period=5', stderr: 'error: --force and --grace-period greater than 0 cannot be specified together\n' },
    { line: 'kubectl delete pod x -o yaml', stderr: "error: unexpected -o output mode: yaml. We only support '-o name'\n" },
  ])('$line', async ({ line, stderr }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('deletes the objects of a file, naming the file when they are gone', async () => {
    files['cms.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    await run('kubectl create -f cms.yaml', ctx);
    expect(await run('kubectl delete -f cms.yaml', ctx)).toEqual({ stdout: 'configmap "a" deleted\nconfigmap "b" deleted\n', stderr: '', exitCode: 0 });
    expect(await run('kubectl delete -f cms.yaml', ctx)).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): error when deleting "cms.yaml": configmaps "a" not found\nError from server (NotFound): error when deleting "cms.yaml": configmaps "b" not found\n',
      exitCode: 1,
    });
  });

  it('deletes across namespaces with -A, and warns when -n meets a cluster-scoped kind', async () => {
    await run('kubectl create ns team', ctx);
    for (const ns of ['team', 'default']) {
      await cluster.client.create({ ...resources.configmaps, namespace: ns }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${ns}`, labels: { x: 'y' } } });
    }
    expect((await run('kubectl delete cm -l x=y -A', ctx)).stdout).toBe('configmap "cm-default" deleted\nconfigmap "cm-team" deleted\n');
    expect(await run('kubectl delete ns team -n default --wait=false', ctx)).toEqual({
      stdout: 'namespace "team" deleted\n', stderr: 'Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n', exitCode: 0,
    });
  });

  it('orphans dependents with --cascade=orphan', async () => {
    await run('kubectl create deployment web --image=nginx', ctx);
    expect((await run('kubectl delete deploy web --cascade=orphan', ctx)).stdout).toBe('deployment.apps "web" deleted\n');
  });

  it('waits until an object held by a finalizer is gone', async () => {
    const cms = { ...resources.configmaps, namespace: 'default' };
    await cluster.client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    let stdout = '';
    const running = stream('kubectl delete cm held', ctx, { stdout: (t) => { stdout += t; }, stderr: () => {} });
    let finished = false;
    void running.done.then(() => { finished = true; });
    for (let i = 0; i < 100 && stdout === ''; i++) await new Promise((resolve) => setImmediate(resolve));
    await cluster.client.get(cms, 'held');
    expect(stdout).toBe('configmap "held" deleted\n');
    expect(finished).toBe(false);
    await cluster.client.patch(cms, 'held', 'application/merge-patch+json', { metadata: { finalizers: null } });
    expect(await running.done).toBe(0);
  });
});
