import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import type { ContainerConfig } from './cri.ts';
import { createContainerRuntime } from './runtime.ts';
import { Mi, UsageMeter } from './usage.ts';

const START = Date.UTC(2026, 11, 2, 0, 20, 30);

async function running(over: Partial<ContainerConfig>, seed = 7) {
  const clock = new VirtualClock({ seed, startTime: START });
  const runtime = createContainerRuntime({ clock });
  const sandbox = runtime.runPodSandbox({ podUid: 'u1', podName: 'web', namespace: 'default', hostname: 'web', files: {} });
  const pulled = runtime.pullImage(over.image ?? 'busybox');
  await clock.advanceAsync(60_000);
  await pulled;
  const id = runtime.createContainer(sandbox, {
    name: 'c', attempt: 0, image: 'busybox', command: [], args: [], env: [], mounts: [], stdin: false, stdinOnce: false, tty: false, limits: {}, ...over,
  });
  runtime.startContainer(id);
  return { clock, runtime, id };
}

/** Millicores used over `seconds` from now, as metrics-server computes them from two readings. */
async function rateOver(r: Awaited<ReturnType<typeof running>>, seconds: number) {
  const before = r.runtime.containerStats(r.id)!;
  await r.clock.advanceAsync(seconds * 1000);
  const after = r.runtime.containerStats(r.id)!;
  const cores = (after.cpu.usageCoreNanoSeconds - before.cpu.usageCoreNanoSeconds) / ((after.cpu.timestamp - before.cpu.timestamp) * 1e6);
  return { millicores: cores * 1000, memoryMi: after.memory.workingSetBytes / Mi };
}

describe('container usage', () => {
  it.each([
    { name: 'idle nginx uses at most a millicore and a few MiB', image: 'nginx', command: [], args: [], limits: {}, cpu: [0, 1], memory: [3, 8] },
    { name: 'redis-server idles at about 2m and 4Mi', image: 'redis', command: [], args: [], limits: {}, cpu: [1.5, 2.5], memory: [3.5, 4.5] },
    { name: 'busybox sleep uses no CPU and half a MiB', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], args: [], limits: {}, cpu: [0, 0.001], memory: [0.4, 0.6] },
    { name: 'a shell loop echoing every second costs its forks, one to two millicores', image: 'busybox', command: ['sh', '-c', 'while true; do echo hi; sleep 1; done'], args: [], limits: {}, cpu: [0.5, 2.5], memory: [0.4, 0.6] },
    { name: 'stress --cpu 2 uses two cores', image: 'polinux/stress', command: ['stress'], args: ['--cpu', '2'], limits: {}, cpu: [1980, 2000], memory: [0.6, 1.2] },
    { name: 'stress --cpu 2 is throttled to a 500m limit', image: 'polinux/stress', command: ['stress'], args: ['--cpu', '2'], limits: { cpu: '500m' }, cpu: [500, 500], memory: [0.6, 1.2] },
    { name: 'stress --vm 1 --vm-bytes 150M holds 150M under a 200Mi limit', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], limits: { memory: '200Mi' }, cpu: [40, 80], memory: [150.6, 151.2] },
  ])('$name', async ({ image, command, args, limits, cpu, memory }) => {
    const r = await running({ image, command, args, limits: limits as Record<string, string> });
    await r.clock.advanceAsync(5_000);
    const { millicores, memoryMi } = await rateOver(r, 15);
    expect(millicores).toBeGreaterThanOrEqual(cpu[0]!);
    expect(millicores).toBeLessThanOrEqual(cpu[1]!);
    expect(memoryMi).toBeGreaterThanOrEqual(memory[0]!);
    expect(memoryMi).toBeLessThanOrEqual(memory[1]!);
  });

  it('the same seed gives the same readings', async () => {
    const read = async () => {
      const r = await running({ image: 'nginx' });
      await r.clock.advanceAsync(30_000);
      return r.runtime.containerStats(r.id);
    };
    expect(await read()).toEqual(await read());
  });

  it('stress over its memory limit is OOM-killed: exit 137, OOMKilled, and has no stats after', async () => {
    const r = await running({ image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], limits: { memory: '100Mi' } });
    await r.clock.advanceAsync(1_000);
    expect(r.runtime.containerStatus(r.id)).toMatchObject({ state: 'exited', exitCode: 137, reason: 'OOMKilled' });
    expect(r.runtime.containerStats(r.id)).toBeUndefined();
    expect(r.runtime.listContainerStats()).toEqual([]);
  });

  it('ListContainerStats labels each running container with its pod, as the kubelet does', async () => {
    const r = await running({ image: 'nginx', name: 'web' });
    expect(r.runtime.listContainerStats()[0]?.attributes).toMatchObject({
      id: r.id, metadata: { name: 'web', attempt: 0 },
      labels: { 'io.kubernetes.container.name': 'web', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': 'u1' },
    });
  });
});

describe('UsageMeter', () => {
  it('integrates each process from when it declares to when it ends', () => {
    const clock = new VirtualClock({ seed: 1, startTime: START });
    const meter = new UsageMeter({ clock, seed: 'x' });
    const a = meter.process({ cpu: 1, memory: 10 * 4096 });
    clock.advance(2_000);
    const b = meter.process({ cpu: 0.5, memory: 5 * 4096 });
    clock.advance(2_000);
    a.release();
    clock.advance(2_000);
    expect(meter.sample()).toMatchObject({ usageCoreNanoSeconds: 6e9, workingSetBytes: 5 * 4096, usageNanoCores: 5e8 });
    b.use({ cpu: 0, memory: 4000 });
    expect(meter.workingSet()).toBe(4096);
  });

  it('calls the OOM killer once when the working set passes the limit', () => {
    const clock = new VirtualClock({ seed: 1, startTime: START });
    let kills = 0;
    const meter = new UsageMeter({ clock, seed: 'x', memoryLimit: 100 * 4096, onOom: () => { kills++; } });
    const p = meter.process({ cpu: 0, memory: 60 * 4096 });
    expect(kills).toBe(0);
    meter.process({ cpu: 0, memory: 60 * 4096 });
    p.use({ cpu: 0, memory: 70 * 4096 });
    expect(kills).toBe(1);
  });
});
