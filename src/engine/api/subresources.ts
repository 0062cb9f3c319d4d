// Subresources served by their own REST storage rather than the generic object path:
//   scale     — get/update/patch on deployments, replicasets, statefulsets, replicationcontrollers:
//               an autoscaling/v1 Scale view of spec.replicas (pkg/registry/apps/deployment/storage ScaleREST,
//               pkg/registry/core/replicationcontroller/storage ScaleREST).
//   binding   — create on pods: the scheduler's write of spec.nodeName (pkg/registry/core/pod/storage BindingREST).
//   eviction  — create on pods: a delete that respects PodDisruptionBudgets (pkg/registry/core/pod/storage/eviction.go).
import type { Clock } from '../clock/index.ts';
import { badRequest, conflict, notFound, OptimisticLockErrorMsg, StatusError, tooManyRequests } from './errors.ts';
import { labelSelectorAsSelector, matches, selectorFromSet, selectorString } from './labels.ts';
import type { LabelSelector } from './validation/metav1.ts';
import type { ObjectStore } from './objectstore.ts';
import { applyPatch } from './patching.ts';
import { printTable } from './printers/print.ts';
import type { Registry, ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse, UserInfo } from './request.ts';
import { rfc3339 } from './time.ts';
import type { KubeObject } from './types.ts';
import type { Writes } from './writes.ts';

export interface SubresourceContext {
  objects: ObjectStore;
  writes: Writes;
  clock: Clock;
  registry: Registry;
}

const SCALABLE = new Set(['apps/deployments', 'apps/replicasets', 'apps/statefulsets', '/replicationcontrollers']);

/** Whether this request is for a subresource served here (the rest go through the generic path). */
export function isServedSubresource(info: ResourceInfo, req: ApiRequest): boolean {
  if (req.subresource === 'scale') return SCALABLE.has(`${info.group}/${info.resource}`);
  return info.group === '' && info.resource === 'pods' && (req.subresource === 'binding' || req.subresource === 'eviction');
}

/** Serves a subresource request `isServedSubresource` accepted. */
export async function serveSubresource(ctx: SubresourceContext, info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
  if (req.subresource === 'scale') return serveScale(ctx, info, req, user);
  if (req.verb !== 'create') throw badRequest(`${req.subresource} supports only create`);
  return req.subresource === 'binding' ? bind(ctx, info, req) : evict(ctx, info, req, user);
}

const successStatus = (code: number) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });

// ---- scale ----

interface ScaleSpec { replicas?: number; selector?: LabelSelector | Record<string, string> }

// Models scaleFromDeployment / scaleFromRC: the label selector as a string, for the HPA to list pods with.
function scaleOf(info: ResourceInfo, obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as ScaleSpec;
  const status = (obj.status ?? {}) as { replicas?: number };
  const parsed = info.group === '' ? { ok: true as const, value: selectorFromSet(spec.selector as Record<string, string> | undefined) }
    : labelSelectorAsSelector(spec.selector as LabelSelector);
  const selector = parsed.ok ? selectorString(parsed.value) : '';
  const m = obj.metadata ?? {};
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

// `kubectl get deploy web --subresource=scale` asks for a Table: printers.go's Scale handler prints it.
function asRequestedScale(ctx: SubresourceContext, req: ApiRequest, scale: KubeObject): unknown {
  if (req.query?.as !== 'Table') return scale;
  const resourceVersion = scale.metadata?.resourceVersion;
  return printTable({ group: 'autoscaling', version: 'v1', resource: 'scale', kind: 'Scale' }, [scale], {
    now: ctx.clock.now(), ...(req.query.includeObject ? { includeObject: req.query.includeObject } : {}), ...(resourceVersion ? { resourceVersion } : {}),
  });
}

async function serveScale(ctx: SubresourceContext, info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
  const name = req.name ?? '';
  const current = await ctx.objects.get(info, req.namespace, name);
  if (req.verb === 'get') return { code: 200, body: asRequestedScale(ctx, req, scaleOf(info, current)) };
  if (req.verb !== 'update' && req.verb !== 'patch') throw badRequest(`scale supports get, update and patch`);
  const before = scaleOf(info, current);
  const scale = req.verb === 'update' ? (req.body as KubeObject) : applyPatch(info, req, before, rfc3339(ctx.clock.now()));
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422,
      message: `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
      details: { name, group: 'autoscaling', kind: 'Scale', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`, field: 'spec.replicas' }] },
    });
  }
  // A Scale naming a resourceVersion is a precondition on the parent object, as upstream's scaleUpdatedObjectInfo.
  const rv = scale.metadata?.resourceVersion ?? current.metadata?.resourceVersion;
  if (scale.metadata?.resourceVersion && scale.metadata.resourceVersion !== current.metadata?.resourceVersion)
    throw conflict({ group: info.group, resource: info.resource }, name, OptimisticLockErrorMsg);
  const parent = { ...current, metadata: { ...current.metadata, resourceVersion: rv }, spec: { ...(current.spec as object), replicas } };
  const written = await ctx.writes.update(info, { ...req, verb: 'update', subresource: undefined, body: parent, rawBody: undefined, patchType: undefined }, user);
  return { code: 200, body: scaleOf(info, written.body as KubeObject) };
}

// ---- binding ----

// Models BindingREST.Create → setPodHostAndAnnotations: set spec.nodeName once, copy the binding's
// annotations, and mark the pod PodScheduled. Written straight to storage, like upstream's GuaranteedUpdate.
async function bind(ctx: SubresourceContext, info: ResourceInfo, req: ApiRequest): Promise<ApiResponse> {
  const binding = (req.body ?? {}) as KubeObject & { target?: { kind?: string; name?: string } };
  const name = req.name ?? binding.metadata?.name ?? '';
  const node = binding.target?.name ?? '';
  const bindingResource = { group: '', resource: 'pods/binding' };
  if (binding.metadata?.name && req.name && binding.metadata.name !== req.name)
    throw badRequest('name in URL does not match name in Binding object');
  if (!node) throw badRequest('target.name must be set');
  for (let attempt = 0; ; attempt++) {
    const stored = await ctx.objects.read(info, req.namespace, name);
    if (!stored) throw notFound(info, name);
    const pod = structuredClone(stored.object);
    const spec = (pod.spec ??= {}) as { nodeName?: string };
    if (pod.metadata?.deletionTimestamp) throw conflict(bindingResource, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (spec.nodeName) throw conflict(bindingResource, name, `pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`);
    spec.nodeName = node;
    if (binding.metadata?.annotations) pod.metadata = { ...pod.metadata, annotations: { ...pod.metadata?.annotations, ...binding.metadata.annotations } };
    const status = (pod.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    status.conditions = [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(ctx.clock.now()) }];
    if (req.query?.dryRun === 'All') return { code: 201, body: successStatus(201) };
    try {
      await ctx.objects.update(info, pod, stored.modRevision);
      return { code: 201, body: successStatus(201) };
    } catch (e) {
      if (attempt >= 5 || !(e instanceof StatusError && e.status.reason === 'Conflict')) throw e;
    }
  }
}

// ---- eviction ----

interface PdbStatus { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; observedGeneration?: number; disruptedPods?: Record<string, string> }

/** The 429 an eviction gets when a budget forbids it, with the budget's reason as a cause. */
function budgetViolation(cause: string): StatusError {
  const err = tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", 0);
  err.status.details = { ...err.status.details, causes: [{ reason: 'DisruptionBudget', message: cause }] };
  return err;
}

// Models EvictionREST.Create: pods already going away, or not running yet, need no budget; a pod
// under one budget is evicted only if that budget allows a disruption, which the eviction uses up
// (recorded in status.disruptedPods until the disruption controller sees the pod go).
async function evict(ctx: SubresourceContext, info: ResourceInfo, req: ApiRequest, user: UserInfo): Promise<ApiResponse> {
  const eviction = (req.body ?? {}) as KubeObject & { deleteOptions?: Record<string, unknown> };
  const name = req.name ?? eviction.metadata?.name ?? '';
  if (eviction.metadata?.name && req.name && eviction.metadata.name !== req.name)
    throw badRequest('name in URL does not match name in Eviction object');
  const pod = await ctx.objects.get(info, req.namespace, name);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const canIgnorePDB = !!pod.metadata?.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending';
  if (!canIgnorePDB) await takeDisruption(ctx, req, user, pod);
  const del: ApiRequest = { ...req, verb: 'delete', subresource: undefined, body: eviction.deleteOptions ?? {}, rawBody: undefined };
  await ctx.writes.delete(info, del, user);
  return { code: 201, body: successStatus(201) };
}

async function takeDisruption(ctx: SubresourceContext, req: ApiRequest, user: UserInfo, pod: KubeObject): Promise<void> {
  const pdbInfo = ctx.registry.lookup('policy', 'v1', 'poddisruptionbudgets');
  if (!pdbInfo) return;
  const pdbs = (await ctx.objects.list(pdbInfo, req.namespace, {})).items.filter((pdb) => {
    const sel = labelSelectorAsSelector((pdb.spec as { selector?: LabelSelector } | undefined)?.selector);
    // policy/v1: an empty selector matches every pod in the namespace, an absent one none.
    return sel.ok && matches(sel.value, pod.metadata?.labels);
  });
  if (!pdbs.length) return;
  if (pdbs.length > 1) {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'InternalError', code: 500,
      message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' });
  }
  const pdb = pdbs[0]!;
  const pdbName = pdb.metadata?.name ?? '';
  const status = (pdb.status ?? {}) as PdbStatus;
  if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0))
    throw budgetViolation(`The disruption budget ${pdbName} is still being processed by the server.`);
  if ((status.disruptionsAllowed ?? 0) <= 0)
    throw budgetViolation(`The disruption budget ${pdbName} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  const podName = pod.metadata?.name ?? '';
  // List items carry no TypeMeta; the write needs it.
  const next = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', ...pdb, status: { ...status, disruptionsAllowed: (status.disruptionsAllowed ?? 0) - 1,
    disruptedPods: { ...status.disruptedPods, [podName]: rfc3339(ctx.clock.now()) } } };
  // A status write conditioned on the budget as read: a concurrent eviction gets a Conflict and retries.
  await ctx.writes.update(pdbInfo, { verb: 'update', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: req.namespace,
    name: pdbName, subresource: 'status', body: next }, user);
}
