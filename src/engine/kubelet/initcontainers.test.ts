// Init containers and sidecars on the real runtime, step by step on the virtual clock: the
// statuses the kubelet writes, and the STATUS column `kubectl get pods` prints from them.
import { describe, expect, it } from 'vitest';
import { printTable } from '../api/index.ts';
import type { Pod } from './pod.ts';
import { startKubelet } from './testing/harness.ts';

type Kubelet = Awaited<ReturnType<typeof startKubelet>>;
type Status = { name: string; ready: boolean; started: boolean; restartCount: number; state: Record<string, { reason?: string; exitCode?: number }> };

/** READY, STATUS and RESTARTS as `kubectl get pods` prints them (printers.go printPod). */
async function row(k: Kubelet, name: string): Promise<string> {
  const pod = await k.pod(name);
  const table = printTable({ group: '', version: 'v1', resource: 'pods', kind: 'Pod' }, [pod], { now: k.clock.now() });
  const cells = table.rows![0]!.cells as string[];
  return `${cells[1]} ${cells[2]} ${cells[3]}`;
}
const statuses = (pod: Pod, field: 'initContainerStatuses' | 'containerStatuses') => (pod.status?.[field] ?? []) as unknown as Status[];
const stateOf = (s: Status | undefined) => {
  const [key, value] = Object.entries(s?.state ?? {})[0] ?? [];
  return `${key}${value?.reason ? `:${value.reason}` : ''}`;
};
const condition = (pod: Pod, type: string) => pod.status?.conditions?.find((c) => c.type === type);

const busybox = (name: string, script: string, extra: Record<string, unknown> = {}) => ({ name, image: 'busybox', command: ['sh', '-c', script], ...extra });

describe('init containers', () => {
  it('run one after another before the regular containers, each to exit 0', async () => {
    const k = await startKubelet();
    await k.create('init', [busybox('app', 'sleep 3600')], { initContainers: [busybox('first', 'sleep 5'), busybox('second', 'exit 0')] });
    await k.advance(1_000);
    let pod = await k.pod('init');
    expect(pod.status?.phase).toBe('Pending');
    expect(await row(k, 'init')).toBe('0/1 Init:0/2 0');
    expect(statuses(pod, 'initContainerStatuses').map(stateOf)).toEqual(['running', 'waiting:PodInitializing']);
    expect(statuses(pod, 'containerStatuses').map(stateOf)).toEqual(['waiting:PodInitializing']);
    expect(condition(pod, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [first second]' });

    await k.advance(10_000);
    pod = await k.pod('init');
    expect(pod.status?.phase).toBe('Running');
    expect(await row(k, 'init')).toBe('1/1 Running 0');
    expect(condition(pod, 'Initialized')).toMatchObject({ status: 'True' });
    const init = statuses(pod, 'initContainerStatuses');
    expect(init.map(stateOf)).toEqual(['terminated:Completed', 'terminated:Completed']);
    expect(init.map((s) => [s.ready, s.started])).toEqual([[true, false], [true, false]]);
    const events = await k.events('init');
    // Each starts only after the one before it has finished.
    const order = events.filter((e) => e.startsWith('Normal Started'));
    expect(order).toEqual(['Normal Started Started container first', 'Normal Started Started container second', 'Normal Started Started container app']);
    expect(k.errors).toEqual([]);
  });

  it('shows PodInitializing while the regular containers are pulled after init', async () => {
    const k = await startKubelet();
    await k.create('pulling', [{ name: 'web', image: 'nginx' }], { initContainers: [busybox('setup', 'exit 0')] });
    await k.advance(1_000);
    expect(await row(k, 'pulling')).toBe('0/1 PodInitializing 0');
    expect(condition(await k.pod('pulling'), 'Initialized')?.status).toBe('True');
    await k.advance(5_000);
    expect(await row(k, 'pulling')).toBe('1/1 Running 0');
  });

  it.each([
    { policy: 'Always', phase: 'Pending', status: /^0\/1 Init:CrashLoopBackOff [1-9]/, restarts: true },
    { policy: 'OnFailure', phase: 'Pending', status: /^0\/1 Init:CrashLoopBackOff [1-9]/, restarts: true },
    { policy: 'Never', phase: 'Failed', status: /^0\/1 Init:Error 0$/, restarts: false },
  ])('a failing init container under restartPolicy $policy: $phase', async ({ policy, phase, status, restarts }) => {
    const k = await startKubelet();
    await k.create('bad', [busybox('app', 'sleep 3600')], { restartPolicy: policy, initContainers: [busybox('setup', 'echo no; exit 1')] });
    await k.advance(5_000);
    const pod = await k.pod('bad');
    expect(pod.status?.phase).toBe(phase);
    expect(await row(k, 'bad')).toMatch(status);
    const [setup] = statuses(pod, 'initContainerStatuses');
    expect(setup!.restartCount > 0).toBe(restarts);
    expect(statuses(pod, 'containerStatuses').map(stateOf)).toEqual(['waiting:PodInitializing']);
    expect(condition(pod, 'Initialized')).toMatchObject({ status: 'False', message: 'containers with incomplete status: [setup]' });
    const events = await k.events('bad');
    expect(events.some((e) => e.startsWith('Normal Started Started container app'))).toBe(false);
    if (restarts) expect(events).toContain(`Warning BackOff Back-off restarting failed container setup in pod bad_default(${pod.metadata!.uid})`);
    else expect(stateOf(setup)).toBe('terminated:Error');
  });
});

describe('sidecars (init containers with restartPolicy Always)', () => {
  it('start in order, keep running, count in READY, and stop after the regular containers', async () => {
    const k = await startKubelet();
    const exits: string[] = [];
    k.runtime.onContainerEvent((e) => { if (e.type === 'exited') exits.push(k.runtime.containerStatus(e.containerId)?.name ?? '?'); });
    await k.create('side', [busybox('app', 'sleep 3600')], {
      terminationGracePeriodSeconds: 5,
      initContainers: [
        { name: 'proxy', image: 'nginx', restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 } },
        busybox('setup', 'exit 0'),
      ],
    });
    await k.advance(1_000);
    // nginx is still being pulled: setup must wait for it.
    expect(await row(k, 'side')).toBe('0/2 Init:0/2 0');
    await k.advance(5_000);
    const pod = await k.pod('side');
    expect(await row(k, 'side')).toBe('2/2 Running 0');
    expect(statuses(pod, 'initContainerStatuses').map((s) => `${s.name}:${stateOf(s)}:${s.started}:${s.ready}`))
      .toEqual(['proxy:running:true:true', 'setup:terminated:Completed:false:true']);
    expect(condition(pod, 'ContainersReady')?.status).toBe('True');
    const started = (await k.events('side')).filter((e) => e.startsWith('Normal Started')).map((e) => e.split(' ').at(-1));
    expect(started).toEqual(['proxy', 'setup', 'app']);

    await k.admin.delete(k.pods, 'side');
    await k.advance(0);
    expect(await row(k, 'side')).toBe('0/2 Terminating 0');
    await k.advance(10_000);
    expect(exits).toEqual(['setup', 'app', 'proxy']);
  });

  it('is restarted when it exits, even with restartPolicy Never', async () => {
    const k = await startKubelet();
    await k.create('flaky', [busybox('app', 'sleep 3600')], { restartPolicy: 'Never', initContainers: [busybox('log', 'sleep 3; exit 0', { restartPolicy: 'Always' })] });
    await k.advance(5_000);
    const pod = await k.pod('flaky');
    const [log] = statuses(pod, 'initContainerStatuses');
    expect(log!.restartCount).toBe(1);
    expect(pod.status?.phase).toBe('Running');
    expect(await row(k, 'flaky')).toMatch(/^2\/2 Running 1 \(\d+s ago\)$/);
  });
});
