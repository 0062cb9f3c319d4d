import { describe, expect, it } from 'vitest';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const created = new Date(now - 7 * 60_000).toISOString();
const subjects = [
  { kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'User', name: 'bob' },
  { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
];

describe('role bindings (printRoleBinding, printClusterRoleBinding)', () => {
  it.each([
    { name: 'a role binding', resource: 'rolebindings', roleRef: { kind: 'Role', name: 'pod-reader' }, noun: 'roleBinding' },
    { name: 'a cluster role binding', resource: 'clusterrolebindings', roleRef: { kind: 'ClusterRole', name: 'admin' }, noun: 'clusterRoleBinding' },
  ])('$name shows Kind/name and, wide, its subjects by kind', ({ resource, roleRef, noun }) => {
    const table = printTable({ group: 'rbac.authorization.k8s.io', version: 'v1', resource, kind: '' },
      [{ metadata: { name: 'b', creationTimestamp: created }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects }], { now });
    expect(table.columnDefinitions!.map((c) => [c.name, c.priority])).toEqual([['Name', 0], ['Role', 0], ['Age', 0], ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]]);
    expect(table.columnDefinitions![3]!.description).toBe(`Users in the ${noun}`);
    expect(table.rows![0]!.cells).toEqual(['b', `${roleRef.kind}/${roleRef.name}`, '7m', 'jane, bob', 'devs', 'ci/builder']);
  });

  it('roles have no handler: NAME and CREATED AT', () => {
    const table = printTable({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role' },
      [{ metadata: { name: 'pod-reader', creationTimestamp: '2025-04-30T08:15:00Z' }, rules: [] }], { now });
    expect(table.columnDefinitions!.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Created At', 'date']]);
    expect(table.rows![0]!.cells).toEqual(['pod-reader', '2025-04-30T08:15:00Z']);
  });
});
