import { describe, expect, it } from 'vitest';
import { printNodeMetrics, printPodMetrics, type PodMetrics } from './metrics.ts';

const node = (name: string, cpu: string, memory: string) => ({ metadata: { name }, usage: { cpu, memory } });
const pod = (namespace: string, name: string, ...containers: [string, string, string][]): PodMetrics => ({
  metadata: { name, namespace }, containers: containers.map(([c, cpu, memory]) => ({ name: c, usage: { cpu, memory } })),
});
const allocatable = (cpu: string, memory: string) => ({ cpu, memory, pods: '110' });

describe('printNodeMetrics', () => {
  it.each([
    {
      name: 'rounds CPU up to millicores, memory down to Mi, and truncates the percentages of allocatable',
      metrics: [node('node-1', '25123456n', '209912Ki'), node('cp', '150000001n', '700Mi')],
      available: [['node-1', allocatable('4', '16677216Ki')], ['cp', allocatable('4', '16677216Ki')]] as const,
      sortBy: '', noHeaders: false,
      want: 'NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \ncp       151m         3%       700Mi           4%          \nnode-1   26m          0%       204Mi           1%          \n',
    },
    {
      name: 'pads to the tab writer\'s minimum width, sorts by memory, largest first, and prints nodes without metrics as <unknown> after the others',
      metrics: [node('a', '1m', '100Mi'), node('b', '2m', '200Mi')],
      available: [['a', allocatable('1', '1Gi')], ['b', allocatable('1', '1Gi')], ['c', allocatable('1', '1Gi')]] as const,
      sortBy: 'memory', noHeaders: true,
      want: 'b     2m          0%          200Mi       19%         \na     1m          0%          100Mi       9%          \nc     <unknown>   <unknown>   <unknown>   <unknown>   \n',
    },
  ])('$name', ({ metrics, available, sortBy, noHeaders, want }) => {
    expect(printNodeMetrics(metrics, new Map(available.map(([n, a]) => [n, { ...a }])), noHeaders, sortBy)).toBe(want);
  });

  it('prints nothing for no metrics', () => {
    expect(printNodeMetrics([], new Map(), false, '')).toBe('');
  });
});

describe('printPodMetrics', () => {
  const metrics = [
    pod('default', 'web', ['nginx', '523412n', '5332Ki'], ['sidecar', '0', '512Ki']),
    pod('kube-system', 'dns', ['coredns', '2m', '12Mi']),
    pod('default', 'cache', ['redis', '2100000n', '4096Ki']),
  ];
  const base = { containers: false, withNamespace: false, noHeaders: false, sortBy: '', sum: false };
  it.each([
    {
      name: 'sums each pod\'s containers, sorted by name',
      opts: base,
      want: 'NAME    CPU(cores)   MEMORY(bytes)   \ncache   3m           4Mi             \ndns     2m           12Mi            \nweb     1m           5Mi             \n',
    },
    {
      name: '-A sorts by namespace, then name',
      opts: { ...base, withNamespace: true },
      want: 'NAMESPACE     NAME    CPU(cores)   MEMORY(bytes)   \ndefault       cache   3m           4Mi             \ndefault       web     1m           5Mi             \nkube-system   dns     2m           12Mi            \n',
    },
    {
      name: '--containers prints a line per container, under POD',
      opts: { ...base, containers: true },
      want: 'POD     NAME      CPU(cores)   MEMORY(bytes)   \ncache   redis     3m           4Mi             \ndns     coredns   2m           12Mi            \nweb     nginx     1m           5Mi             \nweb     sidecar   0m           0Mi             \n',
    },
    {
      name: '--sort-by=memory puts the largest pod first',
      opts: { ...base, sortBy: 'memory' },
      want: 'NAME    CPU(cores)   MEMORY(bytes)   \ndns     2m           12Mi            \nweb     1m           5Mi             \ncache   3m           4Mi             \n',
    },
    {
      name: '--sum adds a rule and the totals under the usage columns, summed as quantities before rounding',
      opts: { ...base, sum: true },
      want: 'NAME    CPU(cores)   MEMORY(bytes)   \ncache   3m           4Mi             \ndns     2m           12Mi            \nweb     1m           5Mi             \n        ________     ________        \n        5m           21Mi            \n',
    },
  ])('$name', ({ opts, want }) => {
    expect(printPodMetrics(metrics, opts)).toBe(want);
  });
});
