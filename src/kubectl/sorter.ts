// --sort-by: order objects (or a Table's rows) by a JSONPath field. Objects without the field
// come first; numbers compare as numbers, strings in natural order (`pod-2` before `pod-10`).
// Models kubernetes/kubectl pkg/cmd/get/sorter.go (NewTableSorter, SortObjects, isLess) and
// github.com/fvbommel/sortorder NaturalLess.
import { KubectlError } from './errors.ts';
import { evaluate, parseJSONPath, relaxedJSONPath } from './printers/jsonpath.ts';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** sortorder.NaturalLess: digit runs compare by value, everything else byte by byte. */
export function naturalCompare(a: string, b: string): number {
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (isDigit(a[i]) && isDigit(b[j])) {
      let ie = i, je = j;
      while (isDigit(a[ie])) ie++;
      while (isDigit(b[je])) je++;
      const an = a.slice(i, ie).replace(/^0+/, ''), bn = b.slice(j, je).replace(/^0+/, '');
      if (an.length !== bn.length) return an.length - bn.length;
      if (an !== bn) return an < bn ? -1 : 1;
      // Equal values: fewer leading zeros first.
      if (ie - i !== je - j) return (ie - i) - (je - j);
      i = ie; j = je;
    } else {
      if (a[i] !== b[j]) return a[i]! < b[j]! ? -1 : 1;
      i++; j++;
    }
  }
  return (a.length - i) - (b.length - j);
}

function compareField(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return naturalCompare(x, y);
  return naturalCompare(String(x), String(y));
}

/** The error kubectl gives when no object has the sort field. */
export const missingSortField = (field: string) =>
  new KubectlError(`couldn't find any field with path ${JSON.stringify(relaxedJSONPath(field))} in the list of objects`);

/**
 * `items` sorted by `field` of `objectOf(item)`, stable; undefined when no item has the field
 * (and there are items), which kubectl treats as an error.
 */
export function sortByField<T>(items: readonly T[], objectOf: (item: T) => unknown, field: string): T[] | undefined {
  const [node] = parseJSONPath(relaxedJSONPath(field));
  const keyed = items.map((item) => ({ item, values: node?.type === 'path' ? evaluate([objectOf(item)], node.steps) : [] }));
  if (items.length > 0 && !keyed.some((k) => k.values.length > 0)) return undefined;
  return keyed.sort((a, b) => {
    if (a.values.length === 0) return b.values.length === 0 ? 0 : -1;
    if (b.values.length === 0) return 1;
    return compareField(a.values[0], b.values[0]);
  }).map((k) => k.item);
}
