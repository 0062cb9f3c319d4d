import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/index.ts';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run, stream } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let clock: VirtualClock;
const pods = { ...resources.pods, namespace: 'default' };

beforeEach(async () => {
  clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
  await cluster.client.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
});
afterEach(() => cluster.stop());

/** Starts a line and returns a function that collects what it printed once it ends. */
function start(line: string) {
  let stdout = '', stderr = '';
  const running = stream(line, ctx, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return async () => ({ exitCode: await running.done, stdout, stderr });
}

async function setReady(status: 'True' | 'False') {
  const pod = await cluster.client.get<KubeObject>(pods, 'web');
  await cluster.client.updateStatus(pods, { ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status }] } });
}

describe('kubectl wait', () => {
  it('waits on the virtual clock until the condition is met', async () => {
    const result = start('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    await clock.advance(10_000);
    await setReady('False');
    await clock.advance(10_000);
    await setReady('True');
    await clock.advance(1);
    expect(await result()).toEqual({ exitCode: 0, stdout: 'pod/web condition met\n', stderr: '' });
  });

  it('times out when the clock passes the deadline', async () => {
    const result = start('kubectl wait --for=condition=Ready pods -l app=web --timeout=5s');
    await clock.advance(4_999);
    await setReady('False');
    await clock.advance(1);
    expect(await result()).toEqual({ exitCode: 1, stdout: '', stderr: 'error: timed out waiting for the condition on pods/web\n' });
  });

  it('waits for a condition to be False', async () => {
    await setReady('False');
    expect(await run('kubectl wait --for=condition=ready=false pod web', ctx)).toEqual({ exitCode: 0, stdout: 'pod/web condition met\n', stderr: '' });
  });

  it('waits for a JSONPath value', async () => {
    const result = start("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web");
    await clock.advance(1_000);
    await setReady('False');
    await clock.advance(1);
    expect(await result()).toEqual({ exitCode: 0, stdout: 'pod/web condition met\n', stderr: '' });
  });

  it('waits for a deletion', async () => {
    const result = start('kubectl wait --for=delete pod/web');
    await clock.advance(1_000);
    await cluster.client.delete(pods, 'web', { gracePeriodSeconds: 0 });
    await clock.advance(1);
    expect(await result()).toEqual({ exitCode: 0, stdout: 'pod/web condition met\n', stderr: '' });
  });

  it.each([
    { line: 'kubectl wait --for=delete pod/nope', stdout: '', stderr: '', exitCode: 0 },
    { line: 'kubectl wait --for=condition=Ready pod/nope', stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 },
    { line: 'kubectl wait pod/web', stdout: '', stderr: 'error: unrecognized condition: ""\n', exitCode: 1 },
    { line: 'kubectl wait --for=foo pod/web', stdout: '', stderr: 'error: unrecognized condition: "foo"\n', exitCode: 1 },
    { line: 'kubectl wait --for=condition=Ready pods -l app=nothing', stdout: '', stderr: 'error: no matching resources found\n', exitCode: 1 },
    { line: "kubectl wait --for=jsonpath='{.status.phase}'=Pending pod/web", stdout: 'pod/web condition met\n', stderr: '', exitCode: 0 },
    { line: 'kubectl wait --for=condition=Ready pod/web --timeout=0', stdout: '', stderr: 'error: timed out waiting for the condition on pods/web\n', exitCode: 1 },
  ])('answers $line', async ({ line, stdout, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr, exitCode });
  });
});
