import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { Priority } from './Priority.ts';
import type { Pod } from './pod.ts';
import { attrsFor, statusOf } from './testing.ts';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy: 'PreemptLowerPriority', ...extra });
const podWith = (spec: Record<string, unknown> = {}): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'dev' }, spec: { containers: [{ name: 'c' }], ...spec } });

describe('Priority admission for pods', () => {
  it.each([
    { name: 'no class and no default gives priority 0 and PreemptLowerPriority', pod: podWith(), stored: [],
      want: { priority: 0, preemptionPolicy: 'PreemptLowerPriority' } },
    { name: 'a named class gives its value and policy', pod: podWith({ priorityClassName: 'high' }), stored: [pc('high', 1000, { preemptionPolicy: 'Never' })],
      want: { priority: 1000, preemptionPolicy: 'Never', priorityClassName: 'high' } },
    { name: 'the global default class applies to pods naming none', pod: podWith(), stored: [pc('low', 10, { globalDefault: true }), pc('other', 5)],
      want: { priority: 10, priorityClassName: 'low' } },
    { name: 'of two global defaults the lower value wins', pod: podWith(), stored: [pc('a', 10, { globalDefault: true }), pc('b', 5, { globalDefault: true })],
      want: { priority: 5, priorityClassName: 'b' } },
    { name: 'system-cluster-critical is built in', pod: podWith({ priorityClassName: 'system-cluster-critical' }), stored: [], want: { priority: 2000000000 } },
    { name: 'system-node-critical is built in', pod: podWith({ priorityClassName: 'system-node-critical' }), stored: [], want: { priority: 2000001000 } },
    { name: 'a priority equal to the computed one is accepted', pod: podWith({ priorityClassName: 'high', priority: 1000 }), stored: [pc('high', 1000)], want: { priority: 1000 } },
  ])('$name', async ({ pod, stored, want }) => {
    expect(await statusOf(Priority.admit!(attrsFor({ resource: 'pods', namespace: 'dev', object: pod, stored })))).toBeUndefined();
    expect(pod.spec).toMatchObject(want);
  });

  it.each([
    { name: 'an unknown class is refused', pod: podWith({ priorityClassName: 'foo' }), stored: [],
      want: 'pods "x" is forbidden: no PriorityClass with name foo was found' },
    { name: 'a hand-set priority that differs is refused', pod: podWith({ priorityClassName: 'high', priority: 7 }), stored: [pc('high', 1000)],
      want: 'pods "x" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name' },
    { name: 'a hand-set preemption policy that differs is refused', pod: podWith({ priorityClassName: 'high', preemptionPolicy: 'Never' }), stored: [pc('high', 1000)],
      want: 'pods "x" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name' },
  ])('$name', async ({ pod, stored, want }) => {
    expect(await statusOf(Priority.admit!(attrsFor({ resource: 'pods', namespace: 'dev', object: pod, stored })))).toMatchObject({ code: 403, reason: 'Forbidden', message: want });
  });

  it('keeps the priority set at create on an update that omits it', async () => {
    const pod = podWith({ priorityClassName: 'high' });
    await Priority.admit!(attrsFor({ operation: 'UPDATE', resource: 'pods', namespace: 'dev', name: 'x', object: pod, oldObject: podWith({ priority: 1000, preemptionPolicy: 'Never' }) }));
    expect(pod.spec).toMatchObject({ priority: 1000, preemptionPolicy: 'Never' });
  });
});

describe('Priority admission for PriorityClasses', () => {
  it('refuses a second global default', async () => {
    const attrs = attrsFor({ group: 'scheduling.k8s.io', resource: 'priorityclasses', object: pc('new', 1, { globalDefault: true }), stored: [pc('old', 2, { globalDefault: true })] });
    expect(await statusOf(Priority.validate!(attrs))).toMatchObject({
      code: 403, message: 'priorityclasses.scheduling.k8s.io "new" is forbidden: PriorityClass old is already marked as default. Only one default can exist' });
  });
});
