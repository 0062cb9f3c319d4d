import { describe, expect, it } from 'vitest';
import { defaultCustomResourceDefinition, setAcceptedStatus, validateCustomResourceDefinition } from './crd-definition.ts';
import type { KubeObject } from './types.ts';

const crdWith = (over: { name?: string; group?: string; scope?: string; plural?: string; kind?: string; versions?: unknown[] } = {}): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
  metadata: { name: over.name ?? 'shirts.stable.example.com' },
  spec: {
    group: over.group ?? 'stable.example.com', scope: over.scope ?? 'Namespaced',
    names: { plural: over.plural ?? 'shirts', kind: over.kind ?? 'Shirt' },
    versions: over.versions ?? [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
  },
});

const messages = (crd: KubeObject) => validateCustomResourceDefinition(crd).map((e) => `${e.field}: ${e.body}`);

describe('CustomResourceDefinition validation', () => {
  it.each([
    { name: 'a well-formed CRD is valid', crd: crdWith(), want: [] },
    { name: 'the name must be the plural and the group', crd: crdWith({ name: 'shirt.stable.example.com' }),
      want: ['metadata.name: Invalid value: "shirt.stable.example.com": must be spec.names.plural+"."+spec.group'] },
    { name: 'a group without a dot is refused', crd: crdWith({ name: 'shirts.example', group: 'example' }),
      want: ['spec.group: Invalid value: "example": should be a domain with at least one dot'] },
    { name: 'an unknown scope is Unsupported', crd: crdWith({ scope: 'Global' }),
      want: ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'] },
    { name: 'a v1 CRD needs a schema per version', crd: crdWith({ versions: [{ name: 'v1', served: true, storage: true }] }),
      want: ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'] },
    { name: 'a missing kind is Required', crd: crdWith({ kind: '' }), want: ['spec.names.kind: Required value'] },
  ])('$name', ({ crd, want }) => expect(messages(crd)).toEqual(want));

  it('needs exactly one storage version', () => {
    const crd = crdWith({ versions: [
      { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } },
      { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } },
    ] });
    expect(messages(crd)).toHaveLength(1);
    expect(messages(crd)[0]).toMatch(/^spec\.versions: Invalid value: .*: must have exactly one version marked as storage version$/);
  });
});

describe('CustomResourceDefinition defaults and status', () => {
  it('defaults singular, listKind and the conversion strategy', () => {
    const crd = crdWith();
    defaultCustomResourceDefinition(crd);
    expect(crd.spec).toMatchObject({ names: { plural: 'shirts', singular: 'shirt', kind: 'Shirt', listKind: 'ShirtList' }, conversion: { strategy: 'None' } });
  });

  it('accepts the names and establishes the CRD, keeping transition times across updates', () => {
    const crd = crdWith();
    setAcceptedStatus(crd, undefined, '2026-01-01T00:00:00Z');
    expect(crd.status).toEqual({
      acceptedNames: { plural: 'shirts', kind: 'Shirt' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      storedVersions: ['v1'],
    });
    const next = crdWith();
    setAcceptedStatus(next, crd, '2026-01-02T00:00:00Z');
    expect((next.status as { conditions: { lastTransitionTime: string }[] }).conditions[0]!.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });
});
