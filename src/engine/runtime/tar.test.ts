import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeBytes, type ExecStatus } from '../api/index.ts';
import { VirtualClock } from '../clock/index.ts';
import type { ContainerRuntime } from './cri.ts';
import { createContainerRuntime } from './runtime.ts';
import { BLOCK, readArchive } from './tarformat.ts';

const START = Date.UTC(2026, 11, 2, 0, 20, 30);

/** Two running containers (busybox and debian's GNU tools), each with its own filesystem. */
async function setup() {
  const clock = new VirtualClock({ seed: 7, startTime: START });
  const runtime = createContainerRuntime({ clock });
  const ids: Record<string, string> = {};
  for (const image of ['busybox', 'debian']) {
    const sandbox = runtime.runPodSandbox({ podUid: image, podName: image, namespace: 'default', hostname: image, files: { '/etc/hostname': `${image}\n` } });
    const pulled = runtime.pullImage(image);
    await clock.advanceAsync(60_000);
    await pulled;
    const id = runtime.createContainer(sandbox, { name: 'c', attempt: 0, image, command: ['sleep', '3600'], args: [], env: [], mounts: [], stdin: false, stdinOnce: false, tty: false, limits: {} });
    runtime.startContainer(id);
    ids[image] = id;
  }
  return { clock, runtime, busybox: ids.busybox!, debian: ids.debian! };
}

async function exec(clock: VirtualClock, runtime: ContainerRuntime, id: string, command: string[], stdin?: string) {
  const result: { stdout: string; stderr: string; status?: ExecStatus } = { stdout: '', stderr: '' };
  const session = runtime.exec(id, command, { stdin: stdin !== undefined, tty: false, stdout: (c) => { result.stdout += c; }, stderr: (c) => { result.stderr += c; } });
  if (stdin !== undefined) {
    session.writeStdin(stdin);
    session.closeStdin();
  }
  void session.result.then((s) => { result.status = s; });
  await clock.advanceAsync(0);
  return result;
}

const exitOf = (s?: ExecStatus) => (s?.status === 'Success' ? 0 : Number(s?.details?.causes?.[0]?.message));

/** A ustar header written by hand, field by field, as POSIX specifies it. */
function handmadeMember(name: string, content: string, typeflag = '0'): Uint8Array {
  const body = new TextEncoder().encode(content);
  const block = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => block.set(new TextEncoder().encode(text), offset);
  put(0, name);
  put(100, '0000644\0');
  put(108, '0001750\0');
  put(116, '0001750\0');
  put(124, `${body.length.toString(8).padStart(11, '0')}\0`);
  put(136, '14735526017\0');
  put(148, '        ');
  put(156, typeflag);
  put(257, 'ustar\0' + '00');
  let sum = 0;
  for (const b of block) sum += b;
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padded = new Uint8Array(Math.ceil(body.length / BLOCK) * BLOCK);
  padded.set(body);
  return new Uint8Array([...block, ...padded]);
}

describe('tar', () => {
  it.each(['busybox', 'debian'] as const)('an archive created in %s extracts in the other container, files and directories alike', async (from) => {
    const { clock, runtime, ...ids } = await setup();
    const to = from === 'busybox' ? 'debian' : 'busybox';
    const binary = decodeBytes(new Uint8Array([0, 1, 0xff, 0xfe, 0x80, 0x0a]));
    const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(60)}.txt`;
    await exec(clock, runtime, ids[from], ['sh', '-c', `mkdir -p /data/sub /data/empty ${long.replace(/\/[^/]*$/, '').replace(/^/, '/data/')} && printf 'héllo\\n' > /data/a.txt && echo deep > /data/sub/b.txt && echo long > /data/${long}`]);
    await exec(clock, runtime, ids[from], ['sh', '-c', 'cat > /data/bin'], binary);
    const created = await exec(clock, runtime, ids[from], ['tar', 'cf', '-', '-C', '/', 'data']);
    expect(created.stderr).toBe('');
    expect(exitOf(created.status)).toBe(0);
    const extracted = await exec(clock, runtime, ids[to], ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', '/tmp'], created.stdout);
    expect([extracted.stderr, exitOf(extracted.status)]).toEqual(['', 0]);
    const read = async (path: string) => (await exec(clock, runtime, ids[to], ['cat', path])).stdout;
    expect(await read('/tmp/data/a.txt')).toBe('héllo\n');
    expect(await read('/tmp/data/sub/b.txt')).toBe('deep\n');
    expect(await read(`/tmp/data/${long}`)).toBe('long\n');
    expect([...encodeBytes(await read('/tmp/data/bin'))]).toEqual([0, 1, 0xff, 0xfe, 0x80, 0x0a]);
    expect((await exec(clock, runtime, ids[to], ['ls', '/tmp/data'])).stdout).toBe('a.txt\nbin\ndddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\nempty\nsub\n');
  });

  it('writes ustar headers whose checksums and sizes a reader can check', async () => {
    const { clock, runtime, busybox } = await setup();
    const out = await exec(clock, runtime, busybox, ['tar', 'cf', '-', '/etc/hostname']);
    const bytes = encodeBytes(out.stdout);
    expect(bytes.length).toBe(4 * BLOCK);
    expect(new TextDecoder().decode(bytes.subarray(257, 262))).toBe('ustar');
    expect(readArchive(bytes)).toEqual({ entries: [{ name: 'etc/hostname', type: 'file', mode: 0o644, mtime: Math.floor(clock.now() / 1000), content: new TextEncoder().encode('busybox\n') }] });
  });

  it('extracts an archive written by hand, creating the directories its names imply', async () => {
    const { clock, runtime, busybox } = await setup();
    const archive = new Uint8Array([...handmadeMember('x/y/z.txt', 'zed\n'), ...handmadeMember('x/w/', '', '5'), ...new Uint8Array(2 * BLOCK)]);
    const result = await exec(clock, runtime, busybox, ['tar', 'xvf', '-', '-C', '/tmp'], decodeBytes(archive));
    expect([result.stdout, result.stderr, exitOf(result.status)]).toEqual(['x/y/z.txt\nx/w/\n', '', 0]);
    expect((await exec(clock, runtime, busybox, ['cat', '/tmp/x/y/z.txt'])).stdout).toBe('zed\n');
    expect((await exec(clock, runtime, busybox, ['ls', '/tmp/x'])).stdout).toBe('w\ny\n');
  });

  it.each([
    ['busybox', ['tar', 'cf', '-', '/etc/hostname'], "tar: removing leading '/' from member names\n", 0],
    ['debian', ['tar', 'cf', '-', '/etc/hostname'], "tar: Removing leading `/' from member names\n", 0],
    ['busybox', ['tar', 'cf', '-', '/nope'], 'tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n', 1],
    ['debian', ['tar', 'cf', '-', '/nope'], 'tar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n', 2],
    ['busybox', ['tar', '-xmf', '-', '-C', '/nope'], "tar: can't change directory to '/nope': No such file or directory\n", 1],
    ['debian', ['tar', '-xmf', '-', '-C', '/nope'], 'tar: /nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n', 2],
    ['busybox', ['tar', 'xf', '-'], 'tar: invalid tar magic\n', 1, 'not an archive'.padEnd(600, '.')],
    ['debian', ['tar', 'xf', '-'], 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n', 2, 'not an archive'.padEnd(600, '.')],
    ['debian', ['tar', 'f', '-'], "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n", 2],
  ] as const)('%s: %j says what the real tar says', async (image, argv, stderr, code, stdin?: string) => {
    const { clock, runtime, ...ids } = await setup();
    const result = await exec(clock, runtime, ids[image], [...argv], stdin ?? (argv[1]?.includes('x') ? '' : undefined));
    expect(result.stderr).toBe(stderr);
    expect(exitOf(result.status)).toBe(code);
  });

  it('a member it cannot write is an error: a read-only path, busybox stopping there', async () => {
    const { clock, runtime, busybox } = await setup();
    await exec(clock, runtime, busybox, ['mkdir', '/tmp/a.txt']);
    const archive = new Uint8Array([...handmadeMember('a.txt', 'x\n'), ...new Uint8Array(2 * BLOCK)]);
    const result = await exec(clock, runtime, busybox, ['tar', 'xf', '-', '-C', '/tmp'], decodeBytes(archive));
    expect([result.stderr, exitOf(result.status)]).toEqual(["tar: can't open 'a.txt': Is a directory\n", 1]);
  });

  it('`test -d` runs as a program on PATH, as kubectl cp execs it', async () => {
    const { clock, runtime, busybox } = await setup();
    expect(exitOf((await exec(clock, runtime, busybox, ['test', '-d', '/tmp'])).status)).toBe(0);
    expect(exitOf((await exec(clock, runtime, busybox, ['test', '-d', '/etc/hostname'])).status)).toBe(1);
  });
});
