import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { formatGoFloat, type CustomResourceColumnDefinition } from './customResource.ts';
import { findResults, parseJSONPath } from './jsonpath.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const crontabs = { group: 'stable.example.com', version: 'v1', resource: 'crontabs', kind: 'CronTab' };

const crontab: KubeObject = {
  apiVersion: 'stable.example.com/v1', kind: 'CronTab',
  metadata: { name: 'my-cron', namespace: 'default', creationTimestamp: ago(4 * 60_000), labels: { 'app.kubernetes.io/name': 'cron' } },
  spec: { cronSpec: '* * * * */5', image: 'my-cron-image', replicas: 2, ratio: 0.25, big: 1234567.5, paused: false, tags: { b: 1, a: '<x>' } },
  status: { conditions: [{ type: 'Synced', status: 'False' }, { type: 'Ready', status: 'True', lastTransitionTime: ago(90_000) }] },
};

function print(columns: CustomResourceColumnDefinition[], obj: KubeObject = crontab) {
  const table = printTable(crontabs, [obj], { now, crdColumns: columns });
  return { columns: table.columnDefinitions!, cells: table.rows![0]!.cells };
}

describe('custom resource tables (apiextensions tableconvertor)', () => {
  it('a version without printer columns gets NAME and AGE', () => {
    const { columns, cells } = print([]);
    expect(columns.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Age', 'date']]);
    expect(columns[1]!.description).toMatch(/^CreationTimestamp is a timestamp/);
    expect(cells).toEqual(['my-cron', '4m']);
  });

  it('columns carry their type, format, priority and description (or a JSONPath one)', () => {
    const { columns } = print([
      { name: 'Spec', type: 'string', description: 'The cron spec', jsonPath: '.spec.cronSpec' },
      { name: 'Replicas', type: 'integer', format: 'int32', priority: 1, jsonPath: '.spec.replicas' },
    ]);
    expect(columns.slice(1)).toEqual([
      { name: 'Spec', type: 'string', format: '', description: 'The cron spec', priority: 0 },
      { name: 'Replicas', type: 'integer', format: 'int32', description: 'Custom resource definition column (in JSONPath format): .spec.replicas', priority: 1 },
    ]);
  });

  it.each([
    { name: 'a string field', col: { type: 'string', jsonPath: '.spec.cronSpec' }, want: '* * * * */5' },
    { name: 'a condition picked by a filter', col: { type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' }, want: 'True' },
    { name: 'a label key with dots in brackets', col: { type: 'string', jsonPath: ".metadata.labels['app.kubernetes.io/name']" }, want: 'cron' },
    { name: 'an index', col: { type: 'string', jsonPath: '.status.conditions[0].type' }, want: 'Synced' },
    { name: 'the first of a wildcard', col: { type: 'string', jsonPath: '.status.conditions[*].type' }, want: 'Synced' },
    { name: 'a number printed in a string column', col: { type: 'string', jsonPath: '.spec.replicas' }, want: '2' },
    { name: 'a float printed as Go does', col: { type: 'string', jsonPath: '.spec.big' }, want: '1.2345675e+06' },
    { name: 'a boolean printed in a string column', col: { type: 'string', jsonPath: '.spec.paused' }, want: 'false' },
    { name: 'a map printed as Go JSON, sorted and HTML-escaped', col: { type: 'string', jsonPath: '.spec.tags' }, want: '{"a":"\\u003cx\\u003e","b":1}' },
    { name: 'a missing field is null', col: { type: 'string', jsonPath: '.spec.nothing' }, want: null },
    { name: 'an integer', col: { type: 'integer', jsonPath: '.spec.replicas' }, want: 2 },
    { name: 'a float in an integer column is truncated', col: { type: 'integer', jsonPath: '.spec.ratio' }, want: 0 },
    { name: 'a number', col: { type: 'number', jsonPath: '.spec.ratio' }, want: 0.25 },
    { name: 'a string in a number column is null', col: { type: 'number', jsonPath: '.spec.image' }, want: null },
    { name: 'a boolean', col: { type: 'boolean', jsonPath: '.spec.paused' }, want: false },
    { name: 'a date is an age', col: { type: 'date', jsonPath: '.status.conditions[?(@.type=="Ready")].lastTransitionTime' }, want: '90s' },
    { name: 'an unparsable date is <invalid>', col: { type: 'date', jsonPath: '.spec.image' }, want: '<invalid>' },
  ])('$name', ({ col, want }) => {
    expect(print([{ name: 'X', ...col }]).cells).toEqual(['my-cron', want]);
  });

  it('a filter over elements lacking the compared field is an error: null', () => {
    const obj = { ...crontab, status: { conditions: [{ status: 'True' }] } };
    expect(print([{ name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' }], obj).cells).toEqual(['my-cron', null]);
  });

  it('a column whose path does not parse falls back to the default table', () => {
    const { columns, cells } = print([{ name: 'Bad', type: 'string', jsonPath: 'spec..x' }]);
    expect(columns.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(cells).toEqual(['my-cron', ago(4 * 60_000)]);
  });
});

describe('jsonpath subset', () => {
  it.each([
    { path: '.a.b', data: { a: { b: 1 } }, want: [1] },
    { path: '{.a.b}', data: { a: { b: 1 } }, want: [1] },
    { path: '.a[-1]', data: { a: [1, 2, 3] }, want: [3] },
    { path: '.a[*].n', data: { a: [{ n: 1 }, { n: 2 }] }, want: [1, 2] },
    { path: '.a[?(@.n>1)].n', data: { a: [{ n: 1 }, { n: 2 }] }, want: [2] },
    { path: '.a[?(@.x)].n', data: { a: [{ n: 1 }, { n: 2, x: true }] }, want: [2] },
    { path: '.a.missing', data: { a: {} }, want: [] },
  ])('$path', ({ path, data, want }) => {
    const parsed = parseJSONPath(path);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(findResults(parsed.steps, data)).toEqual({ ok: true, values: want });
  });

  it.each(['spec', '.a[', '.a[?(bogus)]'])('refuses %s', (path) => expect(parseJSONPath(path).ok).toBe(false));

  it.each([
    { n: 3, want: '3' }, { n: 0.5, want: '0.5' }, { n: 123456.5, want: '123456.5' }, { n: 1.01e-5, want: '1.01e-05' },
  ])('formats $n as Go %v', ({ n, want }) => expect(formatGoFloat(n)).toBe(want));
});
