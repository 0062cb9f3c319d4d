// kubectl drain NODE: cordons the node, then evicts (or with --disable-eviction deletes) its pods,
// refusing DaemonSet-managed pods, pods with emptyDir data and unmanaged pods unless told
// otherwise, and waits on the virtual clock for each pod to go.
// Models kubernetes/kubectl pkg/cmd/drain/drain.go (RunDrain, deleteOrEvictPodsSimple) and
// pkg/drain/drain.go (GetPodsForDeletion, evictPods, deletePods, waitForDelete) and filters.go.
import type { KubeList, KubeObject } from '../../engine/api/index.ts';
import { isNotFound, isStatusError } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { boolFlag, intFlag, stringFlag } from '../flagspec.ts';
import type { Node } from '../nodes.ts';
import { parseDuration } from '../rollout-targets.ts';
import { dryRunStrategy, printWritten } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { cordonNodes, nodesToCordon } from './cordon.ts';
import { DRAIN_HELP } from './help-cluster.ts';

type Pod = KubeObject & {
  spec?: { nodeName?: string; volumes?: Array<{ emptyDir?: unknown }> };
  status?: { phase?: string };
};

type Verdict = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message: string };
const okay: Verdict = { delete: true, reason: 'Okay', message: '' };
const skip: Verdict = { delete: false, reason: 'Skip', message: '' };
const warning = (del: boolean, message: string): Verdict => ({ delete: del, reason: 'Warning', message });
const error = (message: string): Verdict => ({ delete: false, reason: 'Error', message });

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: Pod) => p.metadata?.ownerReferences?.find((o) => o.controller);
const podKey = (p: Pod) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
const POD = { group: '', version: 'v1', resource: 'pods' };

/** filters.go: each pod through the filters in order, stopping at the first that keeps it; the last verdict stands. */
async function verdictFor(inv: Invocation, pod: Pod): Promise<Verdict> {
  const { flags } = inv;
  const filters: Array<() => Promise<Verdict> | Verdict> = [
    () => {
      const skipAfter = flags.int('skip-wait-for-delete-timeout');
      const deleted = pod.metadata?.deletionTimestamp;
      return skipAfter > 0 && deleted && Math.trunc((inv.ctx.clock.now() - Date.parse(deleted)) / 1000) > skipAfter ? skip : okay;
    },
    async () => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return okay;
      try {
        await inv.rest.request({ verb: 'get', group: 'apps', version: 'v1', resource: 'daemonsets', namespace: pod.metadata?.namespace ?? '', name: ref.name });
      } catch (err) {
        const message = isStatusError(err) ? err.status.message ?? '' : String(err);
        return isNotFound(err) && flags.bool('force') ? warning(true, message) : error(message);
      }
      return flags.bool('ignore-daemonsets') ? warning(false, 'ignoring DaemonSet-managed Pods') : error('DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
    },
    () => (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined ? skip : okay),
    () => {
      if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir) || finished(pod)) return okay;
      return flags.bool('delete-emptydir-data') ? warning(true, 'deleting Pods with local storage') : error('Pods with local storage (use --delete-emptydir-data to override)');
    },
    () => {
      if (finished(pod) || controllerOf(pod)) return okay;
      return flags.bool('force') ? warning(true, 'deleting Pods that declare no controller') : error('cannot delete Pods that declare no controller (use --force to override)');
    },
  ];
  let verdict = okay;
  for (const filter of filters) {
    verdict = await filter();
    if (!verdict.delete) break;
  }
  return verdict;
}

/** Messages with the pods they name, in first-seen order: `<message>: ns/a, ns/b`. */
function grouped(items: Array<{ pod: Pod; verdict: Verdict }>, reason: Verdict['reason'], format: (m: string) => string): string[] {
  const byMessage = new Map<string, string[]>();
  for (const { pod, verdict } of items) {
    if (verdict.reason !== reason) continue;
    const m = verdict.message || 'unexpected error';
    byMessage.set(m, [...(byMessage.get(m) ?? []), podKey(pod)]);
  }
  return [...byMessage].map(([m, pods]) => `${format(m)}: ${pods.join(', ')}`);
}

/** GetPodsForDeletion: the node's pods to evict, or the errors that forbid draining it. */
async function podsForDeletion(inv: Invocation, node: string): Promise<{ pods: Pod[]; warnings: string }> {
  const podSelector = inv.flags.string('pod-selector');
  const list = await inv.rest.request({
    verb: 'list', ...POD, query: { fieldSelector: `spec.nodeName=${node}`, ...(podSelector ? { labelSelector: podSelector } : {}) },
  }) as KubeList<Pod>;
  const items: Array<{ pod: Pod; verdict: Verdict }> = [];
  for (const pod of list.items) items.push({ pod, verdict: await verdictFor(inv, pod) });
  // errors() formats each as `cannot delete <message>` (so the unmanaged message says it twice, as upstream).
  const errors = grouped(items, 'Error', (m) => `cannot delete ${m}`);
  if (errors.length) throw new AggregateError(errors.map((e) => new Error(e)));
  return { pods: items.filter((i) => i.verdict.delete).map((i) => i.pod), warnings: grouped(items, 'Warning', (m) => m).join('; ') };
}

const sleep = (inv: Invocation, ms: number) => new Promise<void>((resolve) => { inv.ctx.clock.after(ms, resolve); });

/** waitForDelete: polls each second until the pod is gone or replaced (another UID), then prints it. */
async function waitForDelete(inv: Invocation, pod: Pod, operation: string): Promise<void> {
  for (;;) {
    try {
      const current = await inv.rest.request({ verb: 'get', ...POD, namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' }) as Pod;
      if (current.metadata?.uid !== pod.metadata?.uid) break;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      break;
    }
    await sleep(inv, 1000);
  }
  printWritten(inv, { apiVersion: 'v1', kind: 'Pod', ...pod }, operation);
}

/** evictPods / deletePods for one pod: retried while a PodDisruptionBudget answers 429. */
async function removePod(inv: Invocation, pod: Pod, useEviction: boolean): Promise<void> {
  const name = pod.metadata?.name ?? '', namespace = pod.metadata?.namespace ?? '';
  const grace = inv.flags.int('grace-period');
  const deleteOptions = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const server = dryRunStrategy(inv) === 'server';
  if (!useEviction) {
    await inv.rest.request({ verb: 'delete', ...POD, namespace, name, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions, ...(server ? { dryRun: ['All'] } : {}) }, query: { ...deleteOptions, ...(server ? { dryRun: 'All' as const } : {}) } })
      .catch((err: unknown) => { if (!isNotFound(err)) throw err; });
    if (!server) await waitForDelete(inv, pod, 'deleted');
    return;
  }
  for (;;) {
    inv.io.out(`evicting pod ${namespace}/${name}${server ? ' (server dry run)' : ''}\n`);
    try {
      await inv.rest.request({
        verb: 'create', ...POD, namespace, name, subresource: 'eviction', ...(server ? { query: { dryRun: 'All' as const } } : {}),
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions: { ...deleteOptions, ...(server ? { dryRun: ['All'] } : {}) } },
      });
      break;
    } catch (err) {
      if (isNotFound(err)) return;
      const message = isStatusError(err) ? err.status.message ?? '' : String(err);
      if (!isStatusError(err) || err.status.code !== 429) throw new KubectlError(`error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: ${message}`);
      inv.io.err(`error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)} (will retry after 5s): ${message}\n`);
      await sleep(inv, 5000);
    }
  }
  if (!server) await waitForDelete(inv, pod, 'evicted');
}

// Go's time.Duration.String for whole seconds: `30s`, `1m30s`, `1h0m0s`.
function goDuration(ms: number): string {
  const s = Math.trunc(ms / 1000), h = Math.trunc(s / 3600), m = Math.trunc((s % 3600) / 60);
  return h ? `${h}h${m}m${s % 60}s` : m ? `${m}m${s % 60}s` : `${s}s`;
}

async function drainNode(inv: Invocation, node: Node): Promise<void> {
  const { pods, warnings } = await podsForDeletion(inv, node.metadata?.name ?? '');
  if (warnings) inv.io.err(`Warning: ${warnings}\n`);
  if (dryRunStrategy(inv) === 'client') {
    for (const p of pods) inv.io.out(`evicting pod ${podKey(p)} (dry run)\n`);
    return;
  }
  const timeout = parseDuration(inv.flags.string('timeout')) ?? 0;
  const work = Promise.allSettled(pods.map((p) => removePod(inv, p, !inv.flags.bool('disable-eviction'))));
  const raced = timeout > 0
    ? await Promise.race([work, sleep(inv, timeout).then(() => undefined)])
    : await work;
  if (!raced) throw new KubectlError(`drain did not complete within ${goDuration(timeout)}`);
  const failures = raced.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  if (failures.length) throw new AggregateError(failures);
}

async function runDrain(inv: Invocation): Promise<void> {
  if (parseDuration(inv.flags.string('timeout')) === undefined) {
    throw new KubectlError(`invalid argument ${JSON.stringify(inv.flags.string('timeout'))} for "--timeout" flag: time: invalid duration ${JSON.stringify(inv.flags.string('timeout'))}`);
  }
  const nodes = await nodesToCordon(inv, 'drain NODE');
  dryRunStrategy(inv);
  await cordonNodes(inv, nodes, true);
  const fatal: unknown[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    try {
      await drainNode(inv, node);
      printWritten(inv, { apiVersion: 'v1', kind: 'Node', ...node }, 'drained', { dryRun: dryRunStrategy(inv) });
    } catch (err) {
      const text = err instanceof AggregateError ? err.errors.map((e) => (e instanceof Error ? e.message : String(e))).join(', ') : err instanceof Error ? err.message : String(err);
      const shown = err instanceof AggregateError && err.errors.length > 1 ? `[${text}]` : text;
      inv.io.err(`error: unable to drain node ${JSON.stringify(node.metadata?.name ?? '')} due to error: ${shown}, continuing command...\n`);
      fatal.push(err);
      remaining.push(node.metadata?.name ?? '');
    }
  }
  if (remaining.length) inv.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length) throw new AggregateError(fatal.flatMap((e) => (e instanceof AggregateError ? e.errors : [e])));
}

export const drain: Command = {
  name: 'drain',
  flags: [
    intFlag('chunk-size', 'Return large lists in chunks rather than all at once.', 500),
    boolFlag('delete-emptydir-data', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).'),
    boolFlag('disable-eviction', 'Force drain to use delete, even if eviction is supported.'),
    stringFlag('dry-run', 'Must be "none", "server", or "client".', 'none'),
    boolFlag('force', 'Continue even if there are pods that do not declare a controller.'),
    intFlag('grace-period', 'Period of time in seconds given to each pod to terminate gracefully.', -1),
    boolFlag('ignore-daemonsets', 'Ignore DaemonSet-managed pods.'),
    stringFlag('pod-selector', 'Label selector to filter pods on the node'),
    stringFlag('selector', 'Selector (label query) to filter on', '', 'l'),
    intFlag('skip-wait-for-delete-timeout', 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.'),
    stringFlag('timeout', 'The length of time to wait before giving up, zero means infinite', '0s'),
  ],
  help: DRAIN_HELP,
  run: runDrain,
};
