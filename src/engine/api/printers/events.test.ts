import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const micro = (ms: number): string => new Date(now - ms).toISOString().replace('Z', '000Z');

function cells(group: string, obj: KubeObject) {
  return printTable({ group, version: 'v1', resource: 'events', kind: 'Event' }, [obj], { now }).rows![0]!.cells;
}

describe('event tables (printEvent)', () => {
  it('has the ten columns, the wide ones spliced in by position', () => {
    const cols = printTable({ group: '', version: 'v1', resource: 'events', kind: 'Event' }, [], { now }).columnDefinitions!;
    expect(cols.map((c) => (c.priority ? `${c.name}*` : c.name))).toEqual([
      'Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*',
    ]);
    expect(cols[9]!.format).toBe('name');
  });

  it.each([
    {
      name: 'a repeated kubelet event',
      event: {
        metadata: { name: 'web.17f3a', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{app}' },
        reason: 'BackOff', message: 'Back-off restarting failed container app in pod web_default(1234)\n', type: 'Warning',
        source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: ago(10 * 60_000), lastTimestamp: ago(30_000), count: 12,
      },
      want: ['30s', 'Warning', 'BackOff', 'pod/web', 'spec.containers{app}', 'kubelet, node-1', 'Back-off restarting failed container app in pod web_default(1234)', '10m', 12, 'web.17f3a'],
    },
    {
      name: 'a new-style scheduler event without timestamps or count uses eventTime and the reporting controller',
      event: {
        metadata: { name: 'web.17f3b', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Scheduled', message: 'Successfully assigned default/web to node-1', type: 'Normal',
        source: {}, eventTime: micro(65_000), reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-control-plane',
      },
      want: ['65s', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler, default-scheduler-control-plane', 'Successfully assigned default/web to node-1', '65s', 1, 'web.17f3b'],
    },
    {
      name: 'a series event reads its last observed time and series count',
      event: {
        metadata: { name: 'n.1' }, involvedObject: { kind: 'Node' }, reason: 'Rebooted', message: 'rebooted', type: 'Warning',
        source: { component: 'kubelet' }, eventTime: micro(3600_000), series: { count: 3, lastObservedTime: micro(120_000) },
      },
      want: ['2m', 'Warning', 'Rebooted', 'node', '', 'kubelet', 'rebooted', '60m', 3, 'n.1'],
    },
  ])('core/v1: $name', ({ event, want }) => expect(cells('', event)).toEqual(want));

  it('events.k8s.io/v1 events print as their core form', () => {
    const event = {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.17f3c', namespace: 'default' },
      regarding: { kind: 'Deployment', name: 'web' }, note: 'Scaled up replica set web-5d9c to 3', reason: 'ScalingReplicaSet', type: 'Normal',
      reportingController: 'deployment-controller', deprecatedFirstTimestamp: ago(90_000), deprecatedLastTimestamp: ago(90_000), deprecatedCount: 1,
      deprecatedSource: { component: 'deployment-controller' },
    };
    expect(cells('events.k8s.io', event)).toEqual(['90s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller',
      'Scaled up replica set web-5d9c to 3', '90s', 1, 'web.17f3c']);
  });
});
