// The kubelet's streaming server: logs (current and previous), exec and attach, and the
// kubelet's refusals with their texts.
import { describe, expect, it } from 'vitest';
import { KubeletError, type ContainerRef } from '../api/index.ts';
import { startKubelet } from './testing/harness.ts';

async function refusal(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'no error', (e) => (e instanceof KubeletError ? `${e.code} ${e.message}` : String(e)));
}

describe('streaming server', () => {
  it('serves the current and the previous run\'s log, and refuses what a kubelet refuses', async () => {
    const k = await startKubelet();
    await k.create('crash', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo run; exit 1'] }]);
    await k.create('typo', [{ name: 'app', image: 'ngnix' }]);
    await k.create('cfg', [{ name: 'app', image: 'busybox', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x' } } }] }]);
    await k.advance(3_000);
    const ref = async (pod: string, container = 'app'): Promise<ContainerRef> =>
      ({ namespace: 'default', pod, uid: (await k.pod(pod)).metadata!.uid!, container });
    const logs = async (r: ContainerRef, previous = false) => {
      const out: string[] = [];
      await (await k.kubelet.connection.containerLogs(r, { previous }, (c) => out.push(c))).closed;
      return out.join('');
    };
    // In CrashLoopBackOff the log is the last run's, as `kubectl logs` shows for a crashing pod.
    expect(await logs(await ref('crash'))).toBe('run\n');
    expect(await logs(await ref('crash'), true)).toBe('run\n');
    expect(await refusal(logs(await ref('typo')))).toBe('400 container "app" in pod "typo" is waiting to start: image can\'t be pulled');
    expect(await refusal(logs(await ref('cfg')))).toBe('400 container "app" in pod "cfg" is waiting to start: CreateContainerConfigError');
    expect(await refusal(logs(await ref('typo'), true))).toBe('400 previous terminated container "app" in pod "typo" not found');
    expect(await refusal(logs(await ref('crash', 'other')))).toBe('400 container "other" in pod "crash" is not available');
    expect(await refusal(logs({ namespace: 'default', pod: 'ghost', uid: 'u', container: 'app' }))).toBe('404 pod "ghost" does not exist');
    const streams = { stdin: false, tty: false };
    expect(await refusal(k.kubelet.connection.exec(await ref('typo'), ['ls'], streams))).toBe('500 container not found ("app")');
    expect(await refusal(k.kubelet.connection.attach(await ref('typo'), streams))).toBe('500 container app not found in pod typo_default');
  });

  it('runs a command in a running container', async () => {
    const k = await startKubelet();
    await k.create('web', [{ name: 'nginx', image: 'nginx' }]);
    await k.advance(5_000);
    const out: string[] = [];
    const pod = await k.pod('web');
    const session = await k.kubelet.connection.exec(
      { namespace: 'default', pod: 'web', uid: pod.metadata!.uid!, container: 'nginx' }, ['cat', '/etc/hostname'],
      { stdin: false, tty: false, stdout: (c) => out.push(c), stderr: (c) => out.push(c) },
    );
    await k.advance(100);
    expect(await session.result).toEqual({ status: 'Success' });
    expect(out.join('')).toBe('web\n');
  });
});
