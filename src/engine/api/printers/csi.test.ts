import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const metadata = { name: 'x', creationTimestamp: '2025-04-29T10:00:00Z' };
const table = (resource: string, objects: KubeObject[]) => printTable({ group: 'storage.k8s.io', version: 'v1', resource, kind: '' }, objects, { now });
const row = (resource: string, obj: KubeObject) => table(resource, [obj]).rows![0]!.cells;

describe('storage.k8s.io kinds: columns', () => {
  it.each([
    { resource: 'csidrivers', want: ['Name', 'AttachRequired', 'PodInfoOnMount', 'StorageCapacity', 'TokenRequests', 'RequiresRepublish', 'Modes', 'Age'] },
    { resource: 'csinodes', want: ['Name', 'Drivers', 'Age'] },
    { resource: 'csistoragecapacities', want: ['Name', 'StorageClassName', 'Capacity'] },
    { resource: 'volumeattachments', want: ['Name', 'Attacher', 'PV', 'Node', 'Attached', 'Age'] },
    { resource: 'volumeattributesclasses', want: ['Name', 'DriverName', 'Age'] },
  ])('$resource', ({ resource, want }) => {
    const cols = table(resource, []).columnDefinitions!;
    expect(cols.map((c) => c.name)).toEqual(want);
    expect(cols.every((c) => c.priority === 0)).toBe(true);
  });

  it('gives VolumeAttachment\'s Attacher column the name format, as upstream', () => {
    expect(table('volumeattachments', []).columnDefinitions!.map((c) => c.format)).toEqual(['name', 'name', '', '', '', '']);
  });
});

describe('CSIDriver (printCSIDriver)', () => {
  it.each([
    { name: 'unset fields print their defaults', spec: {}, want: [true, false, false, '<unset>', false, '<none>'] },
    {
      name: 'set fields, audiences and modes comma-joined',
      spec: {
        attachRequired: false, podInfoOnMount: true, storageCapacity: true, requiresRepublish: true,
        tokenRequests: [{ audience: 'vault' }, { audience: 'gcp', expirationSeconds: 3600 }], volumeLifecycleModes: ['Persistent', 'Ephemeral'],
      },
      want: [false, true, true, 'vault,gcp', true, 'Persistent,Ephemeral'],
    },
    { name: 'an empty token list reads back as unset', spec: { tokenRequests: [] }, want: [true, false, false, '<unset>', false, '<none>'] },
  ])('$name', ({ spec, want }) => expect(row('csidrivers', { metadata, spec })).toEqual(['x', ...want, '2d2h']));
});

describe('the other storage kinds', () => {
  it.each([
    { name: 'CSINode counts drivers', resource: 'csinodes', obj: { metadata, spec: { drivers: [{ name: 'a', nodeID: 'n' }, { name: 'b', nodeID: 'n' }] } }, want: ['x', 2, '2d2h'] },
    { name: 'CSINode without drivers', resource: 'csinodes', obj: { metadata, spec: { drivers: [] } }, want: ['x', 0, '2d2h'] },
    { name: 'CSIStorageCapacity, canonical quantity', resource: 'csistoragecapacities', obj: { metadata, storageClassName: 'fast', capacity: '1024Mi' }, want: ['x', 'fast', '1Gi'] },
    { name: 'CSIStorageCapacity without capacity', resource: 'csistoragecapacities', obj: { metadata, storageClassName: 'fast' }, want: ['x', 'fast', '<unset>'] },
    {
      name: 'VolumeAttachment of a PV, attached',
      resource: 'volumeattachments',
      obj: { metadata, spec: { attacher: 'csi.example.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } }, status: { attached: true } },
      want: ['x', 'csi.example.com', 'pv-1', 'node-1', true, '2d2h'],
    },
    {
      name: 'VolumeAttachment of an inline volume, no status yet',
      resource: 'volumeattachments',
      obj: { metadata, spec: { attacher: 'csi.example.com', nodeName: 'node-1', source: { inlineVolumeSpec: {} } } },
      want: ['x', 'csi.example.com', '', 'node-1', false, '2d2h'],
    },
    { name: 'VolumeAttributesClass', resource: 'volumeattributesclasses', obj: { metadata, driverName: 'csi.example.com' }, want: ['x', 'csi.example.com', '2d2h'] },
    {
      name: 'the default VolumeAttributesClass',
      resource: 'volumeattributesclasses',
      obj: { metadata: { ...metadata, annotations: { 'volumeattributesclass.alpha.kubernetes.io/is-default-class': 'true' } }, driverName: 'd' },
      want: ['x (default)', 'd', '2d2h'],
    },
  ])('$name', ({ resource, obj, want }) => expect(row(resource, obj)).toEqual(want));
});
