import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339, type KubeObject } from '../../engine/api/index.ts';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, DEFAULT_CLUSTER_SPEC, type Cluster } from '../../engine/cluster/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run, stream } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let clock: VirtualClock;
const eventsResource = { group: '', version: 'v1', resource: 'events' };

// An event about `kind/name` in `namespace`, first seen `firstAgo` ms before now, seen `count` times, the last `lastAgo` ms ago.
const event = (namespace: string, name: string, kind: string, object: string, type: string, reason: string, message: string, firstAgo: number, lastAgo: number, count: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name, namespace },
  involvedObject: { kind, name: object, namespace, apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1' }, type, reason, message,
  source: { component: 'kubelet' }, firstTimestamp: rfc3339(clock.now() - firstAgo), lastTimestamp: rfc3339(clock.now() - lastAgo), count,
});

beforeEach(async () => {
  clock = new VirtualClock({ seed: 1 });
  // No nodes: the kubelets' own Node events would sit among the fixture's.
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock, spec: { ...DEFAULT_CLUSTER_SPEC, nodePools: [] } });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
  await clock.advance(600_000);
  for (const e of [
    event('default', 'web.2', 'Pod', 'web', 'Warning', 'BackOff', 'Back-off restarting failed container', 300_000, 20_000, 5),
    event('default', 'web.1', 'Pod', 'web', 'Normal', 'Pulled', ' Successfully pulled image "nginx" ', 400_000, 400_000, 1),
    event('default', 'app.1', 'Deployment', 'app', 'Normal', 'ScalingReplicaSet', 'Scaled up replica set app-7d4 to 1', 500_000, 500_000, 1),
    event('kube-system', 'dns.1', 'Pod', 'coredns', 'Normal', 'Started', 'Started container coredns', 100_000, 100_000, 1),
  ]) await cluster.client.create({ ...eventsResource, namespace: e.metadata!.namespace! }, e);
});
afterEach(() => cluster.stop());

describe('kubectl events', () => {
  it.each([
    { name: 'lists the namespace\'s events oldest first', line: 'kubectl events', stdout:
`LAST SEEN          TYPE      REASON              OBJECT           MESSAGE
8m20s              Normal    ScalingReplicaSet   Deployment/app   Scaled up replica set app-7d4 to 1
6m40s              Normal    Pulled              Pod/web          Successfully pulled image "nginx"
20s (x5 over 5m)   Warning   BackOff             Pod/web          Back-off restarting failed container
` },
    { name: 'adds NAMESPACE with -A', line: 'kubectl events -A --types=normal', stdout:
`NAMESPACE     LAST SEEN   TYPE     REASON              OBJECT           MESSAGE
default       8m20s       Normal   ScalingReplicaSet   Deployment/app   Scaled up replica set app-7d4 to 1
default       6m40s       Normal   Pulled              Pod/web          Successfully pulled image "nginx"
kube-system   100s        Normal   Started             Pod/coredns      Started container coredns
` },
    { name: 'narrows to one object with --for', line: 'kubectl events --for deploy/app --no-headers', stdout:
`8m20s   Normal   ScalingReplicaSet   Deployment/app   Scaled up replica set app-7d4 to 1
` },
    { name: 'filters by type', line: 'kubectl events --types=Warning -o name', stdout: 'event/web.2\n' },
  ])('$name', async ({ line, stdout }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it.each([
    { line: 'kubectl events -n kube-public', stderr: 'No events found in kube-public namespace.\n', exitCode: 0 },
    { line: 'kubectl events --for pod/nothing', stderr: 'No events found in default namespace.\n', exitCode: 0 },
    { line: 'kubectl events --types=Bad', stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 },
    { line: 'kubectl events --for pod', stderr: 'error: --for must be in resource/name form\n', exitCode: 1 },
    { line: 'kubectl events --for a/b/c', stderr: 'error: arguments in resource/name form may not have more than one slash\n', exitCode: 1 },
  ])('reports $line', async ({ line, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode });
  });

  // A watch from no resourceVersion first replays the existing events as ADDED; later rows keep
  // the first flush's column widths (the printer's tabwriter remembers them).
  it('prints events as they arrive with -w, until stopped', async () => {
    let out = '';
    const running = stream('kubectl events -w --types=Warning', ctx, { stdout: (t) => { out += t; }, stderr: () => undefined });
    await clock.advance(1);
    await cluster.client.create({ ...eventsResource, namespace: 'default' }, event('default', 'web.3', 'Pod', 'web', 'Normal', 'Killing', 'Stopping', 0, 0, 1));
    await cluster.client.create({ ...eventsResource, namespace: 'default' }, event('default', 'web.4', 'Pod', 'web', 'Warning', 'Unhealthy', 'Liveness probe failed', 0, 0, 1));
    await clock.advance(1);
    running.stop();
    // Ctrl-C: kubectl's interrupt handler exits 1, silently.
    expect(await running.done).toBe(1);
    expect(out).toBe(
`LAST SEEN          TYPE      REASON    OBJECT    MESSAGE
20s (x5 over 5m)   Warning   BackOff   Pod/web   Back-off restarting failed container
0s                 Warning   Unhealthy   Pod/web   Liveness probe failed
`);
  });
});
