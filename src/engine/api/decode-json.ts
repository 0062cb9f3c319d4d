// A JSON document as the Go decoder sees it: every key in document order, duplicates kept, and
// each number's literal text (Go reports `number 1.0`, and refuses 1.0 for an int32, where
// JSON.parse would have made it 1). Built from the request's raw text when there is one, else
// from an already-decoded value (which can hold no duplicates).
import type { JsonValue } from './patch/value.ts';

/** A number with the literal it was written as. */
export interface NumberNode {
  readonly literal: string;
  readonly value: number;
}

/** An object with its keys in order, duplicates included. */
export interface ObjectNode {
  readonly entries: readonly (readonly [string, JsonNode])[];
}

export type JsonNode = null | boolean | string | NumberNode | ObjectNode | JsonNode[];

export const isObjectNode = (node: JsonNode): node is ObjectNode =>
  typeof node === 'object' && node !== null && !Array.isArray(node) && 'entries' in node;

export const isNumberNode = (node: JsonNode): node is NumberNode =>
  typeof node === 'object' && node !== null && !Array.isArray(node) && 'literal' in node;

/** The node tree of a decoded value. */
export function nodeOf(value: JsonValue): JsonNode {
  if (Array.isArray(value)) return value.map(nodeOf);
  if (typeof value === 'number') return { literal: String(value), value };
  if (typeof value === 'object' && value !== null) return { entries: Object.keys(value).map((k) => [k, nodeOf(value[k]!)] as const) };
  return value;
}

/** The node tree of a JSON text, or undefined if the text is not JSON. */
export function parseNodes(text: string): JsonNode | undefined {
  let at = 0;
  const fail = Symbol('not JSON');
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (s: string) => {
    if (text.startsWith(s, at)) at += s.length;
    else throw fail;
  };
  const string = (): string => {
    const start = at;
    expect('"');
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    expect('"');
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): JsonNode => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const entries: [string, JsonNode][] = [];
      space();
      if (text[at] === '}') { at++; return { entries }; }
      for (;;) {
        space();
        const key = string();
        space();
        expect(':');
        entries.push([key, value()]);
        space();
        if (text[at] === ',') { at++; continue; }
        expect('}');
        return { entries };
      }
    }
    if (c === '[') {
      at++;
      const items: JsonNode[] = [];
      space();
      if (text[at] === ']') { at++; return items; }
      for (;;) {
        items.push(value());
        space();
        if (text[at] === ',') { at++; continue; }
        expect(']');
        return items;
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const)
      if (text.startsWith(word, at)) { at += word.length; return v; }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!m) throw fail;
    at += m[0].length;
    return { literal: m[0], value: Number(m[0]) };
  };
  try {
    const root = value();
    space();
    return at === text.length ? root : undefined;
  } catch (e) {
    if (e === fail || e instanceof SyntaxError) return undefined;
    throw e;
  }
}
