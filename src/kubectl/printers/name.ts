// kubectl -o name: `kind[.group]/name`, the kind lowercased.
// Models cli-runtime/pkg/printers/name.go (NamePrinter).
import type { KubeObject } from '../../engine/api/index.ts';

/** `deployment.apps/web`, `pod/nginx`; with an operation, `pod/nginx created`. */
export function printName(obj: KubeObject, operation?: string): string {
  const [group] = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion ?? '').split('/') : [''];
  const kind = (group ? `${obj.kind}.${group}` : obj.kind ?? '').toLowerCase();
  return `${kind}/${obj.metadata?.name ?? ''}${operation ? ` ${operation}` : ''}\n`;
}
