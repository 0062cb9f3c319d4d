// Probes and lifecycle hooks on the real runtime, on the virtual clock: readiness drives ready
// and the Ready condition, liveness and startup failures kill and restart, with the kubelet's
// Unhealthy / Killing / hook events (prober.go, kuberuntime_manager.go, kuberuntime_container.go).
import { describe, expect, it } from 'vitest';
import { printTable } from '../api/index.ts';
import type { Pod } from './pod.ts';
import { startKubelet } from './testing/harness.ts';

type Kubelet = Awaited<ReturnType<typeof startKubelet>>;
type Status = { ready: boolean; started: boolean; restartCount: number; containerID?: string; state: Record<string, unknown> };

async function row(k: Kubelet, name: string): Promise<string> {
  const table = printTable({ group: '', version: 'v1', resource: 'pods', kind: 'Pod' }, [await k.pod(name)], { now: k.clock.now() });
  const cells = table.rows![0]!.cells as string[];
  return `${cells[1]} ${cells[2]} ${cells[3]}`;
}
const first = (pod: Pod) => pod.status!.containerStatuses![0] as unknown as Status;
const readyCondition = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'Ready');
const busybox = (script: string, extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'busybox', command: ['sh', '-c', script], ...extra });
const warnings = async (k: Kubelet, name: string) => (await k.events(name)).filter((e) => e.startsWith('Warning') || e.startsWith('Normal Killing'));

describe('readiness probe', () => {
  it('keeps a container unready until its probe passes, and flips it back when the probe fails', async () => {
    const k = await startKubelet();
    await k.create('ready', [busybox('sleep 15; touch /tmp/ready; sleep 3600', {
      readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
    })]);
    await k.advance(10_000);
    let pod = await k.pod('ready');
    expect(pod.status?.phase).toBe('Running');
    expect([first(pod).ready, first(pod).started]).toEqual([false, true]);
    expect(readyCondition(pod)).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(await row(k, 'ready')).toBe('0/1 Running 0');
    expect((await warnings(k, 'ready'))[0]).toMatch(/^Warning Unhealthy Readiness probe failed: cat: can't open '\/tmp\/ready': No such file or directory\n?/);

    await k.advance(10_000);
    pod = await k.pod('ready');
    expect(first(pod).ready).toBe(true);
    expect(readyCondition(pod)?.status).toBe('True');
    expect(await row(k, 'ready')).toBe('1/1 Running 0');

    // The file goes: three failed probes (failureThreshold 3, one per 5 s) make it unready, without a restart.
    await k.runtime.exec(first(pod).containerID!.replace('containerd://', ''), ['rm', '/tmp/ready'], { stdin: false, tty: false }).result;
    await k.advance(10_000);
    expect(first(await k.pod('ready')).ready).toBe(true);
    await k.advance(6_000);
    pod = await k.pod('ready');
    expect([first(pod).ready, first(pod).restartCount]).toEqual([false, 0]);
    expect(await row(k, 'ready')).toBe('0/1 Running 0');
  });

  it.each([
    { name: 'nginx path / passes', probe: { httpGet: { path: '/', port: 80 } }, ready: true, event: undefined },
    { name: 'nginx path /nope is a 404', probe: { httpGet: { path: '/nope', port: 80 } }, ready: false, event: 'Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 404' },
    {
      name: 'a port nothing listens on is refused', probe: { httpGet: { path: '/healthz', port: 8080 } }, ready: false,
      event: 'Warning Unhealthy Readiness probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused',
    },
    { name: 'a named port resolves', probe: { tcpSocket: { port: 'http' } }, ready: true, event: undefined },
    { name: 'tcpSocket on a closed port', probe: { tcpSocket: { port: 81 } }, ready: false, event: 'Warning Unhealthy Readiness probe failed: dial tcp 10.244.1.2:81: connect: connection refused' },
    { name: 'grpc (a listener counts as SERVING)', probe: { grpc: { port: 80 } }, ready: true, event: undefined },
    { name: 'an exec probe past its timeout', probe: { exec: { command: ['sleep', '5'] }, timeoutSeconds: 1 }, ready: false, event: 'Warning Unhealthy Readiness probe failed: command "sleep 5" timed out' },
  ])('httpGet, tcpSocket, grpc, exec: $name', async ({ probe, ready, event }) => {
    const k = await startKubelet();
    await k.create('web', [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { periodSeconds: 5, ...probe } }]);
    await k.advance(30_000);
    const pod = await k.pod('web');
    expect(first(pod).ready).toBe(ready);
    const unhealthy = (await k.events('web')).filter((e) => e.startsWith('Warning'));
    if (event) expect(unhealthy[0]?.replace(/ \(x\d+\)$/, '')).toBe(event);
    else expect(unhealthy).toEqual([]);
  });
});

describe('liveness probe', () => {
  it.each([
    { policy: 'Always', killing: 'Normal Killing Container nginx failed liveness probe, will be restarted', restarts: 1 },
    { policy: 'Never', killing: 'Normal Killing Container nginx failed liveness probe', restarts: 0 },
  ])('kills the container after failureThreshold failures (restartPolicy $policy)', async ({ policy, killing, restarts }) => {
    const k = await startKubelet();
    await k.create('live', [{ name: 'nginx', image: 'nginx', livenessProbe: { httpGet: { path: '/nope', port: 80 }, periodSeconds: 5, failureThreshold: 2 } }], { restartPolicy: policy });
    // Probes at 5 s and 10 s fail (nginx started at ≈ 2 s); the kill at 10 s, the new run (pulled again) at ≈ 12 s.
    await k.advance(16_000);
    const pod = await k.pod('live');
    expect(first(pod).restartCount).toBe(restarts);
    const events = await warnings(k, 'live');
    expect(events.slice(0, 2).map((e) => e.replace(/ \(x\d+\)$/, ''))).toEqual(['Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 404', killing]);
    if (restarts) {
      expect(await row(k, 'live')).toMatch(/^1\/1 Running 1 \(\d+s ago\)$/);
      expect((pod.status!.containerStatuses![0] as { lastState: { terminated: { exitCode: number } } }).lastState.terminated.exitCode).toBe(0);
    } else {
      expect(pod.status?.phase).toBe('Succeeded');
    }
  });
});

describe('startup probe', () => {
  it('holds liveness and readiness back until it passes', async () => {
    const k = await startKubelet();
    const check = { exec: { command: ['cat', '/tmp/started'] } };
    await k.create('slow', [busybox('sleep 12; touch /tmp/started; sleep 3600', {
      startupProbe: { ...check, periodSeconds: 5, failureThreshold: 10 },
      livenessProbe: { ...check, periodSeconds: 5, failureThreshold: 1 },
      readinessProbe: { ...check, periodSeconds: 5 },
    })]);
    await k.advance(8_000);
    let pod = await k.pod('slow');
    expect([first(pod).started, first(pod).ready]).toEqual([false, false]);
    await k.advance(12_000);
    pod = await k.pod('slow');
    expect([first(pod).started, first(pod).ready, first(pod).restartCount]).toEqual([true, true, 0]);
    const events = await warnings(k, 'slow');
    expect(events.every((e) => e.startsWith('Warning Unhealthy Startup probe failed'))).toBe(true);
  });

  it('kills a container that never starts', async () => {
    const k = await startKubelet();
    await k.create('never', [busybox('sleep 3600', { startupProbe: { exec: { command: ['false'] }, periodSeconds: 2, failureThreshold: 2 } })], { terminationGracePeriodSeconds: 1 });
    await k.advance(8_000);
    expect(await warnings(k, 'never')).toContain('Normal Killing Container app failed startup probe, will be restarted');
    expect(first(await k.pod('never')).restartCount).toBe(1);
  });
});

describe('lifecycle hooks', () => {
  it('a failing postStart hook kills the container; a failing preStop hook is reported before the stop', async () => {
    const k = await startKubelet();
    await k.create('hooks', [{ name: 'nginx', image: 'nginx', lifecycle: { postStart: { exec: { command: ['false'] } } } }]);
    await k.advance(5_000);
    // Killed and restarted (at once, then after back-off), failing each time.
    expect((await k.events('hooks')).filter((e) => /Hook|Killing/.test(e)).map((e) => e.replace(/ \(x\d+\)$/, '')))
      .toEqual(['Warning FailedPostStartHook PostStartHook failed', 'Normal Killing FailedPostStartHook']);
    expect(first(await k.pod('hooks')).restartCount).toBeGreaterThan(0);

    await k.create('stop', [{ name: 'nginx', image: 'nginx', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 2; exit 1'] } } } }]);
    await k.advance(5_000);
    await k.admin.delete(k.pods, 'stop');
    await k.advance(1_000);
    expect(await k.events('stop')).toContain('Normal Killing Stopping container nginx');
    expect((await k.events('stop')).some((e) => e.includes('FailedPreStopHook'))).toBe(false);
    await k.advance(2_000);
    expect(await k.events('stop')).toContain('Warning FailedPreStopHook PreStopHook failed');
  });
});
