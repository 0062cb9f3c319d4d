// Runs the seeded sequences of etcd-sequences.ts against two stores side by side and compares
// every answer. Used by etcd-diff.test.ts.
//
// Fresh keyspace per sequence, and how revisions are compared: starting a real etcd costs ~1 s,
// too much for 100+ sequences, so one etcd serves all of them, and each sequence starts from a
// wiped keyspace: its leases revoked, a marker key put, then every key deleted. Revisions are
// global in etcd, so its answers are compared *relative to that wipe*: with the wipe at
// revision D, etcd's D is the sequence's revision 1 (a fresh store's empty revision), D+1 its
// 2, and so on (`base` = D - 1). The marker put guarantees D is a new revision, above any
// compaction of an earlier sequence, so compaction behaves as in a fresh store. A memory store
// is simply created fresh per sequence (`base` = 0). Everything else is compared as is.
import { isDeepStrictEqual } from 'node:util';
import { createRng } from '../src/engine/clock/index.ts';
import type { Store, WatchEvent, WatchRequest, WatchResponse } from '../src/engine/store/index.ts';
import {
  LEASE_IDS, nextOp, nextWatch, shiftOp, toSubjectRevision, unshiftRevisions, type SequenceState, type StoreOp,
} from './etcd-sequences.ts';

/** A store under test, and how to give each sequence a fresh keyspace in it. */
export interface Subject {
  name: string;
  /** A store with an empty keyspace and no leases; its revision `base + 1` is the sequence's 1. */
  begin(): Promise<{ store: Store; base: number }>;
  end(store: Store): Promise<void>;
}

/** A subject over one long-lived store (a real etcd): wipes it before each sequence. */
export function wipingSubject(name: string, store: Store): Subject {
  return {
    name,
    async begin() {
      for (const id of LEASE_IDS) await store.leaseRevoke(id).catch(() => undefined);
      await store.put({ key: 'pilothouse-wipe', value: '' });
      const wiped = await store.deleteRange({ key: '\0', rangeEnd: '\0' });
      return { store, base: wiped.header.revision - 1 };
    },
    end: async () => undefined,
  };
}

/** What a call did: its answer (revisions made sequence-relative) or its error. */
export type Outcome = { ok: unknown } | { error: { name: string; message: string; code: string } };

/** The first difference of a sequence: the op and what each subject answered. */
export interface Difference {
  seed: number;
  step: number;
  op: StoreOp | { op: 'watch'; req: WatchRequest };
  /** Per subject: the op's Outcome, or for a watch everything it delivered. */
  outcomes: Record<string, unknown>;
}

function callStore(store: Store, op: StoreOp): Promise<unknown> {
  switch (op.op) {
    case 'range': return store.range(op.req);
    case 'put': return store.put(op.req);
    case 'deleteRange': return store.deleteRange(op.req);
    case 'txn': return store.txn(op.req);
    case 'compact': return store.compact(op.revision);
    case 'leaseGrant': return store.leaseGrant(op.ttl, op.id);
    case 'leaseRevoke': return store.leaseRevoke(op.id);
    case 'leaseKeepAlive': return store.leaseKeepAlive(op.id);
    case 'leaseTimeToLive': return store.leaseTimeToLive(op.id, op.keys);
  }
}

/** JSON-shaped (no `undefined` members), so that absent and undefined fields compare equal. */
function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

async function outcomeOf(store: Store, base: number, op: StoreOp): Promise<Outcome> {
  try {
    return { ok: plain(unshiftRevisions(await callStore(store, shiftOp(op, base)), base)) };
  } catch (err) {
    const e = err as { name?: unknown; message?: unknown; code?: unknown };
    return { error: { name: String(e.name), message: String(e.message), code: String(e.code) } };
  }
}

/**
 * A lease's remaining TTL runs on etcd's wall clock but on the memory store's virtual clock
 * (not advanced here): the two may differ by the real seconds the sequence took, and only by
 * that. Within `slack` seconds they count as equal.
 */
function settleTtl(op: StoreOp, outcomes: Outcome[], slack: number): void {
  if (op.op !== 'leaseTimeToLive') return;
  const [first, ...rest] = outcomes.map((o) => ('ok' in o ? (o.ok as { ttl: number }) : undefined));
  if (first === undefined || first.ttl <= 0) return;
  for (const other of rest) if (other !== undefined && other.ttl > 0 && Math.abs(other.ttl - first.ttl) <= slack) other.ttl = first.ttl;
}

function observe(state: SequenceState, op: StoreOp, outcome: Outcome): void {
  if (!('ok' in outcome)) return;
  const revision = (outcome.ok as { header?: { revision?: number } }).header?.revision ?? 0;
  state.revision = Math.max(state.revision, revision);
  if (op.op === 'compact') state.compactRevision = Math.max(state.compactRevision, op.revision);
  if (op.op === 'leaseGrant') state.leases.add(op.id);
  if (op.op === 'leaseRevoke') state.leases.delete(op.id);
}

/** What an op did, for the tally: `txn succeeded=false`, `put ErrLeaseNotFound`, ... */
function kindOf(op: StoreOp, outcome: Outcome): string {
  if (!('ok' in outcome)) return `${op.op} ${outcome.error.name}`;
  return op.op === 'txn' ? `txn succeeded=${String((outcome.ok as { succeeded: boolean }).succeeded)}` : `${op.op} ok`;
}

function count(tally: Map<string, number> | undefined, kind: string): void {
  tally?.set(kind, (tally.get(kind) ?? 0) + 1);
}

/** Everything one watch delivered, flattened (response boundaries may differ: etcd batches). */
interface WatchLog {
  events: WatchEvent[];
  end?: Omit<WatchResponse, 'events' | 'header'>;
}

/** Runs sequence `seed` on every subject; resolves with its first difference, if any. */
export async function runSequence(seed: number, subjects: Subject[], tally?: Map<string, number>): Promise<Difference | undefined> {
  const rng = createRng(seed);
  const sessions = await Promise.all(subjects.map((s) => s.begin()));
  const started = Date.now();
  const state: SequenceState = { revision: 1, compactRevision: 0, leases: new Set(), pending: [] };
  let step = 0;
  const apply = async (op: StoreOp): Promise<Difference | undefined> => {
    const outcomes = await Promise.all(sessions.map(({ store, base }) => outcomeOf(store, base, op)));
    settleTtl(op, outcomes, Math.ceil((Date.now() - started) / 1000) + 1);
    step++;
    if (outcomes.some((o) => !isDeepStrictEqual(o, outcomes[0])))
      return { seed, step, op, outcomes: Object.fromEntries(subjects.map((s, i) => [s.name, outcomes[i]])) };
    observe(state, op, outcomes[0]!);
    count(tally, kindOf(op, outcomes[0]!));
    return undefined;
  };
  try {
    const length = 20 + rng.int(40);
    for (let i = 0; i < length || state.pending.length > 0; i++) {
      const diff = await apply(nextOp(rng, state));
      if (diff) return diff;
    }
    return await compareWatches(rng, state, sessions, subjects, apply, () => ({ seed, step }), tally);
  } finally {
    await Promise.all(sessions.map(({ store }, i) => subjects[i]!.end(store)));
  }
}

/**
 * Opens the same watches (from past, maybe compacted, revisions) on every subject, then writes
 * sentinels to each watched key: one txn putting them all, one deleting them all. Every watch
 * sees its sentinels last, so once they arrived it has delivered everything it will.
 */
async function compareWatches(
  rng: ReturnType<typeof createRng>,
  state: SequenceState,
  sessions: Array<{ store: Store; base: number }>,
  subjects: Subject[],
  apply: (op: StoreOp) => Promise<Difference | undefined>,
  where: () => { seed: number; step: number },
  tally?: Map<string, number>,
): Promise<Difference | undefined> {
  const requests = Array.from({ length: 1 + rng.int(3) }, () => nextWatch(rng, state));
  const logs = sessions.map(({ store, base }) => requests.map((req) => {
    const log: WatchLog = { events: [] };
    // A fresh store's revision 1 has no events; etcd's (the wipe) has deletes: skip it.
    const startRevision = toSubjectRevision(Math.max(req.startRevision ?? 0, 2), base);
    const watcher = store.watch({ ...req, startRevision }, (resp) => {
      const { events, header: _header, ...end } = unshiftRevisions(resp, base);
      log.events.push(...events);
      if (end.canceled === true) log.end = end;
    });
    return { log, watcher };
  }));
  try {
    const keys = [...new Set(requests.map((r) => r.key))];
    const puts = await apply({ op: 'txn', req: { success: keys.map((key) => ({ requestPut: { key, value: 'sentinel' } })) } });
    if (puts) return puts;
    const deletes = await apply({ op: 'txn', req: { success: keys.map((key) => ({ requestDeleteRange: { key } })) } });
    if (deletes) return deletes;
    const last = state.revision;
    await Promise.all(logs.flat().map(({ log }, i) => {
      const req = requests[i % requests.length]!;
      const target = req.filters?.includes('NODELETE') ? last - 1 : last;
      return waitFor(() => log.end !== undefined || log.events.some((e) => e.kv.modRevision >= target));
    }));
    for (let w = 0; w < requests.length; w++) {
      const seen = logs.map((perSubject) => plain(perSubject[w]!.log));
      if (seen.some((l) => !isDeepStrictEqual(l, seen[0]))) {
        return { ...where(), op: { op: 'watch', req: requests[w]! },
          outcomes: Object.fromEntries(subjects.map((s, i) => [s.name, seen[i]])) };
      }
      count(tally, seen[0]!.end?.compactRevision !== undefined ? 'watch compacted' : 'watch events');
      if (seen[0]!.events.some((e) => e.prevKv !== undefined)) count(tally, 'watch events with prevKv');
    }
    return undefined;
  } finally {
    for (const { watcher } of logs.flat()) watcher.cancel();
  }
}

/** Polls `done` until true, for at most 5 s of real time (etcd answers over HTTP). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
