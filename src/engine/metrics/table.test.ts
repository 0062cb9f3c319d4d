import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/index.ts';
import { metricsTable } from './table.ts';

const cells = (items: KubeObject[]) => (metricsTable(items) as { rows: { cells: unknown[] }[] }).rows.map((r) => r.cells);
const columns = (items: KubeObject[]) => (metricsTable(items) as { columnDefinitions: { name: string }[] }).columnDefinitions.map((c) => c.name);

describe('metricsTable', () => {
  it.each([
    { name: 'no items have no columns (kubectl then says No resources found)', items: [], columns: [], cells: [] },
    {
      name: 'a node prints its usage, resource names sorted, and its window',
      items: [{ metadata: { name: 'n1' }, window: '15s', usage: { memory: '3620Ki', cpu: '25830276n' } }],
      columns: ['Name', 'cpu', 'memory', 'Window'], cells: [['n1', '25830276n', '3620Ki', '15s']],
    },
    {
      name: 'a pod prints its containers summed as quantities',
      items: [{ metadata: { name: 'web' }, window: '15s', containers: [{ name: 'a', usage: { cpu: '500000n', memory: '4Mi' } }, { name: 'b', usage: { cpu: '1500000n', memory: '1024Ki' } }] }],
      columns: ['Name', 'cpu', 'memory', 'Window'], cells: [['web', '2m', '5Mi', '15s']],
    },
  ])('$name', ({ items, columns: want, cells: rows }) => {
    expect(columns(items as KubeObject[])).toEqual(want);
    expect(cells(items as KubeObject[])).toEqual(rows);
  });
});
