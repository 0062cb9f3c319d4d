// Which pod and container `kubectl logs` and `kubectl exec` talk to: a pod by name, or the first
// pod of a workload or service (TYPE/NAME), and its default container.
// Models kubectl pkg/polymorphichelpers/attachablepodforobject.go (AttachablePodForObject,
// GetFirstPod sorted by podutils.ByLogging) and pkg/cmd/util/podcmd/podcmd.go
// (FindOrDefaultContainerByName, AllContainerNames).
import { labelSelectorAsSelector, selectorString, type KubeObject } from '../engine/api/index.ts';
import type { Invocation } from './commands/command.ts';
import { KubectlError } from './errors.ts';

export interface PodShape extends KubeObject {
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string }[];
    ephemeralContainers?: { name: string }[];
  };
  status?: { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { restartCount?: number }[] };
}

/** kubectl.kubernetes.io/default-container: the container kubectl picks when none is named. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

const POD_TYPES = new Set(['pods', 'pod', 'po']);

/**
 * The pod `arg` names (`web`, `pod/web`, `deploy/web`, `svc/web`); a NotFound error is
 * rethrown as `wrapNotFound` words it (logs and exec say it differently).
 */
export async function attachablePod(inv: Invocation, arg: string): Promise<PodShape> {
  const slash = arg.indexOf('/');
  const type = slash < 0 ? 'pods' : arg.slice(0, slash);
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  if (POD_TYPES.has(type)) return await inv.rest.request({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: inv.namespace, name }) as PodShape;
  const mapping = (await inv.mapper()).mappingFor(type);
  const obj = await inv.rest.request({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, namespace: inv.namespace, name }) as KubeObject & {
    spec?: { selector?: Record<string, unknown> & { matchLabels?: Record<string, string> } };
  };
  const selector = selectorOf(mapping.kind, obj);
  if (selector === undefined) throw new KubectlError(`cannot attach to ${mapping.kind}: selector for ${mapping.kind} not implemented`);
  const list = await inv.rest.request({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: inv.namespace, query: { labelSelector: selector } }) as { items: PodShape[] };
  const pods = [...list.items].sort(byLogging);
  // GetFirstPod waits for a pod to appear (--pod-running-timeout); with none yet, it times out.
  if (pods.length === 0) throw new KubectlError('timed out waiting for the condition');
  return pods[0]!;
}

function selectorOf(kind: string, obj: { spec?: { selector?: Record<string, unknown> } }): string | undefined {
  const selector = obj.spec?.selector;
  if (!selector) return undefined;
  // A Service's and a ReplicationController's selector is a plain map; the others' a LabelSelector.
  if (kind === 'Service' || kind === 'ReplicationController') return Object.entries(selector as Record<string, string>).map(([k, v]) => `${k}=${v}`).sort().join(',');
  const parsed = labelSelectorAsSelector(selector);
  return parsed.ok ? selectorString(parsed.value) : undefined;
}

const isReady = (p: PodShape) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const restarts = (p: PodShape) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));

// podutils.ByLogging: assigned before unassigned, Running before Unknown before Pending, ready
// before not, more restarts first, then the older pod.
function byLogging(a: PodShape, b: PodShape): number {
  const assigned = Number(!!b.spec?.nodeName) - Number(!!a.spec?.nodeName);
  if (assigned) return assigned;
  const phase = (PHASE_ORDER[b.status?.phase ?? ''] ?? -1) - (PHASE_ORDER[a.status?.phase ?? ''] ?? -1);
  if (phase) return phase;
  const ready = Number(isReady(b)) - Number(isReady(a));
  if (ready) return ready;
  const r = restarts(b) - restarts(a);
  if (r) return r;
  return (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '');
}

/** AllContainerNames: `a, b, init (init), debug (ephem)`. */
export function allContainerNames(pod: PodShape): string {
  const spec = pod.spec ?? {};
  return [
    ...(spec.containers ?? []).map((c) => c.name),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ].join(', ');
}

/**
 * FindOrDefaultContainerByName with no name: the annotated default container if it exists,
 * else the first, saying so on stderr (unless quiet) when there was a choice.
 */
export function defaultContainer(inv: Invocation, pod: PodShape, quiet: boolean): string {
  const spec = pod.spec ?? {};
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  if (annotated && all.some((c) => c.name === annotated)) return annotated;
  const first = spec.containers?.[0]?.name ?? '';
  if (!quiet && ((spec.containers?.length ?? 0) > 1 || (spec.initContainers?.length ?? 0) > 0 || (spec.ephemeralContainers?.length ?? 0) > 0)) {
    inv.io.err(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}
