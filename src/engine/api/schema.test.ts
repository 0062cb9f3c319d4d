import { describe, expect, it } from 'vitest';
import {
  childSchema, definitionFor, definitionNameFor, fieldAt, goTypeName, groupVersionKinds,
  listMapKeys, listMergeKey, listType, mapType, patchStrategies, resolve,
} from './schema.ts';
import { loadFieldDocs } from './schema-docs.ts';

const pod = { group: '', version: 'v1', kind: 'Pod' };
const podSchema = () => definitionFor(pod)!;

describe('definitionFor', () => {
  it.each([
    { name: 'the core Pod is io.k8s.api.core.v1.Pod', gvk: pod, want: 'io.k8s.api.core.v1.Pod' },
    { name: 'apps/v1 Deployment is io.k8s.api.apps.v1.Deployment', gvk: { group: 'apps', version: 'v1', kind: 'Deployment' }, want: 'io.k8s.api.apps.v1.Deployment' },
    { name: 'autoscaling/v2 HorizontalPodAutoscaler has its own definition', gvk: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }, want: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler' },
    { name: 'policy/v1beta1 PodSecurityPolicy was removed before v1.33', gvk: { group: 'policy', version: 'v1beta1', kind: 'PodSecurityPolicy' }, want: undefined },
    { name: 'a kind named like an Object builtin is not found', gvk: { group: '', version: 'v1', kind: 'constructor' }, want: undefined },
  ])('$name', ({ gvk, want }) => expect(definitionNameFor(gvk)).toBe(want));

  it('carries the group/version/kind of the top-level kind', () =>
    expect(groupVersionKinds(podSchema())).toEqual([pod]));
});

describe('fieldAt', () => {
  it.each([
    { name: 'a container image is a string', path: ['spec', 'containers', 0, 'image'], want: { t: 'string' } },
    { name: 'a containerPort is an int32', path: ['spec', 'containers', 0, 'ports', 0, 'containerPort'], want: { t: 'integer', f: 'int32' } },
    { name: 'a limit is a quantity, below a map', path: ['spec', 'containers', 0, 'resources', 'limits', 'cpu'], want: { t: 'quantity' } },
    { name: 'a label value is a string, below a map', path: ['metadata', 'labels', 'app'], want: { t: 'string' } },
    { name: 'creationTimestamp is a date-time string', path: ['metadata', 'creationTimestamp'], want: { t: 'string', f: 'date-time' } },
    { name: 'an unknown field leaves the schema', path: ['spec', 'foo'], want: undefined },
    { name: 'an index below an object leaves the schema', path: ['spec', 0], want: undefined },
  ])('$name', ({ path, want }) => expect(fieldAt(podSchema(), path)).toEqual(want));

  it('finds a port number as int-or-string in a Service', () =>
    expect(fieldAt(definitionFor({ group: '', version: 'v1', kind: 'Service' })!, ['spec', 'ports', 0, 'targetPort'])).toEqual({ t: 'int-or-string' }));

  it('treats everything below an embedded object as any', () => {
    const revision = definitionFor({ group: 'apps', version: 'v1', kind: 'ControllerRevision' })!;
    expect(fieldAt(revision, ['data', 'spec', 'whatever'])).toEqual({ t: 'any' });
  });

  it('does not find Object.prototype members as fields', () =>
    expect(childSchema(resolve(podSchema()), 'constructor')).toBeUndefined());
});

describe('list and map extensions', () => {
  const spec = () => fieldAt(podSchema(), ['spec'])!;
  it.each([
    { name: 'containers merge by name', field: 'containers', key: 'name', strategies: ['merge'], type: 'map', keys: ['name'] },
    { name: 'volumes merge by name and retain keys', field: 'volumes', key: 'name', strategies: ['merge', 'retainKeys'], type: 'map', keys: ['name'] },
    { name: 'tolerations are atomic with no merge key', field: 'tolerations', key: '', strategies: [], type: 'atomic', keys: [] },
    { name: 'imagePullSecrets merge by name', field: 'imagePullSecrets', key: 'name', strategies: ['merge'], type: 'map', keys: ['name'] },
  ])('$name', ({ field, key, strategies, type, keys }) => {
    const f = spec().p![field]!;
    expect(listMergeKey(f)).toBe(key);
    expect(patchStrategies(f)).toEqual(strategies);
    expect(listType(f)).toBe(type);
    expect(listMapKeys(f)).toEqual(keys);
  });

  it('container ports merge by containerPort and are keyed by port and protocol for apply', () => {
    const ports = fieldAt(podSchema(), ['spec', 'containers', 0])!.p!.ports!;
    expect([listMergeKey(ports), listMapKeys(ports)]).toEqual(['containerPort', ['containerPort', 'protocol']]);
  });

  it('a label selector is an atomic map', () => {
    const deployment = definitionFor({ group: 'apps', version: 'v1', kind: 'Deployment' })!;
    expect(mapType(fieldAt(deployment, ['spec', 'selector'])!)).toBe('atomic');
    expect(mapType(fieldAt(deployment, ['spec', 'template'])!)).toBe('granular');
  });
});

describe('goTypeName', () => {
  it.each([
    ['io.k8s.api.core.v1.PodSpec', 'v1.PodSpec'],
    ['io.k8s.apimachinery.pkg.api.resource.Quantity', 'resource.Quantity'],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'v1.ObjectMeta'],
  ])('%s prints as %s', (name, want) => expect(goTypeName(name)).toBe(want));
});

describe('loadFieldDocs', () => {
  it('describes a definition and its fields as kubectl explain does', async () => {
    const docs = await loadFieldDocs();
    expect(docs.describe('io.k8s.api.core.v1.Pod')).toMatch(/^Pod is a collection of containers/);
    expect(docs.describe('io.k8s.api.core.v1.Container', 'image')).toMatch(/^Container image name/);
    expect(docs.describe('io.k8s.api.core.v1.Container', 'nope')).toBeUndefined();
    expect(docs.describe('toString')).toBeUndefined();
  });
});
