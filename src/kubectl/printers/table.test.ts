import { describe, expect, it } from 'vitest';
import type { Table } from '../../engine/api/index.ts';
import { formatLabels, TabWriter, writeTable, type TablePrintOptions } from './table.ts';

const col = (name: string, priority = 0, format = '') => ({ name, type: 'string', format, description: '', priority });
const podTable = (rows: Array<{ cells: Array<string | number>; ns?: string; labels?: Record<string, string> }>): Table => ({
  kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {},
  columnDefinitions: [col('Name', 0, 'name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 1), col('Node', 1)],
  rows: rows.map((r) => ({ cells: r.cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { namespace: r.ns ?? 'default', ...(r.labels ? { labels: r.labels } : {}) } } })),
});

const print = (table: Table, options: TablePrintOptions = {}) => {
  const tw = new TabWriter();
  writeTable(tw, table, options);
  return tw.flush();
};

const TWO = podTable([
  { cells: ['web-7c5b9', '1/1', 'Running', 0, '5m', '10.244.0.5', 'node-1'], labels: { app: 'web', tier: 'fe' } },
  { cells: ['db-0', '0/1', 'Pending', 12, '10s', '<none>', '<none>'], ns: 'data' },
]);

describe('writeTable', () => {
  it.each([
    { name: 'upper-cases headers, pads each column to its widest cell plus 3 (at least 6), leaves the last unpadded',
      options: {}, want:
`NAME        READY   STATUS    RESTARTS   AGE
web-7c5b9   1/1     Running   0          5m
db-0        0/1     Pending   12         10s
` },
    { name: 'adds priority-1 columns when wide', options: { wide: true }, want:
`NAME        READY   STATUS    RESTARTS   AGE   IP           NODE
web-7c5b9   1/1     Running   0          5m    10.244.0.5   node-1
db-0        0/1     Pending   12         10s   <none>       <none>
` },
    { name: 'puts NAMESPACE first with -A', options: { withNamespace: true }, want:
`NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE
default     web-7c5b9   1/1     Running   0          5m
data        db-0        0/1     Pending   12         10s
` },
    { name: 'prefixes names with the kind when several kinds print', options: { kindPrefix: 'pod', noHeaders: true }, want:
`pod/web-7c5b9   1/1   Running   0     5m
pod/db-0        0/1   Pending   12    10s
` },
    { name: 'shows labels last, <none> when there are none', options: { showLabels: true }, want:
`NAME        READY   STATUS    RESTARTS   AGE   LABELS
web-7c5b9   1/1     Running   0          5m    app=web,tier=fe
db-0        0/1     Pending   12         10s   <none>
` },
    { name: 'adds -L columns named by the key after its last slash, empty when missing', options: { labelColumns: ['app', 'example.com/tier'] }, want:
`NAME        READY   STATUS    RESTARTS   AGE   APP   TIER
web-7c5b9   1/1     Running   0          5m    web   
db-0        0/1     Pending   12         10s         
` },
    { name: 'adds the EVENT column for watch events', options: { eventType: 'ADDED', noHeaders: true }, want:
`ADDED      web-7c5b9   1/1   Running   0     5m
ADDED      db-0        0/1   Pending   12    10s
` },
  ])('$name', ({ options, want }) => {
    expect(print(TWO, options)).toBe(want);
  });

  it('prints nothing, not even a header, for a table without rows', () => {
    expect(print(podTable([]))).toBe('');
  });

  it('cuts a cell at its first newline and marks it', () => {
    expect(print(podTable([{ cells: ['a', '1/1', 'line one\nline two', 0, '1s'] }]), { noHeaders: true })).toBe('a     1/1   line one...   0     1s\n');
  });

  it('keeps earlier widths across flushes, as a watch needs', () => {
    const tw = new TabWriter();
    writeTable(tw, TWO, {});
    tw.flush();
    writeTable(tw, podTable([{ cells: ['x', '1/1', 'Running', 0, '1s'] }]), { noHeaders: true });
    expect(tw.flush()).toBe('x           1/1     Running   0          1s\n');
  });
});

describe('formatLabels', () => {
  it.each([
    { labels: undefined, want: '<none>' },
    { labels: { b: '2', a: '1' }, want: 'a=1,b=2' },
  ])('$want', ({ labels, want }) => expect(formatLabels(labels)).toBe(want));
});
