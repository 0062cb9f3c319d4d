import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: ago(15 * 24 * 3600_000) });

function print(group: string, resource: string, obj: KubeObject) {
  const table = printTable({ group, version: 'v1', resource, kind: '' }, [obj], { now });
  return { headers: table.columnDefinitions!.map((c) => c.name), cells: table.rows![0]!.cells };
}

describe('configuration and policy tables', () => {
  it.each([
    {
      name: 'a config map counts data and binaryData keys',
      group: '', resource: 'configmaps', obj: { metadata: meta('app-config'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      headers: ['Name', 'Data', 'Age'], cells: ['app-config', 3, '15d'],
    },
    {
      name: 'a secret shows its type and counts data keys',
      group: '', resource: 'secrets', obj: { metadata: meta('tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } },
      headers: ['Name', 'Type', 'Data', 'Age'], cells: ['tls', 'kubernetes.io/tls', 2, '15d'],
    },
    {
      name: 'a service account counts its secrets',
      group: '', resource: 'serviceaccounts', obj: { metadata: meta('default') },
      headers: ['Name', 'Secrets', 'Age'], cells: ['default', 0, '15d'],
    },
    {
      name: 'a resource quota splits requests and limits, sorted by resource',
      group: '', resource: 'resourcequotas',
      obj: {
        metadata: meta('compute'),
        status: { hard: { pods: '10', 'limits.memory': '2Gi', 'requests.cpu': '1', 'limits.cpu': '2' }, used: { pods: '3', 'requests.cpu': '500m', 'limits.cpu': '1' } },
      },
      headers: ['Name', 'Request', 'Limit', 'Age'],
      cells: ['compute', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 1/2, limits.memory: 0/2Gi', '15d'],
    },
    {
      name: 'a priority class shows value, global default and preemption policy (always printed)',
      group: 'scheduling.k8s.io', resource: 'priorityclasses', obj: { metadata: { name: 'high', creationTimestamp: ago(60_000) }, value: 1000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
      headers: ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy'], cells: ['high', 1000000, false, '60s', 'PreemptLowerPriority'],
    },
    {
      name: 'a disruption budget with minAvailable shows N/A for maxUnavailable',
      group: 'policy', resource: 'poddisruptionbudgets', obj: { metadata: meta('web'), spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } },
      headers: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'], cells: ['web', '2', 'N/A', 1, '15d'],
    },
    {
      name: 'a disruption budget with a percentage',
      group: 'policy', resource: 'poddisruptionbudgets', obj: { metadata: meta('web'), spec: { maxUnavailable: '25%' } },
      headers: ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'], cells: ['web', 'N/A', '25%', 0, '15d'],
    },
  ])('$name', ({ group, resource, obj, headers, cells }) => {
    const got = print(group, resource, obj);
    expect(got.headers).toEqual(headers);
    expect(got.cells).toEqual(cells);
  });
});
