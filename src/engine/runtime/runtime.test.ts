import { describe, expect, it } from 'vitest';
import type { ExecStatus } from '../api/index.ts';
import { VirtualClock } from '../clock/index.ts';
import type { ContainerConfig, ContainerRuntime } from './cri.ts';
import { createContainerRuntime } from './runtime.ts';

const START = Date.UTC(2026, 11, 2, 0, 20, 30);

function setup() {
  const clock = new VirtualClock({ seed: 7, startTime: START });
  const runtime = createContainerRuntime({ clock });
  const sandbox = runtime.runPodSandbox({ podUid: 'u1', podName: 'web', namespace: 'default', hostname: 'web', files: { '/etc/hostname': 'web\n' } });
  return { clock, runtime, sandbox };
}

const config = (over: Partial<ContainerConfig>): ContainerConfig => ({
  name: 'c', attempt: 0, image: 'busybox', command: [], args: [], env: [], mounts: [], stdin: false, stdinOnce: false, tty: false, limits: {}, ...over,
});

async function start(clock: VirtualClock, runtime: ContainerRuntime, sandbox: string, over: Partial<ContainerConfig>): Promise<string> {
  const pulled = runtime.pullImage(over.image ?? 'busybox');
  await clock.advanceAsync(60_000);
  await pulled;
  const id = runtime.createContainer(sandbox, config(over));
  runtime.startContainer(id);
  return id;
}

function logsOf(runtime: ContainerRuntime, id: string, options = {}): string {
  let out = '';
  runtime.readLogs(id, options, (c) => { out += c; });
  return out;
}

/** Runs an exec, advancing the clock by `ms` while it runs; what it wrote and the Status it ended with. */
async function exec(clock: VirtualClock, runtime: ContainerRuntime, id: string, command: string[], stdin?: string, ms = 0) {
  const result: { stdout: string; stderr: string; status?: ExecStatus } = { stdout: '', stderr: '' };
  const session = runtime.exec(id, command, { stdin: stdin !== undefined, tty: false, stdout: (c) => { result.stdout += c; }, stderr: (c) => { result.stderr += c; } });
  if (stdin !== undefined) {
    session.writeStdin(stdin);
    session.closeStdin();
  }
  void session.result.then((s) => { result.status = s; });
  await clock.advanceAsync(ms);
  return result;
}

describe('image pulls', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest', undefined],
    ['nginx:1.14.2', 'docker.io/library/nginx:1.14.2', undefined],
    ['busybox:1.36', 'docker.io/library/busybox:1.36', undefined],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10', undefined],
    ['ngnix', undefined, 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
    ['nginx:1.999', undefined, 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found'],
    ['gcr.io/nope/app:1', undefined, 'rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/nope/app:1": failed to resolve reference "gcr.io/nope/app:1": gcr.io/nope/app:1: not found'],
  ])('%s', async (image, pulledAs, error) => {
    const { clock, runtime } = setup();
    const result = runtime.pullImage(image).then((p) => p.image, (e: Error) => `error: ${e.message}`);
    await clock.advanceAsync(60_000);
    expect(await result).toBe(pulledAs ?? `error: ${error}`);
    expect(runtime.imageStatus(image)?.image).toBe(pulledAs);
  });

  it('takes virtual time in proportion to the image size', async () => {
    const { clock, runtime } = setup();
    let done = false;
    void runtime.pullImage('nginx').then(() => { done = true; });
    await clock.advanceAsync(1000);
    expect(done).toBe(false);
    await clock.advanceAsync(2000);
    expect(done).toBe(true);
  });
});

describe('containers', () => {
  it('nginx logs its start-up, serves its page on localhost and exits 0 on SIGTERM', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { image: 'nginx' });
    const logs = logsOf(runtime, id);
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs).toContain('[notice] 1#1: nginx/1.29.3\n');
    const curl = await exec(clock, runtime, id, ['curl', '-s', 'localhost']);
    expect(curl.stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(curl.status).toEqual({ status: 'Success' });
    const stopped = runtime.stopContainer(id, 30);
    await clock.advanceAsync(0);
    await stopped;
    expect(runtime.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
    expect(logsOf(runtime, id)).toContain('signal 15 (SIGTERM) received, exiting');
  });

  it('busybox with no command runs sh, which reads an empty stdin and completes', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, {});
    await clock.advanceAsync(0);
    expect(runtime.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 0, reason: 'Completed' });
  });

  it('a shell loop logs on the virtual clock', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 10; done'] });
    await clock.advanceAsync(25_000);
    expect(logsOf(runtime, id)).toBe('tick 0\ntick 1\ntick 2\n');
    expect(logsOf(runtime, id, { tailLines: 1 })).toBe('tick 2\n');
    expect(logsOf(runtime, id, { tailLines: 1, timestamps: true })).toMatch(/^2026-12-02T00:2\d:\d\dZ tick 2\n$/);
  });

  it('PID 1 without a handler ignores SIGTERM and is killed at the end of the grace period (137)', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sleep', '3600'] });
    let stopped = false;
    void runtime.stopContainer(id, 30).then(() => { stopped = true; });
    await clock.advanceAsync(29_000);
    expect(stopped).toBe(false);
    await clock.advanceAsync(1_000);
    expect(stopped).toBe(true);
    expect(runtime.containerStatus(id)).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it("a trap on TERM runs its action and exits with the trap's code", async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sh', '-c', "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"] });
    await clock.advanceAsync(1_000);
    const stopped = runtime.stopContainer(id, 30);
    await clock.advanceAsync(100);
    await stopped;
    expect(runtime.containerStatus(id)).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(logsOf(runtime, id)).toBe('bye\n');
  });

  it('a command that exits non-zero ends the container with Error', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sh', '-c', 'echo failing >&2; exit 3'] });
    await clock.advanceAsync(0);
    expect(runtime.containerStatus(id)).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(logsOf(runtime, id)).toBe('failing\n');
  });

  it('an entrypoint that is not in the image fails to start with runc\'s error', async () => {
    const { clock, runtime, sandbox } = setup();
    await expect(start(clock, runtime, sandbox, { command: ['nosuch'] })).rejects.toThrow('exec: "nosuch": executable file not found in $PATH: unknown');
    expect(runtime.listContainers(sandbox)[0]).toMatchObject({ state: 'exited', exitCode: 128, reason: 'StartError' });
  });

  it('follows the log until the container exits', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sh', '-c', 'for i in 1 2 3; do echo $i; sleep 5; done'] });
    let out = '';
    const handle = runtime.readLogs(id, { follow: true }, (c) => { out += c; });
    let closed = false;
    void handle.closed.then(() => { closed = true; });
    await clock.advanceAsync(6_000);
    expect(out).toBe('1\n2\n');
    expect(closed).toBe(false);
    await clock.advanceAsync(10_000);
    expect(out).toBe('1\n2\n3\n');
    expect(closed).toBe(true);
  });
});

describe('exec', () => {
  it.each([
    [['env'], /^PATH=.*\nHOSTNAME=web\nGREETING=hi\nHOME=\/root\n$/, '', { status: 'Success' }],
    [['hostname'], /^web\n$/, '', { status: 'Success' }],
    [['cat', '/etc/config/color'], /^blue$/, '', { status: 'Success' }],
    [['ls', '/etc/config'], /^color\nsize\n$/, '', { status: 'Success' }],
    [['cat', '/nope'], /^$/, "cat: can't open '/nope': No such file or directory\n", { status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: error executing command [cat /nope], exit code 1', details: { causes: [{ reason: 'ExitCode', message: '1' }] } }],
    [['sh', '-c', 'echo $GREETING > /tmp/x && cat /tmp/x'], /^hi\n$/, '', { status: 'Success' }],
    [['sh', '-c', 'echo nope > /etc/config/color'], /^$/, "sh: can't create /etc/config/color: Read-only file system\n", { status: 'Failure' }],
    [['sh', '-c', 'foo'], /^$/, 'sh: foo: not found\n', { status: 'Failure', details: { causes: [{ reason: 'ExitCode', message: '127' }] } }],
    [['nslookup', 'web'], /no servers could be reached/, '', { status: 'Failure' }],
    [['wget', '-qO-', 'http://db'], /^$/, "wget: bad address 'db'\n", { status: 'Failure' }],
  ])('%j', async (command, stdout, stderr, status) => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, {
      command: ['sleep', '3600'], env: [{ name: 'GREETING', value: 'hi' }],
      mounts: [{ containerPath: '/etc/config', files: { color: 'blue', size: 'L' }, readOnly: true }],
    });
    const result = await exec(clock, runtime, id, command, undefined, 20_000);
    expect(result.stdout).toMatch(stdout);
    expect(result.stderr).toBe(stderr);
    expect(result.status).toMatchObject(status);
  });

  it('ends an exec of a command the image does not have with containerd\'s text, as the streaming server\'s InternalError', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { image: 'nginx' });
    const status = await runtime.exec(id, ['ps'], { stdin: false, tty: false }).result;
    const cause = /^error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown$/;
    expect(status).toMatchObject({ status: 'Failure', reason: 'InternalError' });
    expect(status.message).toBe(`Internal error occurred: ${status.details?.causes?.[0]?.message ?? ''}`);
    expect(status.details?.causes?.[0]?.message).toMatch(cause);
  });

  it('kills an exec whose client went away (SIGHUP), and sends it nothing more', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sleep', '3600'] });
    let out = '';
    const session = runtime.exec(id, ['sh', '-c', 'while true; do echo tick; sleep 1; done'], { stdin: false, tty: false, stdout: (c) => { out += c; } });
    await clock.advanceAsync(1500);
    expect(out).toBe('tick\ntick\n');
    session.close();
    await clock.advanceAsync(5000);
    expect(out).toBe('tick\ntick\n');
    expect(await session.result).toMatchObject({ status: 'Failure', details: { causes: [{ reason: 'ExitCode', message: '129' }] } });
    expect(runtime.containerStatus(id)?.state).toBe('running');
  });

  it('gives the environment in containerd\'s order: PATH, HOSTNAME, the image\'s, the container\'s, then HOME', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { image: 'nginx', env: [{ name: 'GREETING', value: 'hi' }, { name: 'PATH', value: '/custom' }] });
    const names = (await exec(clock, runtime, id, ['env'])).stdout.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf('=')));
    expect(names).toEqual(['PATH', 'HOSTNAME', 'NGINX_VERSION', 'NJS_VERSION', 'PKG_RELEASE', 'GREETING', 'HOME']);
    expect((await exec(clock, runtime, id, ['sh', '-c', 'echo $PATH'])).stdout).toBe('/custom\n');
  });

  it('runs a script read from stdin', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sleep', '3600'] });
    const result = await exec(clock, runtime, id, ['sh'], 'echo one\necho two\n');
    expect(result.stdout).toBe('one\ntwo\n');
  });
});

describe('attach', () => {
  it('streams the main process\'s output from now on, until the client detaches; the container runs on', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sh', '-c', 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 1; done'] });
    await clock.advanceAsync(1500);
    let out = '';
    const session = runtime.attach(id, { stdin: false, tty: false, stdout: (c) => { out += c; }, stderr: (c) => { out += c; } });
    await clock.advanceAsync(2000);
    expect(out).toBe('line 2\nline 3\n');
    session.close();
    expect(await session.result).toEqual({ status: 'Success' });
    await clock.advanceAsync(2000);
    expect(out).toBe('line 2\nline 3\n');
    expect(runtime.containerStatus(id)?.state).toBe('running');
    expect(logsOf(runtime, id, { tailLines: 1 })).toBe('line 5\n');
  });

  it('ends with the main process\'s exit status', async () => {
    const { clock, runtime, sandbox } = setup();
    const id = await start(clock, runtime, sandbox, { command: ['sh', '-c', 'sleep 2; echo bye; exit 4'] });
    let out = '';
    const session = runtime.attach(id, { stdin: false, tty: false, stdout: (c) => { out += c; } });
    await clock.advanceAsync(3000);
    expect(out).toBe('bye\n');
    expect(await session.result).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } });
  });
});
