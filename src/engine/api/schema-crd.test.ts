import { describe, expect, it } from 'vitest';
import { decodeObject } from './decode.ts';
import { compactFromOpenAPIV3, customResourceSchema } from './schema-crd.ts';
import { fieldAt } from './schema.ts';
import type { JsonObject } from './patch/value.ts';

// The CronTab of the Kubernetes docs' CustomResourceDefinition example, with list and map extensions.
const cronTab: JsonObject = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        cronSpec: { type: 'string' },
        image: { type: 'string' },
        replicas: { type: 'integer' },
        port: { 'x-kubernetes-int-or-string': true },
        hosts: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
        settings: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-map-type': 'atomic' },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
      required: ['cronSpec'],
    },
  },
};

describe('compactFromOpenAPIV3', () => {
  const schema = customResourceSchema(cronTab);
  it.each([
    { name: 'a string field', path: ['spec', 'image'], want: { t: 'string' } },
    { name: 'an int-or-string field', path: ['spec', 'port'], want: { t: 'int-or-string' } },
    { name: 'a map-list with its keys', path: ['spec', 'hosts'], want: { t: 'array', i: { t: 'object', p: { name: { t: 'string' } } }, l: 'map', m: ['name'] } },
    { name: 'an atomic map', path: ['spec', 'settings'], want: { t: 'object', a: { t: 'string' }, mt: 'atomic' } },
    { name: 'anything below preserve-unknown-fields', path: ['spec', 'free', 'x', 'y'], want: { t: 'any' } },
    { name: 'metadata as ObjectMeta', path: ['metadata', 'labels', 'a'], want: { t: 'string' } },
  ])('$name', ({ path, want }) => expect(fieldAt(schema, path)).toEqual(want));

  it('keeps required fields', () => expect(compactFromOpenAPIV3(cronTab).p!.spec!.q).toEqual(['cronSpec']));

  it('prunes unknown fields of a custom resource for strict decoding', () => {
    const body = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c' }, spec: { cronSpec: '* * * * */5', imagee: 'x', free: { any: 1 } } };
    const result = decodeObject(schema, body, { unstructured: true });
    expect(result.strictErrors.map((e) => e.message)).toEqual(['unknown field "spec.imagee"']);
    expect(result.object).toEqual({ ...body, spec: { cronSpec: '* * * * */5', free: { any: 1 } } });
  });
});
