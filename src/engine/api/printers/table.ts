// The meta.k8s.io/v1 Table a real apiserver returns for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
// and the small vocabulary every kind's printer is written in.
// Models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (Table, TableColumnDefinition, TableRow).
import type { KubeObject, ObjectMeta } from '../types.ts';
import { swaggerDoc, type SwaggerDocKey } from './swaggerDoc.ts';

/**
 * One column. Upstream's Go struct has no `omitempty`, so every field is always present in JSON
 * (`format: ""`, `priority: 0`). Priority 1 columns are the ones kubectl shows only with `-o wide`.
 */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** OpenAPI format modifier: `name` for the object's name column, otherwise usually empty. */
  format: string;
  description: string;
  priority: number;
}

/** A cell as Go's JSON encoding writes it: int64 and float64 are numbers, nil is null. */
export type TableCell = string | number | boolean | null;

/** A row condition; upstream only sets `Completed` (for Succeeded/Failed pods). */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** The `object` of a row with the default includeObject=Metadata. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (default), the full object (includeObject=Object) or null (includeObject=None). */
  object: PartialObjectMetadata | KubeObject | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** null when the client asked for no headers (TableOptions.noHeaders), as upstream's nil slice encodes. */
  columnDefinitions: TableColumnDefinition[] | null;
  /** null only from the default convertor with no items (its rows slice stays nil upstream). */
  rows: TableRow[] | null;
}

/** What a kind's print function needs besides the object: the virtual clock's now. */
export interface PrintContext {
  now: number;
}

/** A print function's result for one object: the cells, and conditions where upstream sets them. */
export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

/**
 * One kind's printer: its column definitions as printers.go AddHandlers declares them, and its
 * print function. Cells always include the wide (priority 1) columns: the apiserver generates
 * tables with `Wide: true` (pkg/printers/storage/storage.go) and kubectl hides the wide columns.
 */
export interface KindPrinter {
  columns: TableColumnDefinition[];
  print(obj: KubeObject, ctx: PrintContext): PrintedRow;
  /**
   * The row order of a list, for the few list handlers that sort (printFlowSchemaList); absent
   * means the list's own order.
   */
  compare?(a: KubeObject, b: KubeObject): number;
}

interface ColumnOptions {
  format?: string;
  priority?: number;
}

/** A column whose description is literal text in printers.go. */
export function column(name: string, type: string, description: string, opts: ColumnOptions = {}): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** A column whose description is a field's swagger doc (`apiv1.PodSpec{}.SwaggerDoc()["nodeName"]`). */
export function docColumn(name: string, type: string, doc: SwaggerDocKey, opts: ColumnOptions = {}): TableColumnDefinition {
  return column(name, type, swaggerDoc[doc], opts);
}

/** The `Name` column every handler starts with. */
export const nameColumn = docColumn('Name', 'string', 'metav1.ObjectMeta.name', { format: 'name' });

/** The `Age` column: the creation timestamp's doc, printed as a human duration. */
export const ageColumn = docColumn('Age', 'string', 'metav1.ObjectMeta.creationTimestamp');

/** Wide `Containers` and `Images` columns of the workload kinds. */
export const containersColumn = column('Containers', 'string', 'Names of each container in the template.', { priority: 1 });
export const imagesColumn = column('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 });

/** A container as the wide columns read it. */
export interface ContainerNameImage {
  name?: string;
  image?: string;
}

// Models printers.go layoutContainerCells: names and images of the regular containers, each joined by `,`.
export function layoutContainerCells(containers: ContainerNameImage[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}
