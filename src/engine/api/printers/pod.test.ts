import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const pods = { group: '', version: 'v1', resource: 'pods', kind: 'Pod' };

interface PodParts {
  containers?: string[];
  initContainers?: Array<{ name: string; restartPolicy?: string }>;
  status?: Record<string, unknown>;
  deleting?: boolean;
  spec?: Record<string, unknown>;
}

function podWith({ containers = ['app'], initContainers, status = {}, deleting, spec = {} }: PodParts): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: 'web', namespace: 'default', creationTimestamp: ago(5 * 60_000),
      ...(deleting ? { deletionTimestamp: ago(10_000) } : {}),
    },
    spec: { containers: containers.map((name) => ({ name, image: 'nginx' })), ...(initContainers ? { initContainers } : {}), ...spec },
    status,
  };
}

const waiting = (name: string, reason: string, extra: Record<string, unknown> = {}) =>
  ({ name, ready: false, restartCount: 0, state: { waiting: { reason } }, ...extra });
const running = (name: string, ready = true, extra: Record<string, unknown> = {}) =>
  ({ name, ready, restartCount: 0, started: true, state: { running: { startedAt: ago(60_000) } }, ...extra });
const terminated = (name: string, t: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ name, ready: false, restartCount: 0, state: { terminated: t }, ...extra });
const cond = (type: string, status: string, reason?: string) => ({ type, status, ...(reason ? { reason } : {}) });

function row(pod: KubeObject) {
  const table = printTable(pods, [pod], { now });
  return table.rows![0]!;
}

describe('pod columns', () => {
  it('are printers.go podColumnDefinitions, wide ones at priority 1', () => {
    const cols = printTable(pods, [], { now }).columnDefinitions!;
    expect(cols.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0], ['Ready', 'string', '', 0], ['Status', 'string', '', 0], ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0], ['IP', 'string', '', 1], ['Node', 'string', '', 1], ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(cols[0]!.description).toMatch(/^Name must be unique within a namespace\./);
    expect(cols[4]!.description).toMatch(/^CreationTimestamp is a timestamp representing the server time/);
    expect(cols[6]!.description).toMatch(/^NodeName indicates in which node this pod is scheduled\./);
  });
});

describe('pod READY, STATUS, RESTARTS (printPod)', () => {
  it.each([
    { name: 'an unscheduled pod is Pending', pod: podWith({ status: { phase: 'Pending' } }), want: ['0/1', 'Pending', '0'] },
    {
      name: 'a scheduling-gated pod says SchedulingGated',
      pod: podWith({ status: { phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] } }),
      want: ['0/1', 'SchedulingGated', '0'],
    },
    {
      name: 'a container being created shows its waiting reason',
      pod: podWith({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ContainerCreating')] } }),
      want: ['0/1', 'ContainerCreating', '0'],
    },
    {
      name: 'a crash-looping container shows CrashLoopBackOff and restarts with the last restart age',
      pod: podWith({
        status: {
          phase: 'Running',
          containerStatuses: [waiting('app', 'CrashLoopBackOff', {
            restartCount: 4, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(3 * 60_000 + 12_000) } },
          })],
        },
      }),
      want: ['0/1', 'CrashLoopBackOff', '4 (3m12s ago)'],
    },
    {
      name: 'restarts without a known termination time are a bare number',
      pod: podWith({ status: { phase: 'Running', containerStatuses: [running('app', true, { restartCount: 2 })] } }),
      want: ['1/1', 'Running', '2'],
    },
    {
      name: 'two running containers, one ready',
      pod: podWith({ containers: ['app', 'log'], status: { phase: 'Running', containerStatuses: [running('app'), running('log', false)] } }),
      want: ['1/2', 'Running', '0'],
    },
    {
      name: 'an init container still waiting to start is Init:0/1',
      pod: podWith({
        initContainers: [{ name: 'setup' }],
        status: { phase: 'Pending', initContainerStatuses: [waiting('setup', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')] },
      }),
      want: ['0/1', 'Init:0/1', '0'],
    },
    {
      name: 'the second of two init containers running is Init:1/2',
      pod: podWith({
        initContainers: [{ name: 'a' }, { name: 'b' }],
        status: { phase: 'Pending', initContainerStatuses: [terminated('a', { exitCode: 0, reason: 'Completed' }), running('b', false)] },
      }),
      want: ['0/1', 'Init:1/2', '0'],
    },
    {
      name: 'a crash-looping init container is Init:CrashLoopBackOff and its restarts count',
      pod: podWith({
        initContainers: [{ name: 'setup' }],
        status: {
          phase: 'Pending',
          initContainerStatuses: [waiting('setup', 'CrashLoopBackOff', {
            restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: ago(40_000) } },
          })],
          containerStatuses: [waiting('app', 'PodInitializing', { restartCount: 7 })],
        },
      }),
      want: ['0/1', 'Init:CrashLoopBackOff', '3 (40s ago)'],
    },
    {
      name: 'an init container that failed without a reason shows its exit code',
      pod: podWith({ initContainers: [{ name: 'setup' }], status: { phase: 'Pending', initContainerStatuses: [terminated('setup', { exitCode: 1 })] } }),
      want: ['0/1', 'Init:ExitCode:1', '0'],
    },
    {
      name: 'an init container killed by a signal shows the signal',
      pod: podWith({ initContainers: [{ name: 'setup' }], status: { phase: 'Pending', initContainerStatuses: [terminated('setup', { exitCode: 137, signal: 9 })] } }),
      want: ['0/1', 'Init:Signal:9', '0'],
    },
    {
      name: 'an init container that failed with a reason shows Init:<reason>',
      pod: podWith({ initContainers: [{ name: 'setup' }], status: { phase: 'Pending', initContainerStatuses: [terminated('setup', { exitCode: 1, reason: 'Error' })] } }),
      want: ['0/1', 'Init:Error', '0'],
    },
    {
      name: 'a started sidecar counts in READY and in RESTARTS once initialized',
      pod: podWith({
        initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
        status: {
          phase: 'Running', conditions: [cond('Initialized', 'True'), cond('Ready', 'True')],
          initContainerStatuses: [running('proxy', true, { restartCount: 1, lastState: { terminated: { exitCode: 2, finishedAt: ago(90_000) } } })],
          containerStatuses: [running('app', true, { restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(30_000) } } })],
        },
      }),
      want: ['2/2', 'Running', '2 (30s ago)'],
    },
    {
      name: 'a completed pod shows Completed',
      pod: podWith({ status: { phase: 'Succeeded', containerStatuses: [terminated('app', { exitCode: 0, reason: 'Completed' })] } }),
      want: ['0/1', 'Completed', '0'],
    },
    {
      name: 'a failed container shows its terminated reason',
      pod: podWith({ status: { phase: 'Failed', containerStatuses: [terminated('app', { exitCode: 1, reason: 'Error' })] } }),
      want: ['0/1', 'Error', '0'],
    },
    {
      name: 'a terminated container without a reason shows its exit code',
      pod: podWith({ status: { phase: 'Running', containerStatuses: [terminated('app', { exitCode: 3 })] } }),
      want: ['0/1', 'ExitCode:3', '0'],
    },
    {
      name: 'Completed with another container still running and the pod not ready is NotReady',
      pod: podWith({
        containers: ['job', 'sidecar'],
        status: { phase: 'Running', containerStatuses: [terminated('job', { exitCode: 0, reason: 'Completed' }), running('sidecar')] },
      }),
      want: ['1/2', 'NotReady', '0'],
    },
    {
      name: 'Completed with another container still running and the pod ready is Running',
      pod: podWith({
        containers: ['job', 'sidecar'],
        status: { phase: 'Running', conditions: [cond('Ready', 'True')], containerStatuses: [terminated('job', { exitCode: 0, reason: 'Completed' }), running('sidecar')] },
      }),
      want: ['1/2', 'Running', '0'],
    },
    {
      name: 'a running pod being deleted is Terminating',
      pod: podWith({ deleting: true, status: { phase: 'Running', containerStatuses: [running('app')] } }),
      want: ['1/1', 'Terminating', '0'],
    },
    {
      name: 'a succeeded pod being deleted keeps its status',
      pod: podWith({ deleting: true, status: { phase: 'Succeeded', containerStatuses: [terminated('app', { exitCode: 0, reason: 'Completed' })] } }),
      want: ['0/1', 'Completed', '0'],
    },
    {
      name: 'a pod on a lost node being deleted is Unknown',
      pod: podWith({ deleting: true, status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] } }),
      want: ['1/1', 'Unknown', '0'],
    },
    {
      name: 'an evicted pod shows the status reason',
      pod: podWith({ status: { phase: 'Failed', reason: 'Evicted' } }),
      want: ['0/1', 'Evicted', '0'],
    },
  ])('$name', ({ pod, want }) => {
    const cells = row(pod).cells;
    expect(cells.slice(0, 5)).toEqual(['web', ...want, '5m']);
  });
});

describe('pod wide cells and row conditions', () => {
  it('shows <none> for an unscheduled pod', () => {
    expect(row(podWith({ status: { phase: 'Pending' } })).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('shows the first pod IP, the node, the nominated node and readiness gates', () => {
    const pod = podWith({
      spec: { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      status: {
        phase: 'Running', podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }, { ip: 'fd00::7' }], nominatedNodeName: 'node-2',
        conditions: [cond('example.com/lb', 'True'), cond('example.com/dns', 'False')], containerStatuses: [running('app')],
      },
    });
    expect(row(pod).cells.slice(5)).toEqual(['10.244.1.7', 'node-1', 'node-2', '1/2']);
  });

  it.each([
    { name: 'a succeeded pod carries the Completed condition', phase: 'Succeeded', want: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }] },
    { name: 'a failed pod carries the Completed condition', phase: 'Failed', want: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }] },
    { name: 'a running pod carries no conditions', phase: 'Running', want: undefined },
  ])('$name', ({ phase, want }) => expect(row(podWith({ status: { phase } })).conditions).toEqual(want));
});

describe('pod templates', () => {
  it('list containers, images and the template labels, with no age', () => {
    const table = printTable({ group: '', version: 'v1', resource: 'podtemplates', kind: 'PodTemplate' }, [{
      metadata: { name: 'tpl', creationTimestamp: ago(0) },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox' }] } },
    }], { now });
    expect(table.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Containers', 'Images', 'Pod Labels']);
    expect(table.rows![0]!.cells).toEqual(['tpl', 'a,b', 'nginx:1,busybox', 'app=web']);
  });
});
