// Go's standard text/tabwriter, as describe output is laid out with it (describe.go tabbedString:
// minwidth 0, tabwidth 8, padding 2, padchar ' ', no flags). Unlike get's tables (liggitt's fork,
// one width per column for the whole table), text/tabwriter aligns a column only over a *block*:
// consecutive lines that all have a tab-terminated cell in that column. A line without that cell
// ends the block, so `Labels:` lines align with `Name:` but not with a later `Events:` table.
// Models golang.org/src/text/tabwriter/tabwriter.go (format, writeLines).

const PADDING = 2;

/** Lays out tab-separated text: every tab-terminated cell is padded to its block's width + 2. */
export function tabwrite(text: string): string {
  const lines = text.split('\n');
  const trailingNewline = lines.at(-1) === '';
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const out: string[] = [];
  format(cells, 0, cells.length, [], out);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

// Go's format(): find the blocks of column `widths.length` within [line0, line1), fix its
// width, and recurse to the next column inside each block.
function format(cells: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
  const column = widths.length;
  let start = line0;
  for (let i = line0; i < line1; i++) {
    if (column >= cells[i]!.length - 1) continue;
    writeLines(cells, start, i, widths, out);
    let width = 0;
    let end = i;
    for (; end < line1 && column < cells[end]!.length - 1; end++) {
      width = Math.max(width, runeWidth(cells[end]![column]!) + PADDING);
    }
    format(cells, i, end, [...widths, width], out);
    start = end;
    i = end - 1;
  }
  writeLines(cells, start, line1, widths, out);
}

function writeLines(cells: string[][], from: number, to: number, widths: number[], out: string[]): void {
  for (let i = from; i < to; i++) {
    const line = cells[i]!;
    out.push(line.map((cell, j) => (j < widths.length && j < line.length - 1 ? cell + ' '.repeat(Math.max(0, widths[j]! - runeWidth(cell))) : cell)).join(''));
  }
}

const runeWidth = (s: string) => [...s].length;
