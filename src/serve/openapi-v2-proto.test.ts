import { describe, expect, it } from 'vitest';
import { encodeOpenApiV2, type JsonObject } from './openapi-v2-proto.ts';

// Expected bytes worked out by hand from gnostic-models openapiv2/OpenAPIv2.proto:
// key = field << 3 | wire type (0 varint, 2 length-delimited), then the length and the bytes.
const hex = (b: Buffer) => b.toString('hex');
const str = (s: string) => Buffer.from(s).toString('hex');
const len = (h: string) => (h.length / 2).toString(16).padStart(2, '0');
/** A varint of a small number (below 2^14), as hex. */
const varint = (n: number) => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, n >> 7]).map((b) => b.toString(16).padStart(2, '0')).join('');
/** A length-delimited field (short payloads only: one-byte lengths). */
const field = (n: number, payloadHex: string) => varint((n << 3) | 2) + len(payloadHex) + payloadHex;
const doc = (paths: JsonObject, rest: JsonObject = {}): JsonObject => ({ swagger: '2.0', paths, ...rest });

describe('encodeOpenApiV2', () => {
  it.each([
    { name: 'the smallest document: swagger (1) and the required, empty paths (8)', input: doc({}), want: field(1, str('2.0')) + field(8, '') },
    {
      name: 'a schema: $ref (1), description (4), type as TypeItem (22), an x- extension as NamedAny with YAML (31)',
      input: doc({}, { definitions: { A: { $ref: '#/definitions/B', description: 'd', type: 'object', 'x-kubernetes-map-type': 'atomic' } } }),
      want: field(1, str('2.0')) + field(8, '') + field(9, field(1, field(1, str('A')) + field(2,
        field(1, str('#/definitions/B')) + field(4, str('d')) + field(22, field(1, str('object')))
        + field(31, field(1, str('x-kubernetes-map-type')) + field(2, field(2, str('atomic\n'))))))),
    },
    {
      name: 'additionalProperties: false is the oneof boolean (2), written although false',
      input: doc({}, { definitions: { A: { additionalProperties: false } } }),
      want: field(1, str('2.0')) + field(8, '') + field(9, field(1, field(1, str('A')) + field(2, field(21, '1000')))),
    },
    {
      name: 'a query parameter (NonBodyParameter 3) has allow_empty_value at 5, so type is 6 and uniqueItems 20; a path one (4) has type at 5',
      input: doc({ '/p': { parameters: [
        { uniqueItems: true, type: 'string', name: 'q', in: 'query' },
        { type: 'string', name: 'n', in: 'path', required: true },
        { $ref: '#/parameters/x' },
      ] } }),
      want: field(1, str('2.0')) + field(8, field(2, field(1, str('/p')) + field(2,
        field(9, field(1, field(2, field(3, field(2, str('query')) + field(4, str('q')) + field(6, str('string')) + 'a00101'))))
        + field(9, field(1, field(2, field(4, '0801' + field(2, str('path')) + field(4, str('n')) + field(5, str('string'))))))
        + field(9, field(2, field(1, str('#/parameters/x'))))))),
    },
  ])('$name', ({ input, want }) => {
    expect(hex(encodeOpenApiV2(input))).toBe(want);
  });

  it('refuses what gnostic would refuse: a v3-only schema key', () => {
    expect(() => encodeOpenApiV2(doc({}, { definitions: { A: { oneOf: [] } } }))).toThrow('schema key oneOf has no place in openapi_v2.Schema');
  });
});
