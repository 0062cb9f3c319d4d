// The store: etcd's KV, Watch and Lease APIs over the MVCC state, made durable through a
// Backend with group commit.
//
// Every request is applied in memory at once, in call order (that order is the linearization),
// then waits for durability: writes join the batch being gathered, which is committed as soon as
// no other commit is in flight; a request that changed nothing waits for the newest batch still
// pending (it may have read that batch's writes). Only when its batch is durable is a request
// answered and are its watch events sent. A failed commit rejects every request in it and in the
// batch gathered behind it (they read its writes) and rolls memory back to the durable revision.
// Models server/storage/mvcc/kvstore.go (revisions, compaction), with etcd's backend batch
// interval replaced by "the next commit takes everything that arrived meanwhile".

import type { Clock } from '../clock/index.ts';
import type { Backend, BackendState, CommitBatch, LeaseRecord, RevisionRecord } from './backend.ts';
import type {
  CompactResponse, DeleteRangeRequest, DeleteRangeResponse, LeaseGrantResponse, LeaseKeepAliveResponse,
  LeaseTimeToLiveResponse, PutRequest, PutResponse, RangeRequest, RangeResponse, RequestOp, ResponseHeader,
  Store, TxnRequest, TxnResponse, WatchRequest, WatchResponse, Watcher,
} from './types.ts';
import { backendError, invalidArgument, storeError } from './errors.ts';
import { checkDeleteRequest, checkPutRequest, checkRangeRequest, checkRequestSize, checkTxnRequest } from './check.ts';
import { applyTxn, TxnWrite, type MvccState } from './apply.ts';
import { MvccIndex } from './mvcc_index.ts';
import { Lessor, maxLeaseTTL } from './lessor.ts';
import { WatchHub } from './watchable.ts';
import { keySpan } from './keys.ts';

/** What `createStore` needs: the virtual clock (lease expiry, progress) and where to persist. */
export interface StoreOptions {
  clock: Clock;
  backend: Backend;
}

/** Opens a store over `backend`: loads its durable state first, then serves. */
export async function createStore({ clock, backend }: StoreOptions): Promise<Store> {
  return storeOver(clock, backend, await backend.load());
}

/** A store over `backend` whose durable state is already known to be `state`. */
export function storeOver(clock: Clock, backend: Backend, state: BackendState): Store {
  return new MvccStore(clock, backend, state.records, state.revision, state.compactRevision, state.leases);
}

/** Microtask hops without a new request that end the wait before the next commit. */
const settleQuietHops = 4;
/** The most microtask hops the next commit waits for requests to join it. */
const settleMaxHops = 64;

/** One commit's worth of changes, and the requests waiting on it. */
interface Batch {
  records: RevisionRecord[];
  revision: number;
  compactRevision: number | undefined;
  compactRemove: RevisionRecord[];
  leasesPut: Map<number, LeaseRecord>;
  leasesDeleted: Set<number>;
  waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }>;
}

/** A request's effect on the durable state, beyond rows (which the txn writer reports). */
interface Effects {
  records?: RevisionRecord[];
  compact?: { revision: number; remove: RevisionRecord[] };
  leasePut?: LeaseRecord;
  leaseDeleted?: number;
}

class MvccStore implements Store {
  private readonly state: MvccState;
  private readonly hub: WatchHub;
  private durableRevision: number;
  private durableCompactRevision: number;
  private readonly durableLeases = new Map<number, LeaseRecord>();
  /** Rows planned for removal by compactions not yet durable (never planned twice). */
  private readonly plannedRemoval = new Set<RevisionRecord>();
  private gathering: Batch | undefined;
  private inFlight: Batch | undefined;
  /** True between a commit becoming durable and the next one starting (see settleThenCommit). */
  private settling = false;
  private closed = false;

  constructor(clock: Clock, private readonly backend: Backend, records: RevisionRecord[], revision: number,
    compactRevision: number, leases: LeaseRecord[]) {
    const index = new MvccIndex();
    for (const rec of [...records].sort((a, b) => a.main - b.main || a.sub - b.sub)) index.append(rec);
    const lessor = new Lessor(clock, (id) => this.expire(id));
    this.state = { index, lessor, revision, compactRevision };
    this.durableRevision = revision;
    this.durableCompactRevision = compactRevision;
    for (const lease of leases) this.durableLeases.set(lease.id, lease);
    lessor.restore(leases, index.liveAt(revision));
    this.hub = new WatchHub({
      index, durableRevision: () => this.durableRevision, durableCompactRevision: () => this.durableCompactRevision,
    }, clock);
  }

  range(req: RangeRequest): Promise<RangeResponse> {
    return this.run(() => {
      checkRangeRequest(req);
      checkRequestSize({ requestRange: req });
      // As etcd's plain Range (mvcc rangeKeys): a revision <= 0 reads the current one; only
      // inside a txn does checkRange refuse a negative revision after a compaction.
      const current = (req.revision ?? 0) < 0 ? { ...req, revision: 0 } : req;
      return this.txnOp({ requestRange: current }, 'responseRange');
    });
  }

  put(req: PutRequest): Promise<PutResponse> {
    return this.run(() => {
      checkPutRequest(req);
      checkRequestSize({ requestPut: req });
      // As apply.go Put outside a txn: the lease is looked up first, before the
      // ignore_value/ignore_lease key check that a txn's checkPut makes first.
      if ((req.lease ?? 0) !== 0 && !this.state.lessor.has(req.lease ?? 0)) throw storeError('ErrLeaseNotFound');
      return this.txnOp({ requestPut: req }, 'responsePut');
    });
  }

  deleteRange(req: DeleteRangeRequest): Promise<DeleteRangeResponse> {
    return this.run(() => {
      checkDeleteRequest(req);
      checkRequestSize({ requestDeleteRange: req });
      return this.txnOp({ requestDeleteRange: req }, 'responseDeleteRange');
    });
  }

  txn(req: TxnRequest): Promise<TxnResponse> {
    return this.run(() => {
      checkTxnRequest(req);
      checkRequestSize({ requestTxn: req });
      const { response, changes } = applyTxn(this.state, req);
      return { value: response, effects: { records: changes } };
    });
  }

  // Models mvcc/kvstore.go updateCompactRev + compact: the revision check, then the rows
  // key_index.go's compact drops. The header carries the current revision (nothing is bumped).
  compact(revision: number): Promise<CompactResponse> {
    return this.run(() => {
      if (!Number.isSafeInteger(revision)) throw invalidArgument('compact revision must be an integer');
      if (revision <= this.state.compactRevision) throw storeError('ErrCompacted');
      if (revision > this.state.revision) throw storeError('ErrFutureRev');
      this.state.compactRevision = revision;
      const remove = this.state.index.compactPlan(revision).filter((rec) => !this.plannedRemoval.has(rec));
      for (const rec of remove) this.plannedRemoval.add(rec);
      return { value: { header: this.header() }, effects: { compact: { revision, remove } } };
    });
  }

  watch(req: WatchRequest, onResponse: (resp: WatchResponse) => void): Watcher {
    if (this.closed) throw storeError('ErrStopped');
    if (typeof req !== 'object' || req === null) throw invalidArgument('watch request must be an object');
    if (typeof req.key !== 'string') throw invalidArgument('key must be a string');
    if (req.rangeEnd !== undefined && typeof req.rangeEnd !== 'string') throw invalidArgument('rangeEnd must be a string');
    if (req.startRevision !== undefined && !Number.isSafeInteger(req.startRevision)) throw invalidArgument('startRevision must be an integer');
    if (typeof onResponse !== 'function') throw invalidArgument('watch needs a callback');
    for (const f of req.filters ?? []) if (f !== 'NOPUT' && f !== 'NODELETE') throw invalidArgument(`unknown watch filter ${String(f)}`);
    return this.hub.watch(req, onResponse);
  }

  // Models lease/lessor.go Grant: TTL over the maximum first, then a taken id.
  leaseGrant(ttlSeconds: number, id?: number): Promise<LeaseGrantResponse> {
    return this.run(() => {
      if (!Number.isSafeInteger(ttlSeconds)) throw invalidArgument('lease TTL must be an integer');
      if (id !== undefined && !Number.isSafeInteger(id)) throw invalidArgument('lease ID must be an integer');
      if (ttlSeconds > maxLeaseTTL) throw storeError('ErrLeaseTTLTooLarge');
      const leaseId = id === undefined || id === 0 ? this.state.lessor.pickId() : id;
      if (this.state.lessor.has(leaseId)) throw storeError('ErrLeaseExist');
      const lease = this.state.lessor.grant(leaseId, ttlSeconds);
      return { value: { header: this.header(), id: lease.id, ttl: lease.ttl }, effects: { leasePut: lease } };
    });
  }

  leaseRevoke(id: number): Promise<{ header: ResponseHeader }> {
    return this.run(() => {
      if (!Number.isSafeInteger(id)) throw invalidArgument('lease ID must be an integer');
      return this.revoke(id);
    });
  }

  // As clientv3's KeepAliveOnce: a lease that is gone is ErrLeaseNotFound (on the wire etcd
  // answers TTL 0, which the client turns into that error).
  leaseKeepAlive(id: number): Promise<LeaseKeepAliveResponse> {
    return this.run(() => {
      if (!Number.isSafeInteger(id)) throw invalidArgument('lease ID must be an integer');
      const lease = this.state.lessor.renew(id);
      if (!lease) throw storeError('ErrLeaseNotFound');
      return { value: { header: this.header(), id, ttl: lease.ttl }, effects: { leasePut: lease } };
    });
  }

  // As v3rpc/lease.go LeaseTimeToLive: an unknown lease is not an error but TTL -1.
  leaseTimeToLive(id: number, keys?: boolean): Promise<LeaseTimeToLiveResponse> {
    return this.run(() => {
      if (!Number.isSafeInteger(id)) throw invalidArgument('lease ID must be an integer');
      const left = this.state.lessor.timeToLive(id);
      const resp: LeaseTimeToLiveResponse = left
        ? { header: this.header(), id, ttl: left.ttl, grantedTtl: left.grantedTtl }
        : { header: this.header(), id, ttl: -1, grantedTtl: 0 };
      if (keys) resp.keys = left?.keys ?? [];
      return { value: resp, effects: {} };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.close();
    this.state.lessor.stop();
    const pending = [this.inFlight, this.gathering].filter((b): b is Batch => b !== undefined);
    await Promise.all(pending.map((b) => new Promise<void>((resolve) => b.waiters.push({ resolve, reject: () => resolve() }))));
    await this.backend.close();
  }

  private header(): ResponseHeader {
    return { revision: this.state.revision };
  }

  /** Runs a single op as a one-op txn (as etcd's Put/Range/DeleteRange) and unwraps it. */
  private txnOp<K extends 'responseRange' | 'responsePut' | 'responseDeleteRange'>(op: RequestOp, field: K) {
    const { response, changes } = applyTxn(this.state, { success: [op] });
    const inner = response.responses[0] as Record<K, unknown>;
    type Out = K extends 'responseRange' ? RangeResponse : K extends 'responsePut' ? PutResponse : DeleteRangeResponse;
    return { value: inner[field] as Out, effects: { records: changes } };
  }

  // Models lease/lessor.go Revoke: the lease's keys go in one write txn, in key order.
  private revoke(id: number): { value: { header: ResponseHeader }; effects: Effects } {
    const keys = this.state.lessor.revoke(id);
    if (!keys) throw storeError('ErrLeaseNotFound');
    const tw = new TxnWrite(this.state);
    for (const key of keys) tw.deleteRange(keySpan(key, undefined));
    const revision = tw.end();
    return { value: { header: { revision } }, effects: { records: tw.changes, leaseDeleted: id } };
  }

  // A lease ran out on the clock: revoke it like a client would. If the commit fails, rollback
  // restores the lease with its (past) expiry, which fires again at once.
  private expire(id: number): void {
    if (this.closed || !this.state.lessor.has(id)) return;
    this.run(() => this.revoke(id)).catch(() => undefined);
  }

  /**
   * Applies `apply` now (it throws, leaving the state unchanged, for a refused request) and
   * answers once its effects, or the writes it read, are durable.
   */
  private run<T>(apply: () => { value: T; effects: Effects }): Promise<T> {
    if (this.closed) return Promise.reject(storeError('ErrStopped'));
    let result: { value: T; effects: Effects };
    try {
      result = apply();
    } catch (err) {
      return Promise.reject(err);
    }
    const { value, effects } = result;
    const batch = this.hasChanges(effects) ? this.gather(effects) : this.gathering ?? this.inFlight;
    if (!batch) return Promise.resolve(value);
    const answered = new Promise<T>((resolve, reject) => batch.waiters.push({ resolve: () => resolve(value), reject }));
    this.startCommit();
    return answered;
  }

  private hasChanges(e: Effects): boolean {
    return (e.records?.length ?? 0) > 0 || e.compact !== undefined || e.leasePut !== undefined || e.leaseDeleted !== undefined;
  }

  private gather(e: Effects): Batch {
    const fresh: Batch = {
      records: [], revision: this.state.revision, compactRevision: undefined, compactRemove: [],
      leasesPut: new Map(), leasesDeleted: new Set(), waiters: [],
    };
    const b = this.gathering ??= fresh;
    b.records.push(...(e.records ?? []));
    b.revision = this.state.revision;
    if (e.compact) {
      b.compactRevision = e.compact.revision;
      b.compactRemove.push(...e.compact.remove);
    }
    if (e.leasePut) {
      b.leasesDeleted.delete(e.leasePut.id);
      b.leasesPut.set(e.leasePut.id, e.leasePut);
    }
    if (e.leaseDeleted !== undefined) {
      b.leasesPut.delete(e.leaseDeleted);
      b.leasesDeleted.add(e.leaseDeleted);
    }
    return b;
  }

  private startCommit(): void {
    if (this.inFlight || this.settling || !this.gathering) return;
    const batch = this.gathering;
    this.gathering = undefined;
    this.inFlight = batch;
    const commit: CommitBatch = {
      records: batch.records, revision: batch.revision,
      leasesPut: [...batch.leasesPut.values()], leasesDeleted: [...batch.leasesDeleted],
    };
    if (batch.compactRevision !== undefined) {
      commit.compactRevision = batch.compactRevision;
      commit.compactedRemove = batch.compactRemove.map((rec) => [rec.main, rec.sub]);
    }
    let committed: Promise<void>;
    try {
      committed = this.backend.commit(commit);
    } catch (err) {
      committed = Promise.reject(err);
    }
    committed.then(() => this.onDurable(batch), (err: unknown) => this.onFailed(batch, err));
  }

  private onDurable(batch: Batch): void {
    this.inFlight = undefined;
    this.durableRevision = batch.revision;
    if (batch.compactRevision !== undefined) {
      this.durableCompactRevision = batch.compactRevision;
      this.state.index.remove(batch.compactRemove);
      for (const rec of batch.compactRemove) this.plannedRemoval.delete(rec);
    }
    for (const lease of batch.leasesPut.values()) this.durableLeases.set(lease.id, lease);
    for (const id of batch.leasesDeleted) this.durableLeases.delete(id);
    this.hub.notify();
    for (const w of batch.waiters) w.resolve();
    this.settling = true;
    void this.settleThenCommit();
  }

  /**
   * Starts the next commit once the requests just answered have had their turn. Started at once,
   * the commit would take only what arrived while the last one was in flight, and the writers it
   * just woke would put their next writes a few microtasks later into the batch after it: with
   * 100 writers each awaiting its put, batches alternate 1 and 99. So the commit waits, one
   * microtask at a time, until the gathering batch has stopped growing for `settleQuietHops`
   * hops (bounded by `settleMaxHops`, so a steady stream of writers cannot hold it off forever).
   * Microtasks, not a timer: the engine has no real time, and this costs no wall-clock wait.
   */
  private async settleThenCommit(): Promise<void> {
    let waiting = -1;
    for (let hop = 0, quiet = 0; hop < settleMaxHops && quiet < settleQuietHops; hop++) {
      await Promise.resolve();
      const now = this.gathering?.waiters.length ?? 0;
      quiet = now === waiting ? quiet + 1 : 0;
      waiting = now;
    }
    this.settling = false;
    this.startCommit();
  }

  private onFailed(batch: Batch, cause: unknown): void {
    const err = backendError(cause);
    const rejected = [batch, this.gathering].filter((b): b is Batch => b !== undefined);
    this.inFlight = undefined;
    this.gathering = undefined;
    this.state.index.truncateAfter(this.durableRevision);
    this.state.revision = this.durableRevision;
    this.state.compactRevision = this.durableCompactRevision;
    this.plannedRemoval.clear();
    if (!this.closed) this.state.lessor.restore([...this.durableLeases.values()], this.state.index.liveAt(this.durableRevision));
    for (const b of rejected) for (const w of b.waiters) w.reject(err);
  }
}
