// What the rollout subcommands share: the objects a line names (`deployment/web`, `deploy web db`,
// `deployment -l app=web`), read from the API, and the ReplicaSets a Deployment owns.
// Models cli-runtime's Builder ResourceTypeOrNameArgs(true, ...) as the rollout commands call it,
// and kubernetes/kubectl pkg/util/deployment/deployment.go (GetAllReplicaSets, Revision).
import type { KubeList, KubeObject } from '../engine/api/index.ts';
import type { Invocation } from './commands/command.ts';
import { KubectlError } from './errors.ts';
import type { RESTMapping } from './restmapper.ts';

/** A workload object as the rollout commands read it. */
export type Workload = KubeObject & {
  spec?: {
    replicas?: number; paused?: boolean;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  status?: Record<string, unknown>;
};

export interface Target {
  mapping: RESTMapping;
  obj: Workload;
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** The objects named on the line, in order; `No resources found` is the caller's to print. */
export async function rolloutTargets(inv: Invocation): Promise<Target[]> {
  const { args } = inv;
  if (args.length === 0) throw new KubectlError('required resource not specified');
  const mapper = await inv.mapper();
  const named: Array<{ mapping: RESTMapping; name?: string }> = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const [type, name] = a.split('/');
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      named.push({ mapping: mapper.mappingFor(type), name });
    }
  } else {
    const mapping = mapper.mappingFor(args[0]!);
    if (args.length === 1) named.push({ mapping });
    else for (const name of args.slice(1)) named.push({ mapping, name });
  }
  const targets: Target[] = [];
  for (const { mapping, name } of named) {
    const scope = { group: mapping.group, version: mapping.version, resource: mapping.resource, ...(mapping.namespaced ? { namespace: inv.namespace } : {}) };
    if (name) {
      targets.push({ mapping, obj: await inv.rest.request({ verb: 'get', ...scope, name }) as Workload });
      continue;
    }
    const selector = inv.flags.string('selector');
    const list = await inv.rest.request({ verb: 'list', ...scope, query: selector ? { labelSelector: selector } : {} }) as KubeList<Workload>;
    targets.push(...list.items.map((obj) => ({ mapping, obj })));
  }
  return targets;
}

/** `deployments.apps`: the resource string upstream's rollout errors name objects by. */
export const resourceString = (m: RESTMapping) => (m.group ? `${m.resource}.${m.group}` : m.resource);

/** The GroupKind a mapping is, as `Deployment.apps`. */
export const groupKind = (m: RESTMapping) => (m.group ? `${m.kind}.${m.group}` : m.kind);

/** deploymentutil.Revision: the revision annotation as a number; undefined when absent or not a number. */
export function revisionOf(obj: KubeObject): number | undefined {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^-?\d+$/.test(v) ? parseInt(v, 10) : undefined;
}

/** GetAllReplicaSets: the ReplicaSets in the Deployment's namespace that it controls. */
export async function replicaSetsOf(inv: Invocation, deployment: Workload): Promise<Workload[]> {
  const labels = deployment.spec?.selector?.matchLabels ?? {};
  const labelSelector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const list = await inv.rest.request({
    verb: 'list', group: 'apps', version: 'v1', resource: 'replicasets', namespace: deployment.metadata?.namespace ?? inv.namespace,
    query: labelSelector ? { labelSelector } : {},
  }) as KubeList<Workload>;
  const uid = deployment.metadata?.uid;
  return list.items.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === uid));
}

/** Go's time.ParseDuration for the forms flags use (`0`, `30s`, `1m30s`, `2h`, `500ms`); undefined if invalid. */
export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0, m: RegExpExecArray | null, end = 0;
  while ((m = re.exec(s)) !== null) {
    total += parseFloat(m[1]!) * unit[m[2]!]!;
    end = re.lastIndex;
  }
  return end === s.length && s.length > 0 ? total : undefined;
}
