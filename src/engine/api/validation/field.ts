// Field paths and field errors, as the apiserver reports them in an Invalid status.
// Models staging/src/k8s.io/apimachinery/pkg/util/validation/field/path.go and errors.go.
// Import this file as a namespace (`import * as field from './validation/field.ts'`) so calls
// read like upstream's: field.required(path), field.invalid(path, value, detail).
import type { FieldError, FieldErrorType } from '../errors.ts';

export type { FieldError, FieldErrorType };

/**
 * A path to a field: `spec.containers[0].ports[1].containerPort`, `metadata.labels[app]`.
 * Immutable; each step returns a new Path pointing at its parent, as upstream's linked list.
 */
export class Path {
  private constructor(
    /** The field name, or '' when this step is a subscript. */
    private readonly name: string,
    /** The subscript (index or map key) when `name` is ''. */
    private readonly subscript: string,
    private readonly parent: Path | null,
  ) {}

  // Models path.go NewPath.
  static of(name: string, ...more: string[]): Path {
    let p = new Path(name, '', null);
    for (const n of more) p = new Path(n, '', p);
    return p;
  }

  child(name: string, ...more: string[]): Path {
    let p = new Path(name, '', this);
    for (const n of more) p = new Path(n, '', p);
    return p;
  }

  index(i: number): Path {
    return new Path('', String(i), this);
  }

  /** A map key step: renders as `[key]`, unquoted, as upstream does. */
  key(k: string): Path {
    return new Path('', k, this);
  }

  toString(): string {
    const own = this.name ? (this.parent ? '.' : '') + this.name : `[${this.subscript}]`;
    return this.parent ? this.parent.toString() + own : own;
  }
}

export const newPath = Path.of;

/** Upstream passes nil paths in places (labels.Parse); a nil *Path prints as `<nil>`. */
export const pathString = (p: Path | null): string => (p ? p.toString() : '<nil>');

/**
 * A value already rendered the way Go's fmt would print it (a Stringer's String(), or `%#v` of a
 * struct such as `v1.OwnerReference{...}`), for bad values that are not plain scalars.
 */
export class GoSyntax {
  constructor(readonly text: string) {}
}

/** What field errors may carry as their bad value. */
export type FieldValue = string | number | bigint | boolean | null | undefined | readonly string[] | GoSyntax;

// Models Go's strconv.Quote (the %q verb): printable runes stay, the rest are escaped Go-style.
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x20 || c === 0x7f) out += GO_CONTROL_ESCAPES[c] ?? `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
    else if ((c >= 0x80 && c <= 0x9f) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff)
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

const GO_CONTROL_ESCAPES: Record<number, string> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v',
};

// Models errors.go ErrorBody's value formatting: strings %q, scalars plain, nil as "null".
export function renderValue(v: FieldValue): string {
  if (v === null || v === undefined) return '"null"';
  if (v instanceof GoSyntax) return v.text;
  if (typeof v === 'string') return goQuote(v);
  if (Array.isArray(v)) return `[]string{${v.map(goQuote).join(', ')}}`;
  return String(v);
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found', FieldValueRequired: 'Required value', FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value', FieldValueNotSupported: 'Unsupported value', FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long', FieldValueTooMany: 'Too many', InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

const OMIT = Symbol('omit value');

function fieldError(type: FieldErrorType, path: Path | null, value: FieldValue | typeof OMIT, detail: string): FieldError {
  const showsValue = value !== OMIT && !['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError'].includes(type);
  let body = TYPE_TEXT[type];
  if (showsValue) body += `: ${renderValue(value)}`;
  if (detail) body += `: ${detail}`;
  return { type, field: pathString(path), body };
}

export const required = (path: Path | null, detail = '') => fieldError('FieldValueRequired', path, OMIT, detail);
export const invalid = (path: Path | null, value: FieldValue, detail: string) => fieldError('FieldValueInvalid', path, value, detail);
export const typeInvalid = (path: Path | null, value: FieldValue, detail: string) => fieldError('FieldValueTypeInvalid', path, value, detail);
export const notFound = (path: Path | null, value: FieldValue) => fieldError('FieldValueNotFound', path, value, '');
export const duplicate = (path: Path | null, value: FieldValue) => fieldError('FieldValueDuplicate', path, value, '');
export const forbidden = (path: Path | null, detail: string) => fieldError('FieldValueForbidden', path, OMIT, detail);
export const internalError = (path: Path | null, message: string) => fieldError('InternalError', path, OMIT, message);

// Models errors.go NotSupported: `supported values: "A", "B"`.
export const notSupported = (path: Path | null, value: FieldValue, validValues: readonly string[]) =>
  fieldError('FieldValueNotSupported', path, value, validValues.length ? `supported values: ${validValues.map(goQuote).join(', ')}` : '');

// Models errors.go TooLong: the value is never shown.
export const tooLong = (path: Path | null, maxLength: number) =>
  fieldError('FieldValueTooLong', path, OMIT, maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long');

// Models errors.go TooMany: the count is shown unless unknown (negative).
export const tooMany = (path: Path | null, actual: number, max: number) =>
  fieldError('FieldValueTooMany', path, actual >= 0 ? actual : OMIT, max >= 0 ? `must have at most ${max} items` : 'has too many items');

/** `<field>: <body>`, as field.Error.Error(). */
export const errorString = (e: FieldError) => `${e.field}: ${e.body}`;

/** Go's len(): strings are measured in UTF-8 bytes. */
export const byteLength = (s: string): number => utf8.encode(s).length;
const utf8 = new TextEncoder();
