import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createApiServer } from './server.ts';
import type { KubeObject, KubeWatchEvent } from './types.ts';
import { hpaV1ToV2, hpaV2ToV1 } from './conversion-hpa.ts';

function setup() {
  const clock = new VirtualClock({ seed: 1 });
  const store = createMemoryStore({ clock });
  const api = createApiServer({ store, clock });
  const call = async (verb: 'create' | 'get' | 'update', group: string, version: string, resource: string, name?: string, body?: KubeObject) =>
    (await api.handle({ verb, group, version, resource, namespace: 'default', name, body })).body as KubeObject;
  return { api, store, call };
}

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const hpaV1 = (extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
  spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 5, ...extra } });
const cpu = (averageUtilization: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } });
const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } };

describe('HorizontalPodAutoscaler autoscaling/v1 ↔ v2', () => {
  it('stores a v1 CPU target as a v2 Utilization metric, and serves it back at v1 unchanged', async () => {
    const { store, call } = setup();
    await call('create', 'autoscaling', 'v1', 'horizontalpodautoscalers', undefined, hpaV1({ targetCPUUtilizationPercentage: 50 }));
    const stored = JSON.parse((await store.range({ key: '/registry/horizontalpodautoscalers/default/web' })).kvs[0]!.value) as KubeObject;
    expect(stored).toMatchObject({ apiVersion: 'autoscaling/v2', spec: { metrics: [cpu(50)] } });
    expect((await call('get', 'autoscaling', 'v2', 'horizontalpodautoscalers', 'web')).spec).toEqual({ scaleTargetRef: target, minReplicas: 1, maxReplicas: 5, metrics: [cpu(50)] });
    const v1 = await call('get', 'autoscaling', 'v1', 'horizontalpodautoscalers', 'web');
    expect(v1).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 50 } });
    expect(v1.metadata?.annotations).toBeUndefined();
  });

  it('gives a v1 HPA without a target the default 80% CPU', () => {
    expect(hpaV1ToV2(hpaV1()).spec).toMatchObject({ metrics: [cpu(80)] });
  });

  it('keeps v2-only metrics, conditions and behavior in annotations at v1, and gets them back on a v1 update', async () => {
    const { call } = setup();
    const behavior = { scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }] } };
    await call('create', 'autoscaling', 'v2', 'horizontalpodautoscalers', undefined, {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 5, metrics: [memory, cpu(60)], behavior } });
    const v1 = await call('get', 'autoscaling', 'v1', 'horizontalpodautoscalers', 'web');
    expect(v1.spec).toEqual({ scaleTargetRef: target, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
    expect(JSON.parse(v1.metadata!.annotations!['autoscaling.alpha.kubernetes.io/metrics']!))
      .toEqual([{ type: 'Resource', resource: { name: 'memory', targetAverageValue: '500Mi' } }]);
    expect(JSON.parse(v1.metadata!.annotations!['autoscaling.alpha.kubernetes.io/behavior']!))
      .toMatchObject({ ScaleDown: { StabilizationWindowSeconds: 60, Policies: [{ Type: 'Pods', Value: 1, PeriodSeconds: 30 }] } });
    // A v1 client raises the CPU target; the memory metric and behavior survive in storage.
    await call('update', 'autoscaling', 'v1', 'horizontalpodautoscalers', 'web', { ...v1, spec: { ...(v1.spec as object), targetCPUUtilizationPercentage: 70 } });
    const v2 = await call('get', 'autoscaling', 'v2', 'horizontalpodautoscalers', 'web');
    expect(v2.spec).toMatchObject({ metrics: [memory, cpu(70)], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
    expect(v2.metadata?.annotations).toBeUndefined();
  });

  it('round-trips status: the CPU utilization and the conditions', () => {
    const conditions = [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', lastTransitionTime: '2025-01-01T00:00:00Z' }];
    const v2: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: target, maxReplicas: 5, metrics: [cpu(50)] },
      status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 90, averageValue: '450m' } } }], conditions } };
    const v1 = hpaV2ToV1(v2);
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 90 });
    expect(hpaV1ToV2(v1).status).toEqual(v2.status);
  });

  it('converts watch events to the watched version', async () => {
    const { api, call } = setup();
    const events: KubeWatchEvent[] = [];
    await api.watch({ verb: 'watch', group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers', namespace: 'default', query: { resourceVersion: '1' } }, (e) => events.push(e));
    await call('create', 'autoscaling', 'v2', 'horizontalpodautoscalers', undefined, {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: target, maxReplicas: 3, metrics: [cpu(40)] } });
    expect(events.map((e) => [e.type, e.object.apiVersion, (e.object.spec as { targetCPUUtilizationPercentage?: number }).targetCPUUtilizationPercentage]))
      .toEqual([['ADDED', 'autoscaling/v1', 40]]);
  });
});

describe('Event events.k8s.io/v1 ↔ core v1', () => {
  const regarding = { kind: 'Pod', namespace: 'default', name: 'web', apiVersion: 'v1' };
  it('stores an events.k8s.io Event as a core Event, its fields renamed both ways', async () => {
    const { store, call } = setup();
    await call('create', 'events.k8s.io', 'v1', 'events', undefined, {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.1' }, eventTime: '2025-01-01T00:00:00.000000Z',
      reportingController: 'default-scheduler', reportingInstance: 'default-scheduler-cp', action: 'Binding', reason: 'Scheduled',
      type: 'Normal', regarding, note: 'Successfully assigned default/web to node-1' });
    const stored = JSON.parse((await store.range({ key: '/registry/events/default/web.1' })).kvs[0]!.value) as KubeObject;
    expect(stored).toMatchObject({ apiVersion: 'v1', kind: 'Event', involvedObject: regarding, message: 'Successfully assigned default/web to node-1', reportingComponent: 'default-scheduler' });
    expect(stored).not.toHaveProperty('note');
    const core = await call('get', '', 'v1', 'events', 'web.1');
    expect(core).toMatchObject({ apiVersion: 'v1', kind: 'Event', involvedObject: regarding, message: 'Successfully assigned default/web to node-1', reason: 'Scheduled' });
    const ev = await call('get', 'events.k8s.io', 'v1', 'events', 'web.1');
    expect(ev).toMatchObject({ apiVersion: 'events.k8s.io/v1', regarding, note: 'Successfully assigned default/web to node-1', reportingController: 'default-scheduler' });
    expect(ev).not.toHaveProperty('message');
  });

  it('serves a core Event with a source and counts through the deprecated fields', async () => {
    const { call } = setup();
    await call('create', '', 'v1', 'events', undefined, {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.2' }, involvedObject: regarding, reason: 'Pulled', message: 'pulled',
      source: { component: 'kubelet', host: 'node-1' }, count: 3, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:01:00Z', type: 'Normal' });
    expect(await call('get', 'events.k8s.io', 'v1', 'events', 'web.2')).toMatchObject({
      deprecatedSource: { component: 'kubelet', host: 'node-1' }, deprecatedCount: 3,
      deprecatedFirstTimestamp: '2025-01-01T00:00:00Z', deprecatedLastTimestamp: '2025-01-01T00:01:00Z', note: 'pulled' });
  });
});
