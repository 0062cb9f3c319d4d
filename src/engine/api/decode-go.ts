// What Go's decoder says about the values it refuses: the Go type names of fields, and the
// errors of the types that unmarshal themselves (resource.Quantity, metav1.Time, []byte).
import { builtinSchemas, goTypeName, type CompactSchema, type SchemaSource } from './schema.ts';

// Go type names of the definitions with their own unmarshalers.
const GO_NAMES: Record<string, string> = {
  quantity: 'resource.Quantity',
  'int-or-string': 'intstr.IntOrString',
};

/** The Go type a field decodes into, as reflect prints it: int32, []string, map[string]string, v1.PodSpec. */
export function goTypeOf(schema: CompactSchema, source: SchemaSource = builtinSchemas): string {
  if (schema.r !== undefined) {
    const target = source.definition(schema.r);
    if (target?.t !== undefined && Object.hasOwn(GO_NAMES, target.t)) return GO_NAMES[target.t]!;
    return goTypeName(schema.r);
  }
  switch (schema.t) {
    case 'string': return schema.f === 'byte' ? '[]uint8' : 'string';
    case 'integer': return schema.f === 'int64' ? 'int64' : 'int32';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'array': return `[]${schema.i ? goTypeOf(schema.i, source) : 'interface {}'}`;
    case 'object': return schema.a ? `map[string]${goTypeOf(schema.a, source)}` : 'map[string]interface {}';
    case 'quantity': case 'int-or-string': return GO_NAMES[schema.t]!;
    default: return 'interface {}';
  }
}

/** Go's strconv.Quote, which strict decoding errors use for field paths. */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (Object.hasOwn(named, ch)) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// Models apimachinery/pkg/api/resource/quantity.go ParseQuantity: which of its three errors a
// text gets. (Whether a valid quantity is in range is validation's business, not decoding's.)
const QUANTITY_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** The error Quantity.UnmarshalJSON gives for a text, or undefined if it parses. */
export function quantityDecodeError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return undefined;
  const m = QUANTITY_FORMAT.exec(trimmed);
  if (!m) return QUANTITY_FORMAT_ERROR;
  const [, number = '', suffix = ''] = m;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(number)) return 'unable to parse numeric part of quantity';
  if (!SUFFIXES.has(suffix) && !/^[eE][-+]?\d+$/.test(suffix)) return "unable to parse quantity's suffix";
  return undefined;
}

// Models encoding/base64 (*Encoding).Decode with StdEncoding: the offset of the first byte
// that makes the input illegal; CR and LF are skipped, as Go does.
const BASE64 = /[A-Za-z0-9+/]/;

/** `illegal base64 data at input byte N`, or undefined if the text is valid standard base64. */
export function base64DecodeError(text: string): string | undefined {
  const corrupt = (n: number) => `illegal base64 data at input byte ${n}`;
  let si = 0;
  const skipNewlines = () => { while (si < text.length && (text[si] === '\n' || text[si] === '\r')) si++; };
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === text.length) return j === 0 ? undefined : corrupt(si - j);
      const c = text[si++]!;
      if (BASE64.test(c)) continue;
      if (c === '\n' || c === '\r') { j--; continue; }
      if (c !== '=' || j < 2) return corrupt(si - 1);
      if (j === 2) {
        skipNewlines();
        if (si === text.length) return corrupt(text.length);
        if (text[si] !== '=') return corrupt(si - 1);
        si++;
      }
      skipNewlines();
      return si < text.length ? corrupt(si) : undefined;
    }
  }
}

// Models time.Parse(time.RFC3339, s), which metav1.Time.UnmarshalJSON calls: the layout is
// walked element by element, and the error names the first element the text does not match.
const RFC3339 = '2006-01-02T15:04:05Z07:00';
const ELEMENTS: [layout: string, pattern: RegExp, range?: [string, number, number]][] = [
  ['2006', /^\d{4}/], ['-', /^-/], ['01', /^\d{2}/, ['month', 1, 12]], ['-', /^-/], ['02', /^\d{2}/, ['day', 1, 31]],
  ['T', /^T/], ['15', /^\d{2}/, ['hour', 0, 23]], [':', /^:/], ['04', /^\d{2}/, ['minute', 0, 59]], [':', /^:/],
  ['05', /^\d{2}([.,]\d+)?/, ['second', 0, 59]], ['Z07:00', /^(Z|[+-]\d{2}:\d{2})/],
];

/** The error metav1.Time gives for a text, or undefined if it is RFC 3339. */
export function rfc3339DecodeError(text: string): string | undefined {
  let rest = text;
  for (const [layout, pattern, range] of ELEMENTS) {
    const m = pattern.exec(rest);
    if (!m) return `parsing time ${goQuote(text)} as ${goQuote(RFC3339)}: cannot parse ${goQuote(rest)} as ${goQuote(layout)}`;
    if (range && (Number.parseInt(m[0], 10) < range[1] || Number.parseInt(m[0], 10) > range[2]))
      return `parsing time ${goQuote(text)}: ${range[0]} out of range`;
    rest = rest.slice(m[0].length);
  }
  return rest === '' ? undefined : `parsing time ${goQuote(text)}: extra text: ${goQuote(rest)}`;
}
