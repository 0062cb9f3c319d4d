// Conformance: txn — compares, branches, atomicity, nesting and etcd's txn checks.

import { expect, it } from 'vitest';
import { expectStoreError, type ContextGetter } from './conformance_harness.ts';
import { prefixEnd } from './keys.ts';
import type { Compare, CompareResult, RequestOp } from './types.ts';

type Target = { target: 'VERSION'; version: number } | { target: 'CREATE'; createRevision: number }
  | { target: 'MOD'; modRevision: number } | { target: 'VALUE'; value: string } | { target: 'LEASE'; lease: number };

export function txnConformance(ctx: ContextGetter): void {
  // The key under test has value 'm', version 2, createRevision C, modRevision C+1, no lease.
  const rows: Array<{ name: string; cmp: (c: number) => Target; result: CompareResult; want: boolean }> = [
    { name: 'VERSION EQUAL its version', cmp: () => ({ target: 'VERSION', version: 2 }), result: 'EQUAL', want: true },
    { name: 'VERSION EQUAL another version', cmp: () => ({ target: 'VERSION', version: 1 }), result: 'EQUAL', want: false },
    { name: 'VERSION GREATER a smaller one', cmp: () => ({ target: 'VERSION', version: 1 }), result: 'GREATER', want: true },
    { name: 'VERSION LESS a smaller one', cmp: () => ({ target: 'VERSION', version: 1 }), result: 'LESS', want: false },
    { name: 'VERSION NOT_EQUAL another', cmp: () => ({ target: 'VERSION', version: 3 }), result: 'NOT_EQUAL', want: true },
    { name: 'CREATE EQUAL its createRevision', cmp: (c) => ({ target: 'CREATE', createRevision: c }), result: 'EQUAL', want: true },
    { name: 'CREATE LESS a later revision', cmp: (c) => ({ target: 'CREATE', createRevision: c + 1 }), result: 'LESS', want: true },
    { name: 'MOD EQUAL its modRevision', cmp: (c) => ({ target: 'MOD', modRevision: c + 1 }), result: 'EQUAL', want: true },
    { name: 'MOD EQUAL its createRevision', cmp: (c) => ({ target: 'MOD', modRevision: c }), result: 'EQUAL', want: false },
    { name: 'MOD GREATER its createRevision', cmp: (c) => ({ target: 'MOD', modRevision: c }), result: 'GREATER', want: true },
    { name: 'VALUE EQUAL its value', cmp: () => ({ target: 'VALUE', value: 'm' }), result: 'EQUAL', want: true },
    { name: 'VALUE GREATER a smaller byte string', cmp: () => ({ target: 'VALUE', value: 'l' }), result: 'GREATER', want: true },
    { name: 'VALUE LESS a longer string it prefixes', cmp: () => ({ target: 'VALUE', value: 'mm' }), result: 'LESS', want: true },
    { name: 'VALUE NOT_EQUAL its value', cmp: () => ({ target: 'VALUE', value: 'm' }), result: 'NOT_EQUAL', want: false },
    { name: 'LEASE EQUAL 0 without a lease', cmp: () => ({ target: 'LEASE', lease: 0 }), result: 'EQUAL', want: true },
  ];
  it.each(rows)('a compare $name → succeeded=$want', async ({ cmp, result, want }) => {
    const { store, p } = ctx();
    const c = (await store.put({ key: p('k'), value: 'l' })).header.revision;
    await store.put({ key: p('k'), value: 'm' });
    const resp = await store.txn({ compare: [{ key: p('k'), result, ...cmp(c) } as Compare] });
    expect(resp.succeeded).toBe(want);
  });

  it.each([
    { name: 'VERSION EQUAL 0', cmp: { target: 'VERSION', version: 0 } as Target, result: 'EQUAL' as const, want: true },
    { name: 'CREATE EQUAL 0', cmp: { target: 'CREATE', createRevision: 0 } as Target, result: 'EQUAL' as const, want: true },
    { name: 'MOD LESS 1', cmp: { target: 'MOD', modRevision: 1 } as Target, result: 'LESS' as const, want: true },
    { name: 'LEASE EQUAL 0', cmp: { target: 'LEASE', lease: 0 } as Target, result: 'EQUAL' as const, want: true },
    { name: "VALUE EQUAL ''", cmp: { target: 'VALUE', value: '' } as Target, result: 'EQUAL' as const, want: false },
    { name: "VALUE NOT_EQUAL 'x'", cmp: { target: 'VALUE', value: 'x' } as Target, result: 'NOT_EQUAL' as const, want: false },
  ])('on a missing key, $name → succeeded=$want (zero KeyValue; VALUE always fails)', async ({ cmp, result, want }) => {
    const { store, p } = ctx();
    const resp = await store.txn({ compare: [{ key: p('missing'), result, ...cmp } as Compare] });
    expect(resp.succeeded).toBe(want);
  });

  it('a compare over a range holds only if every key in it satisfies it', async () => {
    const { store, p } = ctx();
    await store.put({ key: p('a'), value: 'x' });
    await store.put({ key: p('b'), value: 'x' });
    const all = { key: p(''), rangeEnd: prefixEnd(p('')) };
    expect((await store.txn({ compare: [{ ...all, target: 'VALUE', result: 'EQUAL', value: 'x' }] })).succeeded).toBe(true);
    await store.put({ key: p('b'), value: 'y' });
    expect((await store.txn({ compare: [{ ...all, target: 'VALUE', result: 'EQUAL', value: 'x' }] })).succeeded).toBe(false);
    expect((await store.txn({ compare: [{ ...all, target: 'VERSION', result: 'GREATER', version: 0 }] })).succeeded).toBe(true);
  });

  it('the chosen branch runs; all its writes share one revision with increasing sub order', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const resp = await store.txn({
      compare: [{ key: p('guard'), target: 'VERSION', result: 'EQUAL', version: 0 }],
      success: [
        { requestRange: { key: p('a') } },
        { requestPut: { key: p('a'), value: '1' } },
        { requestRange: { key: p('a') } },
        { requestPut: { key: p('b'), value: '2' } },
        { requestDeleteRange: { key: p('none') } },
      ],
      failure: [{ requestPut: { key: p('failure'), value: 'x' } }],
    });
    expect(resp.succeeded).toBe(true);
    expect(resp.header.revision).toBe(base + 1);
    // Reads before the txn's first write see the old revision; after it, the txn's own writes.
    expect(resp.responses).toEqual([
      { responseRange: { header: { revision: base }, kvs: [], more: false, count: 0 } },
      { responsePut: { header: { revision: base + 1 } } },
      { responseRange: expect.objectContaining({ header: { revision: base + 1 }, count: 1 }) },
      { responsePut: { header: { revision: base + 1 } } },
      { responseDeleteRange: { header: { revision: base + 1 }, deleted: 0, prevKvs: [] } },
    ]);
    const kvs = (await store.range({ key: p(''), rangeEnd: prefixEnd(p('')) })).kvs;
    expect(kvs.map((kv) => [kv.key.slice(p('').length), kv.modRevision])).toEqual([['a', base + 1], ['b', base + 1]]);
  });

  it('a failed compare runs the failure branch', async () => {
    const { store, p } = ctx();
    await store.put({ key: p('guard'), value: 'v' });
    const resp = await store.txn({
      compare: [{ key: p('guard'), target: 'VALUE', result: 'EQUAL', value: 'other' }],
      success: [{ requestPut: { key: p('s'), value: '1' } }],
      failure: [{ requestRange: { key: p('guard') } }],
    });
    expect(resp.succeeded).toBe(false);
    expect(resp.responses[0]).toMatchObject({ responseRange: { count: 1 } });
    expect((await store.range({ key: p('s') })).count).toBe(0);
  });

  it('a txn of reads only, or an empty one, does not bump the revision', async () => {
    const { store, p, rev } = ctx();
    await store.put({ key: p('a'), value: '1' });
    const base = await rev();
    expect((await store.txn({ success: [{ requestRange: { key: p('a') } }] })).header.revision).toBe(base);
    expect((await store.txn({})).header.revision).toBe(base);
    expect(await rev()).toBe(base);
  });

  it('nested txns evaluate their compares on the state before the outer txn wrote', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const resp = await store.txn({
      success: [
        { requestPut: { key: p('x'), value: '1' } },
        { requestTxn: {
          compare: [{ key: p('x'), target: 'VERSION', result: 'EQUAL', version: 0 }],
          success: [{ requestPut: { key: p('inner-then'), value: 't' } }],
          failure: [{ requestPut: { key: p('inner-else'), value: 'e' } }],
        } },
      ],
    });
    expect(resp.header.revision).toBe(base + 1);
    const inner = resp.responses[1];
    expect(inner && 'responseTxn' in inner && inner.responseTxn.succeeded).toBe(true);
    expect((await store.range({ key: p('inner-then') })).kvs[0]?.modRevision).toBe(base + 1);
    expect((await store.range({ key: p('inner-else') })).count).toBe(0);
  });

  it.each([
    { name: 'two puts of one key', ops: (k: (s: string) => string): RequestOp[] => [{ requestPut: { key: k('a'), value: '1' } }, { requestPut: { key: k('a'), value: '2' } }] },
    { name: 'a put and a delete of one key', ops: (k: (s: string) => string): RequestOp[] => [{ requestPut: { key: k('a'), value: '1' } }, { requestDeleteRange: { key: k('a') } }] },
    { name: 'a put inside a deleted range', ops: (k: (s: string) => string): RequestOp[] => [{ requestDeleteRange: { key: k('a'), rangeEnd: k('c') } }, { requestPut: { key: k('b'), value: '1' } }] },
    { name: 'a put in a nested txn of a key put outside', ops: (k: (s: string) => string): RequestOp[] => [
      { requestPut: { key: k('a'), value: '1' } }, { requestTxn: { success: [{ requestPut: { key: k('a'), value: '2' } }] } }] },
  ])('$name in one txn is ErrDuplicateKey', async ({ ops }) => {
    const { store, p, rev } = ctx();
    const base = await rev();
    await expectStoreError(store.txn({ success: ops(p) }), 'ErrDuplicateKey', 'etcdserver: duplicate key given in txn request');
    expect(await rev()).toBe(base);
  });

  it('the then and else branches of a nested txn may put the same key (only one runs)', async () => {
    const { store, p } = ctx();
    const resp = await store.txn({ success: [{ requestTxn: {
      success: [{ requestPut: { key: p('a'), value: 'then' } }], failure: [{ requestPut: { key: p('a'), value: 'else' } }],
    } }] });
    expect(resp.succeeded).toBe(true);
    expect((await store.range({ key: p('a') })).kvs[0]?.value).toBe('then');
  });

  it('128 ops in a txn are allowed; 129 are ErrTooManyOps', async () => {
    const { store, p, rev } = ctx();
    const puts = (n: number): RequestOp[] => Array.from({ length: n }, (_, i) => ({ requestPut: { key: p(`k${i}`), value: 'v' } }));
    const base = await rev();
    await expectStoreError(store.txn({ success: puts(129) }), 'ErrTooManyOps', 'etcdserver: too many operations in txn request');
    expect(await rev()).toBe(base);
    expect((await store.txn({ success: puts(128) })).header.revision).toBe(base + 1);
  });

  it('a txn whose chosen branch fails a check (unknown lease, compacted read) changes nothing', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    await expectStoreError(store.txn({ success: [
      { requestPut: { key: p('a'), value: '1' } }, { requestPut: { key: p('b'), value: '2', lease: 0x7e57 } },
    ] }), 'ErrLeaseNotFound');
    await expectStoreError(store.txn({ success: [
      { requestPut: { key: p('a'), value: '1' } }, { requestRange: { key: p('a'), revision: base + 5 } },
    ] }), 'ErrFutureRev');
    expect(await rev()).toBe(base);
    expect((await store.range({ key: p('a') })).count).toBe(0);
  });

  it('compare-and-swap on version lets exactly one of two writers win', async () => {
    const { store, p } = ctx();
    await store.put({ key: p('cas'), value: '0' });
    const swap = (value: string) => store.txn({
      compare: [{ key: p('cas'), target: 'VERSION', result: 'EQUAL', version: 1 }],
      success: [{ requestPut: { key: p('cas'), value } }],
    });
    const [a, b] = await Promise.all([swap('a'), swap('b')]);
    expect([a.succeeded, b.succeeded].filter(Boolean)).toHaveLength(1);
    expect((await store.range({ key: p('cas') })).kvs[0]).toMatchObject({ value: a.succeeded ? 'a' : 'b', version: 2 });
  });
}
