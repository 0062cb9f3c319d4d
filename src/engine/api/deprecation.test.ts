import { expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createApiServer } from './server.ts';

it.each([
  { resource: 'endpoints', want: ['v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice'] },
  { resource: 'componentstatuses', want: ['v1 ComponentStatus is deprecated in v1.19+'] },
  { resource: 'configmaps', want: undefined },
])('a list of $resource warns $want', async ({ resource, want }) => {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const res = await api.handle({ verb: 'list', group: '', version: 'v1', resource, ...(resource === 'componentstatuses' ? {} : { namespace: 'default' }) });
  expect(res.warnings).toEqual(want);
});

it('warns on a write to a deprecated API too', async () => {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const res = await api.handle({ verb: 'create', group: '', version: 'v1', resource: 'endpoints', namespace: 'default', body: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' } } });
  expect(res.warnings).toEqual(['v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice']);
});
