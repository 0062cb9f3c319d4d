import { describe, expect, it } from 'vitest';
import { applyDefaults, validateCustomResource } from './crd-validation.ts';
import type { JsonObject } from './patch/value.ts';

const schema: JsonObject = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        color: { type: 'string', enum: ['red', 'green', 'blue'] },
        size: { type: 'string', pattern: '^(S|M|L)$' },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number', maximum: 1, exclusiveMaximum: true },
        port: { 'x-kubernetes-int-or-string': true },
        name: { type: 'string', minLength: 2, maxLength: 5 },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'integer' } },
        note: { type: 'string', nullable: true },
        mode: { type: 'string', default: 'fast' },
      },
    },
  },
};

const messages = (obj: JsonObject) => validateCustomResource(schema, obj).map((e) => `${e.field}: ${e.body}`);

describe('validating a custom resource against its openAPIV3Schema', () => {
  it.each([
    { name: 'a valid object has no errors', spec: { size: 'M', color: 'red' }, want: [] },
    { name: 'a value outside the enum is Unsupported, listing the supported values', spec: { size: 'M', color: 'pink' },
      want: ['spec.color: Unsupported value: "pink": supported values: "red", "green", "blue"'] },
    { name: 'a missing required property is Required', spec: { color: 'red' }, want: ['spec.size: Required value'] },
    { name: 'a wrong type names the field again "in body"', spec: { size: 'M', replicas: 'three' },
      want: ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'] },
    { name: 'a float where an integer is required is a type error', spec: { size: 'M', replicas: 1.5 },
      want: ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"'] },
    { name: 'null in a non-nullable field is a type error', spec: { size: 'M', color: null },
      want: ['spec.color: Invalid value: "null": spec.color in body must be of type string: "null"'] },
    { name: 'null in a nullable field is fine', spec: { size: 'M', note: null }, want: [] },
    { name: 'a pattern mismatch quotes the pattern', spec: { size: 'XL' },
      want: ["spec.size: Invalid value: \"XL\": spec.size in body should match '^(S|M|L)$'"] },
    { name: 'maximum and minimum', spec: { size: 'M', replicas: 11 },
      want: ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10'] },
    { name: 'minimum', spec: { size: 'M', replicas: 0 },
      want: ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1'] },
    { name: 'an exclusive maximum', spec: { size: 'M', ratio: 1 },
      want: ['spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1'] },
    { name: 'int-or-string takes both', spec: { size: 'M', port: 'http' }, want: [] },
    { name: 'maxLength is Too long', spec: { size: 'M', name: 'abcdef' }, want: ['spec.name: Too long: may not be more than 5 bytes'] },
    { name: 'minLength', spec: { size: 'M', name: 'a' }, want: ['spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long'] },
    { name: 'maxItems is Too many', spec: { size: 'M', tags: ['a', 'b', 'c'] }, want: ['spec.tags: Too many: 3: must have at most 2 items'] },
    { name: 'items are checked with their index', spec: { size: 'M', tags: ['a', 2] },
      want: ['spec.tags[1]: Invalid value: "integer": spec.tags[1] in body must be of type string: "integer"'] },
    { name: 'map values are checked against additionalProperties', spec: { size: 'M', labels: { a: 'x' } },
      want: ['spec.labels.a: Invalid value: "string": spec.labels.a in body must be of type integer: "string"'] },
  ])('$name', ({ spec, want }) => {
    expect(messages({ apiVersion: 'stable.example.com/v1', kind: 'Shirt', metadata: { name: 'x' }, spec } as unknown as JsonObject)).toEqual(want);
  });

  it('reports a missing required top-level property', () => {
    expect(messages({ apiVersion: 'stable.example.com/v1', kind: 'Shirt', metadata: { name: 'x' } })).toEqual(['spec: Required value']);
  });

  it('fills defaults of missing properties', () => {
    const obj: JsonObject = { spec: { size: 'M' } };
    applyDefaults(schema, obj);
    expect(obj).toEqual({ spec: { size: 'M', mode: 'fast' } });
  });
});
