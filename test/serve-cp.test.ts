// `kubectl cp` end to end: the real kubectl v1.33 execs `test -d`, `tar -xmf - -C DIR` and
// `tar cf - PATH` (kubectl/pkg/cmd/cp/cp.go) in a busybox pod on node-1's kubelet, through
// `pilothouse serve`'s WebSocket exec; the archive is binary, so this is also the test that
// bytes cross serve unchanged both ways.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/engine/api/index.ts';
import { startTestServer, type TestServer } from './support/serve.ts';
import { findTool } from './support/tools.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

let server: TestServer, dir: string;

const pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box', namespace: 'default' },
  spec: { nodeName: 'node-1', containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
} as KubeObject;

beforeAll(async () => {
  server = await startTestServer(kubectlPath);
  dir = server.dir;
  await server.cluster.client.create({ group: '', version: 'v1', resource: 'pods', namespace: 'default' }, pod);
  await server.clock.advanceAsync(10_000);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const kubectl = (args: string[]) => server.kubectl(args);

withKubectl('the real kubectl cp against serve', () => {
  it('copies a text file into the pod, where exec cat reads it', async () => {
    await writeFile(path.join(dir, 'local.txt'), 'héllo from the laptop\n');
    expect(await kubectl(['cp', './local.txt', 'box:/tmp/x.txt'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await kubectl(['exec', 'box', '--', 'cat', '/tmp/x.txt'])).toEqual({ code: 0, stdout: 'héllo from the laptop\n', stderr: '' });
  });

  it('copies into a directory by the file\'s name, as `test -d` tells kubectl it is one', async () => {
    expect((await kubectl(['cp', './local.txt', 'box:/tmp'])).code).toBe(0);
    expect((await kubectl(['exec', 'box', '--', 'cat', '/tmp/local.txt'])).stdout).toBe('héllo from the laptop\n');
  });

  it('copies a binary file in and back out byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 131) % 256));
    await writeFile(path.join(dir, 'blob.bin'), bytes);
    expect((await kubectl(['cp', './blob.bin', 'box:/tmp/blob.bin'])).code).toBe(0);
    expect(await kubectl(['cp', 'box:/tmp/blob.bin', './blob.back'])).toEqual({ code: 0, stdout: "tar: removing leading '/' from member names\n", stderr: '' });
    expect((await readFile(path.join(dir, 'blob.back'))).equals(bytes)).toBe(true);
  });

  it('copies a file out of the pod, with busybox tar\'s warning about the leading /', async () => {
    expect(await kubectl(['cp', 'box:/etc/hostname', './out'])).toEqual({ code: 0, stdout: "tar: removing leading '/' from member names\n", stderr: '' });
    expect(await readFile(path.join(dir, 'out'), 'utf8')).toBe('box\n');
  });

  it('copies a directory both ways', async () => {
    await mkdir(path.join(dir, 'tree/sub'), { recursive: true });
    await writeFile(path.join(dir, 'tree/a.txt'), 'a\n');
    await writeFile(path.join(dir, 'tree/sub/b.txt'), 'b\n');
    expect((await kubectl(['cp', './tree', 'box:/srv'])).code).toBe(0);
    expect((await kubectl(['exec', 'box', '--', 'cat', '/srv/a.txt', '/srv/sub/b.txt'])).stdout).toBe('a\nb\n');
    expect((await kubectl(['cp', 'box:/srv', './back'])).code).toBe(0);
    expect(await readFile(path.join(dir, 'back/sub/b.txt'), 'utf8')).toBe('b\n');
  });

  it('a file the pod lacks: tar\'s errors (on stdout, where kubectl puts the exec\'s stderr) race the end of the empty archive, and nothing is written', async () => {
    // kubectl reads the archive's end (tar still writes it) and returns, while its exec
    // goroutine may still be printing tar's stderr and exiting 1: a real cluster races alike.
    const result = await kubectl(['cp', 'box:/nope', './nope']);
    const tarSays = 'tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n';
    expect(tarSays.startsWith(result.stdout)).toBe(true);
    expect([0, 1]).toContain(result.code);
    expect(['', 'command terminated with exit code 1\n']).toContain(result.stderr);
    await expect(readFile(path.join(dir, 'nope'))).rejects.toThrow(/ENOENT/);
  });
});
