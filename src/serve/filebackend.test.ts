import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock/index.ts';
import { createStore } from '../engine/store/index.ts';
import { LOG_FILE, openFileBackend, replayLog } from './filebackend.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'pilothouse-filebackend-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const reopen = async () => createStore({ clock: new VirtualClock({ seed: 1 }), backend: await openFileBackend(dir) });

describe('file backend', () => {
  it('keeps keys, revisions and compaction across a reopen', async () => {
    const store = await reopen();
    await store.put({ key: '/registry/a', value: '1' });
    await store.put({ key: '/registry/b', value: '2' });
    await store.put({ key: '/registry/a', value: '3' });
    await store.compact(3);
    await store.close();

    const again = await reopen();
    const got = await again.range({ key: '/registry/', rangeEnd: '/registry0' });
    expect(got.header.revision).toBe(4);
    expect(got.kvs.map((kv) => [kv.key, kv.value, kv.modRevision, kv.version])).toEqual([['/registry/a', '3', 4, 2], ['/registry/b', '2', 3, 1]]);
    await expect(again.range({ key: '/registry/a', revision: 2 })).rejects.toThrow(/required revision has been compacted/);
    await again.close();
  });

  it('drops a torn last line (a commit never acknowledged) and appends after it', async () => {
    const store = await reopen();
    await store.put({ key: '/k', value: 'v' });
    await store.close();
    await appendFile(path.join(dir, LOG_FILE), '{"records":[{"main":3');
    const again = await reopen();
    expect((await again.range({ key: '/k' })).header.revision).toBe(2);
    await again.put({ key: '/k', value: 'w' });
    await again.close();
    expect((await (await reopen()).range({ key: '/k' })).kvs[0]?.value).toBe('w');
  });

  it('replays an empty log as a fresh etcd', () => {
    expect(replayLog('')).toEqual({ records: [], revision: 1, compactRevision: 0, leases: [] });
  });
});
