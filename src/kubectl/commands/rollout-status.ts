// kubectl rollout status: prints the rollout's progress from the object's status until it is
// done (or once, with --watch=false), failing after --timeout on the virtual clock.
// Models kubernetes/kubectl pkg/cmd/rollout/rollout_status.go (Run) and
// pkg/polymorphichelpers/rollout_status.go (Deployment/DaemonSet/StatefulSet StatusViewer.Status).
import type { KubeObject } from '../../engine/api/index.ts';
import { KubectlError, SilentExit } from '../errors.ts';
import { boolFlag, intFlag, sliceFlag, stringFlag } from '../flagspec.ts';
import { groupKind, parseDuration, revisionOf, rolloutTargets, type Target, type Workload } from '../rollout-targets.ts';
import type { Subcommand } from '../subcommands.ts';
import type { Invocation } from './command.ts';

type Status = { message: string; done: boolean };
type Condition = { type?: string; reason?: string };

const num = (status: Record<string, unknown> | undefined, k: string) => (typeof status?.[k] === 'number' ? status[k] : 0);
const generationOf = (obj: KubeObject) => obj.metadata?.generation ?? 0;

function deploymentStatus(d: Workload, revision: number): Status {
  const name = JSON.stringify(d.metadata?.name ?? '');
  if (revision > 0) {
    const current = revisionOf(d);
    if (current === undefined) throw new KubectlError(`cannot get the revision of deployment ${name}: invalid revision`);
    if (revision !== current) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${current})`);
  }
  const s = d.status;
  if (generationOf(d) > num(s, 'observedGeneration')) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = (s?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment ${name} exceeded its progress deadline`);
  const replicas = d.spec?.replicas;
  const updated = num(s, 'updatedReplicas'), total = num(s, 'replicas'), available = num(s, 'availableReplicas');
  if (replicas !== undefined && updated < replicas) {
    return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  }
  if (total > updated) return { message: `Waiting for deployment ${name} rollout to finish: ${total - updated} old replicas are pending termination...\n`, done: false };
  if (available < updated) return { message: `Waiting for deployment ${name} rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment ${name} successfully rolled out\n`, done: true };
}

function daemonSetStatus(ds: Workload): Status {
  const name = JSON.stringify(ds.metadata?.name ?? '');
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  const s = ds.status;
  if (generationOf(ds) > num(s, 'observedGeneration')) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = num(s, 'desiredNumberScheduled'), updated = num(s, 'updatedNumberScheduled'), available = num(s, 'numberAvailable');
  if (updated < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
  if (available < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
  return { message: `daemon set ${name} successfully rolled out\n`, done: true };
}

function statefulSetStatus(sts: Workload): Status {
  const strategy = sts.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  const s = sts.status;
  const observed = num(s, 'observedGeneration');
  if (observed === 0 || generationOf(sts) > observed) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = sts.spec?.replicas;
  const ready = num(s, 'readyReplicas'), updated = num(s, 'updatedReplicas');
  if (replicas !== undefined && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  const updateRevision = String(s?.updateRevision ?? ''), currentRevision = String(s?.currentRevision ?? '');
  if (updateRevision !== currentRevision) return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...\n`, done: false };
  return { message: `statefulset rolling update complete ${num(s, 'currentReplicas')} pods at revision ${currentRevision}...\n`, done: true };
}

/** StatusViewerFor(kind).Status. */
export function rolloutStatusOf(target: Target, obj: Workload, revision: number): Status {
  switch (groupKind(target.mapping)) {
    case 'Deployment.apps': return deploymentStatus(obj, revision);
    case 'DaemonSet.apps': return daemonSetStatus(obj);
    case 'StatefulSet.apps': return statefulSetStatus(obj);
    default: throw new KubectlError(`no status viewer has been implemented for ${groupKind(target.mapping)}`);
  }
}

// UntilWithSync over the one object: its current state, then each change, until done, an
// error, the timeout, or the user stopping the command.
async function follow(inv: Invocation, target: Target, revision: number, watching: boolean, timeoutMs: number): Promise<void> {
  const first = rolloutStatusOf(target, target.obj, revision);
  // The timeout runs from here, before the status is printed (ContextWithOptionalTimeout precedes the sync).
  let settle!: (err?: unknown) => void;
  const finished = new Promise<unknown>((resolve) => { settle = resolve; });
  const timer = watching && !first.done && timeoutMs > 0 ? inv.ctx.clock.after(timeoutMs, () => settle(new KubectlError('timed out waiting for the condition'))) : undefined;
  inv.io.out(first.message);
  if (first.done || !watching) return;
  const { mapping } = target;
  const handle = await inv.rest.watch({
    verb: 'watch', group: mapping.group, version: mapping.version, resource: mapping.resource,
    ...(mapping.namespaced ? { namespace: target.obj.metadata?.namespace ?? inv.namespace } : {}),
    query: { fieldSelector: `metadata.name=${target.obj.metadata?.name ?? ''}`, resourceVersion: target.obj.metadata?.resourceVersion ?? '' },
  }, (event) => {
    if (event.type === 'DELETED') return settle(new KubectlError('object has been deleted'));
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
    try {
      const status = rolloutStatusOf(target, event.object as Workload, revision);
      inv.io.out(status.message);
      if (status.done) settle();
    } catch (err) {
      settle(err);
    }
  });
  // Ctrl-C before the rollout is done: the interrupt handler exits 1, silently.
  void inv.stopped.then(() => settle(new SilentExit()));
  const err = await finished;
  inv.ctx.clock.cancel(timer);
  handle.stop();
  if (err) throw err;
}

async function runStatus(inv: Invocation): Promise<void> {
  const timeout = parseDuration(inv.flags.string('timeout'));
  if (timeout === undefined) throw new KubectlError(`invalid argument ${JSON.stringify(inv.flags.string('timeout'))} for "--timeout" flag: time: invalid duration ${JSON.stringify(inv.flags.string('timeout'))}`);
  const revision = inv.flags.int('revision');
  if (revision < 0) throw new KubectlError('revision must be a positive integer');
  const targets = await rolloutTargets(inv);
  for (const target of targets) await follow(inv, target, revision, inv.flags.bool('watch'), timeout);
  if (targets.length === 0) inv.io.err(`No resources found in ${inv.namespace} namespace.\n`);
}

export const rolloutStatus: Subcommand = {
  name: 'status',
  flags: [
    sliceFlag('filename', 'Filename, directory, or URL to files identifying the resource to get from a server.', 'f'),
    stringFlag('kustomize', 'Process the kustomization directory.', '', 'k'),
    boolFlag('recursive', 'Process the directory used in -f, --filename recursively.', false, 'R'),
    intFlag('revision', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).'),
    stringFlag('selector', 'Selector (label query) to filter on', '', 'l'),
    stringFlag('timeout', 'The length of time to wait before ending watch, zero means never.', '0s'),
    boolFlag('watch', "Watch the status of the rollout until it's done.", true, 'w'),
  ],
  run: runStatus,
};
