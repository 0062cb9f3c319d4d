import { describe, expect, it } from 'vitest';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const metadata = { name: 'kubernetes', creationTimestamp: '2025-05-01T09:00:00Z' };
const resource = (r: string) => ({ group: 'networking.k8s.io', version: 'v1', resource: r, kind: '' });

describe('ServiceCIDR (printServiceCIDR)', () => {
  it.each([
    { name: 'dual-stack CIDRs joined by a comma', cidrs: ['10.96.0.0/12', 'fd00:10:96::/108'], want: '10.96.0.0/12,fd00:10:96::/108' },
    { name: 'none', cidrs: [], want: '' },
  ])('$name', ({ cidrs, want }) => {
    const t = printTable(resource('servicecidrs'), [{ metadata, spec: { cidrs } }], { now });
    expect(t.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'CIDRs', 'Age']);
    expect(t.rows![0]!.cells).toEqual(['kubernetes', want, '3h']);
  });
});

describe('IPAddress (printIPAddress)', () => {
  it.each([
    { name: 'a core resource: resource/namespace/name', parentRef: { group: '', resource: 'services', namespace: 'default', name: 'kubernetes' }, want: 'services/default/kubernetes' },
    { name: 'a grouped resource is lower-cased resource.group', parentRef: { group: 'Example.COM', resource: 'Gateways', name: 'gw' }, want: 'gateways.example.com/gw' },
    { name: 'no parent', parentRef: undefined, want: '<none>' },
  ])('$name; the age cell is sent past the two columns, as upstream', ({ parentRef, want }) => {
    const t = printTable(resource('ipaddresses'), [{ metadata: { ...metadata, name: '10.96.0.1' }, spec: parentRef ? { parentRef } : {} }], { now });
    expect(t.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'ParentRef']);
    expect(t.rows![0]!.cells).toEqual(['10.96.0.1', want, '3h']);
  });
});
