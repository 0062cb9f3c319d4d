import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const metadata = { name: 'v1.apps', creationTimestamp: '2025-04-30T12:00:00Z' };
const table = (group: string, resource: string, objects: KubeObject[]) => printTable({ group, version: 'v1', resource, kind: '' }, objects, { now });

describe('APIService (kube-aggregator ConvertToTable)', () => {
  it('has NAME, SERVICE, AVAILABLE, AGE', () => {
    expect(table('apiregistration.k8s.io', 'apiservices', []).columnDefinitions!.map((c) => [c.name, c.format]))
      .toEqual([['Name', 'name'], ['Service', ''], ['Available', ''], ['Age', '']]);
  });

  it.each([
    { name: 'a local group, available', obj: { metadata, spec: { group: 'apps', version: 'v1' }, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } }, want: ['Local', 'True'] },
    {
      name: 'an aggregated group without endpoints shows status and reason',
      obj: { metadata, spec: { service: { namespace: 'kube-system', name: 'metrics-server' } }, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } },
      want: ['kube-system/metrics-server', 'False (MissingEndpoints)'],
    },
    { name: 'no condition yet is Unknown', obj: { metadata, spec: {} }, want: ['Local', 'Unknown'] },
  ])('$name', ({ obj, want }) => expect(table('apiregistration.k8s.io', 'apiservices', [obj]).rows![0]!.cells).toEqual(['v1.apps', ...want, '24h']));
});

describe('ComponentStatus (printComponentStatus)', () => {
  it.each([
    { name: 'healthy', conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }], want: ['Healthy', 'ok', ''] },
    { name: 'unhealthy with an error', conditions: [{ type: 'Healthy', status: 'False', error: 'connection refused' }], want: ['Unhealthy', '', 'connection refused'] },
    { name: 'no Healthy condition', conditions: [], want: ['Unknown', '', ''] },
  ])('$name', ({ conditions, want }) => {
    const t = table('', 'componentstatuses', [{ metadata: { name: 'etcd-0' }, conditions }]);
    expect(t.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Status', 'Message', 'Error']);
    expect(t.rows![0]!.cells).toEqual(['etcd-0', ...want]);
  });
});

describe('StorageVersion and StorageVersionMigration (alpha)', () => {
  it.each([
    { name: 'nothing reported', status: {}, want: ['<unset>', '<unset>'] },
    {
      name: 'more than three servers',
      status: { commonEncodingVersion: 'apps/v1', storageVersions: ['a', 'b', 'c', 'd'].map((id) => ({ apiServerID: id, encodingVersion: 'apps/v1', decodableVersions: [] })) },
      want: ['apps/v1', 'a=apps/v1,b=apps/v1,c=apps/v1 + 1 more...'],
    },
  ])('StorageVersion, $name', ({ status, want }) => {
    expect(table('internal.apiserver.k8s.io', 'storageversions', [{ metadata: { ...metadata, name: 'apps.deployments' }, status }]).rows![0]!.cells)
      .toEqual(['apps.deployments', ...want, '24h']);
  });

  it('StorageVersionMigration: resource.version.group, and a Name column without the name format', () => {
    const t = table('storagemigration.k8s.io', 'storageversionmigrations', [{ metadata: { name: 'm' }, spec: { resource: { group: 'apps', version: 'v1', resource: 'deployments' } } }]);
    expect(t.columnDefinitions!.map((c) => [c.name, c.format])).toEqual([['Name', ''], ['Resource', '']]);
    expect(t.rows![0]!.cells).toEqual(['m', 'deployments.v1.apps']);
  });
});
