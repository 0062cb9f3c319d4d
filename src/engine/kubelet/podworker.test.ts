// Pod workers against a real apiserver and runtime: what a pod bound to the node goes through,
// step by step on the virtual clock.
import { describe, expect, it } from 'vitest';
import { isNotFound } from '../api/index.ts';
import { resources } from '../client/index.ts';
import { startKubelet } from './testing/harness.ts';

const waitingReason = (s: Record<string, unknown> | undefined) => ((s?.state as { waiting?: { reason: string } }).waiting?.reason);

describe('pod worker', () => {
  it('runs nginx: Pending with ContainerCreating, then Running and Ready, with the kubelet events', async () => {
    const k = await startKubelet();
    await k.create('web', [{ name: 'nginx', image: 'nginx' }]);
    await k.advance(0);
    let pod = await k.pod('web');
    expect(pod.status?.phase).toBe('Pending');
    expect(waitingReason(pod.status?.containerStatuses?.[0])).toBe('ContainerCreating');
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True',
    ]);
    expect(pod.status?.conditions?.[2]).toMatchObject({ reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });

    await k.advance(5_000);
    pod = await k.pod('web');
    expect(pod.status).toMatchObject({ phase: 'Running', hostIP: '172.18.0.3', hostIPs: [{ ip: '172.18.0.3' }], podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], qosClass: 'BestEffort', startTime: '2026-01-01T00:00:00Z' });
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    const cs = pod.status?.containerStatuses?.[0] as Record<string, unknown>;
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest', lastState: {} });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.state).toEqual({ running: { startedAt: '2026-01-01T00:00:02Z' } });
    expect(await k.events('web')).toEqual([
      'Normal Pulling Pulling image "nginx"',
      'Normal Pulled Successfully pulled image "nginx" in 2.021s (2.021s including waiting). Image size: 72188133 bytes.',
      'Normal Created Created container: nginx',
      'Normal Started Started container nginx',
    ]);
    expect(k.errors).toEqual([]);
  });

  it('says an IfNotPresent image is already present for a second pod', async () => {
    const k = await startKubelet();
    await k.create('a', [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }]);
    await k.advance(5_000);
    await k.create('b', [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }]);
    await k.advance(1_000);
    expect((await k.events('b'))[0]).toBe('Normal Pulled Container image "nginx:1.27" already present on machine');
    expect((await k.pod('b')).status?.phase).toBe('Running');
  });

  it.each([
    { name: 'Never, exit 0 → Succeeded', restartPolicy: 'Never', script: 'exit 0', phase: 'Succeeded', reason: 'Completed', restarts: 0 },
    { name: 'Never, exit 3 → Failed', restartPolicy: 'Never', script: 'exit 3', phase: 'Failed', reason: 'Error', restarts: 0 },
    { name: 'OnFailure, exit 0 → Succeeded', restartPolicy: 'OnFailure', script: 'exit 0', phase: 'Succeeded', reason: 'Completed', restarts: 0 },
    { name: 'OnFailure, exit 1 → Running, restarting', restartPolicy: 'OnFailure', script: 'exit 1', phase: 'Running', reason: undefined, restarts: 1 },
    { name: 'Always, exit 0 → Running, restarting', restartPolicy: 'Always', script: 'exit 0', phase: 'Running', reason: undefined, restarts: 1 },
  ])('restartPolicy $name', async ({ restartPolicy, script, phase, reason, restarts }) => {
    const k = await startKubelet();
    await k.create('job', [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }], { restartPolicy });
    await k.advance(3_000);
    const pod = await k.pod('job');
    expect(pod.status?.phase).toBe(phase);
    const cs = pod.status?.containerStatuses?.[0] as { restartCount: number; state: { terminated?: { reason: string } } };
    expect(cs.restartCount).toBe(restarts);
    if (reason) {
      expect(cs.state.terminated?.reason).toBe(reason);
      expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed' });
    }
  });

  it('puts a crashing container in CrashLoopBackOff with the real delays and BackOff events', async () => {
    const k = await startKubelet();
    await k.create('crash', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo dying; exit 1'] }]);
    await k.advance(3_000);
    const seen: string[] = [];
    const look = async () => {
      const cs = (await k.pod('crash')).status?.containerStatuses?.[0] as { restartCount: number; state: { waiting?: { reason: string; message: string } } };
      return `${cs.restartCount}:${cs.state.waiting?.reason ?? Object.keys(cs.state)[0]}`;
    };
    // Each run exits as soon as it starts, after a pull (busybox:latest is pulled every time,
    // ≈ 0.35 s): crash 1 (≈ 0.35 s) is restarted at once, crash 2 (≈ 0.7 s) waits 10 s,
    // crash 3 (≈ 11 s) waits 20 s.
    seen.push(await look());
    await k.advance(7_000);
    seen.push(await look());
    await k.advance(2_000);
    seen.push(await look());
    await k.advance(18_000);
    seen.push(await look());
    await k.advance(2_000);
    seen.push(await look());
    expect(seen).toEqual(['1:CrashLoopBackOff', '1:CrashLoopBackOff', '2:CrashLoopBackOff', '2:CrashLoopBackOff', '3:CrashLoopBackOff']);
    const pod = await k.pod('crash');
    expect(pod.status?.phase).toBe('Running');
    const cs = pod.status?.containerStatuses?.[0] as Record<string, { terminated?: Record<string, unknown>; waiting?: Record<string, unknown> }>;
    expect(cs.state!.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=app pod=crash_default(${pod.metadata!.uid})` });
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const events = await k.events('crash');
    expect(events).toContain(`Warning BackOff Back-off restarting failed container app in pod crash_default(${pod.metadata!.uid}) (x3)`);
    expect(events).toContain('Normal Started Started container app (x4)');
  });

  it.each([
    { name: 'a missing ConfigMap', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'x' } } }], message: 'configmap "cfg" not found' },
    { name: 'a missing Secret', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }], message: 'secret "db" not found' },
    { name: 'a missing envFrom ConfigMap', envFrom: [{ configMapRef: { name: 'cfg' } }], message: 'configmap "cfg" not found' },
  ])('fails with CreateContainerConfigError for $name, and starts once it exists', async ({ env, envFrom, message }) => {
    const k = await startKubelet();
    await k.create('cfg', [{ name: 'app', image: 'nginx', ...(env ? { env } : {}), ...(envFrom ? { envFrom } : {}) }]);
    await k.advance(3_000);
    const pod = await k.pod('cfg');
    expect(pod.status?.phase).toBe('Pending');
    expect((pod.status?.containerStatuses?.[0] as { state: unknown }).state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message } });
    expect(await k.events('cfg')).toContain(`Warning Failed Error: ${message}`);
    await k.admin.create({ ...resources.configmaps, namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { x: '1' } });
    await k.admin.create({ ...resources.secrets, namespace: 'default' }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: btoa('s3cret') } });
    // Retried after the pod worker's 10 s back-off; nginx:latest is pulled again (Always).
    await k.advance(15_000);
    expect((await k.pod('cfg')).status?.phase).toBe('Running');
  });

  it('resolves env (values, $(VAR), fieldRef, resourceFieldRef, ConfigMap, Secret, envFrom) and volumes into the runtime config', async () => {
    const k = await startKubelet();
    await k.admin.create({ ...resources.configmaps, namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { mode: 'fast', 'app.conf': 'x=1\n' } });
    await k.admin.create({ ...resources.secrets, namespace: 'default' }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: btoa('s3cret') } });
    await k.create('env', [{
      name: 'app', image: 'busybox', command: ['sh', '-c', 'env; cat /etc/app/app.conf /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; sleep 3600'],
      resources: { limits: { memory: '64Mi', cpu: '500m' } },
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
      env: [
        { name: 'A', value: 'one' }, { name: 'B', value: '$(A)-two $$(A) $(NOPE)' },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      ],
      volumeMounts: [{ name: 'conf', mountPath: '/etc/app' }],
    }], { volumes: [{ name: 'conf', configMap: { name: 'cfg' } }] });
    await k.advance(5_000);
    const pod = await k.pod('env');
    const chunks: string[] = [];
    const stream = await k.kubelet.connection.containerLogs({ namespace: 'default', pod: 'env', uid: pod.metadata!.uid!, container: 'app' }, {}, (c) => chunks.push(c));
    await stream.closed;
    const out = chunks.join('');
    for (const line of ['A=one', 'B=one-two $(A) $(NOPE)', 'POD=env', 'NODE=node-1', 'MEM=64', 'CPU=1', 'MODE=fast', 'PASS=s3cret', 'CFG_mode=fast', 'KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_PORT=tcp://10.96.0.1:443']) {
      expect(out.split('\n')).toContain(line);
    }
    expect(out).toContain('x=1\ndefault\n');
  });

  it('stops containers with the grace period on deletion, then writes the final status and deletes the pod', async () => {
    const k = await startKubelet();
    // sh as PID 1 ignores SIGTERM, so only the SIGKILL at the end of the grace period stops it.
    await k.create('slow', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }], { terminationGracePeriodSeconds: 5 });
    await k.advance(3_000);
    const uid = (await k.pod('slow')).metadata!.uid!;
    await k.admin.delete(k.pods, 'slow');
    await k.advance(0);
    let pod = await k.pod('slow');
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(await k.events('slow')).toContain('Normal Killing Stopping container app');
    await k.advance(4_000);
    pod = await k.pod('slow');
    expect(pod.status?.phase).toBe('Running');
    await k.advance(1_500);
    expect(await k.pod('slow').then(() => 'present', (e) => (isNotFound(e) ? 'gone' : String(e)))).toBe('gone');
    expect(k.runtime.listContainers().filter((c) => c.state === 'running')).toEqual([]);
    expect(uid).toMatch(/-/);
  });

  it('rejects a pod that does not fit the node, as kubelet admission does', async () => {
    const k = await startKubelet();
    await k.create('big', [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '5' } } }]);
    await k.advance(1_000);
    const pod = await k.pod('big');
    expect(pod.status).toMatchObject({
      phase: 'Failed', reason: 'OutOfcpu',
      message: 'Pod was rejected: Node didn\'t have enough resource: cpu, requested: 5000, used: 0, capacity: 4000',
    });
    expect(await k.events('big')).toEqual(['Warning OutOfcpu Node didn\'t have enough resource: cpu, requested: 5000, used: 0, capacity: 4000']);
  });

  it('reports ErrImagePull then ImagePullBackOff for an image the registry does not have', async () => {
    const k = await startKubelet();
    await k.create('typo', [{ name: 'app', image: 'ngnix' }]);
    await k.advance(1_000);
    let cs = (await k.pod('typo')).status?.containerStatuses?.[0];
    expect(waitingReason(cs)).toBe('ErrImagePull');
    // Retried at once after the first 10 s back-off, then ImagePullBackOff through the next 20 s.
    await k.advance(24_000);
    cs = (await k.pod('typo')).status?.containerStatuses?.[0];
    expect(waitingReason(cs)).toBe('ImagePullBackOff');
    const events = await k.events('typo');
    expect(events[0]).toBe('Normal Pulling Pulling image "ngnix" (x2)');
    const pullError = /^Warning Failed Failed to pull image "ngnix": (rpc error: .*) \(x2\)$/.exec(events[1] ?? '')?.[1];
    expect(pullError).toBeDefined();
    expect((cs?.state as { waiting: { message: string } }).waiting.message).toBe(`Back-off pulling image "ngnix": ErrImagePull: ${pullError}`);
    expect(events.slice(2)).toEqual([
      'Warning Failed Error: ErrImagePull (x2)',
      'Normal BackOff Back-off pulling image "ngnix"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
  });
});
