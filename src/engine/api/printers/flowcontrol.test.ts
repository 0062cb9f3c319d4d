import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2025-05-01T11:30:00Z' });
const table = (resource: string, objects: KubeObject[]) =>
  printTable({ group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource, kind: '' }, objects, { now });

const flowSchema = (name: string, matchingPrecedence: number, extra: Record<string, unknown> = {}) => ({
  metadata: meta(name), spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence, ...extra },
});

describe('FlowSchema (printFlowSchema, printFlowSchemaList)', () => {
  it('has the v1.33 columns, MissingPL after Age', () => {
    expect(table('flowschemas', []).columnDefinitions!.map((c) => c.name))
      .toEqual(['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
  });

  it.each([
    { name: 'no distinguisher and no Dangling condition yet', fs: flowSchema('a', 1000), want: ['a', 'workload-low', 1000, '<none>', '30m', '?'] },
    {
      name: 'a distinguisher and the Dangling condition\'s status',
      fs: { ...flowSchema('b', 800, { distinguisherMethod: { type: 'ByUser' } }), status: { conditions: [{ type: 'Dangling', status: 'False' }] } },
      want: ['b', 'workload-low', 800, 'ByUser', '30m', 'False'],
    },
  ])('$name', ({ fs, want }) => expect(table('flowschemas', [fs]).rows![0]!.cells).toEqual(want));

  it('lists in matching order: precedence, then name', () => {
    const rows = table('flowschemas', [flowSchema('global-default', 9900), flowSchema('zeta', 500), flowSchema('exempt', 1), flowSchema('alpha', 500)]).rows!;
    expect(rows.map((r) => r.cells[0])).toEqual(['exempt', 'alpha', 'zeta', 'global-default']);
  });
});

describe('PriorityLevelConfiguration (printPriorityLevelConfiguration)', () => {
  it('has the v1.33 columns', () => {
    expect(table('prioritylevelconfigurations', []).columnDefinitions!.map((c) => c.name))
      .toEqual(['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age']);
  });

  it.each([
    { name: 'exempt: no limits', spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0 } }, want: ['Exempt', '<none>', '<none>', '<none>', '<none>'] },
    {
      name: 'limited with queuing: numbers',
      spec: { type: 'Limited', limited: { nominalConcurrencyShares: 100, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } },
      want: ['Limited', 100, 128, 6, 50],
    },
    {
      name: 'limited, rejecting: shares only',
      spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } },
      want: ['Limited', 5, '<none>', '<none>', '<none>'],
    },
  ])('$name', ({ spec, want }) => {
    expect(table('prioritylevelconfigurations', [{ metadata: meta('pl'), spec }]).rows![0]!.cells).toEqual(['pl', ...want, '30m']);
  });
});
