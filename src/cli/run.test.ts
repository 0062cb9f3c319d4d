import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFile } from './run.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-run-'));
  await mkdir(path.join(dir, 'lesson'));
  await writeFile(path.join(dir, 'lesson', 'script.txt'), '# a comment\nkubectl get ns default -o name\nkubectl get ns nope\n');
  await writeFile(path.join(dir, 'spec.yaml'), 'seed: 3\n');
  await writeFile(path.join(dir, 'no-metrics.yaml'), 'addons: {metricsServer: false}\n');
  await writeFile(path.join(dir, 'bad-addons.yaml'), 'addons: {metricsServer: maybe}\n');
  await writeFile(path.join(dir, 'top.txt'), 'kubectl top node\n');
  await writeFile(path.join(dir, 'lesson', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
  await writeFile(path.join(dir, 'lesson', 'files.txt'), 'kubectl create -f ns.yaml\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '', stderr = '';
  const exitCode = await runFile(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { stdout, stderr, exitCode };
}

describe('pilothouse run', () => {
  it('prints the transcript of a script file', async () => {
    expect(await run([path.join(dir, 'lesson', 'script.txt'), '--cluster', path.join(dir, 'spec.yaml')])).toEqual({
      stdout: '$ kubectl get ns default -o name\nnamespace/default\n$ kubectl get ns nope\nError from server (NotFound): namespaces "nope" not found\n[exit 1]\n',
      stderr: '', exitCode: 0,
    });
  });

  it.each([
    { name: 'metrics-server is on by default: kubectl top waits for its first two scrapes', spec: [], stdout: '$ kubectl top node\nerror: metrics not available yet\n[exit 1]\n' },
    { name: 'a spec can turn metrics-server off', spec: ['--cluster', 'no-metrics.yaml'], stdout: '$ kubectl top node\nerror: Metrics API not available\n[exit 1]\n' },
  ])('$name', async ({ spec, stdout }) => {
    const args = [path.join(dir, 'top.txt'), ...spec.map((a) => (a.endsWith('.yaml') ? path.join(dir, a) : a))];
    expect(await run(args)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('reads -f PATH relative to the script, wherever it was started', async () => {
    expect(await run([path.join(dir, 'lesson', 'files.txt')])).toMatchObject({ stdout: '$ kubectl create -f ns.yaml\nnamespace/shop created\n', exitCode: 0 });
  });

  it('prints JSON lines with --json', async () => {
    const { stdout, exitCode } = await run(['--json', path.join(dir, 'lesson', 'script.txt')]);
    expect(exitCode).toBe(0);
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { command: 'kubectl get ns default -o name', stdout: 'namespace/default\n', stderr: '', exitCode: 0 },
      { command: 'kubectl get ns nope', stdout: '', stderr: 'Error from server (NotFound): namespaces "nope" not found\n', exitCode: 1 },
    ]);
  });

  it.each([
    { name: 'no file is a usage error', args: [], code: 2, stderr: /^pilothouse run: no script FILE given\n\nUsage: pilothouse run FILE/ },
    { name: 'an unknown option is a usage error', args: ['x', '--fast'], code: 2, stderr: /^pilothouse run: Unknown option '--fast'/ },
    { name: 'an add-on switch that is not a boolean is refused', args: ['TOP', '--cluster', 'BAD'], code: 1, stderr: /^pilothouse run: addons\.metricsServer: must be true or false\n$/ },
    { name: 'a missing file says so', args: ['/nonexistent/script'], code: 1, stderr: /^pilothouse run: ENOENT: no such file or directory, open '\/nonexistent\/script'\n$/ },
  ])('$name', async ({ args, code, stderr }) => {
    const res = await run(args.map((a) => (a === 'BAD' ? path.join(dir, 'bad-addons.yaml') : a === 'TOP' ? path.join(dir, 'top.txt') : a)));
    expect(res.exitCode).toBe(code);
    expect(res.stderr).toMatch(stderr);
  });
});
