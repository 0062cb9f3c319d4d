// The differential test of the store (DESIGN.md, "Oracles"): the same seeded operation
// sequences run against our memory store and against a real etcd, and every answer must be
// identical — header revisions, kvs (create/mod revision, version, value, lease), counts,
// `more`, prev kvs, txn outcomes, errors (name, code and message), lease answers, watch events.
// How each sequence gets a fresh keyspace in the one etcd, and how revisions are compared:
// see etcd-diff-runner.ts. What is normalized, and why (nothing else is):
// - revisions are compared relative to each sequence's start (one etcd serves all sequences);
// - a lease's remaining TTL may differ by the real seconds elapsed (etcd's wall clock vs our
//   virtual one);
// - watch events are compared as one list per watch (etcd batches revisions into responses
//   as its sync loop finds them; the events and their order are what clients rely on).
// Left out of the sequences (etcd-sequences.ts says why): the one txn shape that crashes etcd,
// and compact(0) on a never-compacted store, where etcd and the memory store still differ.
// etcd 3.4 vs 3.5: this machine runs Debian's etcd 3.4.23, Kubernetes v1.33 uses etcd 3.5.
// Their apply paths (etcdserver/apply.go Range/Put/DeleteRange/Txn/checkRequests, lessor.go,
// v3rpc/watch.go, mvcc) differ in nothing these sequences observe (compared v3.4.23 with
// v3.5.21), so no 3.4-only behaviour needed normalizing; if one turns up, follow 3.5 and
// normalize just that, here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { createEtcdStore, createMemoryStore, type Store } from '../src/engine/store/index.ts';
import { runSequence, wipingSubject, type Difference, type Subject } from './etcd-diff-runner.ts';
import { startEtcd, type EtcdServer } from './etcd-server.ts';
import { findTool, titleWithTool } from './support/tools.ts';

const etcdPath = findTool('etcd');
// ~25 s alone; room for a busy machine running every suite at once.
const RUN_TIMEOUT = 180_000;

/** Runs `count` sequences from `firstSeed`; prints the tally and the first difference. */
async function runAll(label: string, subjects: Subject[], firstSeed: number, count: number): Promise<Difference[]> {
  const differences: Difference[] = [];
  const tally = new Map<string, number>();
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    const diff = await runSequence(seed, subjects, tally);
    if (diff) differences.push(diff);
  }
  console.log(`${label}: ${count} sequences, ${count - differences.length} identical`);
  // What the sequences exercised (identical steps only), so a generator that stops reaching a
  // case shows here.
  console.log([...tally].sort().map(([kind, n]) => `  ${kind}: ${n}`).join('\n'));
  if (differences[0] !== undefined) console.log(`first difference:\n${JSON.stringify(differences[0], null, 2)}`);
  return differences;
}

describe.skipIf(etcdPath === undefined)(titleWithTool('store against a real etcd', 'etcd', etcdPath), () => {
  const servers: EtcdServer[] = [];
  const stores: Store[] = [];

  beforeAll(async () => {
    servers.push(...(await Promise.all([startEtcd(etcdPath!), startEtcd(etcdPath!)])));
    stores.push(...servers.map((s) => createEtcdStore({ endpoint: s.endpoint })));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('the memory store answers every sequence exactly as etcd does', async () => {
    // A fresh memory store per sequence, on a virtual clock nobody advances: no lease expires.
    const memory: Subject = {
      name: 'memory',
      begin: async () => ({ store: createMemoryStore({ clock: new VirtualClock({ seed: 1 }) }), base: 0 }),
      end: (store) => store.close(),
    };
    const differences = await runAll('etcd-diff', [memory, wipingSubject('etcd', stores[0]!)], 1, 200);
    expect(differences[0]).toBeUndefined();
  }, RUN_TIMEOUT);

  // The harness itself must be deterministic, or a difference would prove nothing: two real
  // etcds, each on its own revisions, answer every sequence alike once normalized.
  it('two real etcds agree on every sequence (the harness is deterministic)', async () => {
    const differences = await runAll('etcd-diff (etcd vs etcd)', [
      wipingSubject('etcd A', stores[0]!), wipingSubject('etcd B', stores[1]!),
    ], 1001, 40);
    expect(differences[0]).toBeUndefined();
  }, RUN_TIMEOUT);
});
