import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { LimitRanger } from './LimitRanger.ts';
import type { Container, Pod } from './pod.ts';
import { attrsFor, statusOf } from './testing.ts';

const limitRange = (...limits: Record<string, unknown>[]): KubeObject =>
  ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'dev' }, spec: { limits } });
const container = (name: string, resources?: Container['resources']): Container => ({ name, image: 'nginx', ...(resources ? { resources } : {}) });
const podWith = (...containers: Container[]): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'dev' }, spec: { containers } });

async function run(pod: Pod, stored: KubeObject[]) {
  const attrs = attrsFor({ resource: 'pods', namespace: 'dev', object: pod, stored });
  return (await statusOf(LimitRanger.admit!(attrs))) ?? (await statusOf(LimitRanger.validate!(attrs)));
}

describe('LimitRanger defaults', () => {
  it('fills missing requests and limits from the Container item and records it in the annotation', async () => {
    const pod = podWith(container('app'), container('side', { requests: { cpu: '100m' } }));
    const lr = limitRange({ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m', memory: '128Mi' } });
    expect(await run(pod, [lr])).toBeUndefined();
    expect(pod.spec?.containers?.[0]?.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
    expect(pod.spec?.containers?.[1]?.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(pod.metadata?.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; memory request for container side; cpu, memory limit for container side');
  });

  it('leaves a pod that sets everything without the annotation', async () => {
    const pod = podWith(container('app', { requests: { cpu: '1' }, limits: { cpu: '1' } }));
    await run(pod, [limitRange({ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } })]);
    expect(pod.metadata?.annotations).toBeUndefined();
  });
});

describe('LimitRanger bounds', () => {
  it.each([
    { name: 'a limit above max is refused', pod: podWith(container('c', { requests: { cpu: '1' }, limits: { cpu: '2' } })),
      item: { type: 'Container', max: { cpu: '1' } }, want: 'pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2' },
    { name: 'no limit under a max is refused', pod: podWith(container('c', { requests: { memory: '1Gi' } })),
      item: { type: 'Container', max: { memory: '2Gi' } }, want: 'pods "x" is forbidden: maximum memory usage per Container is 2Gi.  No limit is specified' },
    { name: 'a request below min is refused', pod: podWith(container('c', { requests: { cpu: '50m' }, limits: { cpu: '1' } })),
      item: { type: 'Container', min: { cpu: '100m' } }, want: 'pods "x" is forbidden: minimum cpu usage per Container is 100m, but request is 50m' },
    { name: 'no request under a min is refused', pod: podWith(container('c', { limits: { memory: '1Gi' } })),
      item: { type: 'Container', min: { memory: '100Mi' } }, want: 'pods "x" is forbidden: minimum memory usage per Container is 100Mi.  No request is specified' },
    { name: 'a limit-to-request ratio above the bound is refused', pod: podWith(container('c', { requests: { cpu: '250m' }, limits: { cpu: '1' } })),
      item: { type: 'Container', maxLimitRequestRatio: { cpu: '2' } }, want: 'pods "x" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000' },
    { name: 'the pod total is bounded by a Pod item', pod: podWith(container('a', { requests: { cpu: '1' }, limits: { cpu: '1' } }), container('b', { requests: { cpu: '1' }, limits: { cpu: '1' } })),
      item: { type: 'Pod', max: { cpu: '1500m' } }, want: 'pods "x" is forbidden: maximum cpu usage per Pod is 1500m, but limit is 2' },
    { name: 'several violations are listed together', pod: podWith(container('c', { requests: { cpu: '3', memory: '3Gi' }, limits: { cpu: '3', memory: '3Gi' } })),
      item: { type: 'Container', max: { cpu: '2', memory: '2Gi' } },
      want: 'pods "x" is forbidden: [maximum cpu usage per Container is 2, but limit is 3, maximum memory usage per Container is 2Gi, but limit is 3Gi]' },
  ])('$name', async ({ pod, item, want }) => {
    expect(await run(pod, [limitRange(item)])).toMatchObject({ code: 403, reason: 'Forbidden', message: want });
  });

  it.each([
    { name: 'values within min and max pass', pod: podWith(container('c', { requests: { cpu: '500m' }, limits: { cpu: '1' } })),
      item: { type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '2' } } },
    { name: 'a max satisfied by the defaulted limit passes', pod: podWith(container('c')),
      item: { type: 'Container', max: { cpu: '1' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' } } },
  ])('$name', async ({ pod, item }) => {
    expect(await run(pod, [limitRange(item)])).toBeUndefined();
  });
});
