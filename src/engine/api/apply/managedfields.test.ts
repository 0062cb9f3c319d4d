import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { createApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import { managerOf } from './managedfields.ts';

// What a v1.33 apiserver records for `kubectl create` of this Deployment, built by hand from
// upstream's rules: defaulted fields are owned too; `.` marks maps and lists absent from the
// kind's zero value (labels, rollingUpdate, ports), not value structs (strategy, template) nor
// non-omitempty slices (containers); selector is an atomic map, resources an empty struct.
// The container states `resources: {}`, which a real apiserver's object always carries (a Go
// value struct) and our defaulting does not add yet.
const nginx: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', labels: { app: 'nginx' } },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] } },
  },
};

const createdFields = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:progressDeadlineSeconds': {}, 'f:replicas': {}, 'f:revisionHistoryLimit': {}, 'f:selector': {},
    'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {},
            'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
            'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
          },
        },
        'f:dnsPolicy': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {},
      },
    },
  },
};

function setup() {
  const clock = new VirtualClock({ seed: 3 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const base = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' } as const;
  return { clock, api, base };
}

describe('managedFields on writes', () => {
  it('a create records an Update entry shaped as upstream records it for a simple Deployment', async () => {
    const { api, base } = setup();
    const created = (await api.handle({ ...base, verb: 'create', body: nginx, query: { fieldManager: 'kubectl-create' } })).body as KubeObject;
    expect(created.metadata?.managedFields).toEqual([
      { manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: createdFields },
    ]);
  });

  it('an update moves the changed fields to its manager and leaves the rest with the creator', async () => {
    const { api, base, clock } = setup();
    const created = (await api.handle({ ...base, verb: 'create', body: nginx, query: { fieldManager: 'kubectl-create' } })).body as KubeObject;
    clock.advance(5_000);
    const scaled = { ...created, spec: { ...(created.spec as object), replicas: 4 } };
    const updated = (await api.handle({ ...base, name: 'nginx', verb: 'update', body: scaled, userAgent: 'kubectl/v1.33.0 (linux/amd64) kubernetes/abc' })).body as KubeObject;
    const entries = updated.metadata?.managedFields ?? [];
    expect(entries.map((e) => [e.manager, e.time])).toEqual([['kubectl-create', '2026-01-01T00:00:00Z'], ['kubectl', '2026-01-01T00:00:05Z']]);
    expect(entries[1]?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((entries[0]?.fieldsV1 as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas']).toBeUndefined();
  });

  it('a write with managedFields [] drops every entry; one without managedFields keeps them', async () => {
    const { api, base } = setup();
    const created = (await api.handle({ ...base, verb: 'create', body: nginx, query: { fieldManager: 'kubectl-create' } })).body as KubeObject;
    const { managedFields: _dropped, ...meta } = created.metadata!;
    const kept = (await api.handle({ ...base, name: 'nginx', verb: 'update', body: { ...created, metadata: meta } })).body as KubeObject;
    expect(kept.metadata?.managedFields?.map((e) => e.manager)).toEqual(['kubectl-create']);
    const reset = (await api.handle({ ...base, name: 'nginx', verb: 'update', body: { ...kept, metadata: { ...kept.metadata, managedFields: [] } } })).body as KubeObject;
    expect(reset.metadata?.managedFields).toBeUndefined();
  });

  it.each([
    { name: 'the fieldManager parameter names the manager', fieldManager: 'helm', userAgent: 'kubectl/v1.33.0', want: 'helm' },
    { name: 'without one, the User-Agent up to its first slash does', fieldManager: undefined, userAgent: 'kube-controller-manager/v1.33.0 (linux/amd64)', want: 'kube-controller-manager' },
    { name: 'with neither, the manager is empty', fieldManager: undefined, userAgent: undefined, want: '' },
  ])('$name', ({ fieldManager, userAgent, want }) => expect(managerOf(fieldManager, userAgent)).toBe(want));
});
