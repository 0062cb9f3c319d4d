// How Go prints the decoded JSON values that strategic merge patch errors quote: fmt's %v of
// map[string]interface{} (`map[image:nginx name:web]`, keys sorted), of []interface{}
// (`[a b]`), and reflect's names of their types. Patch values are decoded with PreserveInts,
// so whole numbers are int64 and the rest float64.
import type { JsonValue } from './value.ts';

/** fmt.Sprintf("%v", value) */
export function goFormat(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') return `map[${Object.keys(value).sort().map((k) => `${k}:${goFormat(value[k])}`).join(' ')}]`;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  return String(value);
}

// strconv.FormatFloat(f, 'g', -1, 64) as %v uses it: exponent form below 1e-4 or from 1e21.
function goFloat(f: number): string {
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp >= -4 && exp < 21) return String(f);
  const [mantissa = '', e = '0'] = f.toExponential().split('e');
  const n = Number(e);
  return `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** reflect.TypeOf(value).String() for a decoded JSON value. */
export function goTypeString(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return typeof value === 'boolean' ? 'bool' : 'string';
}
