import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let files: Record<string, string>;
const cms = { ...resources.configmaps, namespace: 'default' };

beforeEach(async () => {
  const clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  files = { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "2"\n' };
  ctx = {
    client: cluster.client, kubeconfig: defaultKubeconfig(), clock,
    readFile: (path) => (path in files ? Promise.resolve(files[path]!) : Promise.reject(new Error('ENOENT'))),
  };
  await cluster.client.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
});
afterEach(() => cluster.stop());

describe('kubectl replace', () => {
  it.each([
    { name: 'replaces the live object', line: 'kubectl replace -f cm.yaml', stdout: 'configmap/c replaced\n', stderr: '', exitCode: 0 },
    { name: 'deletes and re-creates with --force', line: 'kubectl replace --force -f cm.yaml', stdout: 'configmap "c" deleted\nconfigmap/c replaced\n', stderr: '', exitCode: 0 },
    { name: 'needs a file', line: 'kubectl replace', stdout: '', stderr: 'error: must specify --filename to replace\n', exitCode: 1 },
    { name: 'needs --force for a grace period', line: 'kubectl replace -f cm.yaml --grace-period=1', stdout: '', stderr: 'error: --grace-period must have --force specified\n', exitCode: 1 },
  ])('$name', async ({ line, stdout, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr, exitCode });
  });

  it('replaces and reports what the server says about a missing object', async () => {
    expect((await run('kubectl replace -f cm.yaml', ctx)).exitCode).toBe(0);
    expect((await cluster.client.get(cms, 'c')).data).toEqual({ a: '2' });
    files['gone.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n';
    expect((await run('kubectl replace -f gone.yaml', ctx)).stderr).toBe('Error from server (NotFound): error when replacing "gone.yaml": configmaps "gone" not found\n');
  });
});

describe('kubectl edit', () => {
  it('refuses clearly without an editor', async () => {
    expect(await run('kubectl edit cm c', ctx)).toEqual({
      stdout: '', stderr: 'error: Pilothouse has no editor here: kubectl edit needs the YAML editor (use kubectl patch or kubectl apply -f instead)\n', exitCode: 1,
    });
  });

  it('hands the YAML with kubectl\'s header to the editor and patches what changed', async () => {
    let shown = '';
    ctx.edit = (text) => { shown = text; return Promise.resolve(text.replace('a: "1"', 'a: "9"')); };
    expect(await run('kubectl edit cm c', ctx)).toEqual({ stdout: 'configmap/c edited\n', stderr: '', exitCode: 0 });
    expect(shown.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: v1\n")).toBe(true);
    expect(shown).not.toContain('managedFields');
    expect((await cluster.client.get(cms, 'c')).data).toEqual({ a: '9' });
  });

  it.each([
    { name: 'an unchanged file', edit: (t: string) => t },
    { name: 'a closed editor', edit: () => undefined },
  ])('cancels on $name', async ({ edit }) => {
    ctx.edit = (text) => Promise.resolve(edit(text));
    expect(await run('kubectl edit cm/c', ctx)).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
  });

  it('reopens an invalid edit with the reasons on top, then gives up when nothing changes', async () => {
    await cluster.client.create({ ...resources.pods, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const seen: string[] = [];
    ctx.edit = (text) => { seen.push(text); return Promise.resolve(seen.length === 1 ? text.replace('image: nginx', 'image: ""') : text); };
    const r = await run('kubectl edit pod p', ctx);
    expect(r.stderr).toBe('error: pods "p" is invalid\nerror: Edit cancelled, no valid changes were saved.\n');
    expect(seen[1]).toContain('#\n# pods "p" was not valid:\n# * spec.containers[0].image: Required value\n#\n');
  });
});
