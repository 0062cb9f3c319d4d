import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import type { KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import { bootHarness } from '../testing/harness.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let files: Record<string, string>;

beforeEach(async () => {
  ({ cluster, ctx, files } = await bootHarness());
});
afterEach(() => cluster.stop());

const deployment = (opts: { replicas?: number; image?: string; labels?: string; sidecar?: boolean } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${opts.labels ?? ''}
spec:
  replicas: ${opts.replicas ?? 2}
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
        image: ${opts.image ?? 'nginx:1.27'}
${opts.sidecar ? '      - name: log\n        image: busybox\n' : ''}`;

const getDeployment = () => cluster.client.get({ ...resources.deployments, namespace: 'default' }, 'web');
type PodTemplate = { template: { spec: { containers: Array<{ name: string; image: string }> } }; replicas: number };

describe('kubectl apply (client-side)', () => {
  it('creates, then reports unchanged, then configures only what changed', async () => {
    files['web.yaml'] = deployment();
    expect(await run('kubectl apply -f web.yaml', ctx)).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    expect(await run('kubectl apply -f web.yaml', ctx)).toEqual({ stdout: 'deployment.apps/web unchanged\n', stderr: '', exitCode: 0 });
    files['web.yaml'] = deployment({ replicas: 3, image: 'nginx:1.28' });
    expect(await run('kubectl apply -f web.yaml', ctx)).toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', exitCode: 0 });
    const spec = (await getDeployment()).spec as PodTemplate;
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1.28' }]);
  });

  it('removes fields it applied before, and leaves fields others set', async () => {
    files['web.yaml'] = deployment({ labels: '\n    tier: front', sidecar: true });
    await run('kubectl apply -f web.yaml', ctx);
    await cluster.client.patch({ ...resources.deployments, namespace: 'default' }, 'web', 'application/merge-patch+json', { metadata: { labels: { owner: 'ops' } } });
    files['web.yaml'] = deployment();
    expect((await run('kubectl apply -f web.yaml', ctx)).stdout).toBe('deployment.apps/web configured\n');
    const live = await getDeployment();
    expect(live.metadata?.labels).toEqual({ app: 'web', owner: 'ops' });
    expect((live.spec as PodTemplate).template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('warns about an object created without the annotation, then patches it', async () => {
    files['web.yaml'] = deployment();
    await run('kubectl create -f web.yaml', ctx);
    files['web.yaml'] = deployment({ replicas: 5 });
    expect(await run('kubectl apply -f web.yaml', ctx)).toEqual({
      stdout: 'deployment.apps/web configured\n',
      stderr: 'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
      exitCode: 0,
    });
    expect((await getDeployment()).metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"replicas":5');
  });

  it('dry runs change nothing', async () => {
    files['web.yaml'] = deployment();
    expect((await run('kubectl apply -f web.yaml --dry-run=client', ctx)).stdout).toBe('deployment.apps/web created (dry run)\n');
    expect((await run('kubectl apply -f web.yaml --dry-run=server', ctx)).stdout).toBe('deployment.apps/web created (server dry run)\n');
    expect((await run('kubectl get deploy', ctx)).stderr).toBe('No resources found in default namespace.\n');
  });

  it.each([
    { name: 'needs a file', line: 'kubectl apply', stderr: 'error: must specify one of -f and -k\n' },
    { name: 'refuses kustomize clearly', line: 'kubectl apply -k .', stderr: 'error: Pilothouse does not support kustomize (-k); use -f with the rendered manifests\n' },
    { name: 'refuses stray arguments', line: 'kubectl apply -f web.yaml extra', stderr: "error: Unexpected args: [extra]\nSee 'kubectl apply -h' for help and examples\n" },
  ])('$name', async ({ line, stderr }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('prints the applied object for -o yaml', async () => {
    files['cm.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n';
    const r = await run('kubectl apply -f cm.yaml -o jsonpath={.data.a}', ctx);
    expect(r).toEqual({ stdout: '1', stderr: '', exitCode: 0 });
  });
});

describe('kubectl apply --server-side', () => {
  it('applies, and reports a conflict with the advice kubectl gives', async () => {
    files['web.yaml'] = deployment();
    expect(await run('kubectl apply --server-side -f web.yaml', ctx)).toEqual({ stdout: 'deployment.apps/web serverside-applied\n', stderr: '', exitCode: 0 });
    files['web.yaml'] = deployment({ replicas: 4 });
    const conflict = await run('kubectl apply --server-side --field-manager=other -f web.yaml', ctx);
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl"/);
    expect(conflict.stderr).toContain('command with the `--force-conflicts` flag.');
    expect((await run('kubectl apply --server-side --field-manager=other --force-conflicts -f web.yaml', ctx)).stdout).toBe('deployment.apps/web serverside-applied\n');
    expect(((await getDeployment()).spec as PodTemplate).replicas).toBe(4);
  });
});
