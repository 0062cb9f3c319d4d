import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const configmaps = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' };
const cm: KubeObject = Object.freeze({
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'app', namespace: 'default', uid: 'u-1', resourceVersion: '42', creationTimestamp: '2025-05-01T11:00:00Z', labels: { app: 'web' } },
  data: { a: '1' },
});

describe('printTable', () => {
  it('returns a meta.k8s.io/v1 Table whose rows carry PartialObjectMetadata by default', () => {
    const table = printTable(configmaps, [cm], { now, resourceVersion: '57' });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '57' });
    expect(table.rows).toEqual([{
      cells: ['app', 1, '60m'],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cm.metadata },
    }]);
  });

  it.each([
    { name: 'includeObject=Metadata is the default', includeObject: 'Metadata' as const, want: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cm.metadata } },
    { name: 'includeObject=Object gives the whole object', includeObject: 'Object' as const, want: cm },
    { name: 'includeObject=None gives null', includeObject: 'None' as const, want: null },
  ])('$name', ({ includeObject, want }) => {
    expect(printTable(configmaps, [cm], { now, includeObject }).rows![0]!.object).toEqual(want);
  });

  it('writes every column field, as Go encodes them without omitempty', () => {
    const json = JSON.parse(JSON.stringify(printTable(configmaps, [cm], { now })));
    expect(json.columnDefinitions[1]).toEqual({
      name: 'Data', type: 'string', format: '',
      description: 'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.',
      priority: 0,
    });
    expect(json.rows[0]).not.toHaveProperty('conditions');
  });

  it('leaves out the column definitions when asked for no headers', () => {
    expect(printTable(configmaps, [cm], { now, noHeaders: true }).columnDefinitions).toBeNull();
  });

  it('carries the list continue token and remaining count', () => {
    expect(printTable(configmaps, [cm], { now, resourceVersion: '9', continue: 'abc', remainingItemCount: 3 }).metadata)
      .toEqual({ resourceVersion: '9', continue: 'abc', remainingItemCount: 3 });
  });

  it('an empty list keeps its header and an empty rows array; the default table encodes no rows as null', () => {
    const pods = printTable({ group: '', version: 'v1', resource: 'pods', kind: 'Pod' }, [], { now });
    expect(pods.rows).toEqual([]);
    expect(pods.columnDefinitions!.length).toBe(9);
    const roles = printTable({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role' }, [], { now });
    expect(roles.rows).toBeNull();
  });

  it.each([
    { name: 'a LimitRange', group: '', resource: 'limitranges' },
    { name: 'a CustomResourceDefinition', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
    { name: 'a ClusterRole', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  ])('$name gets NAME and CREATED AT in RFC 3339', ({ group, resource }) => {
    const table = printTable({ group, version: 'v1', resource, kind: '' }, [{ metadata: { name: 'x', creationTimestamp: '2024-02-29T23:59:59Z' } }], { now });
    expect(table.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(table.rows![0]!.cells).toEqual(['x', '2024-02-29T23:59:59Z']);
  });

  it('an object with no creation time is <unknown> old, or the zero time in the default table', () => {
    const obj = { metadata: { name: 'x' } };
    expect(printTable(configmaps, [obj], { now }).rows![0]!.cells[2]).toBe('<unknown>');
    expect(printTable({ group: '', version: 'v1', resource: 'limitranges', kind: '' }, [obj], { now }).rows![0]!.cells[1]).toBe('0001-01-01T00:00:00Z');
  });
});
