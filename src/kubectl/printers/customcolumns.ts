// kubectl -o custom-columns=HEADER:.json.path,...: one column per spec, values by JSONPath,
// `<none>` where a path selects nothing, other values as Go's %v (`map[app:web]`). Models cli-runtime/pkg/printers/customcolumn.go.
import type { KubeObject } from '../../engine/api/index.ts';
import { KubectlError } from '../errors.ts';
import { formatGoValue } from './gofmt.ts';
import { evaluate, parseJSONPath, relaxedJSONPath } from './jsonpath.ts';
import { TabWriter } from './table.ts';

export interface CustomColumn {
  header: string;
  path: string;
}

/** Parses `NAME:.metadata.name,IMAGE:.spec.containers[0].image`, with kubectl's error text. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new KubectlError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedJSONPath(part.slice(colon + 1)) };
  });
}

/** The aligned table for `objects`; a header line unless `noHeaders`. */
export function printCustomColumns(columns: CustomColumn[], objects: KubeObject[], noHeaders: boolean): string {
  const tw = new TabWriter();
  if (!noHeaders) tw.writeLine(columns.map((c) => c.header));
  for (const obj of objects) {
    tw.writeLine(columns.map((c) => {
      const [node] = parseJSONPath(c.path);
      const values = node && node.type === 'path' ? evaluate([obj], node.steps) : [];
      return values.length === 0 ? '<none>' : values.map(formatGoValue).join(',');
    }));
  }
  return tw.flush();
}
