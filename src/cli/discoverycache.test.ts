import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiskDiscoveryCache, discoveryCacheDir, kubectlCacheDir } from './discoverycache.ts';

describe('where kubectl caches discovery', () => {
  it.each([
    { name: 'under $HOME by default', env: { HOME: '/home/a' }, flag: undefined, want: '/home/a/.kube/cache' },
    { name: 'in $KUBECACHEDIR when set', env: { HOME: '/home/a', KUBECACHEDIR: '/c' }, flag: undefined, want: '/c' },
    { name: 'in --cache-dir above all', env: { HOME: '/home/a', KUBECACHEDIR: '/c' }, flag: '/flag', want: '/flag' },
  ])('$name', ({ env, flag, want }) => {
    expect(kubectlCacheDir(env, flag)).toBe(want);
  });

  it.each([
    { server: 'https://127.0.0.1:6443', want: '/c/discovery/127.0.0.1_6443' },
    { server: 'http://localhost:8080', want: '/c/discovery/localhost_8080' },
    { server: 'https://k8s.example.com/prefix', want: '/c/discovery/k8s.example.com/prefix' },
  ])('a server $server caches in $want', ({ server, want }) => {
    expect(discoveryCacheDir('/c', server)).toBe(want);
  });
});

describe('the disk discovery cache', () => {
  const SERVER = 'https://127.0.0.1:6443';
  const HOUR = 60 * 60 * 1000;
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-cache-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is cold until a kubectl fetched discovery, then fresh for six hours', async () => {
    let now = Date.now();
    const cache = createDiskDiscoveryCache(dir, () => now);
    expect(await cache.isFresh(SERVER)).toBe(false);
    await cache.markFetched(SERVER);
    expect(await cache.isFresh(SERVER)).toBe(true);
    now += 6 * HOUR + 60_000;
    expect(await cache.isFresh(SERVER)).toBe(false);
  });

  it("counts the real kubectl's servergroups.json by its mtime", async () => {
    const cache = createDiskDiscoveryCache(dir, () => Date.now());
    const hostDir = discoveryCacheDir(dir, SERVER);
    await mkdir(hostDir, { recursive: true });
    const file = path.join(hostDir, 'servergroups.json');
    await writeFile(file, '{}');
    expect(await cache.isFresh(SERVER)).toBe(true);
    const old = new Date(Date.now() - 7 * HOUR);
    await utimes(file, old, old);
    expect(await cache.isFresh(SERVER)).toBe(false);
  });
});
