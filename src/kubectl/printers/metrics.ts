// kubectl top's tables: node and pod usage, aligned by the tab writer with every cell (the last
// too) tab-terminated, so each line carries its trailing padding as kubectl's does. CPU prints
// as MilliValue() (rounded up) in `m`, memory as Value() in whole `Mi` (rounded down), a
// percentage as the integer part of usage/allocatable.
// Models kubernetes/kubectl pkg/metricsutil/metrics_printer.go (TopCmdPrinter, release-1.33)
// and metrics_sorter.go. Go's sort.Sort sorts up to 12 items by insertion, which is stable as
// Array.prototype.sort is; past 12, ties (equal usage) may come out in another order.
import { addQuantity, milliValue, parseQuantity, quantityValue, type Quantity } from '../../engine/api/index.ts';
import { TabWriter } from './table.ts';

/** metrics.k8s.io's usage: `cpu` and `memory` quantities. */
export type Usage = Record<string, string>;

export interface NodeMetrics {
  metadata?: { name?: string };
  usage?: Usage;
}

export interface PodMetrics {
  metadata?: { name?: string; namespace?: string };
  containers?: { name: string; usage?: Usage }[];
}

const ZERO = parseQuantity('0');
const quantity = (text: string | undefined): Quantity => {
  const parsed = parseQuantity(text ?? '0');
  return parsed.ok ? parsed.value : (ZERO.ok ? ZERO.value : { unscaled: 0n, scale: 0, format: 'DecimalSI' });
};

const MEASURED = ['cpu', 'memory'] as const;
type Resource = (typeof MEASURED)[number];

/** printSingleResourceUsage. */
function usageCell(resource: Resource, q: Quantity): string {
  return resource === 'cpu' ? `${milliValue(q)}m` : `${Math.trunc(quantityValue(q) / (1024 * 1024))}Mi`;
}

/** printAllResourceUsages: each usage, and its percentage of `available` when there is one. */
function usageCells(usage: Record<Resource, Quantity>, available?: Record<string, string>): string[] {
  return MEASURED.flatMap((resource) => {
    const cells = [usageCell(resource, usage[resource])];
    const total = available?.[resource];
    if (total !== undefined) {
      const avail = milliValue(quantity(total));
      const fraction = avail === 0 ? 0 : (milliValue(usage[resource]) / avail) * 100;
      cells.push(`${Math.trunc(fraction)}%`);
    }
    return cells;
  });
}

const usageOf = (u: Usage | undefined): Record<Resource, Quantity> => ({ cpu: quantity(u?.cpu), memory: quantity(u?.memory) });

/** getPodMetrics: the sum of a pod's containers. */
function podUsage(m: PodMetrics): Record<Resource, Quantity> {
  const total = usageOf(undefined);
  for (const c of m.containers ?? []) {
    const u = usageOf(c.usage);
    for (const r of MEASURED) total[r] = addQuantity(total[r], u[r]);
  }
  return total;
}

/** Less for --sort-by: cpu or memory descending, else by name (and namespace first for -A). */
function compareBy<T>(sortBy: string, usage: (t: T) => Record<Resource, Quantity>, name: (t: T) => string, namespace?: (t: T) => string) {
  return (a: T, b: T): number => {
    if (sortBy === 'cpu') return milliValue(usage(b).cpu) - milliValue(usage(a).cpu);
    if (sortBy === 'memory') return quantityValue(usage(b).memory) - quantityValue(usage(a).memory);
    if (namespace && namespace(a) !== namespace(b)) return namespace(a) < namespace(b) ? -1 : 1;
    return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
  };
}

/** A line of tab-terminated cells: the empty cell after the last tab takes no padding. */
const line = (tw: TabWriter, cells: string[]) => tw.writeLine([...cells, '']);

/**
 * PrintNodeMetrics: `available` maps each listed node to its allocatable (or capacity); nodes
 * listed without metrics print `<unknown>` cells after the others.
 */
export function printNodeMetrics(metrics: NodeMetrics[], available: Map<string, Record<string, string>>, noHeaders: boolean, sortBy: string): string {
  if (metrics.length === 0) return '';
  const tw = new TabWriter();
  const sorted = [...metrics].sort(compareBy(sortBy, (m: NodeMetrics) => usageOf(m.usage), (m) => m.metadata?.name ?? ''));
  if (!noHeaders) line(tw, ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  const missing = new Map(available);
  for (const m of sorted) {
    const name = m.metadata?.name ?? '';
    line(tw, [name, ...usageCells(usageOf(m.usage), available.get(name))]);
    missing.delete(name);
  }
  for (const name of missing.keys()) line(tw, [name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  return tw.flush();
}

/** PrintPodMetrics, with --containers, -A, --sort-by and --sum. */
export function printPodMetrics(metrics: PodMetrics[], opts: { containers: boolean; withNamespace: boolean; noHeaders: boolean; sortBy: string; sum: boolean }): string {
  if (metrics.length === 0) return '';
  const tw = new TabWriter();
  let width = 3;
  if (!opts.noHeaders) {
    const header: string[] = [];
    if (opts.withNamespace) { header.push('NAMESPACE'); width++; }
    if (opts.containers) { header.push('POD'); width++; }
    line(tw, [...header, 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
  }
  const sorted = [...metrics].sort(compareBy(opts.sortBy, podUsage, (m: PodMetrics) => m.metadata?.name ?? '', opts.withNamespace ? (m) => m.metadata?.namespace ?? '' : undefined));
  const ns = (m: PodMetrics) => (opts.withNamespace ? [m.metadata?.namespace ?? ''] : []);
  for (const m of sorted) {
    if (opts.containers) {
      const containers = [...m.containers ?? []].sort(compareBy(opts.sortBy, (c: { name: string; usage?: Usage }) => usageOf(c.usage), (c) => c.name));
      for (const c of containers) line(tw, [...ns(m), m.metadata?.name ?? '', c.name, ...usageCells(usageOf(c.usage))]);
    } else {
      line(tw, [...ns(m), m.metadata?.name ?? '', ...usageCells(podUsage(m))]);
    }
  }
  if (opts.sum) {
    // printPodResourcesSum: the rule under the usage columns, then the totals.
    const total = usageOf(undefined);
    for (const m of metrics) {
      const u = podUsage(m);
      for (const r of MEASURED) total[r] = addQuantity(total[r], u[r]);
    }
    line(tw, [...Array<string>(Math.max(0, width - 2)).fill(''), '________', '________']);
    line(tw, [...Array<string>(Math.max(0, width - 3)).fill(''), '', ...usageCells(total)]);
  }
  return tw.flush();
}
