// Which describer prints which kind: the kinds with their own layout, else the generic one.
// Models kubernetes/kubectl pkg/describe/describe.go (describerMap, DescriberFor, GenericDescriberFor).
import type { KubeObject } from '../../engine/api/index.ts';
import type { RESTMapping } from '../restmapper.ts';
import type { DescribeContext } from './context.ts';
import { eventsFor } from './context.ts';
import { describeConfigMap, describeLimitRange, describeNamespace, describePVC, describeSecret, describeService, describeServiceAccount } from './core.ts';
import { describeGeneric } from './generic.ts';
import { describeNode } from './node.ts';
import { describePod, type Pod } from './pod.ts';
import { describeDeployment, describeJob, describeReplicaSet } from './workloads.ts';

type Describer = (ctx: DescribeContext, obj: KubeObject) => Promise<string>;

const DESCRIBERS: Record<string, Describer> = {
  // Pod events are searched without a kind, as PodDescriber clears ref.Kind.
  '/Pod': async (ctx, obj) => describePod(obj as Pod, await eventsFor(ctx, obj, undefined), ctx.now),
  '/Node': describeNode,
  '/Service': describeService,
  '/Namespace': describeNamespace,
  '/ConfigMap': describeConfigMap,
  '/Secret': (_ctx, obj) => Promise.resolve(describeSecret(obj)),
  '/ServiceAccount': describeServiceAccount,
  '/PersistentVolumeClaim': describePVC,
  '/LimitRange': (_ctx, obj) => Promise.resolve(describeLimitRange(obj)),
  'apps/Deployment': describeDeployment,
  'apps/ReplicaSet': describeReplicaSet,
  'batch/Job': describeJob,
};

/** Fetches `name` as `mapping` and prints its description. */
export async function describeObject(ctx: DescribeContext, mapping: RESTMapping, namespace: string | undefined, name: string): Promise<string> {
  const obj = await ctx.rest.request({
    verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource,
    ...(mapping.namespaced && namespace ? { namespace } : {}), name,
  }) as KubeObject;
  const describer = DESCRIBERS[`${mapping.group}/${mapping.kind}`];
  if (describer) return await describer(ctx, obj);
  return await describeGeneric(ctx, { apiVersion: mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version, kind: mapping.kind, ...obj });
}
