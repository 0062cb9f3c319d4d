// RoleBinding and ClusterRoleBinding (Role and ClusterRole have no handler: they get the default
// table). Models printers.go printRoleBinding, printClusterRoleBinding and pkg/apis/rbac SubjectsStrings.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter, type TableColumnDefinition } from './table.ts';

interface Binding extends KubeObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: Array<{ kind?: string; name?: string; namespace?: string }>;
}

// SubjectsStrings: users and groups by name, service accounts as namespace/name.
function subjectsStrings(subjects: Binding['subjects']): [users: string, groups: string, serviceAccounts: string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s.kind === 'User') users.push(s.name ?? '');
    else if (s.kind === 'Group') groups.push(s.name ?? '');
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding'): KindPrinter {
  const columns: TableColumnDefinition[] = [
    nameColumn,
    docColumn('Role', 'string', kind === 'roleBinding' ? 'rbacv1beta1.RoleBinding.roleRef' : 'rbacv1beta1.ClusterRoleBinding.roleRef'),
    ageColumn,
    column('Users', 'string', `Users in the ${kind}`, { priority: 1 }),
    column('Groups', 'string', `Groups in the ${kind}`, { priority: 1 }),
    column('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`, { priority: 1 }),
  ];
  return {
    columns,
    print(obj, { now }) {
      const b = obj as Binding;
      return {
        cells: [b.metadata?.name ?? '', `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
          translateTimestampSince(b.metadata?.creationTimestamp, now), ...subjectsStrings(b.subjects)],
      };
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');
