// Go's `%v` of a decoded JSON value, as kubectl's custom-columns printer shows a non-string cell:
// maps as `map[k:v ...]` with sorted keys, slices as `[a b]`, nil as `<nil>`.
// Models fmt's printValue for map[string]interface{} and []interface{}.

/** `value` as fmt.Sprintf("%v", value) prints it. */
export function formatGoValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(formatGoValue).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${formatGoValue(v)}`).join(' ')}]`;
  }
  return String(value);
}
