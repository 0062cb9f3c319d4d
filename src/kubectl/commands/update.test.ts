// kubectl label, annotate, patch and scale: rows checked against kubectl.1.33 talking to `pilothouse serve`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;

beforeEach(async () => {
  const clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
  await cluster.client.create({ ...resources.pods, namespace: 'default' }, {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' }, annotations: { note: 'hi' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  await run('kubectl create deployment web --image=nginx', ctx);
});
afterEach(() => cluster.stop());

/** Runs the lines in order; each row is [line, stdout, stderr, exitCode]. */
async function transcript(rows: Array<[string, string, string, number]>) {
  for (const [line, stdout, stderr, exitCode] of rows) expect({ line, ...(await run(line, ctx)) }).toEqual({ line, stdout, stderr, exitCode });
}

describe('kubectl label', () => {
  it('adds, refuses to overwrite, overwrites, removes', () => transcript([
    ['kubectl label pod web a=b', 'pod/web labeled\n', '', 0],
    ['kubectl label pod web a=c', '', "error: 'a' already has a value (b), and --overwrite is false\n", 1],
    ['kubectl label pod web a=c --overwrite', 'pod/web labeled\n', '', 0],
    ['kubectl label pod web a=c --overwrite', 'pod/web not labeled\n', '', 0],
    ['kubectl label pod web a-', 'pod/web unlabeled\n', '', 0],
    ['kubectl label pod web a-', 'label "a" not found.\npod/web not labeled\n', '', 0],
    ['kubectl label pod web x=y --dry-run=client', 'pod/web labeled (dry run)\n', '', 0],
    ['kubectl label pod web z=1 -o name', 'pod/web\n', '', 0],
    ['kubectl label pods --all tier=front', 'pod/web labeled\n', '', 0],
    ['kubectl label pod web', '', 'error: at least one label update is required\n', 1],
    ['kubectl label pod web a=b a-', '', 'error: can not both modify and remove a label in the same command\n', 1],
    ['kubectl label pod nope a=b', '', 'Error from server (NotFound): pods "nope" not found\n', 1],
  ]));
});

describe('kubectl annotate', () => {
  it('adds, refuses to overwrite, removes', () => transcript([
    ['kubectl annotate pod web owner=ops', 'pod/web annotated\n', '', 0],
    ['kubectl annotate pod web note=ho', '', "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n", 1],
    ['kubectl annotate pod web note=ho --overwrite', 'pod/web annotated\n', '', 0],
    ['kubectl annotate pod web note-', 'pod/web annotated\n', '', 0],
    ['kubectl annotate pod web', '', 'error: at least one annotation update is required\n', 1],
  ]));
});

describe('kubectl patch', () => {
  it('patches, notices no change, and checks its flags', () => transcript([
    [`kubectl patch pod web -p '{"metadata":{"labels":{"q":"1"}}}'`, 'pod/web patched\n', '', 0],
    [`kubectl patch pod web -p '{"metadata":{"labels":{"q":"1"}}}'`, 'pod/web patched (no change)\n', '', 0],
    [`kubectl patch deploy web --type=merge -p 'spec: {replicas: 3}'`, 'deployment.apps/web patched\n', '', 0],
    [`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4}]' -o jsonpath={.spec.replicas}`, '4', '', 0],
    ['kubectl patch pod web', '', 'error: must specify --patch or --patch-file containing the contents of the patch\n', 1],
    ['kubectl patch pod web -p {} --type=foo', '', 'error: --type must be one of [json merge strategic], not "foo"\n', 1],
    ['kubectl patch pod nope -p {}', '', 'Error from server (NotFound): pods "nope" not found\n', 1],
  ]));

  // go-yaml words its syntax errors its own way (`did not find expected ',' or ']'`); the prefix is kubectl's.
  it('names a patch that does not parse', async () => {
    const r = await run("kubectl patch pod web --type merge -p 'a: [b'", ctx);
    expect(r.stderr).toMatch(/^error: unable to parse "a: \[b": yaml: /);
    expect(r.exitCode).toBe(1);
  });
});

describe('kubectl scale', () => {
  it('scales through the scale subresource, with preconditions', async () => {
    await transcript([
      ['kubectl scale deploy web --replicas=3', 'deployment.apps/web scaled\n', '', 0],
      ['kubectl scale deploy/web --replicas=5 --current-replicas=2', '', 'error: Expected replicas to be 2, was 3\n', 1],
      ['kubectl scale deploy/web --replicas=5 --current-replicas=3', 'deployment.apps/web scaled\n', '', 0],
      ['kubectl scale deploy web --replicas=1 --dry-run=client', 'deployment.apps/web scaled (dry run)\n', '', 0],
      ['kubectl scale deploy web', '', 'error: required flag(s) "replicas" not set\n', 1],
      ['kubectl scale --replicas=-2 deploy web', '', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n', 1],
      ['kubectl scale --replicas=2 deploy x', '', 'error: no objects passed to scale deployments.apps "x" not found\n', 1],
    ]);
    expect(((await cluster.client.get({ ...resources.deployments, namespace: 'default' }, 'web')).spec as { replicas: number }).replicas).toBe(5);
  });
});
