import { describe, expect, it } from 'vitest';
import {
  controllerOf, deepCopy, humanDuration, isControlledBy, isOwnedBy, keyOf, parseApiVersion, shortHumanDuration, splitKey,
  translateTimestampSince,
} from './meta.ts';
import type { KubeObject } from './types.ts';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H, Y = 365 * D;

describe('keys', () => {
  it.each([
    [{ metadata: { name: 'web', namespace: 'default' } }, 'default/web'], [{ metadata: { name: 'node-1' } }, 'node-1'],
  ])('keyOf(%j) is %s', (obj, want) => expect(keyOf(obj)).toBe(want));
  it.each([
    ['default/web', { ok: true, value: { namespace: 'default', name: 'web' } }], ['node-1', { ok: true, value: { namespace: '', name: 'node-1' } }],
    ['a/b/c', { ok: false, message: 'unexpected key format: "a/b/c"' }],
  ])('splitKey(%j)', (key, want) => expect(splitKey(key)).toEqual(want));
});

describe('deepCopy', () => {
  it('copies deeply', () => {
    const src = { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'c' }] } };
    const copy = deepCopy(src);
    expect(copy).toEqual(src);
    copy.spec.containers[0]!.name = 'changed';
    expect(src.spec.containers[0]!.name).toBe('c');
  });
  it('keeps a hostile __proto__ key as plain data and pollutes nothing', () => {
    const hostile = JSON.parse('{"metadata":{"__proto__":{"polluted":"yes"},"name":"x"}}') as KubeObject;
    const copy = deepCopy(hostile);
    expect(Object.getPrototypeOf(copy.metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.metadata!, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((copy.metadata as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('owners (controller_ref.go)', () => {
  const rs = { metadata: { name: 'rs', uid: 'u-rs' } };
  const pod: KubeObject = { metadata: { name: 'p', ownerReferences: [
    { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'u-cm' },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-rs', controller: true },
  ] } };
  it('finds the controller', () => expect(controllerOf(pod)?.name).toBe('rs'));
  it('answers ownership by uid', () => {
    expect(isOwnedBy(pod, rs)).toBe(true);
    expect(isControlledBy(pod, rs)).toBe(true);
    expect(isControlledBy(pod, { metadata: { uid: 'u-cm' } })).toBe(false);
    expect(isOwnedBy(pod, { metadata: { uid: 'other' } })).toBe(false);
  });
});

describe('parseApiVersion (ParseGroupVersion)', () => {
  it.each([
    ['v1', { ok: true, value: { group: '', version: 'v1' } }], ['apps/v1', { ok: true, value: { group: 'apps', version: 'v1' } }],
    ['', { ok: true, value: { group: '', version: '' } }], ['a/b/c', { ok: false, message: 'unexpected GroupVersion string: a/b/c' }],
  ])('%j', (input, want) => expect(parseApiVersion(input)).toEqual(want));
});

describe('HumanDuration (kubectl-fidelity.md §3)', () => {
  it.each([
    [-2 * S, '<invalid>'], [-1500, '0s'], [0, '0s'], [59 * S, '59s'], [119 * S, '119s'], [2 * M, '2m'], [3 * M + 12 * S, '3m12s'],
    [9 * M + 59 * S, '9m59s'], [10 * M, '10m'], [179 * M, '179m'], [3 * H, '3h'], [7 * H + 59 * M, '7h59m'], [8 * H, '8h'],
    [47 * H, '47h'], [2 * D, '2d'], [7 * D + 23 * H, '7d23h'], [8 * D, '8d'], [729 * D, '729d'], [2 * Y, '2y'],
    [7 * Y + 364 * D, '7y364d'], [8 * Y, '8y'], [20 * Y + 100 * D, '20y'],
  ])('%d ms is %s', (ms, want) => expect(humanDuration(ms)).toBe(want));

  it.each([
    [-2 * S, '<invalid>'], [59 * S, '59s'], [60 * S, '1m'], [59 * M, '59m'], [23 * H, '23h'], [364 * D, '364d'], [3 * Y, '3y'],
  ])('ShortHumanDuration(%d) is %s', (ms, want) => expect(shortHumanDuration(ms)).toBe(want));

  it('ages a timestamp against an injected now', () => {
    const now = Date.parse('2024-01-01T10:03:12Z');
    expect(translateTimestampSince('2024-01-01T10:00:00Z', now)).toBe('3m12s');
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
  });
});
