import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { createApiServer } from '../server.ts';
import { isStatusError, type Status } from '../errors.ts';
import type { ApiRequest } from '../request.ts';
import type { KubeObject } from '../types.ts';

function setup() {
  const clock = new VirtualClock({ seed: 7 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const base = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' } as const;
  const apply = async (yaml: string, query: ApiRequest['query'] = { fieldManager: 'kubectl' }) =>
    (await api.handle({ ...base, verb: 'patch', patchType: 'application/apply-patch+yaml', rawBody: yaml, query })).body as KubeObject;
  const call = async (req: Partial<ApiRequest>) => (await api.handle({ ...base, verb: 'get', ...req } as ApiRequest)).body as KubeObject;
  const fail = async (p: Promise<unknown>): Promise<Status> => {
    try {
      await p;
    } catch (e) {
      if (isStatusError(e)) return e.status;
      throw e;
    }
    throw new Error('request succeeded');
  };
  return { clock, api, apply, call, fail };
}

const config = ({ replicas, image = 'nginx:1.27', labels = 'app: web', extra = '' }: { replicas?: number; image?: string; labels?: string; extra?: string }) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    ${labels}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
${extra}`;

const spec = (o: KubeObject) => o.spec as { replicas?: number; template: { spec: { containers: { name: string; image: string }[] } } };
const managers = (o: KubeObject) => (o.metadata?.managedFields ?? []).map((e) => `${e.manager}/${e.operation}`);

describe('server-side apply', () => {
  it('creates the object when it is missing, owned by the applier (201, operation Apply)', async () => {
    const { api } = setup();
    const res = await api.handle({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web', verb: 'patch',
      patchType: 'application/apply-patch+yaml', rawBody: config({ replicas: 2 }), query: { fieldManager: 'kubectl' } });
    const obj = res.body as KubeObject;
    expect(res.code).toBe(201);
    expect(spec(obj).replicas).toBe(2);
    expect(obj.metadata?.managedFields).toEqual([{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {}, 'f:selector': {},
          'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
        },
      },
    }]);
  });

  it('apply, update by another manager, re-apply conflicts, force takes ownership', async () => {
    const { apply, call, fail, clock } = setup();
    await apply(config({ replicas: 2 }));
    clock.advance(60_000);
    const current = await call({});
    await call({ verb: 'update', body: { ...current, spec: { ...spec(current), replicas: 5 } }, query: { fieldManager: 'kubectl-edit' } });
    const edited = await call({});
    expect(managers(edited)).toEqual(['kubectl/Apply', 'kubectl-edit/Update']);
    expect(edited.metadata?.managedFields?.[1]).toMatchObject({ time: '2026-01-01T00:01:00Z', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });

    const conflict = await fail(apply(config({ replicas: 3 })));
    expect(conflict).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.replicas' }] },
    });
    // Applying the value the other manager set is no conflict: both own it.
    const shared = await apply(config({ replicas: 5 }));
    expect(managers(shared)).toEqual(['kubectl/Apply', 'kubectl-edit/Update']);

    const forced = await apply(config({ replicas: 3 }), { fieldManager: 'kubectl', force: true });
    expect(spec(forced).replicas).toBe(3);
    expect(managers(forced)).toEqual(['kubectl/Apply']);
  });

  it('reports several conflicts grouped by manager, one path a line', async () => {
    const { apply, call, fail } = setup();
    await apply(config({ replicas: 2 }));
    const current = await call({});
    const s = spec(current);
    await call({ verb: 'update', query: { fieldManager: 'kubectl-edit' },
      body: { ...current, spec: { ...s, replicas: 4, template: { ...s.template, spec: { ...s.template.spec, containers: [{ ...s.template.spec.containers[0]!, image: 'nginx:1.26' }] } } } } });
    const status = await fail(apply(config({ replicas: 3, image: 'nginx:1.28' })));
    expect(status.message).toBe('Apply failed with 2 conflicts: conflicts with "kubectl-edit" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image');
  });

  it('removes a field the manager no longer applies, keeps one another manager owns', async () => {
    const { apply, call } = setup();
    await apply(config({ replicas: 2, labels: 'app: web\n    tier: front' }));
    const dropped = await apply(config({}));
    expect(spec(dropped).replicas).toBe(1); // removed, then defaulted again
    expect(dropped.metadata?.labels).toEqual({ app: 'web' });

    await apply(config({ replicas: 2, labels: 'app: web\n    tier: front' }));
    const current = await call({});
    await call({ verb: 'update', query: { fieldManager: 'kubectl-label' }, body: { ...current, metadata: { ...current.metadata, labels: { app: 'web', tier: 'back' } } } });
    await apply(config({ replicas: 2, labels: 'app: web\n    tier: back' }));
    const kept = await apply(config({ replicas: 2 }));
    expect(kept.metadata?.labels).toEqual({ app: 'web', tier: 'back' });
  });

  it('two managers share a list of containers by name', async () => {
    const { apply } = setup();
    await apply(config({ replicas: 1 }));
    const sidecar = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: log-shipper
        image: fluent-bit:3
`;
    const both = await apply(sidecar, { fieldManager: 'sidecar-injector' });
    expect(spec(both).template.spec.containers.map((c) => c.name)).toEqual(['nginx', 'log-shipper']);
    // The first manager re-applies without knowing the sidecar: the sidecar stays.
    const again = await apply(config({ replicas: 1, image: 'nginx:1.28' }));
    expect(spec(again).template.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.28', 'log-shipper=fluent-bit:3']);
    // The sidecar's manager applies an empty container list: its container goes, nginx stays.
    const gone = await apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n', { fieldManager: 'sidecar-injector' });
    expect(spec(gone).template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
    expect(managers(gone)).toEqual(['kubectl/Apply']);
  });

  it.each([
    { name: 'an apply without fieldManager is refused as invalid PatchOptions', query: {}, yaml: config({}),
      want: { code: 422, reason: 'Invalid', message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch' } },
    { name: 'an apply of another version is a bad request', query: { fieldManager: 'k' }, yaml: config({}).replace('apps/v1', 'apps/v1beta1'),
      want: { code: 400, reason: 'BadRequest', message: 'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1' } },
    { name: 'an apply that carries managedFields is a bad request', query: { fieldManager: 'k' }, yaml: config({}).replace('  name: web', '  name: web\n  managedFields: []'),
      want: { code: 400, reason: 'BadRequest', message: 'metadata.managedFields must be nil' } },
    { name: 'an apply naming another object is a bad request', query: { fieldManager: 'k' }, yaml: config({}).replace('name: web', 'name: api'),
      want: { code: 400, reason: 'BadRequest', message: 'the name of the object (api) does not match the name on the URL (web)' } },
    { name: 'an apply that is not YAML is a bad request', query: { fieldManager: 'k' }, yaml: 'a: [',
      want: { code: 400, reason: 'BadRequest' } },
  ])('$name', async ({ query, yaml, want }) => {
    const { apply, fail } = setup();
    expect(await fail(apply(yaml, query))).toMatchObject(want);
  });

  it('refuses force on a non-apply patch', async () => {
    const { apply, call, fail } = setup();
    await apply(config({}));
    const status = await fail(call({ verb: 'patch', patchType: 'application/merge-patch+json', body: { spec: { replicas: 2 } }, query: { force: true } }));
    expect(status.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });
});
