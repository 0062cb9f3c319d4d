import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: ago(6 * 60_000), ...extra });

function cells(group: string, resource: string, obj: KubeObject) {
  return printTable({ group, version: 'v1', resource, kind: '' }, [obj], { now }).rows![0]!.cells;
}

describe('persistent volumes (printPersistentVolume)', () => {
  it('has the v1.33 columns, VolumeMode wide', () => {
    const cols = printTable({ group: '', version: 'v1', resource: 'persistentvolumes', kind: 'PersistentVolume' }, [], { now }).columnDefinitions!;
    expect(cols.map((c) => (c.priority ? `${c.name}*` : c.name))).toEqual([
      'Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode*',
    ]);
  });

  it.each([
    {
      name: 'a bound volume shows its claim and short access modes in fixed order',
      pv: {
        metadata: meta('pv-1'),
        spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard', volumeMode: 'Filesystem' },
        status: { phase: 'Bound' },
      },
      want: ['10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '6m', 'Filesystem'],
    },
    {
      name: 'an available volume has no claim; a failed one shows its reason',
      pv: { metadata: meta('pv-1'), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Failed', reason: 'VolumeFailedRecycle' } },
      want: ['1Gi', 'RWOP', 'Delete', 'Failed', '', '', '<unset>', 'VolumeFailedRecycle', '6m', '<unset>'],
    },
    {
      name: 'capacity prints in canonical form, as Quantity.String()',
      pv: { metadata: meta('pv-1'), spec: { capacity: { storage: '2048Mi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Available' } },
      want: ['2Gi', 'RWO', 'Delete', 'Available', '', '', '<unset>', '', '6m', '<unset>'],
    },
    {
      name: 'a volume being deleted is Terminating, and the beta class annotation wins',
      pv: {
        metadata: meta('pv-1', { deletionTimestamp: ago(1000), annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } }),
        spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'new', volumeAttributesClassName: 'gold' },
        status: { phase: 'Released' },
      },
      want: ['5Gi', 'ROX', 'Delete', 'Terminating', '', 'old', 'gold', '', '6m', '<unset>'],
    },
  ])('$name', ({ pv, want }) => expect(cells('', 'persistentvolumes', pv)).toEqual(['pv-1', ...want]));
});

describe('persistent volume claims (printPersistentVolumeClaim)', () => {
  it.each([
    {
      name: 'a pending claim shows no capacity or access modes yet',
      pvc: { metadata: meta('data'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' }, status: { phase: 'Pending' } },
      want: ['Pending', '', '', '', 'standard', '<unset>', '6m', '<unset>'],
    },
    {
      name: 'a bound claim shows the volume, its capacity and access modes from the status',
      pvc: {
        metadata: meta('data'),
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: 'pvc-0f3a', volumeMode: 'Filesystem' },
        status: { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] },
      },
      want: ['Bound', 'pvc-0f3a', '2Gi', 'RWO', 'standard', '<unset>', '6m', 'Filesystem'],
    },
    {
      name: 'a claim being deleted is Terminating',
      pvc: { metadata: meta('data', { deletionTimestamp: ago(0) }), spec: { volumeName: 'pvc-0f3a' }, status: { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] } },
      want: ['Terminating', 'pvc-0f3a', '2Gi', 'RWO', '', '<unset>', '6m', '<unset>'],
    },
  ])('$name', ({ pvc, want }) => expect(cells('', 'persistentvolumeclaims', pvc)).toEqual(['data', ...want]));
});

describe('storage classes (printStorageClass)', () => {
  it.each([
    {
      name: 'the default class is marked and unset fields take their defaults',
      sc: { metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'rancher.io/local-path' },
      want: ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '6m'],
    },
    {
      name: 'a class with every field set',
      sc: { metadata: meta('fast'), provisioner: 'pd.csi.storage.gke.io', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
      want: ['fast', 'pd.csi.storage.gke.io', 'Retain', 'WaitForFirstConsumer', true, '6m'],
    },
  ])('$name', ({ sc, want }) => expect(cells('storage.k8s.io', 'storageclasses', sc)).toEqual(want));
});
