// kubectl rollout history | undo | restart | pause | resume (and status, rollout-status.ts).
// Models kubernetes/kubectl pkg/cmd/rollout/rollout_{history,undo,restart,pause,resume}.go and
// pkg/polymorphichelpers/{history,rollback,objectpauser,objectresumer,objectrestarter}.go.
import { rfc3339 } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { boolFlag, intFlag, sliceFlag, stringFlag } from '../flagspec.ts';
import { sortKeys } from '../printers/json.ts';
import { printName } from '../printers/name.ts';
import {
  groupKind, REVISION_ANNOTATION, replicaSetsOf, resourceString, revisionOf, rolloutTargets, type Target, type Workload,
} from '../rollout-targets.ts';
import { commandGroup, type Subcommand } from '../subcommands.ts';
import { dryRunQuery, dryRunStrategy, printWritten } from '../writes.ts';
import type { Invocation } from './command.ts';
import { ROLLOUT_HELP } from './help-cluster.ts';
import { rolloutStatus } from './rollout-status.ts';

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';
const WORKLOADS = ['Deployment.apps', 'DaemonSet.apps', 'StatefulSet.apps'];

const objectFlags = [
  sliceFlag('filename', 'Filename, directory, or URL to files identifying the resource to get from a server.', 'f'),
  stringFlag('kustomize', 'Process the kustomization directory.', '', 'k'),
  boolFlag('recursive', 'Process the directory used in -f, --filename recursively.', false, 'R'),
  stringFlag('selector', 'Selector (label query) to filter on', '', 'l'),
];
const printFlags = [
  boolFlag('allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template.', true),
  stringFlag('output', 'Output format.', '', 'o'),
  boolFlag('show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'),
  stringFlag('template', 'Template string or path to template file to use when -o=go-template, -o=go-template-file.'),
];
const writeFlags = [...printFlags, stringFlag('field-manager', 'Name of the manager used to track field ownership.', 'kubectl-rollout')];

const scopeOf = (t: Target) => ({
  group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource,
  ...(t.mapping.namespaced ? { namespace: t.obj.metadata?.namespace ?? '' } : {}),
});
const named = (t: Target): Workload => ({ apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version, kind: t.mapping.kind, ...t.obj });

/** A patch function (set.PatchFn): the strategic merge patch for one object, `{}` for none, or why not. */
type PatchFn = (inv: Invocation, t: Target) => Record<string, unknown>;

/**
 * The pause/resume/restart shape: a patch per object, `error: <resource> "<name>" <why>` for those
 * that refuse, the object printed with `done` (or `unchanged` when the patch is empty).
 */
function patchingSubcommand(name: string, patchFn: PatchFn, done: string, unchanged: (t: Target) => Error | string): Subcommand {
  return {
    name, flags: [...objectFlags, ...writeFlags],
    async run(inv) {
      const targets = await rolloutTargets(inv);
      if (targets.length === 0) {
        inv.io.err(`No resources found in ${inv.namespace} namespace.\n`);
        return;
      }
      const errors: unknown[] = [];
      for (const t of targets) {
        let patch: Record<string, unknown>;
        try {
          patch = patchFn(inv, t);
        } catch (err) {
          errors.push(new KubectlError(`error: ${resourceString(t.mapping)} ${JSON.stringify(t.obj.metadata?.name ?? '')} ${err instanceof Error ? err.message : String(err)}`));
          continue;
        }
        if (Object.keys(patch).length === 0) {
          const outcome = unchanged(t);
          if (outcome instanceof Error) errors.push(outcome);
          else printWritten(inv, named(t), outcome);
          continue;
        }
        try {
          const written = await inv.rest.request({
            verb: 'patch', ...scopeOf(t), name: t.obj.metadata?.name ?? '', patchType: 'application/strategic-merge-patch+json',
            body: patch, query: { fieldManager: inv.flags.string('field-manager') },
          }) as Workload;
          printWritten(inv, named({ ...t, obj: written }), done);
        } catch (err) {
          errors.push(new KubectlError(`failed to patch: ${err instanceof Error ? err.message : String(err)}`));
        }
      }
      if (errors.length) throw new AggregateError(errors);
    },
  };
}

const supports = (t: Target, verb: string, kinds: string[]) => {
  if (!kinds.includes(groupKind(t.mapping))) throw new Error(`${verb} is not supported`);
};

// objectpauser.go: only Deployments pause; pausing a paused one is an error.
const pause = patchingSubcommand('pause', (_inv, t) => {
  supports(t, 'pausing', ['Deployment.apps']);
  if (t.obj.spec?.paused) throw new Error('is already paused');
  return { spec: { paused: true } };
}, 'paused', () => 'already paused');

const resume = patchingSubcommand('resume', (_inv, t) => {
  supports(t, 'resuming', ['Deployment.apps']);
  if (!t.obj.spec?.paused) throw new Error('is not paused');
  return { spec: { paused: null } };
}, 'resumed', () => 'already resumed');

// objectrestarter.go: a fresh restartedAt in the pod template; the same second twice is no change.
const restart = patchingSubcommand('restart', (inv, t) => {
  supports(t, 'restarting', WORKLOADS);
  if (t.obj.spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  const now = rfc3339(inv.ctx.clock.now());
  if (t.obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT] === now) return {};
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now } } } } };
}, 'restarted', (t) => new KubectlError(`failed to create patch for ${t.obj.metadata?.name ?? ''}: if restart has already been triggered within the past second, please wait before attempting to trigger another`));

// text/tabwriter with minwidth 0, tabwidth 8, padding 2 (history.go tabbedString).
function tabbed(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (i < r.length - 1 ? r[i]!.length + 2 : 0))));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('') + '\n').join('');
}

/** The Deployment's ReplicaSets by revision (DeploymentHistoryViewer.GetHistory), later sets winning ties. */
async function historyOf(inv: Invocation, deployment: Workload): Promise<Map<number, Workload>> {
  const byRevision = new Map<number, Workload>();
  for (const rs of await replicaSetsOf(inv, deployment)) {
    const v = revisionOf(rs);
    if (v !== undefined) byRevision.set(v, rs);
  }
  return byRevision;
}

const history: Subcommand = {
  name: 'history',
  flags: [...objectFlags, ...printFlags, intFlag('revision', 'See the details, including podTemplate of the revision specified')],
  async run(inv) {
    const revision = inv.flags.int('revision');
    if (revision < 0) throw new KubectlError('revision must be a positive integer');
    if (revision > 0) throw new KubectlError('Pilothouse does not support "kubectl rollout history --revision" yet');
    for (const t of await rolloutTargets(inv)) {
      if (groupKind(t.mapping) !== 'Deployment.apps') throw new KubectlError(`Pilothouse does not support the rollout history of ${groupKind(t.mapping)} yet`);
      const byRevision = await historyOf(inv, t.obj);
      let text = 'No rollout history found.';
      if (byRevision.size > 0) {
        const rows = [...byRevision.entries()].sort(([a], [b]) => a - b)
          .map(([r, rs]) => [String(r), rs.metadata?.annotations?.[CHANGE_CAUSE] || rs.spec?.template?.metadata?.annotations?.[CHANGE_CAUSE] || '<none>']);
        text = tabbed([['REVISION', 'CHANGE-CAUSE'], ...rows]);
      }
      // The name printer with the history as its "operation": `deployment.apps/web \n<table>\n`.
      inv.io.out(printName(named(t), `\n${text}`));
    }
  },
};

// rollback.go annotationsToSkip: kept from the Deployment, not copied from the ReplicaSet.
const ANNOTATIONS_TO_SKIP = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);

function withoutHash(template: NonNullable<Workload['spec']>['template']): unknown {
  const labels = { ...template?.metadata?.labels };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...template?.metadata, labels } };
}

const sameTemplate = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

/** DeploymentRollbacker.Rollback: the operation word, after patching the Deployment back to `toRevision`'s template. */
async function rollback(inv: Invocation, t: Target, toRevision: number): Promise<string> {
  const name = t.obj.metadata?.name ?? '';
  if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  const byRevision = await historyOf(inv, t.obj);
  let rs: Workload | undefined;
  if (toRevision > 0) {
    rs = byRevision.get(toRevision);
    if (!rs) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  } else {
    rs = [...byRevision.entries()].sort(([a], [b]) => b - a)[1]?.[1];
    if (!rs) throw new KubectlError(`no rollout history found for deployment ${JSON.stringify(name)}`);
  }
  const dryRun = dryRunStrategy(inv);
  if (dryRun === 'client') throw new KubectlError('Pilothouse does not support "kubectl rollout undo --dry-run=client" yet');
  if (t.obj.spec?.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const revision = toRevision || revisionOf(rs) || 0;
  if (sameTemplate(withoutHash(rs.spec?.template), withoutHash(t.obj.spec?.template))) return `skipped rollback (current template already matches revision ${revision})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.obj.metadata?.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  try {
    await inv.rest.request({
      verb: 'patch', ...scopeOf(t), name, patchType: 'application/json-patch+json', query: dryRunQuery(dryRun),
      body: [{ op: 'replace', path: '/spec/template', value: withoutHash(rs.spec?.template) }, { op: 'replace', path: '/metadata/annotations', value: annotations }],
    });
  } catch (err) {
    throw new KubectlError(`failed restoring revision ${revision}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return 'rolled back';
}

const undo: Subcommand = {
  name: 'undo',
  flags: [...objectFlags, ...printFlags, stringFlag('dry-run', 'Must be "none", "server", or "client".', 'none'), intFlag('to-revision', 'The revision to rollback to. Default to 0 (last revision).')],
  async run(inv) {
    for (const t of await rolloutTargets(inv)) {
      if (groupKind(t.mapping) !== 'Deployment.apps') throw new KubectlError(`Pilothouse does not support undoing a rollout of ${groupKind(t.mapping)} yet`);
      const result = await rollback(inv, t, inv.flags.int('to-revision'));
      printWritten(inv, named(t), result, { dryRun: dryRunStrategy(inv) });
    }
  },
};

export const rollout = commandGroup({
  name: 'rollout', help: ROLLOUT_HELP, helpTo: 'out',
  subcommands: [history, pause, restart, resume, rolloutStatus, undo],
});
