import { describe, expect, it } from 'vitest';
import { naturalCompare, sortByField } from './sorter.ts';

describe('naturalCompare', () => {
  it.each([
    { a: 'pod-2', b: 'pod-10', want: -1 },
    { a: 'pod-10', b: 'pod-2', want: 1 },
    { a: 'a', b: 'b', want: -1 },
    { a: 'web', b: 'web', want: 0 },
    { a: 'x01', b: 'x1', want: 1 },
  ])('$a vs $b', ({ a, b, want }) => expect(Math.sign(naturalCompare(a, b))).toBe(want));
});

describe('sortByField', () => {
  const objs = [{ n: 'b', r: 10 }, { n: 'a' }, { n: 'c', r: 2 }];
  it.each([
    { name: 'orders by a string field', field: '.n', want: ['a', 'b', 'c'] },
    { name: 'orders numbers as numbers, objects without the field first', field: '{.r}', want: ['a', 'c', 'b'] },
  ])('$name', ({ field, want }) => {
    expect(sortByField(objs, (o) => o, field)?.map((o) => o.n)).toEqual(want);
  });
  it('answers undefined when no object has the field', () => {
    expect(sortByField(objs, (o) => o, '.nope')).toBeUndefined();
  });
});
