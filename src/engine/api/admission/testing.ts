// Builders for the admission tests: request attributes over a fixed set of stored objects,
// read back by group/resource/namespace/name exactly as the apiserver's loopback reader does.
import type { AdmissionAttributes, ApiReader, Operation } from '../admission.ts';
import { Registry } from '../registry.ts';
import type { UserInfo } from '../request.ts';
import type { KubeObject } from '../types.ts';
import { isStatusError, type Status } from '../errors.ts';

const registry = new Registry();
const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

/** `group/resource` of an object by its apiVersion and kind, via the registry. */
function resourceOf(obj: KubeObject): { group: string; resource: string } {
  const [group, version] = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/') as [string, string] : ['', obj.apiVersion ?? 'v1'];
  const info = registry.lookupKind(group, version, obj.kind ?? '');
  if (!info) throw new Error(`no resource for ${obj.apiVersion} ${obj.kind}`);
  return { group, resource: info.resource };
}

/** A reader over these objects (cluster-scoped ones have no metadata.namespace). */
export function readerOver(objects: KubeObject[]): ApiReader {
  const select = (group: string, resource: string, namespace?: string) => objects.filter((o) => {
    const r = resourceOf(o);
    return r.group === group && r.resource === resource && (namespace === undefined || o.metadata?.namespace === namespace);
  });
  return {
    get: async (group, resource, namespace, name) => structuredClone(select(group, resource, namespace ?? undefined).find((o) => o.metadata?.name === name)),
    list: async (group, resource, namespace) => ({ apiVersion: 'v1', kind: 'List', metadata: {}, items: structuredClone(select(group, resource, namespace)) }),
  };
}

export interface AttrsInput {
  operation?: Operation;
  group?: string;
  version?: string;
  resource: string;
  namespace?: string;
  name?: string;
  object?: KubeObject;
  oldObject?: KubeObject;
  subresource?: string;
  stored?: KubeObject[];
}

/** Admission attributes for a request against the v1.33 registry's resource. */
export function attrsFor(input: AttrsInput): AdmissionAttributes {
  const info = registry.lookup(input.group ?? '', input.version ?? 'v1', input.resource);
  if (!info) throw new Error(`unknown resource ${input.resource}`);
  return {
    operation: input.operation ?? 'CREATE', info, subresource: input.subresource, namespace: input.namespace,
    name: input.name ?? input.object?.metadata?.name ?? '', object: input.object, oldObject: input.oldObject,
    user: ADMIN, dryRun: false, reader: readerOver(input.stored ?? []),
  };
}

/** The Status a rejected promise carries, or undefined when it resolves. */
export async function statusOf(p: Promise<unknown>): Promise<Status | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (isStatusError(e)) return e.status;
    throw e;
  }
}

export const namespace = (name: string, phase = 'Active'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase } });
