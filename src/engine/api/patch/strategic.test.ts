import { describe, expect, it } from 'vitest';
import { definitionNameFor, type CompactSchema } from '../schema.ts';
import { strategicMergePatch, strategicMergePatchUnsupported } from './strategic.ts';
import type { JsonObject, JsonValue } from './value.ts';

const podSchema: CompactSchema = { r: definitionNameFor({ group: '', version: 'v1', kind: 'Pod' })! };
const c = (name: string, more: JsonObject = {}): JsonObject => ({ name, image: `${name}:1`, ...more });
const podWith = (spec: JsonObject, metadata: JsonObject = { name: 'p' }): JsonObject => ({ metadata, spec });

interface Case { name: string; original: JsonObject; patch: JsonObject; want: JsonObject }

// Cases after the ideas of apimachinery/pkg/util/strategicpatch/patch_test.go, on real Pod fields.
const cases: Case[] = [
  { name: 'a container is merged into the live one with the same name',
    original: podWith({ containers: [c('a'), c('b')] }), patch: { spec: { containers: [{ name: 'b', image: 'b:2' }] } },
    want: podWith({ containers: [c('a'), c('b', { image: 'b:2' })] }) },
  { name: 'a container with a new name comes first (without $setElementOrder, as upstream)',
    original: podWith({ containers: [c('a')] }), patch: { spec: { containers: [c('z')] } },
    want: podWith({ containers: [c('z'), c('a')] }) },
  { name: 'patched items come in patch order, interleaved with live-only items by live position',
    original: podWith({ containers: [c('a'), c('b'), c('c')] }), patch: { spec: { containers: [c('c'), c('a')] } },
    want: podWith({ containers: [c('b'), c('c'), c('a')] }) },
  { name: 'container ports merge by containerPort',
    original: podWith({ containers: [c('a', { ports: [{ containerPort: 80, name: 'http' }] })] }),
    patch: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'web' }, { containerPort: 443 }] }] } },
    want: podWith({ containers: [c('a', { ports: [{ containerPort: 80, name: 'web' }, { containerPort: 443 }] })] }) },
  { name: 'env merges by name',
    original: podWith({ containers: [c('a', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] })] }),
    patch: { spec: { containers: [{ name: 'a', env: [{ name: 'B', value: '3' }] }] } },
    want: podWith({ containers: [c('a', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }] })] }) },
  { name: '$patch: delete removes the item with that merge key',
    original: podWith({ containers: [c('a'), c('b')] }), patch: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } },
    want: podWith({ containers: [c('b')] }) },
  { name: '$patch: replace in a list makes the patch the whole list',
    original: podWith({ containers: [c('a'), c('b')] }), patch: { spec: { containers: [c('z'), { $patch: 'replace' }] } },
    want: podWith({ containers: [c('z')] }) },
  { name: '$patch: replace in a map replaces the map',
    original: podWith({ containers: [c('a')], nodeSelector: { a: '1' } }, { name: 'p', labels: { a: '1', b: '2' } }),
    patch: { metadata: { labels: { c: '3', $patch: 'replace' } } },
    want: podWith({ containers: [c('a')], nodeSelector: { a: '1' } }, { name: 'p', labels: { c: '3' } }) },
  { name: '$patch: delete in a map empties it',
    original: podWith({}, { name: 'p', labels: { a: '1' } }), patch: { metadata: { labels: { $patch: 'delete' } } },
    want: podWith({}, { name: 'p', labels: {} }) },
  { name: 'an atomic list (tolerations) is replaced whole',
    original: podWith({ tolerations: [{ key: 'a', operator: 'Exists' }] }), patch: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
    want: podWith({ tolerations: [{ key: 'b', operator: 'Exists' }] }) },
  { name: 'a primitive list without a strategy (args) is replaced',
    original: podWith({ containers: [c('a', { args: ['x', 'y'] })] }), patch: { spec: { containers: [{ name: 'a', args: ['z'] }] } },
    want: podWith({ containers: [c('a', { args: ['z'] })] }) },
  { name: 'a merging primitive list (finalizers) gets the union, patch items in patch order',
    original: podWith({}, { name: 'p', finalizers: ['a', 'b'] }), patch: { metadata: { finalizers: ['c', 'a'] } },
    want: podWith({}, { name: 'p', finalizers: ['c', 'a', 'b'] }) },
  { name: '$deleteFromPrimitiveList removes values from a merging primitive list',
    original: podWith({}, { name: 'p', finalizers: ['a', 'b', 'c'] }), patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    want: podWith({}, { name: 'p', finalizers: ['a', 'c'] }) },
  { name: '$setElementOrder orders the merged list',
    original: podWith({ containers: [c('a'), c('b'), c('c')] }),
    patch: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'b' }, { name: 'a' }], containers: [{ name: 'b', image: 'b:2' }] } },
    want: podWith({ containers: [c('c'), c('b', { image: 'b:2' }), c('a')] }) },
  { name: '$retainKeys clears the keys it does not name (a volume changing source)',
    original: podWith({ volumes: [{ name: 'v', emptyDir: {} }] }),
    patch: { spec: { volumes: [{ name: 'v', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }] } },
    want: podWith({ volumes: [{ name: 'v', configMap: { name: 'cm' } }] }) },
  { name: 'null deletes a field',
    original: podWith({ nodeName: 'n1', containers: [c('a')] }), patch: { spec: { nodeName: null } },
    want: podWith({ containers: [c('a')] }) },
  { name: 'null for a missing field is dropped (IgnoreUnmatchedNulls)',
    original: podWith({}), patch: { spec: { hostname: null, dnsConfig: { nameservers: ['1.1.1.1'], searches: null } } },
    want: podWith({ dnsConfig: { nameservers: ['1.1.1.1'] } }) },
  { name: 'labels merge as a map',
    original: podWith({}, { name: 'p', labels: { a: '1', b: '2' } }), patch: { metadata: { labels: { b: null, c: '3' } } },
    want: podWith({}, { name: 'p', labels: { a: '1', c: '3' } }) },
  { name: 'directives inside a new value are removed',
    original: podWith({}), patch: { spec: { containers: [c('a'), { name: 'gone', $patch: 'delete' }] } },
    want: podWith({ containers: [c('a')] }) },
];

describe('strategicMergePatch', () => {
  it.each(cases)('$name', ({ original, patch, want }) =>
    expect(strategicMergePatch(original, patch, podSchema)).toEqual({ ok: true, object: want }));

  it.each<{ name: string; original: JsonObject; patch: JsonValue; want: object }>([
    { name: 'a list item without its merge key is a plain error (500)',
      original: podWith({ containers: [c('a')] }), patch: { spec: { containers: [{ image: 'nginx' }] } },
      want: { code: 500, reason: '', message: 'map: map[image:nginx] does not contain declared merge key: name' } },
    { name: 'an unknown $patch in a map',
      original: podWith({}, { name: 'p', labels: { a: '1' } }), patch: { metadata: { labels: { $patch: 'merge' } } },
      want: { code: 500, reason: '', message: 'unknown patch type: merge in map: map[$patch:merge]' } },
    { name: '$patch: merge in a list',
      original: podWith({ containers: [c('a')] }), patch: { spec: { containers: [{ $patch: 'merge' }] } },
      want: { code: 500, reason: '', message: 'merging lists cannot yet be specified in the patch' } },
    { name: 'a patch key outside $retainKeys is a 400',
      original: podWith({ volumes: [{ name: 'v', emptyDir: {} }] }), patch: { spec: { volumes: [{ name: 'v', $retainKeys: ['name'], secret: {} }] } },
      want: { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' } },
    { name: 'a malformed $deleteFromPrimitiveList is a 400',
      original: podWith({}, { name: 'p', finalizers: ['a'] }), patch: { metadata: { $deleteFromPrimitiveList: ['a'] } },
      want: { code: 400, reason: 'BadRequest', message: 'invalid patch format of primitive list' } },
    { name: 'mixed item types in a merging list',
      original: podWith({}, { name: 'p', finalizers: ['a'] }), patch: { metadata: { finalizers: [1] } },
      want: { code: 500, reason: '', message: 'list element types are not identical: [[a] [1]]' } },
    { name: 'a body that is not an object is a 400',
      original: podWith({}), patch: [1],
      want: { code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' } },
  ])('fails as upstream: $name', ({ original, patch, want }) =>
    expect(strategicMergePatch(original, patch, podSchema)).toEqual({ ok: false, failure: want }));

  it('answers 415 for a custom resource, naming the patch types it accepts', () =>
    expect(strategicMergePatchUnsupported()).toEqual({
      code: 415, reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    }));

  it('merges a Deployment template container by name', () => {
    const deployment = { r: definitionNameFor({ group: 'apps', version: 'v1', kind: 'Deployment' })! };
    const original = { spec: { replicas: 1, template: { spec: { containers: [c('web'), c('sidecar')] } } } };
    const result = strategicMergePatch(original, { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } }, deployment);
    expect(result).toEqual({ ok: true, object: { spec: { replicas: 1, template: { spec: { containers: [c('web', { image: 'web:2' }), c('sidecar')] } } } } });
  });

  it('leaves the original untouched and pollutes nothing', () => {
    const original = podWith({ containers: [c('a')] });
    const before = JSON.stringify(original);
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}') as JsonValue;
    const result = strategicMergePatch(original, patch, podSchema);
    expect(JSON.stringify(original)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok && Object.keys((result.object as { metadata: { labels: object } }).metadata.labels)).toEqual(['__proto__']);
  });
});
