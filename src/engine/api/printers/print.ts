// Server-side printing: objects of one resource into the meta.k8s.io/v1 Table.
// Models pkg/printers/tablegenerator.go GenerateTable (with the Wide: true of
// pkg/printers/storage/storage.go) and staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go
// asTable, which replaces each row's object according to includeObject.
import type { KubeObject } from '../types.ts';
import { customResourcePrinter, type CustomResourceColumnDefinition } from './customResource.ts';
import { defaultPrinter } from './default.ts';
import { printerFor } from './registry.ts';
import type { KindPrinter, Table, TableRow } from './table.ts';

/** Which resource the objects are, as the request named it. */
export interface PrintedResource {
  group: string;
  version: string;
  /** Plural: `pods`. */
  resource: string;
  kind: string;
}

export interface PrintOptions {
  /** The virtual clock's now, in ms: every age is computed against it. */
  now: number;
  /** metav1.TableOptions includeObject: Metadata (default) gives PartialObjectMetadata, Object the object, None null. */
  includeObject?: 'None' | 'Metadata' | 'Object';
  /** metav1.TableOptions noHeaders: leave the column definitions out (kubectl's watch after the first table). */
  noHeaders?: boolean;
  /**
   * For a custom resource: the served CRD version's additionalPrinterColumns. Present (even empty)
   * means "this is a custom resource"; empty gets the default Age column, as upstream.
   */
  crdColumns?: CustomResourceColumnDefinition[];
  /** The list's (or, for a single object, the object's) resourceVersion, continue token and remaining count. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** The Table a v1.33 apiserver returns for these objects of this resource. */
export function printTable(resource: PrintedResource, objects: KubeObject[], opts: PrintOptions): Table {
  const printer = choosePrinter(resource, opts);
  const ctx = { now: opts.now };
  const compare = printer.compare;
  const ordered = compare ? [...objects].sort((a, b) => compare(a, b)) : objects;
  const rows: TableRow[] = ordered.map((obj) => {
    const printed = printer.print(obj, ctx);
    const row: TableRow = { cells: printed.cells, object: rowObject(obj, opts.includeObject) };
    if (printed.conditions) row.conditions = printed.conditions;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    // The default convertor appends to a nil slice, so an empty list encodes its rows as null.
    rows: rows.length === 0 && printer === defaultPrinter ? null : rows,
  };
}

function choosePrinter(resource: PrintedResource, opts: PrintOptions): KindPrinter {
  if (opts.crdColumns) return customResourcePrinter(opts.crdColumns);
  return printerFor(resource.group, resource.resource) ?? defaultPrinter;
}

// asTable: the row keeps the full object only when asked; by default it carries the object's
// metadata as a PartialObjectMetadata of the Table's own group-version.
function rowObject(obj: KubeObject, includeObject: PrintOptions['includeObject']): TableRow['object'] {
  switch (includeObject) {
    case 'Object': return obj;
    case 'None': return null;
    default: return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { ...obj.metadata } };
  }
}
