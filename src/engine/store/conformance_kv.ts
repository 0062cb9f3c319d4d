// Conformance: range, put, deleteRange, request limits and bad input (see conformance.ts).

import { expect, it } from 'vitest';
import { expectStoreError, type ContextGetter } from './conformance_harness.ts';
import { prefixEnd } from './keys.ts';
import type { PutRequest, RangeRequest } from './types.ts';

export function kvConformance(ctx: ContextGetter): void {
  it('a put bumps the revision by one and sets createRevision, modRevision and version', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const first = await store.put({ key: p('a'), value: '1' });
    expect(first.header.revision).toBe(base + 1);
    const second = await store.put({ key: p('a'), value: '2' });
    expect(second.header.revision).toBe(base + 2);
    const got = await store.range({ key: p('a') });
    expect(got.kvs).toEqual([{ key: p('a'), value: '2', createRevision: base + 1, modRevision: base + 2, version: 2, lease: 0 }]);
    expect(got.count).toBe(1);
    expect(got.header.revision).toBe(base + 2);
  });

  it('a range of a missing key is empty and changes nothing', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const got = await store.range({ key: p('missing') });
    expect(got).toMatchObject({ kvs: [], count: 0, more: false, header: { revision: base } });
  });

  it("ranges select [key, rangeEnd), a prefix through prefixEnd, and everything from key with '\\0'", async () => {
    const { store, p } = ctx();
    for (const k of ['a', 'b', 'b/1', 'b/2', 'c']) await store.put({ key: p(k), value: k });
    const keysOf = async (req: RangeRequest) =>
      (await store.range(req)).kvs.map((kv) => kv.key).filter((k) => k.startsWith(p(''))).map((k) => k.slice(p('').length));
    expect(await keysOf({ key: p('a'), rangeEnd: p('c') })).toEqual(['a', 'b', 'b/1', 'b/2']);
    expect(await keysOf({ key: p('b/'), rangeEnd: prefixEnd(p('b/')) })).toEqual(['b/1', 'b/2']);
    expect(await keysOf({ key: p('b'), rangeEnd: '\0' })).toEqual(['b', 'b/1', 'b/2', 'c']);
    expect(await keysOf({ key: p('c'), rangeEnd: p('a') })).toEqual([]);
  });

  it('keys order by their UTF-8 bytes, not by UTF-16 code units', async () => {
    const { store, p } = ctx();
    // U+FFFF is EF BF BF in UTF-8 and sorts before U+10000 (F0 90 80 80), though its UTF-16
    // code unit is above U+10000's leading surrogate.
    for (const k of ['\u{10000}', '\uffff', 'z', 'é']) await store.put({ key: p(k), value: 'x' });
    const got = await store.range({ key: p(''), rangeEnd: prefixEnd(p('')) });
    expect(got.kvs.map((kv) => kv.key.slice(p('').length))).toEqual(['z', 'é', '\uffff', '\u{10000}']);
  });

  it('limit caps kvs and sets more; count ignores the limit; countOnly and keysOnly', async () => {
    const { store, p } = ctx();
    for (const k of ['1', '2', '3']) await store.put({ key: p(k), value: `v${k}` });
    const all = { key: p(''), rangeEnd: prefixEnd(p('')) };
    const limited = await store.range({ ...all, limit: 2 });
    expect(limited.kvs.map((kv) => kv.value)).toEqual(['v1', 'v2']);
    expect(limited).toMatchObject({ more: true, count: 3 });
    expect(await store.range({ ...all, limit: 3 })).toMatchObject({ more: false, count: 3 });
    const counted = await store.range({ ...all, countOnly: true });
    expect(counted).toMatchObject({ kvs: [], count: 3, more: false });
    const keys = await store.range({ ...all, keysOnly: true });
    expect(keys.kvs.map((kv) => [kv.key.slice(p('').length), kv.value])).toEqual([['1', ''], ['2', ''], ['3', '']]);
  });

  it('as etcd, a negative limit means no limit', async () => {
    const { store, p } = ctx();
    for (const k of ['1', '2']) await store.put({ key: p(k), value: k });
    const got = await store.range({ key: p(''), rangeEnd: prefixEnd(p('')), limit: -1 });
    expect(got).toMatchObject({ count: 2, more: false });
    expect(got.kvs).toHaveLength(2);
  });

  it('reads at a past revision see the store as it was; the header keeps the current revision', async () => {
    const { store, p } = ctx();
    const r1 = (await store.put({ key: p('a'), value: '1' })).header.revision;
    const r2 = (await store.put({ key: p('a'), value: '2' })).header.revision;
    await store.deleteRange({ key: p('a') });
    const r4 = (await store.put({ key: p('a'), value: '3' })).header.revision;
    expect((await store.range({ key: p('a'), revision: r1 })).kvs[0]).toMatchObject({ value: '1', version: 1 });
    const atR2 = await store.range({ key: p('a'), revision: r2 });
    expect(atR2.kvs[0]).toMatchObject({ value: '2', version: 2, createRevision: r1 });
    expect(atR2.header.revision).toBe(r4);
    expect((await store.range({ key: p('a'), revision: r2 + 1 })).kvs).toEqual([]);
    // Re-created after a delete: a new life, with a new createRevision and version 1.
    expect((await store.range({ key: p('a') })).kvs[0]).toMatchObject({ value: '3', version: 1, createRevision: r4 });
  });

  it('a read at a future revision fails with ErrFutureRev', async () => {
    const { store, p, rev } = ctx();
    await expectStoreError(store.range({ key: p('a'), revision: (await rev()) + 1 }), 'ErrFutureRev',
      'etcdserver: mvcc: required revision is a future revision');
  });

  it('put with prevKv returns the previous key-value, none for a new key', async () => {
    const { store, p } = ctx();
    const created = await store.put({ key: p('a'), value: '1', prevKv: true });
    expect(created.prevKv).toBeUndefined();
    const updated = await store.put({ key: p('a'), value: '2', prevKv: true });
    expect(updated.prevKv).toMatchObject({ key: p('a'), value: '1', version: 1, modRevision: created.header.revision });
  });

  it('deleteRange deletes a range in one revision, with prevKvs on request', async () => {
    const { store, p, rev } = ctx();
    for (const k of ['a', 'b', 'c']) await store.put({ key: p(k), value: k });
    const base = await rev();
    const del = await store.deleteRange({ key: p('a'), rangeEnd: p('c'), prevKv: true });
    expect(del.deleted).toBe(2);
    expect(del.header.revision).toBe(base + 1);
    expect(del.prevKvs.map((kv) => kv.value)).toEqual(['a', 'b']);
    const left = await store.range({ key: p(''), rangeEnd: prefixEnd(p('')) });
    expect(left.kvs.map((kv) => kv.value)).toEqual(['c']);
    const noPrev = await store.deleteRange({ key: p('c') });
    expect(noPrev).toMatchObject({ deleted: 1, prevKvs: [] });
  });

  it('a deleteRange that deletes nothing does not bump the revision', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const del = await store.deleteRange({ key: p('nothing'), rangeEnd: p('nothing/z') });
    expect(del).toMatchObject({ deleted: 0, header: { revision: base } });
    expect(await rev()).toBe(base);
  });

  it('ignoreValue and ignoreLease keep the stored value and lease', async () => {
    const { store, p } = ctx();
    const lease = await store.leaseGrant(60);
    await store.put({ key: p('a'), value: 'kept', lease: lease.id });
    await store.put({ key: p('a'), value: '', ignoreValue: true, ignoreLease: true });
    expect((await store.range({ key: p('a') })).kvs[0]).toMatchObject({ value: 'kept', lease: lease.id, version: 2 });
    await store.put({ key: p('a'), value: 'new', ignoreLease: true });
    expect((await store.range({ key: p('a') })).kvs[0]).toMatchObject({ value: 'new', lease: lease.id });
    await store.leaseRevoke(lease.id);
  });

  it.each([
    { name: 'ignoreValue on a missing key is ErrKeyNotFound', req: { value: '', ignoreValue: true }, err: 'ErrKeyNotFound' as const, msg: 'etcdserver: key not found' },
    { name: 'ignoreLease on a missing key is ErrKeyNotFound', req: { value: 'v', ignoreLease: true }, err: 'ErrKeyNotFound' as const, msg: 'etcdserver: key not found' },
    { name: 'ignoreValue with a value is ErrValueProvided', req: { value: 'v', ignoreValue: true }, err: 'ErrValueProvided' as const, msg: 'etcdserver: value is provided' },
    { name: 'ignoreLease with a lease is ErrLeaseProvided', req: { value: 'v', ignoreLease: true, lease: 5 }, err: 'ErrLeaseProvided' as const, msg: 'etcdserver: lease is provided' },
    { name: 'an unknown lease is ErrLeaseNotFound', req: { value: 'v', lease: 0x7e57 }, err: 'ErrLeaseNotFound' as const, msg: 'etcdserver: requested lease not found' },
  ])('$name, and the store is unchanged', async ({ req, err, msg }) => {
    const { store, p, rev } = ctx();
    const base = await rev();
    await expectStoreError(store.put({ key: p('missing'), ...req } as PutRequest), err, msg);
    expect(await rev()).toBe(base);
    expect((await store.range({ key: p('missing') })).count).toBe(0);
  });

  it.each([
    { name: 'put', call: (s: ReturnType<ContextGetter>['store']) => s.put({ key: '', value: 'v' }) },
    { name: 'range', call: (s: ReturnType<ContextGetter>['store']) => s.range({ key: '' }) },
    { name: 'deleteRange', call: (s: ReturnType<ContextGetter>['store']) => s.deleteRange({ key: '' }) },
    { name: 'a txn compare', call: (s: ReturnType<ContextGetter>['store']) => s.txn({ compare: [{ key: '', target: 'VERSION', result: 'EQUAL', version: 0 }] }) },
  ])('an empty key in $name is ErrEmptyKey', async ({ call }) => {
    const { store } = ctx();
    await expectStoreError(call(store), 'ErrEmptyKey', 'etcdserver: key is not provided');
  });

  it('a request over 1.5 MiB is ErrRequestTooLarge, and one just under it is stored', async () => {
    const { store, p, rev } = ctx();
    const base = await rev();
    const limit = 1.5 * 1024 * 1024;
    await expectStoreError(store.put({ key: p('big'), value: 'x'.repeat(limit) }), 'ErrRequestTooLarge', 'etcdserver: request is too large');
    expect(await rev()).toBe(base);
    const fits = 'x'.repeat(limit - 64 * 1024);
    await store.put({ key: p('big'), value: fits });
    expect((await store.range({ key: p('big') })).kvs[0]?.value.length).toBe(fits.length);
  });

  it.each([
    { name: 'a non-string key', call: (s: ReturnType<ContextGetter>['store'], k: string) => s.put({ key: 42, value: k } as unknown as PutRequest) },
    { name: 'a non-string value', call: (s: ReturnType<ContextGetter>['store'], k: string) => s.put({ key: k, value: { v: 1 } } as unknown as PutRequest) },
    { name: 'a fractional revision', call: (s: ReturnType<ContextGetter>['store'], k: string) => s.range({ key: k, revision: 1.5 }) },
    { name: 'a compare with an unknown target', call: (s: ReturnType<ContextGetter>['store'], k: string) =>
      s.txn({ compare: [{ key: k, target: 'COLOR', result: 'EQUAL', version: 1 } as never], success: [{ requestPut: { key: k, value: 'x' } }] }) },
    { name: 'a compare with an unknown result', call: (s: ReturnType<ContextGetter>['store'], k: string) =>
      s.txn({ compare: [{ key: k, target: 'VERSION', result: 'ABOUT', version: 1 } as never], success: [{ requestPut: { key: k, value: 'x' } }] }) },
  ])('$name is InvalidArgument and changes nothing', async ({ call }) => {
    const { store, p, rev } = ctx();
    const base = await rev();
    await expectStoreError(call(store, p('k')), 'InvalidArgument');
    expect(await rev()).toBe(base);
  });
}
