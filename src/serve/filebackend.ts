// A durable store backend for `pilothouse serve --store-dir DIR`: the revision log as an
// append-only file of JSON lines, one CommitBatch per line, fsync'd before a commit is
// acknowledged (as etcd's WAL is synced before an entry is applied). Reopening replays the
// batches: rows added, compacted rows removed, leases upserted and deleted.
//
// Example: put a (rev 2), put b (rev 3), compact 3 dropping a's rev-2 row leave three lines;
// loading them gives records [b@3], revision 3, compactRevision 3.
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Backend, BackendState, CommitBatch, LeaseRecord, RevisionRecord } from '../engine/store/index.ts';

/** The log's file name inside the store directory. */
export const LOG_FILE = 'revisions.jsonl';

/** Replays a log's text. A last line without its newline is a commit cut short by a crash: never acknowledged, so dropped. */
export function replayLog(text: string): BackendState {
  const rows = new Map<string, RevisionRecord>();
  const leases = new Map<number, LeaseRecord>();
  let revision = 1;
  let compactRevision = 0;
  const lines = text.split('\n');
  lines.pop();
  for (const line of lines) {
    if (line === '') continue;
    const batch = JSON.parse(line) as CommitBatch;
    for (const r of batch.records) rows.set(`${r.main}:${r.sub}`, r);
    for (const [main, sub] of batch.compactedRemove ?? []) rows.delete(`${main}:${sub}`);
    for (const l of batch.leasesPut) leases.set(l.id, l);
    for (const id of batch.leasesDeleted) leases.delete(id);
    revision = batch.revision;
    if (batch.compactRevision !== undefined) compactRevision = batch.compactRevision;
  }
  const records = [...rows.values()].sort((a, b) => a.main - b.main || a.sub - b.sub);
  return { records, revision, compactRevision, leases: [...leases.values()] };
}

/** A Backend keeping its log in `dir` (created if missing). */
export async function openFileBackend(dir: string): Promise<Backend> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOG_FILE);
  let handle: FileHandle | undefined;
  return {
    async load() {
      let text = '';
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const state = replayLog(text);
      handle = await open(file, 'a');
      // Cut a torn last line off, so the next commit starts on a line of its own.
      const complete = text.lastIndexOf('\n') + 1;
      if (complete < Buffer.byteLength(text)) await handle.truncate(Buffer.byteLength(text.slice(0, complete)));
      return state;
    },
    async commit(batch) {
      if (!handle) throw new Error('file backend: commit before load');
      await handle.write(JSON.stringify(batch) + '\n');
      await handle.datasync();
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}
