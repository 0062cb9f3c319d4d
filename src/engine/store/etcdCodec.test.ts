// The gateway's JSON as etcd 3.4 sends it (captured from a real etcd) decodes into our types,
// with omitted zero fields restored; our requests encode the way the gateway reads them.
import { describe, expect, it } from 'vitest';
import {
  decodeDeleteRangeResponse, decodeLeaseTimeToLiveResponse, decodePutResponse, decodeRangeResponse, decodeTxnResponse,
  decodeWatchResponse, encodePutRequest, encodeRangeRequest, encodeTxnRequest, encodeWatchCreateRequest, fromBase64,
  toBase64,
} from './etcdCodec.ts';

const header = { cluster_id: '15118495548433857066', member_id: '13668033151171901709', revision: '3', raft_term: '2' };

describe('etcd gateway codec', () => {
  it.each([
    { name: 'ASCII', text: 'a/1' },
    { name: 'the empty string', text: '' },
    { name: 'multi-byte UTF-8 (astral and BMP)', text: '😀ｚü' },
    { name: 'a NUL byte (etcd\'s "from key" range end)', text: '\0' },
  ])('base64 round-trips $name through UTF-8 bytes', ({ text }) => {
    expect(fromBase64(toBase64(text))).toBe(text);
  });

  it('encodes keys as the base64 of their UTF-8 bytes', () => {
    expect(toBase64('ü')).toBe('w7w=');
  });

  it.each([
    {
      name: 'a range with kvs restores the omitted lease and more',
      wire: { header, kvs: [{ key: 'YQ==', create_revision: '2', mod_revision: '3', version: '2', value: 'Mg==' }], count: '1' },
      want: { header: { revision: 3 }, kvs: [{ key: 'a', value: '2', createRevision: 2, modRevision: 3, version: 2, lease: 0 }], more: false, count: 1 },
    },
    {
      name: 'an empty range has no kvs, count 0',
      wire: { header },
      want: { header: { revision: 3 }, kvs: [], more: false, count: 0 },
    },
    {
      name: 'a keys-only kv has an empty value; more is kept',
      wire: { header, kvs: [{ key: 'Yg==', create_revision: '2', mod_revision: '2', version: '1', lease: '7' }], more: true, count: '2' },
      want: { header: { revision: 3 }, kvs: [{ key: 'b', value: '', createRevision: 2, modRevision: 2, version: 1, lease: 7 }], more: true, count: 2 },
    },
  ])('decodes $name', ({ wire, want }) => {
    expect(decodeRangeResponse(wire)).toEqual(want);
  });

  it('decodes a put with and without prev_kv', () => {
    expect(decodePutResponse({ header })).toEqual({ header: { revision: 3 } });
    expect(decodePutResponse({ header, prev_kv: { key: 'YQ==', create_revision: '2', mod_revision: '2', version: '1', value: 'MQ==' } }))
      .toEqual({ header: { revision: 3 }, prevKv: { key: 'a', value: '1', createRevision: 2, modRevision: 2, version: 1, lease: 0 } });
  });

  it('decodes a delete that deleted nothing as deleted 0, no prevKvs', () => {
    expect(decodeDeleteRangeResponse({ header })).toEqual({ header: { revision: 3 }, deleted: 0, prevKvs: [] });
  });

  it('decodes a txn with every kind of response, a failed txn having succeeded false', () => {
    const wire = {
      header: { ...header, revision: '4' }, succeeded: true,
      responses: [
        { response_range: { header: { revision: '3' }, count: '0' } },
        { response_put: { header: { revision: '4' } } },
        { response_delete_range: { header: { revision: '4' }, deleted: '1' } },
        { response_txn: { header: { revision: '4' }, responses: [] } },
        {},
      ],
    };
    expect(decodeTxnResponse(wire)).toEqual({
      header: { revision: 4 }, succeeded: true,
      responses: [
        { responseRange: { header: { revision: 3 }, kvs: [], more: false, count: 0 } },
        { responsePut: { header: { revision: 4 } } },
        { responseDeleteRange: { header: { revision: 4 }, deleted: 1, prevKvs: [] } },
        { responseTxn: { header: { revision: 4 }, succeeded: false, responses: [] } },
        { responseRange: { header: { revision: 0 }, kvs: [], more: false, count: 0 } },
      ],
    });
  });

  it('decodes lease time-to-live: keys only when asked, -1 for an unknown lease', () => {
    expect(decodeLeaseTimeToLiveResponse({ header, ID: '124', TTL: '-1' }, true))
      .toEqual({ header: { revision: 3 }, id: 124, ttl: -1, grantedTtl: 0, keys: [] });
    expect(decodeLeaseTimeToLiveResponse({ header, ID: '123', TTL: '59', grantedTTL: '60', keys: ['YQ=='] }, false))
      .toEqual({ header: { revision: 3 }, id: 123, ttl: 59, grantedTtl: 60 });
  });

  it('decodes watch events: a PUT has no type, a DELETE kv only key and mod revision', () => {
    const wire = {
      header: { ...header, revision: '5' },
      events: [
        { kv: { key: 'YQ==', create_revision: '2', mod_revision: '3', version: '2', value: 'Mg==' } },
        { type: 'DELETE', kv: { key: 'YQ==', mod_revision: '5' }, prev_kv: { key: 'YQ==', create_revision: '2', mod_revision: '3', version: '2', value: 'Mg==' } },
      ],
    };
    expect(decodeWatchResponse(wire)).toEqual({
      header: { revision: 5 },
      events: [
        { type: 'PUT', kv: { key: 'a', value: '2', createRevision: 2, modRevision: 3, version: 2, lease: 0 } },
        {
          type: 'DELETE', kv: { key: 'a', value: '', createRevision: 0, modRevision: 5, version: 0, lease: 0 },
          prevKv: { key: 'a', value: '2', createRevision: 2, modRevision: 3, version: 2, lease: 0 },
        },
      ],
    });
  });

  it('decodes a compacted watch cancellation (etcd sends no revision in its header)', () => {
    expect(decodeWatchResponse({ header: { raft_term: '2' }, canceled: true, compact_revision: '3' }))
      .toEqual({ header: { revision: 0 }, events: [], canceled: true, compactRevision: 3 });
  });

  it('encodes int64s as strings and leaves zero/false fields out', () => {
    expect(encodeRangeRequest({ key: 'a', rangeEnd: '\0', limit: 0, revision: 7, countOnly: false, keysOnly: true }))
      .toEqual({ key: 'YQ==', range_end: 'AA==', revision: '7', keys_only: true });
    expect(encodePutRequest({ key: 'a', value: '', lease: 1234567890123, prevKv: true }))
      .toEqual({ key: 'YQ==', value: '', lease: '1234567890123', prev_kv: true });
  });

  it('encodes compares with their value even when it is zero, and nested txns', () => {
    expect(encodeTxnRequest({
      compare: [{ key: 'a', target: 'VERSION', result: 'EQUAL', version: 0 }, { key: 'a', rangeEnd: 'b', target: 'VALUE', result: 'NOT_EQUAL', value: '' }],
      success: [{ requestTxn: { failure: [{ requestDeleteRange: { key: 'a', prevKv: true } }] } }],
    })).toEqual({
      compare: [
        { key: 'YQ==', target: 'VERSION', result: 'EQUAL', version: '0' },
        { key: 'YQ==', range_end: 'Yg==', target: 'VALUE', result: 'NOT_EQUAL', value: '' },
      ],
      success: [{ request_txn: { compare: [], success: [], failure: [{ request_delete_range: { key: 'YQ==', prev_kv: true } }] } }],
      failure: [],
    });
  });

  it.each([
    { name: 'a key that is not a string', encode: () => encodeRangeRequest({ key: 7 as unknown as string }) },
    { name: 'a value that is not a string', encode: () => encodePutRequest({ key: 'a', value: null as unknown as string }) },
    { name: 'a fractional revision', encode: () => encodeRangeRequest({ key: 'a', revision: 1.5 }) },
    { name: 'a lease beyond 2^53', encode: () => encodePutRequest({ key: 'a', value: '', lease: 2 ** 60 }) },
    { name: 'an unknown compare target', encode: () => encodeTxnRequest({ compare: [{ key: 'a', target: 'COLOR', result: 'EQUAL' } as never] }) },
    { name: 'an unknown compare result', encode: () => encodeTxnRequest({ compare: [{ key: 'a', target: 'VERSION', version: 1, result: 'ABOUT' } as never] }) },
    { name: 'an unknown watch filter', encode: () => encodeWatchCreateRequest({ key: 'a', filters: ['NOPE' as never] }) },
  ])('refuses $name with InvalidArgument before anything is sent', ({ encode }) => {
    expect(encode).toThrow(expect.objectContaining({ name: 'InvalidArgument', code: 'InvalidArgument' }));
  });

  it('sorts a lease\'s keys by their bytes (etcd lists them in map order)', () => {
    expect(decodeLeaseTimeToLiveResponse({ header, ID: '1', TTL: '5', grantedTTL: '5', keys: [toBase64('😀'), toBase64('ｚ'), toBase64('a')] }, true).keys)
      .toEqual(['a', 'ｚ', '😀']);
  });

  it('encodes a watch create request', () => {
    expect(encodeWatchCreateRequest({ key: 'a', rangeEnd: 'b', startRevision: 3, prevKv: true, filters: ['NOPUT'] }))
      .toEqual({ create_request: { key: 'YQ==', range_end: 'Yg==', start_revision: '3', prev_kv: true, filters: ['NOPUT'] } });
  });
});
