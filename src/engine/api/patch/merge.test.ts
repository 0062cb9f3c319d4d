import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge.ts';
import type { JsonObject, JsonValue } from './value.ts';

describe('mergePatch (RFC 7386)', () => {
  it.each<{ name: string; original: JsonObject; patch: JsonValue; want: JsonValue }>([
    { name: 'sets a new key', original: { a: 1 }, patch: { b: 2 }, want: { a: 1, b: 2 } },
    { name: 'replaces a scalar', original: { a: 1 }, patch: { a: 'x' }, want: { a: 'x' } },
    { name: 'null deletes a key', original: { a: 1, b: 2 }, patch: { a: null }, want: { b: 2 } },
    { name: 'null for a missing key changes nothing', original: { a: 1 }, patch: { z: null }, want: { a: 1 } },
    { name: 'objects merge recursively', original: { spec: { replicas: 1, paused: true } }, patch: { spec: { replicas: 3 } }, want: { spec: { replicas: 3, paused: true } } },
    { name: 'lists are replaced whole', original: { l: [1, 2, 3] }, patch: { l: [4] }, want: { l: [4] } },
    { name: 'nulls inside a new object are pruned', original: {}, patch: { m: { a: 1, b: null } }, want: { m: { a: 1 } } },
    { name: 'nulls inside objects in a new list are pruned, null items stay', original: {}, patch: { l: [{ a: null, b: 1 }, null] }, want: { l: [{ b: 1 }, null] } },
    { name: 'an object replacing a scalar loses its nulls', original: { a: 1 }, patch: { a: { x: null, y: 2 } }, want: { a: { y: 2 } } },
    { name: 'RFC 7386 appendix: a nested null deletes', original: { a: { b: 'c' } }, patch: { a: { b: null } }, want: { a: {} } },
    { name: 'an array patch replaces the whole document', original: { a: 1 }, patch: [1, { b: null }], want: [1, {}] },
  ])('$name', ({ original, patch, want }) => {
    expect(mergePatch(original, patch)).toEqual({ ok: true, object: want });
  });

  it.each<JsonValue>([null, 'x', 3, true])('refuses the patch %j as upstream: Invalid JSON Patch (400)', (patch) =>
    expect(mergePatch({ a: 1 }, patch)).toEqual({ ok: false, failure: { code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' } }));

  it('leaves the original untouched', () => {
    const original = Object.freeze({ spec: Object.freeze({ replicas: 1 }) }) as JsonObject;
    mergePatch(original, { spec: { replicas: 2 } });
    expect(original).toEqual({ spec: { replicas: 1 } });
  });

  it('merges a "__proto__" key as a field, never into the prototype', () => {
    const patch = JSON.parse('{"metadata":{"__proto__":{"polluted":true}}}') as JsonValue;
    const result = mergePatch({ metadata: {} }, patch);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok && Object.keys((result.object as { metadata: object }).metadata)).toEqual(['__proto__']);
  });
});
