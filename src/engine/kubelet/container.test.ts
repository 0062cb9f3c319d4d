import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../clock/index.ts';
import { containerMachine, nextBackoff, type ContainerEvent, type RestartPolicy } from './container.ts';

function start(restartPolicy: RestartPolicy) {
  const clock = new VirtualClock({ seed: 1 });
  const actor = createActor(containerMachine(() => clock.now()), {
    clock, input: { name: 'app', image: 'app:1', restartPolicy, podFullName: 'web_default(u1)', now: clock.now() },
  }).start();
  let run = 0;
  const started = () => actor.send({ type: 'container.started', containerID: `c${++run}`, imageID: 'img', startedAt: clock.now() });
  const exited = (exitCode: number): ContainerEvent => ({
    type: 'container.exited', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: clock.now(), finishedAt: clock.now(), containerID: `c${run}`,
  });
  return { clock, actor, started, exit: (code: number) => actor.send(exited(code)), ctx: () => actor.getSnapshot().context };
}

describe('container machine: CrashLoopBackOff (lifecycle.md §2)', () => {
  it('restarts at once after the first crash, then waits 10s, 20s, 40s, 80s, 160s, 300s, 300s', () => {
    const { clock, actor, started, exit, ctx } = start('Always');
    started();
    exit(1);
    // The first crash: no back-off entry yet, so the container is created again at once.
    expect(actor.getSnapshot().matches({ waiting: 'ContainerCreating' })).toBe(true);
    expect(ctx().restartCount).toBe(1);
    const waits: string[] = [];
    for (const delay of [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]) {
      started();
      exit(1);
      expect(actor.getSnapshot().matches({ waiting: 'CrashLoopBackOff' })).toBe(true);
      const state = ctx().state;
      if ('waiting' in state) waits.push(state.waiting.message ?? '');
      clock.advance(delay - 1);
      expect(actor.getSnapshot().matches({ waiting: 'CrashLoopBackOff' })).toBe(true);
      clock.advance(1);
      expect(actor.getSnapshot().matches({ waiting: 'ContainerCreating' })).toBe(true);
    }
    expect(waits).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s'].map((d) => `back-off ${d} restarting failed container=app pod=web_default(u1)`));
    expect(ctx().restartCount).toBe(8);
    expect(ctx().lastState).toMatchObject({ exitCode: 1, reason: 'Error', containerID: 'c8' });
  });

  it('forgets the back-off after ten minutes of running, so the next crash restarts at once', () => {
    const { clock, actor, started, exit } = start('Always');
    started();
    exit(1);
    started();
    clock.advance(601_000);
    exit(1);
    expect(actor.getSnapshot().matches({ waiting: 'ContainerCreating' })).toBe(true);
  });

  it.each([
    { policy: 'Always', code: 0, restarts: true },
    { policy: 'Always', code: 1, restarts: true },
    { policy: 'OnFailure', code: 0, restarts: false },
    { policy: 'OnFailure', code: 2, restarts: true },
    { policy: 'Never', code: 1, restarts: false },
    { policy: 'Never', code: 0, restarts: false },
  ] as const)('restartPolicy $policy, exit $code: restarts=$restarts', ({ policy, code, restarts }) => {
    const { actor, started, exit, ctx } = start(policy);
    started();
    exit(code);
    expect(actor.getSnapshot().matches('terminated')).toBe(!restarts);
    expect(ctx().restartCount).toBe(restarts ? 1 : 0);
    if (!restarts) expect(ctx().state).toMatchObject({ terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' } });
  });

  it('never restarts once its pod is terminating', () => {
    const { actor, started, exit } = start('Always');
    started();
    actor.send({ type: 'pod.terminating' });
    exit(143);
    expect(actor.getSnapshot().matches('terminated')).toBe(true);
  });
});

describe('container machine: waiting reasons', () => {
  it('CreateContainerConfigError is retried after the pod worker back-off (10s)', () => {
    const { clock, actor, ctx } = start('Always');
    actor.send({ type: 'config.failed', message: 'configmap "cfg" not found' });
    expect(ctx().state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found' } });
    clock.advance(10_000);
    expect(ctx().state).toEqual({ waiting: { reason: 'ContainerCreating' } });
  });

  it('a failing pull alternates ErrImagePull and ImagePullBackOff with a doubling back-off', () => {
    const { clock, actor, ctx } = start('Always');
    const reasons: string[] = [];
    const reason = () => { const s = ctx().state; return 'waiting' in s ? s.waiting.reason : ''; };
    for (let i = 0; i < 3; i++) {
      actor.send({ type: 'image.pullFailed', message: 'not found' });
      reasons.push(`${reason()}@${(clock.now() / 1000) % 1000}`);
      while (reason() !== 'ContainerCreating') {
        clock.advance(1_000);
        if (!reasons.at(-1)!.startsWith(reason())) reasons.push(`${reason()}@${(clock.now() / 1000) % 1000}`);
      }
    }
    // 10s back-off: one sync later the pull is tried again; 20s: ImagePullBackOff for the rest.
    expect(reasons.map((r) => r.split('@')[0])).toEqual([
      'ErrImagePull', 'ContainerCreating',
      'ErrImagePull', 'ImagePullBackOff', 'ContainerCreating',
      'ErrImagePull', 'ImagePullBackOff', 'ContainerCreating',
    ]);
    expect(ctx().state).toEqual({ waiting: { reason: 'ContainerCreating' } });
  });

  it('nextBackoff doubles to the 300s cap and starts again after 600s untouched', () => {
    let b = nextBackoff(undefined, 0);
    const seen = [b.ms];
    for (let i = 0; i < 6; i++) { b = nextBackoff(b, 0); seen.push(b.ms); }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(nextBackoff(b, 600_001).ms).toBe(10_000);
  });
});
