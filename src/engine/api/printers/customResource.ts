// Custom resources: NAME, then the CRD version's additionalPrinterColumns (or a default Age).
// Models staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor/tableconvertor.go
// (New, ConvertToTable, cellForJSONValue) and pkg/apiserver/helpers.go serveDefaultColumnsIfEmpty.
import type { KubeObject } from '../types.ts';
import { humanDuration } from '../meta.ts';
import { parseTimestamp } from './timestamp.ts';
import { findResults, parseJSONPath } from './jsonpath.ts';
import { defaultPrinter } from './default.ts';
import { column, nameColumn, type KindPrinter, type PrintContext, type TableCell } from './table.ts';
import { swaggerDoc } from './swaggerDoc.ts';

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition. */
export interface CustomResourceColumnDefinition {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

// serveDefaultColumnsIfEmpty: a version with no columns shows its age.
const defaultColumns: CustomResourceColumnDefinition[] = [
  { name: 'Age', type: 'date', description: swaggerDoc['metav1.ObjectMeta.creationTimestamp'], jsonPath: '.metadata.creationTimestamp' },
];

/**
 * The printer for one CRD version. A column whose path does not parse makes upstream fall back
 * to the default NAME / CREATED AT table (New returns its error with a default convertor).
 */
export function customResourcePrinter(crdColumns: CustomResourceColumnDefinition[]): KindPrinter {
  const columns = crdColumns.length > 0 ? crdColumns : defaultColumns;
  const paths = columns.map((c) => parseJSONPath(c.jsonPath));
  const steps = paths.flatMap((p) => (p.ok ? [p.steps] : []));
  if (steps.length !== paths.length) return defaultPrinter;
  return {
    columns: [
      nameColumn,
      ...columns.map((c) => column(c.name, c.type,
        c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
        { format: c.format ?? '', priority: c.priority ?? 0 })),
    ],
    print(obj: KubeObject, ctx: PrintContext) {
      const cells: TableCell[] = [obj.metadata?.name ?? ''];
      columns.forEach((c, i) => {
        const found = findResults(steps[i]!, obj);
        // As upstream, only the first value found is shown; nothing found (or an error) is null.
        cells.push(found.ok && found.values.length > 0 ? cellForJSONValue(c.type, found.values[0], ctx.now) : null);
      });
      return { cells };
    },
  };
}

// Models tableconvertor.go cellForJSONValue (a `string` column prints the value as jsonpath's
// PrintResults does). A value that does not fit the column's type is null.
function cellForJSONValue(type: string, value: unknown, now: number): TableCell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer': return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number': return typeof value === 'number' ? value : null;
    case 'boolean': return typeof value === 'boolean' ? value : null;
    case 'string': return printText(value);
    case 'date': return typeof value === 'string' ? humanDate(value, now) : null;
    default: return null;
  }
}

// metav1.Time.UnmarshalQueryParameter accepts '' and 'null' as the zero time, else only RFC 3339.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// metatable.ConvertToHumanReadableDateType, after the parse.
function humanDate(text: string, now: number): string {
  if (text === '' || text === 'null') return '<unknown>';
  const at = RFC3339.test(text) ? parseTimestamp(text) : undefined;
  return at === undefined ? '<invalid>' : humanDuration(now - at);
}

// jsonpath PrintResults: scalars as Go's fmt.Fprint writes them, maps and lists as Go's json.Marshal.
function printText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'boolean') return String(value);
  return goJSON(value);
}

// Integers decode to int64 and print plainly; other numbers are float64, which %v prints in the
// shortest form, with an exponent when it is below -4 or 6 and up (strconv 'g', shortest precision).
export function formatGoFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '');
    return `${mantissa}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
  }
  return String(n);
}

// Go's json.Marshal of a decoded JSON value: map keys sorted, <, > and & escaped.
function goJSON(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (typeof v === 'object' && v !== null) {
      const rec = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(rec).sort().map((k) => [k, sortKeys(rec[k])]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
