// kubectl -o json: the object as the API holds it, keys sorted (kubectl prints unstructured
// maps, which Go's encoding/json sorts), indented by four spaces, HTML characters escaped as
// encoding/json does. Models cli-runtime/pkg/printers/json.go (JSONPrinter).

/** `value` with every object's keys sorted, as encoding/json marshals a map. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

// encoding/json escapes these for HTML safety (and the two JavaScript line separators).
const escapeHTML = (text: string) => text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Go's json.MarshalIndent(v, "", "    ") plus the printer's newline. */
export function printJSON(value: unknown): string {
  return `${escapeHTML(JSON.stringify(sortKeys(value), null, 4))}\n`;
}

/** Go's json.MarshalIndent of a struct: keys in the order given (a struct's field order), HTML escaped, no newline. */
export const marshalIndent = (value: unknown, indent: string): string => escapeHTML(JSON.stringify(value, null, indent));

/** Go's json.Marshal(v): compact, keys sorted, HTML escaped. */
export const compactJSON = (value: unknown): string => escapeHTML(JSON.stringify(sortKeys(value)) ?? '');
