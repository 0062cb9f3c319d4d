import { describe, expect, it } from 'vitest';
import { schemaForKind, threeWayMergePatch, type JsonMap } from './threeway.ts';

const pod = schemaForKind('', 'v1', 'Pod');
const containers = (...cs: Array<{ name: string; image: string }>): JsonMap => ({ spec: { containers: cs } });

describe('threeWayMergePatch', () => {
  it.each([
    { name: 'an unchanged object gives an empty patch', original: { a: 1 }, modified: { a: 1 }, current: { a: 1, b: 2 }, want: {} },
    { name: 'a field set by the server (in current only) is left alone', original: {}, modified: { a: 1 }, current: { a: 1, status: { x: 1 } }, want: {} },
    { name: 'a changed scalar is replaced', original: { a: 1 }, modified: { a: 2 }, current: { a: 1 }, want: { a: 2 } },
    { name: 'a field dropped from the file is deleted with null', original: { a: 1, b: 1 }, modified: { a: 1 }, current: { a: 1, b: 1 }, want: { b: null } },
    { name: 'a field never applied is not deleted', original: { a: 1 }, modified: { a: 1 }, current: { a: 1, b: 1 }, want: {} },
    {
      name: 'a container dropped from the file gets a delete directive and the new order',
      original: containers({ name: 'a', image: 'x' }, { name: 'b', image: 'y' }), modified: containers({ name: 'a', image: 'x' }),
      current: containers({ name: 'a', image: 'x' }, { name: 'b', image: 'y' }),
      want: { spec: { containers: [{ $patch: 'delete', name: 'b' }], '$setElementOrder/containers': [{ name: 'a' }] } },
    },
    {
      name: 'a changed container image is patched by merge key',
      original: containers({ name: 'a', image: 'x' }), modified: containers({ name: 'a', image: 'z' }), current: containers({ name: 'a', image: 'x' }),
      want: { spec: { containers: [{ image: 'z', name: 'a' }], '$setElementOrder/containers': [{ name: 'a' }] } },
    },
    {
      name: 'a list without merge key (args) is replaced whole',
      original: { spec: { containers: [{ name: 'a', args: ['1'] }] } }, modified: { spec: { containers: [{ name: 'a', args: ['2'] }] } },
      current: { spec: { containers: [{ name: 'a', args: ['1'] }] } },
      want: { spec: { containers: [{ args: ['2'], name: 'a' }], '$setElementOrder/containers': [{ name: 'a' }] } },
    },
  ])('$name', ({ original, modified, current, want }) => {
    expect(threeWayMergePatch(original as JsonMap, modified as JsonMap, current as JsonMap, pod)).toEqual(want);
  });

  it('without a schema, lists are atomic (a JSON merge patch)', () => {
    expect(threeWayMergePatch({ l: [1] }, { l: [1, 2] }, { l: [1] }, undefined)).toEqual({ l: [1, 2] });
  });
});
