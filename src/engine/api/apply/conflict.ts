// The 409 an apply gets when it would change fields another manager owns.
// Models k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go (NewConflictError,
// getConflictMessage, printManager) and apimachinery/pkg/api/errors NewApplyConflict.
import { StatusError } from '../errors.ts';
import { pathString } from './fieldpath.ts';
import type { Conflict, ManagerEntry } from './managedfields.ts';

/** printManager: `"kubectl-edit" using apps/v1` for an Update entry, `"kubectl"` for an Apply one. */
export function printManager(e: ManagerEntry): string {
  let out = JSON.stringify(e.manager);
  if (e.subresource) out = `${out} with subresource ${JSON.stringify(e.subresource)}`;
  // The manager identifier carries no time, so neither does the message.
  return e.operation === 'Update' ? `${out} using ${e.apiVersion}` : out;
}

/** The message: one conflict inline; several grouped by manager (managers sorted), one path per line. */
export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${printManager(c.entry)}: ${pathString(c.path)}`;
  }
  const byManager = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    const key = printManager(c.entry);
    byManager.set(key, [...(byManager.get(key) ?? []), c]);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${manager}:`);
    for (const c of byManager.get(manager)!) lines.push(`- ${pathString(c.path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * The Status of an apply conflict: 409 Conflict, one FieldManagerConflict cause per field,
 * and no name or kind in details (upstream leaves them out). errors.ts has no constructor for
 * this shape yet; it belongs there as `applyConflict`.
 */
export function applyConflict(conflicts: Conflict[]): StatusError {
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: conflictMessage(conflicts), reason: 'Conflict',
    details: { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: pathString(c.path) })) },
    code: 409,
  });
}
