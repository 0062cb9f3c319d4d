import { describe, expect, it } from 'vitest';
import { FieldSet, elementKey, parseElementKey, pathString, type Path } from './fieldpath.ts';

const f = (field: string) => ({ field });
const replicas: Path = [f('spec'), f('replicas')];
const image: Path = [f('spec'), f('containers'), { key: [['name', 'nginx']] }, f('image')];
const item: Path = [f('spec'), f('containers'), { key: [['name', 'nginx']] }];
const finalizer: Path = [f('metadata'), f('finalizers'), { value: 'a/b' }];

describe('field paths', () => {
  it.each([
    { name: 'a field is f:name', pe: f('replicas'), key: 'f:replicas' },
    { name: 'a map-list item is k: and its keys as a JSON object in name order', pe: { key: [['containerPort', 80], ['protocol', 'TCP']] as [string, number | string][] }, key: 'k:{"containerPort":80,"protocol":"TCP"}' },
    { name: 'a set item is v: and its JSON value', pe: { value: 'example.com/x' }, key: 'v:"example.com/x"' },
    { name: 'an index is i:', pe: { index: 0 }, key: 'i:0' },
    { name: 'Go escapes HTML characters in keys', pe: { value: '<a&b>' }, key: 'v:"\\u003ca\\u0026b\\u003e"' },
  ])('$name', ({ pe, key }) => {
    expect(elementKey(pe)).toBe(key);
    expect(parseElementKey(key)).toEqual(pe);
  });

  it.each([
    { name: 'fields print with dots', path: replicas, want: '.spec.replicas' },
    { name: 'keys print in brackets with quoted strings', path: image, want: '.spec.containers[name="nginx"].image' },
    { name: 'set values print as [=value]', path: finalizer, want: '.metadata.finalizers[="a/b"]' },
  ])('$name', ({ path, want }) => expect(pathString(path)).toBe(want));
});

describe('field sets', () => {
  it('encodes FieldsV1 with `.` where a member has children, keys in upstream order', () => {
    const set = FieldSet.of(image, item, replicas, [f('spec'), f('containers'), { key: [['name', 'a']] }]);
    expect(JSON.stringify(set.toFieldsV1())).toBe(
      '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"a\\"}":{},"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{}}},"f:replicas":{}}}');
    expect(FieldSet.fromFieldsV1(set.toFieldsV1())?.toFieldsV1()).toEqual(set.toFieldsV1());
  });

  it.each([
    { name: 'union has the paths of both', op: (a: FieldSet, b: FieldSet) => a.union(b), want: [replicas, item, image] },
    { name: 'intersection has the shared paths', op: (a: FieldSet, b: FieldSet) => a.intersection(b), want: [image] },
    { name: 'difference keeps paths below a removed member', op: (a: FieldSet, b: FieldSet) => a.difference(b), want: [replicas] },
  ])('$name', ({ op, want }) => {
    const a = FieldSet.of(replicas, image);
    const b = FieldSet.of(item, image);
    expect(op(a, b).paths().map(pathString).sort()).toEqual(want.map(pathString).sort());
  });

  it('recursive difference drops everything below a member of the other set', () => {
    const set = FieldSet.of(replicas, image, [f('status'), f('replicas')]);
    expect(set.recursiveDifference(FieldSet.of([f('status')])).paths().map(pathString)).toEqual(['.spec.replicas', '.spec.containers[name="nginx"].image']);
    expect(set.recursiveDifference(FieldSet.of([f('spec')])).paths().map(pathString)).toEqual(['.status.replicas']);
  });

  it('refuses FieldsV1 with keys that are no path element', () => {
    expect(FieldSet.fromFieldsV1({ 'x:y': {} })).toBeUndefined();
    expect(FieldSet.fromFieldsV1({ 'f:a': 'b' })).toBeUndefined();
  });
});
