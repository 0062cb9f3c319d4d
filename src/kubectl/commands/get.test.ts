import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run, stream } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let clock: VirtualClock;

beforeEach(async () => {
  clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
  const pod = (name: string, labels: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });
  await cluster.client.create({ ...resources.pods, namespace: 'default' }, pod('web-1', { app: 'web' }));
  await cluster.client.create({ ...resources.pods, namespace: 'default' }, pod('db-0', { app: 'db', tier: 'data' }));
  clock.advance(90_000);
});
afterEach(() => cluster.stop());

describe('kubectl get', () => {
  it.each([
    { name: 'lists pods as the server table, aligned', line: 'kubectl get pods', stdout:
`NAME    READY   STATUS    RESTARTS   AGE
db-0    0/1     Pending   0          90s
web-1   0/1     Pending   0          90s
` },
    { name: 'resolves short names and filters by label', line: 'kubectl get po -l app=web', stdout:
`NAME    READY   STATUS    RESTARTS   AGE
web-1   0/1     Pending   0          90s
` },
    { name: 'gets one pod by name, with labels', line: 'kubectl get pod web-1 --show-labels', stdout:
`NAME    READY   STATUS    RESTARTS   AGE   LABELS
web-1   0/1     Pending   0          90s   app=web
` },
    { name: 'adds -L columns', line: 'kubectl get pods -L tier --no-headers', stdout:
`db-0    0/1   Pending   0     90s   data
web-1   0/1   Pending   0     90s   
` },
    { name: 'prints names', line: 'kubectl get pods -o name', stdout: 'pod/db-0\npod/web-1\n' },
    { name: 'runs jsonpath over the list', line: `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}'`,
      stdout: 'db-0\tnginx:1.27\nweb-1\tnginx:1.27\n' },
    { name: 'filters in jsonpath', line: `kubectl get pods -o jsonpath='{.items[?(@.metadata.name=="web-1")].metadata.labels.app}'`, stdout: 'web' },
    { name: 'prints maps in custom columns as Go does', line: 'kubectl get pods -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels', stdout:
`NAME    LABELS
db-0    map[app:db tier:data]
web-1   map[app:web]
` },
    { name: 'prints custom columns', line: 'kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,NODE:.spec.nodeName', stdout:
`NAME    IMAGE        NODE
db-0    nginx:1.27   <none>
web-1   nginx:1.27   <none>
` },
    { name: 'sorts by a JSONPath', line: 'kubectl get pods --sort-by=.metadata.name -o name', stdout: 'pod/db-0\npod/web-1\n' },
    { name: 'prefixes kinds and separates them with a blank line', line: 'kubectl get pods,svc', stdout:
`NAME        READY   STATUS    RESTARTS   AGE
pod/db-0    0/1     Pending   0          90s
pod/web-1   0/1     Pending   0          90s

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   90s
` },
    { name: 'adds NAMESPACE with -A', line: 'kubectl get svc -A', stdout:
`NAMESPACE     NAME             TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                  AGE
default       kubernetes       ClusterIP   10.96.0.1      <none>        443/TCP                  90s
kube-system   kube-dns         ClusterIP   10.96.0.10     <none>        53/UDP,53/TCP,9153/TCP   90s
kube-system   metrics-server   ClusterIP   10.97.228.90   <none>        443/TCP                  90s
` },
    { name: 'gives a cluster-scoped kind an empty NAMESPACE column with -A after a namespaced one', line: 'kubectl get deploy,ns -A', stdout:
`NAMESPACE   NAME                        STATUS   AGE
            namespace/default           Active   90s
            namespace/kube-node-lease   Active   90s
            namespace/kube-public       Active   90s
            namespace/kube-system       Active   90s
` },
    { name: 'gives a cluster-scoped kind no NAMESPACE column with -A when it comes first', line: 'kubectl get ns,svc -A --no-headers', stdout:
`namespace/default           Active   90s
namespace/kube-node-lease   Active   90s
namespace/kube-public       Active   90s
namespace/kube-system       Active   90s
default       service/kubernetes       ClusterIP   10.96.0.1      <none>   443/TCP                  90s
kube-system   service/kube-dns         ClusterIP   10.96.0.10     <none>   53/UDP,53/TCP,9153/TCP   90s
kube-system   service/metrics-server   ClusterIP   10.97.228.90   <none>   443/TCP                  90s
` },
    { name: 'pipes into grep and wc', line: 'kubectl get pods --no-headers | grep -c Pending', stdout: '2\n' },
  ])('$name', async ({ line, stdout }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it.each([
    { name: 'gets the objects a file describes', file: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: kubernetes\n',
      line: 'kubectl get -f objs.yaml -o name', want: { stdout: 'pod/web-1\nservice/kubernetes\n', stderr: '', exitCode: 0 } },
    { name: 'prints only the error of one file when an object is missing (a single item implied)', file: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nope\n',
      line: 'kubectl get -f objs.yaml -o name', want: { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 } },
    { name: 'reports a described object that does not exist', file: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nope\n',
      line: 'kubectl get -f objs.yaml', want: { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 } },
    { name: 'prints one described object as itself', file: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1"}}',
      line: 'kubectl get -f objs.yaml -o jsonpath={.kind}', want: { stdout: 'Pod', stderr: '', exitCode: 0 } },
    { name: 'refuses types next to -f', file: '', line: 'kubectl get pods -f objs.yaml', want: { stdout: '', stderr: 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n', exitCode: 1 } },
  ])('-f: $name', async ({ file, line, want }) => {
    const withFile = { ...ctx, readFile: async (path: string) => (path === 'objs.yaml' ? file : Promise.reject(new Error('no such file'))) };
    expect(await run(line, withFile)).toEqual(want);
  });

  it('prints a pod as YAML without managedFields', async () => {
    const { stdout } = await run('kubectl get pod web-1 -o yaml', ctx);
    expect(stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}creationTimestamp: "/);
    expect(stdout).not.toContain('managedFields');
    expect(stdout).toContain('  - image: nginx:1.27\n');
  });

  it('prints several objects as a kind: List in JSON', async () => {
    const { stdout } = await run('kubectl get pods -o json', ctx);
    const list = JSON.parse(stdout) as { kind: string; items: Array<{ kind: string; apiVersion: string }> };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => `${i.apiVersion}/${i.kind}`)).toEqual(['v1/Pod', 'v1/Pod']);
  });

  it.each([
    { name: 'nothing found in a namespace', line: 'kubectl get deploy', stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 },
    { name: 'nothing found in another namespace', line: 'kubectl get pods -n kube-public', stdout: '', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 },
    { name: 'nothing found cluster-wide', line: 'kubectl get persistentvolumes', stdout: '', stderr: 'No resources found\n', exitCode: 0 },
    { name: 'a missing pod', line: 'kubectl get pod nope', stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 },
    { name: 'a missing deployment', line: 'kubectl get deploy/web', stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1 },
    { name: 'an unknown resource type', line: 'kubectl get foo', stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 },
    { name: 'an unknown flag', line: 'kubectl get pods --bogus', stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n", exitCode: 1 },
    { name: 'a flag without its value', line: 'kubectl get pods -o', stdout: '', stderr: "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n", exitCode: 1 },
    { name: 'no resource type', line: 'kubectl get', stdout: '',
      stderr: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n', exitCode: 1 },
    { name: 'an unknown output format', line: 'kubectl get pods -o foo', stdout: '',
      stderr: 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n', exitCode: 1 },
    { name: 'an unknown command', line: 'kubectl bogus', stdout: '', stderr: 'error: unknown command "bogus" for "kubectl"\n\nDid you mean this?\n\tlogs\n', exitCode: 1 },
    { name: 'an unbalanced quote', line: 'kubectl get "pods', stdout: '', stderr: 'unexpected EOF while looking for matching `"\'\n', exitCode: 2 },
    { name: 'a sort field no pod has (one table prints nothing)', line: 'kubectl get pods --sort-by=.metadata.nope', stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 },
    { name: 'a sort field missing over several tables', line: 'kubectl get svc,pods --sort-by=.metadata.nope', stdout: '', stderr: 'error: couldn\'t find any field with path "{.metadata.nope}" in the list of objects\n', exitCode: 1 },
    { name: 'a sort field missing in -o name', line: 'kubectl get pods --sort-by=.metadata.nope -o name', stdout: '', stderr: 'error: couldn\'t find any field with path "{.metadata.nope}" in the list of objects\n', exitCode: 1 },
    { name: 'an empty jsonpath template', line: 'kubectl get pods -o jsonpath=', stdout: '', stderr: 'error: template format specified but no template given\n', exitCode: 1 },
    { name: 'an unclosed jsonpath action', line: 'kubectl get pods -o jsonpath={.items', stdout: '', stderr: 'error: error parsing jsonpath {.items, unclosed action\n', exitCode: 1 },
    { name: 'watch events without a watch', line: 'kubectl get pods --output-watch-events', stdout: '', stderr: 'error: --output-watch-events option can only be used with --watch or --watch-only\n', exitCode: 1 },
    { name: 'labels with a non-table output', line: 'kubectl get pods --show-labels -o name', stdout: '', stderr: 'error: --show-labels option cannot be used with name printer\n', exitCode: 1 },
    { name: 'custom columns without a spec', line: 'kubectl get pods -o custom-columns', stdout: '', stderr: 'error: custom-columns format specified but no custom columns given\n', exitCode: 1 },
    { name: 'an unknown subresource of a list', line: 'kubectl get pods --subresource=bogus', stdout: '', stderr: 'error: subresource cannot be used when bulk resources are specified\n', exitCode: 1 },
    { name: 'a subresource of a list', line: 'kubectl get pods --subresource=status', stdout: '', stderr: 'error: subresource cannot be used when bulk resources are specified\n', exitCode: 1 },
    { name: 'an unknown context', line: 'kubectl get pods --context=nope', stdout: '', stderr: 'Error in configuration: context was not found for specified context: nope\n', exitCode: 1 },
    { name: 'found and missing objects together', line: 'kubectl get pods web-1 nope -o name', stdout: 'pod/web-1\n', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 },
  ])('reports $name', async ({ line, stdout, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr, exitCode });
  });

  it('prints its help', async () => {
    const { stdout, exitCode } = await run('kubectl get -h', ctx);
    expect(stdout).toMatch(/^Display one or many resources\.\n/);
    expect(exitCode).toBe(0);
  });

  it('logs each request at --v=6 as client-go does', async () => {
    const { stderr } = await run('kubectl get pods --v=6', ctx);
    expect(stderr.split('\n')[0]).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {3}12345 loader\.go:402\] Config loaded from file: {2}\/root\/\.kube\/config$/);
    expect(stderr.split('\n')).toHaveLength(8);
    expect(stderr.split('\n').at(-2)).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {3}12345 round_trippers\.go:632\] "Response" verb="GET" url="https:\/\/127\.0\.0\.1:6443\/api\/v1\/namespaces\/default\/pods\?limit=500" status="200 OK" milliseconds=0$/);
  });

  it.each([
    { name: 'prints the list as ADDED events with --output-watch-events, in one set of widths', line: 'kubectl get pods -w --output-watch-events', want:
`EVENT      NAME    READY   STATUS    RESTARTS   AGE
ADDED      db-0    0/1     Pending   0          90s
ADDED      web-1   0/1     Pending   0          90s
ADDED      cache   0/1     Pending   0          0s
` },
    { name: 'says nothing of an empty list it then watches', line: 'kubectl get pods -w -l app=cache', want: '' },
    { name: 'prints only what changes with --watch-only, header first', line: 'kubectl get pods --watch-only', want:
`NAME    READY   STATUS    RESTARTS   AGE
cache   0/1     Pending   0          0s
` },
  ])('$name', async ({ line, want }) => {
    let out = '', err = '';
    const running = stream(line, ctx, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
    await clock.advanceAsync(1);
    await cluster.client.create({ ...resources.pods, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cache' }, spec: { containers: [{ name: 'c', image: 'redis' }] } });
    await clock.advanceAsync(1);
    running.stop();
    // Ctrl-C: kubectl's interrupt handler exits 1, silently.
    expect(await running.done).toBe(1);
    expect(out).toBe(want);
    expect(err).toBe('');
  });

  it.each([
    { name: 'exits 1 when grep selects nothing', line: 'kubectl get pods | grep nope', want: { stdout: '', stderr: '', exitCode: 1 } },
    { name: 'chains tools', line: 'kubectl get pods --no-headers | sort -r | head -1', want: { stdout: 'web-1   0/1   Pending   0     90s\n', stderr: '', exitCode: 0 } },
    { name: "reports grep's error once", line: "kubectl get pods | grep -E '('", want: { stdout: '', stderr: 'grep: Unmatched ( or \\(\n', exitCode: 2 } },
    { name: 'runs a text tool alone', line: 'wc -l', want: { stdout: '0\n', stderr: '', exitCode: 0 } },
  ])('in a pipeline, $name', async ({ line, want }) => {
    expect(await run(line, ctx)).toEqual(want);
  });

  it('streams a watch through grep line by line', async () => {
    let out = '';
    const running = stream('kubectl get pods -w | grep cache', ctx, { stdout: (t) => { out += t; }, stderr: () => undefined });
    await clock.advanceAsync(1);
    await cluster.client.create({ ...resources.pods, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cache' }, spec: { containers: [{ name: 'c', image: 'redis' }] } });
    await clock.advanceAsync(1);
    expect(out).toBe('cache   0/1     Pending   0          0s\n');
    running.stop();
    expect(await running.done).toBe(0);
  });

  it('streams rows as they change with -w, until stopped', async () => {
    let out = '';
    const running = stream('kubectl get pods -w', ctx, { stdout: (t) => { out += t; }, stderr: () => undefined });
    await clock.advanceAsync(1);
    await cluster.client.create({ ...resources.pods, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cache' }, spec: { containers: [{ name: 'c', image: 'redis' }] } });
    await clock.advanceAsync(1);
    await cluster.client.delete({ ...resources.pods, namespace: 'default' }, 'cache', { gracePeriodSeconds: 0 });
    await clock.advanceAsync(1);
    running.stop();
    // Ctrl-C: kubectl's interrupt handler exits 1, silently.
    expect(await running.done).toBe(1);
    expect(out).toBe(
`NAME    READY   STATUS    RESTARTS   AGE
db-0    0/1     Pending   0          90s
web-1   0/1     Pending   0          90s
cache   0/1     Pending   0          0s
cache   0/1     Pending   0          0s
`);
  });
});
