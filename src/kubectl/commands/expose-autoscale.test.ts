import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import { EXPOSE_AUTOSCALE_ORACLE } from './expose-autoscale.oracle.ts';

let cluster: Cluster;
let ctx: KubectlContext;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
        - containerPort: 443
          protocol: TCP
`;

beforeEach(async () => {
  const clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock, stdin: DEPLOYMENT };
  await run('kubectl create -f -', ctx);
});
afterEach(() => cluster.stop());

describe('kubectl expose and autoscale', () => {
  it.each(EXPOSE_AUTOSCALE_ORACLE)('$line', async ({ line, stdout, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr, exitCode });
  });

  it('creates the service and the autoscaler', async () => {
    expect((await run('kubectl expose deploy web --port=80', ctx)).stdout).toBe('service/web exposed\n');
    expect((await run('kubectl get svc web -o jsonpath={.spec.selector.app}', ctx)).stdout).toBe('web');
    expect((await run('kubectl expose deploy web --port=80', ctx)).stderr).toBe('Error from server (AlreadyExists): services "web" already exists\n');
    expect((await run('kubectl autoscale deploy web --min=2 --max=5 --cpu-percent=70', ctx)).stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect((await run('kubectl get hpa web -o jsonpath={.spec.metrics[0].resource.target.averageUtilization}', ctx)).stdout).toBe('70');
  });
});
