import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import { RUN_SET_ORACLE } from './run-set.oracle.ts';

let cluster: Cluster;
let ctx: KubectlContext;

beforeEach(async () => {
  const clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
});
afterEach(() => cluster.stop());

describe('kubectl run and set, against the real kubectl', () => {
  it('answers the recorded transcript line for line', async () => {
    for (const { line, stdout, stderr, exitCode } of RUN_SET_ORACLE) {
      expect({ line, ...(await run(line, ctx)) }).toEqual({ line, stdout, stderr, exitCode });
    }
  });
});

describe('kubectl set', () => {
  beforeEach(async () => {
    await run('kubectl create deployment web --image=nginx:1.26 --image=busybox', ctx);
  });
  const containers = async () => ((await cluster.client.get({ ...resources.deployments, namespace: 'default' }, 'web')).spec as {
    template: { spec: { containers: Array<{ name: string; image: string; env?: unknown; resources?: unknown }> } };
  }).template.spec.containers;

  it('sets images by container name, and every container with *', async () => {
    expect((await run('kubectl set image deployment/web nginx=nginx:1.27', ctx)).stdout).toBe('deployment.apps/web image updated\n');
    expect((await containers()).map((c) => c.image)).toEqual(['nginx:1.27', 'busybox']);
    expect((await run('kubectl set image deploy web *=alpine', ctx)).stdout).toBe('deployment.apps/web image updated\n');
    expect((await containers()).map((c) => c.image)).toEqual(['alpine', 'alpine']);
  });

  it('sets and removes environment variables in the chosen containers', async () => {
    expect((await run('kubectl set env deployment/web -c nginx A=1 B=2', ctx)).stdout).toBe('deployment.apps/web env updated\n');
    expect((await containers()).map((c) => c.env)).toEqual([[{ name: 'A', value: '1' }, { name: 'B', value: '2' }], undefined]);
    expect((await run('kubectl set env deployment/web A-', ctx)).stdout).toBe('deployment.apps/web env updated\n');
    expect((await containers())[0]!.env).toEqual([{ name: 'B', value: '2' }]);
    expect((await run('kubectl set env deploy/web A=1 A-', ctx)).stderr).toBe('error: can not both modify and remove the same environment variable in the same command\n');
  });

  it('sets resource requirements with canonical quantities', async () => {
    expect((await run('kubectl set resources deployment web -c=busybox --limits=cpu=1000m,memory=512Mi --requests=cpu=100m', ctx)).stdout)
      .toBe('deployment.apps/web resource requirements updated\n');
    expect((await containers())[1]!.resources).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m' } });
  });
});
