// The checks behind checkStoreLinearizability: a recorded history of concurrent requests and
// watch streams against the log of every change (the all-keys watcher from the first revision).
// The log is replayed into per-key histories, and every acknowledged answer must agree with the
// replay at the revision it claims; no answer may claim a revision older than one already
// acknowledged before it was asked (real-time order).

import type { KeyValue, RangeResponse, WatchEvent, WatchResponse } from './types.ts';

interface OpBase {
  client: number;
  /** Logical time the request was sent and answered (one counter for all clients). */
  invoked: number;
  completed: number;
  /** The answer's header revision. */
  revision: number;
}

/** One acknowledged request. */
export type HistoryOp = OpBase & (
  | { kind: 'put'; key: string; value: string }
  | { kind: 'cas'; key: string; value: string; target: 'MOD' | 'VERSION'; expected: number; succeeded: boolean }
  | { kind: 'delete'; key: string; deleted: number }
  | { kind: 'range'; at: number; kvs: KeyValue[] }
);

/** A watch from a past revision and what it received. */
export interface WatchRecord {
  startRevision: number;
  responses: WatchResponse[];
}

export interface History {
  /** The revision before the first request. */
  base: number;
  /** The revision of the final write every watcher must have seen. */
  sentinelRevision: number;
  ops: HistoryOp[];
  /** The all-keys watcher's responses, from base + 1, with prevKv. */
  log: WatchResponse[];
  watches: WatchRecord[];
  /** A range of all keys at each acknowledged write's revision, read after the run. */
  readBacks: Map<number, RangeResponse>;
}

type Life = KeyValue | undefined;

/** Per-key state over revisions, replayed from the log. */
class Replay {
  private readonly byKey = new Map<string, Array<{ rev: number; kv: Life }>>();

  apply(event: WatchEvent): Life {
    const rows = this.byKey.get(event.kv.key) ?? [];
    this.byKey.set(event.kv.key, rows);
    const prev = rows[rows.length - 1]?.kv;
    rows.push({ rev: event.kv.modRevision, kv: event.type === 'PUT' ? event.kv : undefined });
    return prev;
  }

  at(key: string, rev: number): Life {
    let found: Life;
    for (const row of this.byKey.get(key) ?? []) {
      if (row.rev > rev) break;
      found = row.kv;
    }
    return found;
  }

  allAt(rev: number): KeyValue[] {
    return [...this.byKey.keys()].map((k) => this.at(k, rev)).filter((kv): kv is KeyValue => kv !== undefined);
  }
}

const show = (kv: Life) => (kv ? `${kv.key}=${kv.value}@${kv.modRevision}v${kv.version}c${kv.createRevision}` : 'absent');
const showAll = (kvs: readonly KeyValue[]) => [...kvs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(show).join(', ');

/** Every way `history` departs from a linearizable etcd, as sentences (empty when none). */
export function checkHistory(history: History): string[] {
  const out: string[] = [];
  const replay = new Replay();
  const logEvents = checkStream('the log', history.log, history.base + 1, out);

  // The log: contiguous revisions, each a well-formed change of the key it names.
  const revs = new Set(logEvents.map((e) => e.kv.modRevision));
  for (let rev = history.base + 1; rev <= history.sentinelRevision; rev++) {
    if (!revs.has(rev)) out.push(`the log has no event at revision ${rev}`);
  }
  for (const event of logEvents) {
    const prev = replay.apply(event);
    if (event.type === 'PUT') {
      const wantVersion = prev ? prev.version + 1 : 1;
      const wantCreate = prev ? prev.createRevision : event.kv.modRevision;
      if (event.kv.version !== wantVersion || event.kv.createRevision !== wantCreate) {
        out.push(`the log's PUT ${show(event.kv)} does not follow ${show(prev)}`);
      }
    }
    if (show(event.prevKv) !== show(prev) && !(event.type === 'PUT' && !prev)) {
      out.push(`the log's ${event.type} of ${event.kv.key} at ${event.kv.modRevision} has prevKv ${show(event.prevKv)}, the key was ${show(prev)}`);
    }
  }

  // Each answer agrees with the log at its revision.
  const writeAt = new Map<number, HistoryOp>();
  for (const op of history.ops) {
    const changed = op.kind === 'put' || (op.kind === 'cas' && op.succeeded) || (op.kind === 'delete' && op.deleted > 0);
    if (changed) {
      const other = writeAt.get(op.revision);
      if (other) out.push(`two writes were acknowledged at revision ${op.revision} (clients ${other.client} and ${op.client})`);
      writeAt.set(op.revision, op);
    }
    out.push(...checkOp(op, replay));
  }
  for (const rev of revs) if (!writeAt.has(rev)) out.push(`the log changes revision ${rev}, which no acknowledged write made`);

  // CAS on modRevision: a key's modRevisions are unique, so two successes on one means a stale
  // swap. (0 is "absent", which recurs after each delete; the per-op check covers it.)
  const casWins = new Map<string, HistoryOp>();
  for (const op of history.ops) {
    if (op.kind !== 'cas' || !op.succeeded || op.target !== 'MOD' || op.expected === 0) continue;
    const id = `${op.key}@${op.expected}`;
    if (casWins.has(id)) out.push(`two CAS on ${op.key} modRevision ${op.expected} both succeeded`);
    casWins.set(id, op);
  }

  out.push(...checkRealTime(history.ops));

  for (const w of history.watches) {
    const events = checkStream(`the watch from ${w.startRevision}`, w.responses, w.startRevision, out);
    const want = logEvents.filter((e) => e.kv.modRevision >= w.startRevision).map(showEvent);
    const got = events.map(showEvent);
    if (want.join() !== got.join()) out.push(`the watch from ${w.startRevision} saw [${got.join(', ')}], the log has [${want.join(', ')}]`);
  }

  for (const [rev, resp] of history.readBacks) {
    if (showAll(resp.kvs) !== showAll(replay.allAt(rev))) {
      out.push(`a read at revision ${rev} returned [${showAll(resp.kvs)}], the log says [${showAll(replay.allAt(rev))}]`);
    }
  }
  return out;
}

const showEvent = (e: WatchEvent) => `${e.type} ${e.kv.key}@${e.kv.modRevision}${e.type === 'PUT' ? `=${e.kv.value}` : ''}`;

/** Flattens a watch stream, checking one revision per response, increasing, from `from`. */
function checkStream(name: string, responses: readonly WatchResponse[], from: number, out: string[]): WatchEvent[] {
  let last = from - 1;
  const events: WatchEvent[] = [];
  for (const resp of responses) {
    if (resp.canceled) { out.push(`${name} was canceled: ${resp.cancelReason ?? ''}`); continue; }
    const revs = new Set(resp.events.map((e) => e.kv.modRevision));
    if (revs.size !== 1) out.push(`${name} sent a response spanning revisions [${[...revs].join(', ')}]`);
    for (const rev of revs) {
      if (rev <= last) out.push(`${name} sent revision ${rev} after ${last} (out of order or repeated)`);
      last = Math.max(last, rev);
    }
    events.push(...resp.events);
  }
  return events;
}

function checkOp(op: HistoryOp, replay: Replay): string[] {
  const who = `client ${op.client}'s ${op.kind}`;
  switch (op.kind) {
    case 'put': {
      const kv = replay.at(op.key, op.revision);
      return kv?.value === op.value && kv.modRevision === op.revision ? [] : [`${who} of ${op.key}=${op.value} was acknowledged at ${op.revision}, the log has ${show(kv)}`];
    }
    case 'cas': {
      const holds = (kv: Life) => (op.target === 'MOD' ? kv?.modRevision ?? 0 : kv?.version ?? 0) === op.expected;
      if (!op.succeeded) {
        const kv = replay.at(op.key, op.revision);
        return holds(kv) ? [`${who} on ${op.key} ${op.target}=${op.expected} failed at ${op.revision}, yet the key was ${show(kv)}`] : [];
      }
      const before = replay.at(op.key, op.revision - 1);
      const after = replay.at(op.key, op.revision);
      const out: string[] = [];
      if (!holds(before)) out.push(`${who} on ${op.key} ${op.target}=${op.expected} succeeded at ${op.revision} over ${show(before)} (a stale compare-and-swap)`);
      if (after?.value !== op.value || after.modRevision !== op.revision) out.push(`${who} of ${op.key}=${op.value} at ${op.revision} is not in the log (${show(after)})`);
      return out;
    }
    case 'delete': {
      if (op.deleted === 0) {
        const kv = replay.at(op.key, op.revision);
        return kv ? [`${who} of ${op.key} deleted nothing at ${op.revision}, yet the key was ${show(kv)}`] : [];
      }
      const before = replay.at(op.key, op.revision - 1);
      const after = replay.at(op.key, op.revision);
      return before && !after ? [] : [`${who} of ${op.key} at ${op.revision} does not match the log (${show(before)} → ${show(after)})`];
    }
    case 'range': {
      const rev = op.at > 0 ? op.at : op.revision;
      const want = replay.allAt(rev);
      return showAll(op.kvs) === showAll(want) ? [] : [`${who} at ${rev} returned [${showAll(op.kvs)}], the log says [${showAll(want)}]`];
    }
  }
}

// An answer may not be older than an answer acknowledged before its request was sent; a write
// must be newer.
function checkRealTime(ops: readonly HistoryOp[]): string[] {
  const out: string[] = [];
  const byCompletion = [...ops].sort((a, b) => a.completed - b.completed);
  const byInvocation = [...ops].sort((a, b) => a.invoked - b.invoked);
  let i = 0;
  let newest: HistoryOp | undefined;
  for (const op of byInvocation) {
    while (i < byCompletion.length && (byCompletion[i] as HistoryOp).completed < op.invoked) {
      const done = byCompletion[i] as HistoryOp;
      if (!newest || done.revision > newest.revision) newest = done;
      i++;
    }
    if (!newest) continue;
    const isWrite = op.kind === 'put' || (op.kind === 'cas' && op.succeeded) || (op.kind === 'delete' && op.deleted > 0);
    if (op.revision < newest.revision || (isWrite && op.revision === newest.revision && newest !== op)) {
      out.push(`client ${op.client}'s ${op.kind} answered revision ${op.revision} though revision ${newest.revision} was acknowledged before it was sent`);
    }
  }
  return out;
}
