import { describe, expect, it } from 'vitest';
import { jsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json.ts';
import type { JsonObject, JsonValue } from './value.ts';

const doc = (): JsonObject => ({ metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, list: ['a', 'b', 'c'] } });
const GENERIC_422 = 'the server rejected our request due to an error in our request';

describe('jsonPatch (RFC 6902)', () => {
  it.each<{ name: string; ops: JsonValue; want: (d: JsonObject) => void }>([
    { name: 'add sets an object key', ops: [{ op: 'add', path: '/metadata/labels/tier', value: 'db' }], want: (d) => { (d.metadata as JsonObject).labels = { app: 'web', tier: 'db' }; } },
    { name: 'add inserts before an index', ops: [{ op: 'add', path: '/spec/list/1', value: 'x' }], want: (d) => { (d.spec as JsonObject).list = ['a', 'x', 'b', 'c']; } },
    { name: 'add with - appends', ops: [{ op: 'add', path: '/spec/list/-', value: 'z' }], want: (d) => { (d.spec as JsonObject).list = ['a', 'b', 'c', 'z']; } },
    { name: 'a negative index counts from the end (json-patch v4)', ops: [{ op: 'remove', path: '/spec/list/-1' }], want: (d) => { (d.spec as JsonObject).list = ['a', 'b']; } },
    { name: 'remove deletes a key', ops: [{ op: 'remove', path: '/metadata/labels/app' }], want: (d) => { (d.metadata as JsonObject).labels = {}; } },
    { name: 'replace sets a value', ops: [{ op: 'replace', path: '/spec/replicas', value: 3 }], want: (d) => { (d.spec as JsonObject).replicas = 3; } },
    { name: 'replace of a missing object key adds it (json-patch v4)', ops: [{ op: 'replace', path: '/spec/paused', value: true }], want: (d) => { (d.spec as JsonObject).paused = true; } },
    { name: 'move moves', ops: [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }], want: (d) => { d.spec = { list: ['a', 'b', 'c'], count: 1 }; } },
    { name: 'copy copies', ops: [{ op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' }], want: (d) => { (d.metadata as JsonObject).labels = { app: 'web', name: 'web' }; } },
    { name: 'a passing test changes nothing', ops: [{ op: 'test', path: '/spec/replicas', value: 1 }], want: () => {} },
    { name: 'testing a missing key for null passes (json-patch v4)', ops: [{ op: 'test', path: '/spec/nope', value: null }], want: () => {} },
    { name: '~1 and ~0 escape / and ~', ops: [{ op: 'add', path: '/metadata/labels/a~1b~0c', value: 'x' }], want: (d) => { (d.metadata as JsonObject).labels = { app: 'web', 'a/b~c': 'x' }; } },
    { name: 'operations apply in order', ops: [{ op: 'add', path: '/spec/x', value: {} }, { op: 'add', path: '/spec/x/y', value: 1 }], want: (d) => { (d.spec as JsonObject).x = { y: 1 }; } },
  ])('$name', ({ ops, want }) => {
    const expected = doc();
    want(expected);
    expect(jsonPatch(doc(), ops)).toEqual({ ok: true, object: expected });
  });

  it.each<{ name: string; ops: JsonValue; detail: string }>([
    { name: 'add below a missing parent', ops: [{ op: 'add', path: '/spec/missing/x', value: 1 }], detail: 'add operation does not apply: doc is missing path: "/spec/missing/x": missing value' },
    { name: 'remove of a missing key', ops: [{ op: 'remove', path: '/spec/nope' }], detail: "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value" },
    { name: 'a failed test', ops: [{ op: 'test', path: '/spec/replicas', value: 2 }], detail: 'testing value /spec/replicas failed: test failed' },
    { name: 'an index past the end', ops: [{ op: 'add', path: '/spec/list/9', value: 1 }], detail: "error in add for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced" },
    { name: 'an unknown op', ops: [{ op: 'frobnicate', path: '/a' }], detail: 'Unexpected kind: frobnicate' },
    { name: 'a missing op', ops: [{ path: '/a' }], detail: 'Unexpected kind: unknown' },
    { name: 'a path without a slash', ops: [{ op: 'remove', path: 'spec' }], detail: 'remove operation does not apply: doc is missing path: "spec": missing value' },
  ])('answers 422 with the generic message for $name', ({ ops, detail }) =>
    expect(jsonPatch(doc(), ops)).toEqual({ ok: false, failure: { code: 422, reason: 'Invalid', message: GENERIC_422, detail } }));

  it('applies nothing when a later operation fails', () => {
    const original = doc();
    jsonPatch(original, [{ op: 'replace', path: '/spec/replicas', value: 5 }, { op: 'test', path: '/x', value: 1 }]);
    expect(original).toEqual(doc());
  });

  it.each<{ name: string; ops: JsonValue; message: string }>([
    { name: 'an object body', ops: { op: 'add' }, message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
    { name: 'a list of strings', ops: ['add'], message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation' },
  ])('answers 400 for $name', ({ ops, message }) =>
    expect(jsonPatch(doc(), ops)).toEqual({ ok: false, failure: { code: 400, reason: 'BadRequest', message } }));

  it('refuses more than 10000 operations with 413', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }));
    expect(jsonPatch(doc(), ops)).toEqual({ ok: false, failure: { code: 413, reason: 'RequestEntityTooLarge', message: 'The allowed maximum operations in a JSON patch is 10000, got 10001' } });
  });

  it('adds a "__proto__" key as a field', () => {
    const result = jsonPatch(doc(), [{ op: 'add', path: '/metadata/__proto__', value: { polluted: true } }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok && Object.keys((result.object as { metadata: object }).metadata)).toContain('__proto__');
  });
});
