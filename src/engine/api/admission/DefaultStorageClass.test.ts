import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { DefaultStorageClass } from './DefaultStorageClass.ts';
import { attrsFor } from './testing.ts';

const sc = (name: string, isDefault: boolean, created = '2026-01-01T00:00:00Z'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'x',
  metadata: { name, creationTimestamp: created, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
});
const pvc = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'dev', ...(annotations ? { annotations } : {}) }, spec });

describe('DefaultStorageClass', () => {
  it.each([
    { name: 'a claim without a class gets the default class', claim: pvc(), stored: [sc('slow', false), sc('standard', true)], want: 'standard' },
    { name: 'with no default class the claim stays without one', claim: pvc(), stored: [sc('slow', false)], want: undefined },
    { name: 'an explicit class is kept', claim: pvc({ storageClassName: 'slow' }), stored: [sc('standard', true)], want: 'slow' },
    { name: 'an explicit empty class is kept', claim: pvc({ storageClassName: '' }), stored: [sc('standard', true)], want: '' },
    { name: 'the beta class annotation counts as a class', claim: pvc({}, { 'volume.beta.kubernetes.io/storage-class': 'slow' }), stored: [sc('standard', true)], want: undefined },
    { name: 'of two defaults the newest wins', claim: pvc(), stored: [sc('a', true, '2026-01-01T00:00:00Z'), sc('b', true, '2026-01-02T00:00:00Z')], want: 'b' },
    { name: 'of two defaults created together the first by name wins', claim: pvc(), stored: [sc('b', true), sc('a', true)], want: 'a' },
  ])('$name', async ({ claim, stored, want }) => {
    await DefaultStorageClass.admit!(attrsFor({ resource: 'persistentvolumeclaims', namespace: 'dev', object: claim, stored }));
    expect((claim.spec as { storageClassName?: string }).storageClassName).toBe(want);
  });
});
