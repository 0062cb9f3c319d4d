// client.openapiV3() over both transports: the HTTP one reads what /openapi/v3 names, the
// in-process one rebuilds documents from the apiserver's compact schemas (src/kubectl/commands/
// explain.test.ts checks those explain exactly as the real documents do).
import { describe, expect, it } from 'vitest';
import { createApiServer, isNotFound } from '../api/index.ts';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { createClient } from './client.ts';
import { createHttpTransport, type FetchFunction, type FetchResponse } from './http.ts';
import { createInProcessTransport } from './transport.ts';

const json = (body: unknown, status = 200): FetchResponse => ({
  status, headers: { get: (n) => (n.toLowerCase() === 'content-type' ? 'application/json' : null) }, text: async () => JSON.stringify(body), body: null,
});

describe('openapiV3 over HTTP', () => {
  it('lists the documented group-versions from /openapi/v3 and fetches a document at its serverRelativeURL', async () => {
    const urls: string[] = [];
    const fetch: FetchFunction = async (url) => {
      urls.push(url);
      if (url.endsWith('/openapi/v3')) return json({ paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=ABC' } } });
      return json({ openapi: '3.0.0', components: { schemas: {} } });
    };
    const client = createClient(createHttpTransport({ server: 'https://127.0.0.1:6443', fetch }));
    const paths = await client.openapiV3();
    expect(Object.keys(paths)).toEqual(['api/v1']);
    expect(await paths['api/v1']!.schema()).toEqual({ openapi: '3.0.0', components: { schemas: {} } });
    expect(urls).toEqual(['https://127.0.0.1:6443/openapi/v3', 'https://127.0.0.1:6443/openapi/v3/api/v1?hash=ABC']);
  });

  it('fails as the server does when it publishes no OpenAPI v3', async () => {
    const fetch: FetchFunction = async () => json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' }, 404);
    const client = createClient(createHttpTransport({ server: 'https://127.0.0.1:6443', fetch }));
    await expect(client.openapiV3()).rejects.toSatisfy(isNotFound);
  });
});

describe('openapiV3 in process', () => {
  const clock = new VirtualClock({ seed: 1 });
  const client = createClient(createInProcessTransport(createApiServer({ store: createMemoryStore({ clock }), clock })));

  it('documents the served group-versions that have built-in kinds', async () => {
    const paths = Object.keys(await client.openapiV3());
    expect(paths).toContain('api/v1');
    expect(paths).toContain('apis/apps/v1');
    expect(paths).toContain('apis/autoscaling/v2');
  });

  it('gives each resource a path carrying its kind, and the kind a schema that says the same', async () => {
    const doc = await (await client.openapiV3())['apis/apps/v1']!.schema();
    const paths = doc.paths as Record<string, { get: { 'x-kubernetes-group-version-kind': unknown } }>;
    const deployment = { group: 'apps', kind: 'Deployment', version: 'v1' };
    expect(paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.get['x-kubernetes-group-version-kind']).toEqual(deployment);
    const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    const schema = schemas['io.k8s.api.apps.v1.Deployment']!;
    expect(schema['x-kubernetes-group-version-kind']).toEqual([deployment]);
    expect(schema.description).toBe('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect((schema.properties as Record<string, unknown>).spec).toMatchObject({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }] });
    // Reached through the spec, as in the real document.
    expect(schemas['io.k8s.api.core.v1.PodSpec']).toBeDefined();
  });
});
