import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../engine/api/index.ts';
import { resources } from '../../engine/client/index.ts';
import { stream } from '../kubectl.ts';
import type { Workload } from '../rollout-targets.ts';
import { ROLLOUT_HELP } from './help-cluster.ts';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
const deployments = { ...resources.deployments, namespace: 'default' };
const replicaSets = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' };
const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'nginx', image }] },
});

// No deployment controller yet: the test writes the ReplicaSets and status it would write.
beforeEach(async () => {
  h = await bootHarness();
  const web = await h.cluster.client.create<Workload>(deployments, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.27') },
  });
  for (const [r, image, cause] of [[1, 'nginx:1.26', ''], [2, 'nginx:1.27', 'kubectl set image deployment/web nginx=nginx:1.27']] as const) {
    await h.cluster.client.create(replicaSets, {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `web-rs${r}`, labels: { app: 'web', 'pod-template-hash': `h${r}` },
        annotations: { 'deployment.kubernetes.io/revision': String(r), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: web.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': `h${r}` } }, template: template(image, `h${r}`) },
    });
  }
});
afterEach(() => h.cluster.stop());

type Step = [line: string, stdout: string, stderr?: string];
const run = async (steps: Step[]) => {
  for (const [line, stdout, stderr = ''] of steps) {
    expect({ line, ...(await h.kubectl(line)) }).toEqual({ line, stdout, stderr, exitCode: stderr ? 1 : 0 });
  }
};
const web = () => h.cluster.client.get<Workload>(deployments, 'web');

describe('kubectl rollout', () => {
  it('prints its help on stdout and exits 1 without a subcommand, as kubectl v1.33', async () => {
    expect(await h.kubectl('kubectl rollout')).toEqual({ stdout: ROLLOUT_HELP, stderr: '', exitCode: 1 });
  });

  // The transcript of kubectl v1.33 against `pilothouse serve` with the same objects.
  it('lists history, pauses, resumes and rolls back as kubectl does', async () => {
    await run([
      ['kubectl rollout history deployment/web',
        'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.27\n\n'],
      ['kubectl rollout status deploy/web --watch=false', 'Waiting for deployment spec update to be observed...\n'],
      ['kubectl rollout pause deployment web', 'deployment.apps/web paused\n'],
      ['kubectl rollout pause deployment web', '', 'error: deployments.apps "web" is already paused\n'],
      ['kubectl rollout restart deploy/web', '', 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n'],
      ['kubectl rollout undo deploy/web', '', "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"],
      ['kubectl rollout resume deploy/web', 'deployment.apps/web resumed\n'],
      ['kubectl rollout resume deploy/web', '', 'error: deployments.apps "web" is not paused\n'],
      ['kubectl rollout undo deploy/web --to-revision=5', '', 'error: unable to find specified revision 5 in history\n'],
      ['kubectl rollout undo deploy/web --to-revision=2', 'deployment.apps/web skipped rollback (current template already matches revision 2)\n'],
      ['kubectl rollout undo deploy/web --to-revision=1 --dry-run=server', 'deployment.apps/web rolled back (server dry run)\n'],
    ]);
    expect((await web()).spec?.template?.spec).toMatchObject({ containers: [{ image: 'nginx:1.27' }] });
    await run([['kubectl rollout undo deploy/web --to-revision=1', 'deployment.apps/web rolled back\n']]);
    const rolled = await web();
    expect(rolled.spec?.template?.spec).toMatchObject({ containers: [{ image: 'nginx:1.26' }] });
    expect(rolled.spec?.template?.metadata?.labels).toEqual({ app: 'web' });
    await run([
      ['kubectl rollout status deploy/web --revision=3 --watch=false', '', 'error: desired revision (3) is different from the running revision (0)\n'],
      ['kubectl rollout pause svc/kubernetes', '', 'error: services "kubernetes" pausing is not supported\n'],
      ['kubectl rollout status svc/kubernetes', '', 'error: no status viewer has been implemented for Service\n'],
      ['kubectl rollout status', '', 'error: required resource not specified\n'],
      ['kubectl rollout status deploy/nope', '', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
      ['kubectl rollout foo', '', "error: unknown command \"foo\"\nSee 'kubectl rollout -h' for help and examples\n"],
    ]);
  });

  it('restarts by stamping the pod template, once per second', async () => {
    await run([['kubectl rollout restart deploy/web', 'deployment.apps/web restarted\n']]);
    expect((await web()).spec?.template?.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': rfc3339(h.clock.now()) });
    await run([['kubectl rollout restart deploy/web', '', 'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n']]);
    await h.clock.advance(1000);
    await run([['kubectl rollout restart deployment -l app=web', 'deployment.apps/web restarted\n']]);
  });

  it('follows the status until the rollout is done', async () => {
    let stdout = '';
    const running = stream('kubectl rollout status deployment/web', h.ctx, { stdout: (t) => { stdout += t; }, stderr: (t) => { stdout += t; } });
    const setStatus = async (status: Record<string, number>) => {
      const d = await web();
      await h.cluster.client.updateStatus(deployments, { ...d, status: { observedGeneration: d.metadata!.generation!, ...status } });
      await h.clock.advance(10);
    };
    await h.clock.advance(10);
    await setStatus({ replicas: 3, updatedReplicas: 1 });
    await setStatus({ replicas: 4, updatedReplicas: 3 });
    await setStatus({ replicas: 3, updatedReplicas: 3, availableReplicas: 2 });
    await setStatus({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(await running.done).toBe(0);
    expect(stdout).toBe(
`Waiting for deployment spec update to be observed...
Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...
deployment "web" successfully rolled out
`);
  });

  it('gives up after --timeout of virtual time', async () => {
    let out = '', err = '';
    let started!: () => void;
    const printed = new Promise<void>((resolve) => { started = resolve; });
    const running = stream('kubectl rollout status deployment/web --timeout=30s', h.ctx, {
      stdout: (t) => { out += t; started(); }, stderr: (t) => { err += t; },
    });
    await printed; // the timeout is armed before the first status line
    await h.clock.advance(29_999);
    expect(err).toBe('');
    await h.clock.advance(1);
    expect(await running.done).toBe(1);
    expect({ out, err }).toEqual({ out: 'Waiting for deployment spec update to be observed...\n', err: 'error: timed out waiting for the condition\n' });
  });
});
