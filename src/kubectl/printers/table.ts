// kubectl's human-readable printer for server-side Tables: decorates a Table (NAMESPACE column,
// `kind/name`, label columns) and lays it out with a tabwriter.
// Models cli-runtime/pkg/printers/tableprinter.go (decorateTable, printTable, appendCellValue)
// and tabwriter.go (github.com/liggitt/tabwriter: minwidth 6, padding 3, RememberWidths).
import type { Table, TableRow } from '../../engine/api/index.ts';

type TableCell = TableRow['cells'][number];

/** What decorates and filters a table, as tableprinter's PrintOptions. */
export interface TablePrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  withNamespace?: boolean;
  /** `deployment.apps`: prefix NAME cells with it (several kinds printed, or --show-kind). */
  kindPrefix?: string;
  showLabels?: boolean;
  labelColumns?: string[];
  /** A watch event type (`ADDED`): adds the EVENT column (--output-watch-events). */
  eventType?: string;
}

const MIN_WIDTH = 6;
const PADDING = 3;

/**
 * A text/tabwriter that aligns tab-separated cells into columns. Every cell but a line's last is
 * padded to its column's width: the widest cell plus 3, at least 6. With RememberWidths (liggitt's
 * fork, used by kubectl) the widths of earlier flushes are kept, so a watch's later rows line up
 * with its header.
 */
export class TabWriter {
  private lines: string[][] = [];
  private remembered: number[] = [];

  /** Adds one line of cells. */
  writeLine(cells: string[]): void {
    this.lines.push(cells);
  }

  /** Forgets remembered widths (get.go does so when it moves to another kind). */
  resetWidths(): void {
    this.remembered = [];
  }

  /** The aligned text of the lines written since the last flush. */
  flush(): string {
    const widths = [...this.remembered];
    for (const line of this.lines) {
      line.slice(0, -1).forEach((cell, i) => {
        widths[i] = Math.max(widths[i] ?? MIN_WIDTH, textWidth(cell) + PADDING, MIN_WIDTH);
      });
    }
    this.remembered = widths;
    const out = this.lines.map((line) =>
      line.map((cell, i) => (i < line.length - 1 ? cell + ' '.repeat(widths[i]! - textWidth(cell)) : cell)).join('') + '\n');
    this.lines = [];
    return out.join('');
  }
}

// Runes, as Go's tabwriter counts them.
const textWidth = (s: string) => [...s].length;

/** labels.FormatLabels: sorted `k=v` joined by commas, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

// As appendCellValue: a cell stops at its first line break (then `...`); escapes are made visible.
function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  const s = typeof cell === 'string' ? cell : String(cell);
  const brk = s.search(/[\n\r\f]/);
  const shown = brk >= 0 ? s.slice(0, brk) : s;
  return shown.split(String.fromCharCode(0x1b)).join('^[') + (brk >= 0 ? '...' : '');
}

const metadataOf = (row: TableRow) => (row.object && 'metadata' in row.object ? row.object.metadata : undefined);

/** Whether printing `table` would print anything (a header is not printed for no rows). */
export const hasRows = (table: Table) => (table.rows ?? []).length > 0;

/**
 * Writes `table` to `tw`, as printTable: no header without rows; priority-1 columns only when
 * wide; NAMESPACE first with -A; label columns, then LABELS, last.
 */
export function writeTable(tw: TabWriter, table: Table, options: TablePrintOptions): void {
  const rows = table.rows ?? [];
  const columns = (table.columnDefinitions ?? []).map((c, i) => ({ ...c, index: i }))
    .filter((c) => options.wide || c.priority === 0);
  const nameColumn = (table.columnDefinitions ?? []).findIndex((c) => c.format === 'name' && c.type === 'string');
  const labelHeaders = (options.labelColumns ?? []).map((l) => l.split('/').at(-1)!.toUpperCase());
  if (!options.noHeaders && rows.length > 0) {
    tw.writeLine([
      ...(options.eventType !== undefined ? ['EVENT'] : []),
      ...(options.withNamespace ? ['NAMESPACE'] : []),
      ...columns.map((c) => c.name.toUpperCase()),
      ...labelHeaders,
      ...(options.showLabels ? ['LABELS'] : []),
    ]);
  }
  for (const row of rows) {
    const meta = metadataOf(row);
    const cells = columns.map((c) => {
      const text = cellText(row.cells[c.index]);
      return options.kindPrefix && c.index === nameColumn ? `${options.kindPrefix}/${text}` : text;
    });
    tw.writeLine([
      ...(options.eventType !== undefined ? [formatEventType(options.eventType)] : []),
      ...(options.withNamespace ? [meta?.namespace ?? ''] : []),
      ...cells,
      ...(options.labelColumns ?? []).map((k) => meta?.labels?.[k] ?? ''),
      ...(options.showLabels ? [formatLabels(meta?.labels)] : []),
    ]);
  }
}

// tableprinter.go formattedEventType: padded to the width of MODIFIED.
const formatEventType = (t: string) => ({ ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' } as Record<string, string>)[t] ?? t;
