import { describe, expect, it } from 'vitest';
import * as field from './field.ts';

describe('Path (field/path.go)', () => {
  it.each([
    [field.newPath('spec').child('containers').index(0).child('ports').index(1).child('containerPort'), 'spec.containers[0].ports[1].containerPort'],
    [field.newPath('metadata', 'labels').key('app.kubernetes.io/name'), 'metadata.labels[app.kubernetes.io/name]'],
    [field.newPath('spec').child('template', 'spec'), 'spec.template.spec'],
    [field.newPath('values').index(0).key('app'), 'values[0][app]'],
  ])('renders %s', (path, want) => expect(path.toString()).toBe(want));
  it('a nil path prints as <nil>', () => expect(field.pathString(null)).toBe('<nil>'));
});

describe('field errors (field/errors.go ErrorBody)', () => {
  const p = field.newPath('spec', 'replicas');
  it.each([
    { name: 'required without detail', err: field.required(p), body: 'Required value' },
    { name: 'required with detail', err: field.required(p, 'name or generateName is required'), body: 'Required value: name or generateName is required' },
    { name: 'invalid with a number', err: field.invalid(p, -1, 'must be greater than or equal to 0'), body: 'Invalid value: -1: must be greater than or equal to 0' },
    { name: 'invalid with a string is %q-quoted', err: field.invalid(p, 'a"b', 'bad'), body: 'Invalid value: "a\\"b": bad' },
    { name: 'invalid with a bool', err: field.invalid(p, true, 'bad'), body: 'Invalid value: true: bad' },
    { name: 'invalid with nil prints "null"', err: field.invalid(p, null, 'bad'), body: 'Invalid value: "null": bad' },
    { name: 'invalid with a []string', err: field.invalid(p, ['a', 'b'], 'bad'), body: 'Invalid value: []string{"a", "b"}: bad' },
    { name: 'not supported lists quoted values', err: field.notSupported(p, 'Sometimes', ['Always', 'OnFailure', 'Never']), body: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' },
    { name: 'forbidden hides the value', err: field.forbidden(p, 'not allowed on this type'), body: 'Forbidden: not allowed on this type' },
    { name: 'too long hides the value', err: field.tooLong(p, 262144), body: 'Too long: may not be more than 262144 bytes' },
    { name: 'too many shows the count', err: field.tooMany(p, 5, 3), body: 'Too many: 5: must have at most 3 items' },
    { name: 'duplicate shows the value', err: field.duplicate(p, 'http'), body: 'Duplicate value: "http"' },
    { name: 'not found shows the value', err: field.notFound(p, 'x'), body: 'Not found: "x"' },
    { name: 'internal error', err: field.internalError(p, 'boom'), body: 'Internal error: boom' },
  ])('$name', ({ err, body }) => {
    expect(err.body).toBe(body);
    expect(err.field).toBe('spec.replicas');
    expect(field.errorString(err)).toBe(`spec.replicas: ${body}`);
  });

  it.each([
    ['plain', '"plain"'], ['tab\there', '"tab\\there"'], ['nul\u0000', '"nul\\x00"'], ['é', '"é"'], ['\u2028', '"\\u2028"'], ['back\\slash', '"back\\\\slash"'],
  ])('goQuote(%j) is %s', (s, want) => expect(field.goQuote(s)).toBe(want));

  it('measures strings in UTF-8 bytes, as Go len()', () => expect(field.byteLength('é')).toBe(2));
});
