import { describe, expect, it } from 'vitest';
import type { KubeObject, Status } from '../api/index.ts';
import { isConflict, isNotFound, StatusError } from '../api/index.ts';
import { createClient } from './client.ts';
import { resources } from './resources.ts';
import { createFakeApiServer } from './testing/fakeApiServer.ts';
import { createInProcessTransport } from './transport.ts';

const cms = { ...resources.configmaps, namespace: 'default' };
const cm = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: '1' } });

function setup() {
  const server = createFakeApiServer();
  const client = createClient(createInProcessTransport(server));
  return { server, client, last: () => server.requests.at(-1)! };
}

describe('typed client', () => {
  it.each([
    { name: 'get addresses one object in a namespace', call: (c: ReturnType<typeof setup>['client']) => c.get(cms, 'a'),
      want: { verb: 'get', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'a' } },
    { name: 'list of a cluster-scoped resource carries no namespace, and passes its options', call: (c: ReturnType<typeof setup>['client']) => c.list(resources.nodes, { labelSelector: 'zone=a', limit: 10 }),
      want: { verb: 'list', resource: 'nodes', query: { labelSelector: 'zone=a', limit: 10 } } },
    { name: 'create takes the namespace from the object when the scope has none', call: (c: ReturnType<typeof setup>['client']) => c.create(resources.configmaps, { metadata: { name: 'x', namespace: 'kube-system' } }),
      want: { verb: 'create', namespace: 'kube-system', body: { metadata: { name: 'x', namespace: 'kube-system' } } } },
    { name: 'updateStatus updates the status subresource of the object named in it', call: (c: ReturnType<typeof setup>['client']) => c.updateStatus(cms, { metadata: { name: 'a' }, status: {} }),
      want: { verb: 'update', subresource: 'status', name: 'a', namespace: 'default' } },
    { name: 'a patch with a text body (an apply patch) travels as raw text', call: (c: ReturnType<typeof setup>['client']) => c.patch(cms, 'a', 'application/apply-patch+yaml', 'data: {}\n', { fieldManager: 'kubectl', force: true }),
      want: { verb: 'patch', patchType: 'application/apply-patch+yaml', rawBody: 'data: {}\n', query: { fieldManager: 'kubectl', force: true } } },
    { name: 'a scale patch names its subresource', call: (c: ReturnType<typeof setup>['client']) => c.patch({ ...resources.deployments, namespace: 'default' }, 'web', 'application/merge-patch+json', { spec: { replicas: 3 } }, { subresource: 'scale' }),
      want: { verb: 'patch', group: 'apps', subresource: 'scale', body: { spec: { replicas: 3 } }, query: {} } },
    { name: 'delete sends DeleteOptions as the body, and its URL fields as query', call: (c: ReturnType<typeof setup>['client']) => c.delete(cms, 'a', { propagationPolicy: 'Foreground', gracePeriodSeconds: 0, preconditions: { uid: 'u1' } }),
      want: { verb: 'delete', name: 'a', query: { propagationPolicy: 'Foreground', gracePeriodSeconds: 0 },
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', gracePeriodSeconds: 0, preconditions: { uid: 'u1' } } } },
    { name: 'deleteCollection splits list options from delete options', call: (c: ReturnType<typeof setup>['client']) => c.deleteCollection(cms, { labelSelector: 'app=web', propagationPolicy: 'Background' }),
      want: { verb: 'deletecollection', query: { labelSelector: 'app=web', propagationPolicy: 'Background' }, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } } },
  ])('$name', async ({ call, want }) => {
    const { client, last } = setup();
    await call(client).catch(() => undefined);
    expect(last()).toMatchObject(want);
    expect(last().user).toBeUndefined();
  });

  it('as(user) makes every request as that user, and leaves the original client alone', async () => {
    const { client, server } = setup();
    const alice = { username: 'alice', groups: ['system:authenticated'] };
    const asAlice = client.as(alice);
    expect(asAlice.user).toEqual(alice);
    await asAlice.create(cms, cm('a'));
    await asAlice.list(cms);
    await asAlice.watch(cms, {}, () => {});
    await client.get(cms, 'a');
    expect(server.requests.map((r) => r.user?.username)).toEqual(['alice', 'alice', 'alice', undefined]);
  });

  it('round-trips objects, failing with typed Status errors (Conflict on a stale resourceVersion, NotFound)', async () => {
    const { client } = setup();
    const created = await client.create(cms, cm('a'));
    await client.update(cms, { ...created, data: { v: '2' } });
    await expect(client.update(cms, { ...created, data: { v: '3' } })).rejects.toSatisfy(isConflict);
    const status = (await client.delete(cms, 'a')) as Status;
    expect(status.status).toBe('Success');
    await expect(client.get(cms, 'a')).rejects.toSatisfy(isNotFound);
  });

  it('never shares memory with the apiserver, either way', async () => {
    const { client } = setup();
    const mine = cm('a');
    const created = await client.create(cms, mine);
    (mine.data as Record<string, string>).v = 'changed after create';
    created.data = { v: 'changed result' };
    expect((await client.get(cms, 'a')).data).toEqual({ v: '1' });
    const events: KubeObject[] = [];
    await client.watch(cms, { resourceVersion: '1' }, (e) => events.push(e.object));
    events[0]!.data = { v: 'changed event' };
    expect((await client.get(cms, 'a')).data).toEqual({ v: '1' });
  });

  it('copies Status errors too, so a caller cannot change the server\'s', async () => {
    const shared = new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'boom', code: 500 });
    const client = createClient(createInProcessTransport({ handle: () => Promise.reject(shared), watch: () => Promise.reject(shared) }));
    const err = await client.get(cms, 'a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect(err).not.toBe(shared);
    expect((err as StatusError).status).toEqual(shared.status);
  });

  it('hands the apiserver\'s warnings to onWarning', async () => {
    const warnings: string[] = [];
    const client = createClient(createInProcessTransport({
      handle: async () => ({ code: 200, body: {}, warnings: ['spec.foo: unknown field'] }),
      watch: () => Promise.reject(new TypeError('unused')),
    }), { onWarning: (w) => warnings.push(w) });
    await client.get(cms, 'a');
    expect(warnings).toEqual(['spec.foo: unknown field']);
  });
});
