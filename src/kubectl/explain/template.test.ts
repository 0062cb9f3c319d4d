import { describe, expect, it } from 'vitest';
import { ExplainError, extractEnum, fieldDetail, renderPlaintext, typeGuess, type SchemaNode } from './template.ts';

// A custom resource's document, shaped as kube-apiserver publishes one: a namespaced path
// carrying the kind, the kind's schema, and a spec that holds itself (a cycle).
const WIDGET_GVK = { group: 'example.com', kind: 'Widget', version: 'v1' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const document: SchemaNode = {
  paths: {
    '/apis/example.com/v1/namespaces/{namespace}/widgets': { get: { 'x-kubernetes-group-version-kind': WIDGET_GVK } },
    '/apis/example.com/v1/things': { post: { 'x-kubernetes-group-version-kind': { group: 'example.com', kind: 'Thing', version: 'v1' } } },
  },
  components: {
    schemas: {
      'com.example.v1.Widget': {
        description: 'A widget.', type: 'object', 'x-kubernetes-group-version-kind': [WIDGET_GVK],
        properties: { spec: { allOf: [ref('com.example.v1.WidgetSpec')], description: 'What the widget should be.' } },
      },
      'com.example.v1.WidgetSpec': {
        description: 'WidgetSpec describes a widget.', type: 'object', required: ['size'],
        properties: {
          mode: { type: 'string', description: 'How it runs.', enum: ['', 'Fast', 'Slow', 'Auto', 'Manual'] },
          size: { type: 'integer', format: 'int32', description: 'Its size.' },
          parts: { type: 'array', items: { allOf: [ref('com.example.v1.WidgetSpec')] }, description: 'Widgets inside.' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      'v1.Time': { type: 'string', format: 'date-time' },
    },
  },
};

const HEADER = 'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\n';
const widgets = (fieldPath: string[], recursive = false) => ({ group: 'example.com', version: 'v1', resource: 'widgets', fieldPath, recursive });

describe('renderPlaintext', () => {
  it.each([
    { name: 'a kind prints its description and each field with its description', req: widgets([]),
      want: `${HEADER}DESCRIPTION:\n    A widget.\n    \nFIELDS:\n  spec\t<WidgetSpec>\n    What the widget should be.\n\n\n` },
    { name: 'a field prints FIELD, the descriptions of the field and of its type, and a recursive field tree that stops at a cycle',
      req: widgets(['spec'], true),
      want: `${HEADER}FIELD: spec <WidgetSpec>\n\n\nDESCRIPTION:\n    What the widget should be.\n    WidgetSpec describes a widget.\n    \nFIELDS:\n` +
        '  labels\t<map[string]string>\n  mode\t<string>\n  enum: "", Fast, Slow, Auto, ....\n  parts\t<[]WidgetSpec>\n  size\t<integer> -required-\n\n' },
    { name: 'a scalar field lists its enum in the long view and has no FIELDS', req: widgets(['spec', 'mode']),
      want: `${HEADER}FIELD: mode <string>\nENUM:\n    ""\n    Fast\n    Slow\n    Auto\n    Manual\n\nDESCRIPTION:\n    How it runs.\n    \n\n` },
    { name: 'a field without any description reads <empty>', req: widgets(['spec', 'labels']),
      want: `${HEADER}FIELD: labels <map[string]string>\n\n\nDESCRIPTION:\n    <empty>\n\n` },
    { name: 'a path goes through list items', req: widgets(['spec', 'parts', 'size']),
      want: `${HEADER}FIELD: size <integer>\n\n\nDESCRIPTION:\n    Its size.\n    \n\n` },
  ])('$name', ({ req, want }) => expect(renderPlaintext(document, req)).toBe(want));

  it.each([
    { name: 'a missing field names the last field of the path, after the header was written', req: widgets(['bogus', 'name']),
      message: 'error: field "name" does not exist', partial: HEADER },
    { name: 'a resource the document has no path for is a GVR error', req: { ...widgets([]), resource: 'gadgets' },
      message: 'error: GVR (example.com/v1, Resource=gadgets) not found in OpenAPI schema', partial: '' },
    { name: 'a kind no schema carries is a GVK error', req: { ...widgets([]), resource: 'things' },
      message: 'error: GVK map[group:example.com kind:Thing version:v1] not found in OpenAPI schema', partial: 'GROUP:      example.com\nKIND:       Thing\nVERSION:    v1\n\n' },
  ])('$name', ({ req, message, partial }) => {
    let thrown: unknown;
    try {
      renderPlaintext(document, req);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ExplainError);
    expect({ message: (thrown as ExplainError).message, partial: (thrown as ExplainError).partial }).toEqual({ message, partial });
  });
});

// Cases of kubectl's own pkg/explain/v2/templates/plaintext_test.go.
describe('typeGuess', () => {
  const crv = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation';
  it.each([
    { name: 'a scalar is its type', schema: { type: 'string' }, want: 'string' },
    { name: 'a boolean additionalProperties is no map', schema: { type: 'string', additionalProperties: true }, want: 'string' },
    { name: 'a reference to a primitive is the primitive', schema: { $ref: '#/components/schemas/v1.Time' }, want: 'string' },
    { name: 'an array without items is an array', schema: { type: 'array' }, want: 'array' },
    { name: 'an object is Object', schema: { type: 'object' }, want: 'Object' },
    { name: 'an array of scalars', schema: { type: 'array', items: { type: 'number' } }, want: '[]number' },
    { name: 'an array of a one-element allOf', schema: { type: 'array', items: { type: 'object', allOf: [{ $ref: crv }] } }, want: '[]CustomResourceValidation' },
    { name: 'an array of a reference', schema: { type: 'array', items: { type: 'object', $ref: crv } }, want: '[]CustomResourceValidation' },
    { name: 'an array of maps', schema: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } }, want: '[]map[string]string' },
    { name: 'a map of arrays', schema: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }, want: 'map[string][]string' },
    { name: 'a map of references', schema: { type: 'object', additionalProperties: { type: 'string', allOf: [{ $ref: crv }] } }, want: 'map[string]CustomResourceValidation' },
    { name: 'no type information at all is Object', schema: { description: 'a cool field' }, want: 'Object' },
  ])('$name', ({ schema, want }) => expect(typeGuess(schema, document)).toBe(want));
});

describe('fieldDetail', () => {
  const holder = {
    type: 'object', description: 'not printed', required: ['thefield'],
    properties: { thefield: { type: 'string', description: 'a description that should be printed' } },
  };
  it.each([
    { name: 'a required field in short form', short: true, level: 0, want: 'thefield\t<string> -required-\n' },
    { name: 'a field with its description', short: false, level: 0, want: 'thefield\t<string> -required-\n  a description that should be printed\n\n' },
    { name: 'a field indented two spaces a level', short: true, level: 5, want: '          thefield\t<string> -required-\n' },
  ])('$name', ({ short, level, want }) => expect(fieldDetail('thefield', holder, short, level, document)).toBe(want));
});

describe('extractEnum', () => {
  it.each([
    { name: 'no enum prints nothing', values: [], long: false, limit: 0, indent: 0, want: '' },
    { name: 'the short view joins the values on a line of their own', values: [0, 1, 2, 3], long: false, limit: 0, indent: 2, want: '\n  enum: 0, 1, 2, 3' },
    { name: 'the short view cuts at the limit', values: [0, 1, 2, 3], long: false, limit: 2, indent: 2, want: '\n  enum: 0, 1, ....' },
    { name: 'the long view puts each value on its line, and cuts at a limit too', values: [0, 1, 2, 3], long: true, limit: 2, indent: 2, want: 'ENUM:\n    0\n    1, ....' },
    { name: 'an empty string reads ""', values: ['Block', 'File', ''], long: true, limit: 0, indent: 0, want: 'ENUM:\n    Block\n    File\n    ""' },
    { name: 'numbers print as Go prints a float64', values: [1000000, 0.5], long: false, limit: 0, indent: 0, want: '\nenum: 1e+06, 0.5' },
  ])('$name', ({ values, long, limit, indent, want }) => expect(extractEnum({ type: 'string', enum: values }, long, limit, indent)).toBe(want));
});
