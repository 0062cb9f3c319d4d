import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createMemoryStore } from '../store/index.ts';
import { isStatusError } from './errors.ts';
import { createApiServer } from './server.ts';
import type { KubeObject } from './types.ts';

const shirtCrd = (enumColors = ['red', 'green', 'blue']): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'shirts.stable.example.com' },
  spec: {
    group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'shirts', kind: 'Shirt', shortNames: ['sh'] },
    versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} },
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string', enum: enumColors } } } } } } }],
  },
});

function setup() {
  const clock = new VirtualClock({ seed: 3 });
  const store = createMemoryStore({ clock });
  return { store, clock, api: createApiServer({ store, clock }) };
}

const crdReq = (body: KubeObject) => ({ verb: 'create' as const, group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', body });
const shirtReq = (spec: object) => ({ verb: 'create' as const, group: 'stable.example.com', version: 'v1', resource: 'shirts', namespace: 'default',
  body: { apiVersion: 'stable.example.com/v1', kind: 'Shirt', metadata: { name: 'x' }, spec } });

describe('CustomResourceDefinitions served by the apiserver', () => {
  it('serves a CRD kind once created, with its names, and establishes the CRD', async () => {
    const { api } = setup();
    const crd = (await api.handle(crdReq(shirtCrd()))).body as KubeObject;
    expect(crd.status).toMatchObject({ conditions: [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }], storedVersions: ['v1'] });
    expect(api.registry.lookup('stable.example.com', 'v1', 'shirts')).toMatchObject({ kind: 'Shirt', namespaced: true, shortNames: ['sh'], singular: 'shirt', custom: { crdName: 'shirts.stable.example.com' } });
    const shirt = (await api.handle(shirtReq({ color: 'red', extra: 1 }))).body as KubeObject;
    expect(shirt.spec).toEqual({ color: 'red' });
  });

  it('refuses a custom resource outside its schema with the real message', async () => {
    const { api } = setup();
    await api.handle(crdReq(shirtCrd()));
    const err = await api.handle(shirtReq({ color: 'pink' })).catch((e: unknown) => e);
    expect(isStatusError(err) && err.status).toMatchObject({ code: 422,
      message: 'Shirt.stable.example.com "x" is invalid: spec.color: Unsupported value: "pink": supported values: "red", "green", "blue"' });
  });

  it('stops serving the kind when its CRD is deleted, and a new apiserver over the same store serves it again', async () => {
    const { api, store, clock } = setup();
    await api.handle(crdReq(shirtCrd()));
    expect(createApiServer({ store, clock }).registry.lookup('stable.example.com', 'v1', 'shirts')).toBeUndefined();
    const second = createApiServer({ store, clock });
    await second.handle({ verb: 'list', group: 'stable.example.com', version: 'v1', resource: 'shirts', namespace: 'default' });
    await api.handle({ verb: 'delete', group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', name: 'shirts.stable.example.com' });
    expect(api.registry.lookup('stable.example.com', 'v1', 'shirts')).toBeUndefined();
  });

  it('refuses a CRD whose name is not plural.group', async () => {
    const { api } = setup();
    const err = await api.handle(crdReq({ ...shirtCrd(), metadata: { name: 'shirt.stable.example.com' } })).catch((e: unknown) => e);
    expect(isStatusError(err) && err.status.message).toBe('CustomResourceDefinition.apiextensions.k8s.io "shirt.stable.example.com" is invalid: metadata.name: Invalid value: "shirt.stable.example.com": must be spec.names.plural+"."+spec.group');
  });
});
