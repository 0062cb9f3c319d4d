// kubectl taint NODE NAME KEY=VAL:EFFECT ... | KEY:EFFECT- | KEY-: adds, replaces (--overwrite)
// and removes node taints, printing `node/x tainted|untainted|modified`.
// Models kubernetes/kubectl pkg/cmd/taint/taint.go (Complete, Validate, RunTaint, updateTaints)
// and utils.go (parseTaints, parseTaint, reorganizeTaints, checkIfTaintsAlreadyExists).
import { isQualifiedName, isValidLabelValue } from '../../engine/api/index.ts';
import { AggregateError, KubectlError, usageError } from '../errors.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import { NODES, selectNodes, type Node, type NodeTaint } from '../nodes.ts';
import { dryRunQuery, dryRunStrategy, printWritten, writeFormat } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { TAINT_HELP } from './help-cluster.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** corev1.Taint.ToString: `key=value:effect`, dropping the parts that are empty. */
export const taintString = (t: NodeTaint) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

// Go's %v of a corev1.Taint struct (the duplicate error prints it so).
const goTaint = (t: NodeTaint) => `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;

function parseTaint(spec: string): NodeTaint {
  const parts = spec.split(':');
  let key: string, value = '', effect = '';
  if (parts.length === 1) {
    key = parts[0]!;
  } else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else {
    throw new Error(`invalid taint spec: ${spec}`);
  }
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** parseTaints: the taints to add and (trailing `-`) to remove; errors are usage errors. */
export function parseTaints(specs: string[]): { add: NodeTaint[]; remove: NodeTaint[] } {
  const add: NodeTaint[] = [], remove: NodeTaint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: ${goTaint(t)}`);
    add.push(t);
  }
  return { add, remove };
}

const matches = (a: NodeTaint, b: NodeTaint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** reorganizeTaints: the node's new taints (added first, then the old ones they do not replace) and the operation word. */
export function reorganizeTaints(old: NodeTaint[], overwrite: boolean, add: NodeTaint[], remove: NodeTaint[]): { operation: string; taints: NodeTaint[]; errors: string[] } {
  let taints = [...add, ...old.filter((o) => !add.some((t) => matches(t, o)))];
  const added = taints.length !== old.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (r.effect ? !matches(t, r) : t.key !== r.key));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  // As upstream, `removed` is the last removal's outcome.
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

async function runTaint(inv: Invocation): Promise<void> {
  const { flags } = inv;
  // Complete: resources come first, then taint changes.
  const resourceArgs: string[] = [], taintArgs: string[] = [];
  for (const a of inv.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) taintArgs.push(a);
    else if (taintArgs.length > 0) throw new KubectlError(`all resources must be specified before taint changes: ${a}`);
    else resourceArgs.push(a);
  }
  const dryRun = dryRunStrategy(inv);
  writeFormat(inv);
  if (resourceArgs.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw new KubectlError('at least one taint update is required');
  let parsed: { add: NodeTaint[]; remove: NodeTaint[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (err) {
    throw usageError(inv.commandPath, err instanceof Error ? err.message : String(err));
  }
  // Validate.
  const type = resourceArgs[0]!.toLowerCase();
  if ((await inv.mapper()).mappingFor(type).kind !== 'Node') throw new KubectlError(`invalid resource type ${type}, only node types are supported`);
  const conflicts = parsed.remove.filter((r) => parsed.add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect)));
  if (conflicts.length) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.map((c) => `${c.key}=${c.effect ?? ''}`).join(', ')}`);
  const all = flags.bool('all'), selector = flags.string('selector');
  if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resourceArgs.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");

  const overwrite = flags.bool('overwrite');
  const names = all || selector ? [] : resourceArgs.slice(1);
  for (const node of await selectNodes(inv, names, all ? '' : selector)) {
    const name = node.metadata?.name ?? '';
    const old = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = parsed.add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
      if (exists.length) throw new KubectlError(`node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
    }
    const { operation, taints, errors } = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
    if (errors.length) throw new AggregateError(errors.map((e) => new KubectlError(e)));
    const updated: Node = { ...node, spec: { ...node.spec, taints } };
    if (dryRun === 'client') {
      printWritten(inv, updated, operation, { dryRun });
      continue;
    }
    // The two-way strategic merge patch of spec.taints (a list without a merge key: replaced whole).
    const written = await inv.rest.request({
      verb: 'patch', ...NODES, name, patchType: 'application/strategic-merge-patch+json',
      body: { spec: { taints: taints.length ? taints : null } },
      query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager') },
    }) as Node;
    printWritten(inv, { apiVersion: 'v1', kind: 'Node', ...written }, operation, { dryRun });
  }
}

export const taint: Command = {
  name: 'taint',
  flags: [
    boolFlag('all', 'Select all nodes in the cluster'),
    boolFlag('allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template.', true),
    stringFlag('dry-run', 'Must be "none", "server", or "client".', 'none'),
    stringFlag('field-manager', 'Name of the manager used to track field ownership.', 'kubectl-taint'),
    stringFlag('output', 'Output format.', '', 'o'),
    boolFlag('overwrite', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.'),
    stringFlag('selector', 'Selector (label query) to filter on', '', 'l'),
    boolFlag('show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'),
    stringFlag('template', 'Template string or path to template file to use when -o=go-template, -o=go-template-file.'),
    stringFlag('validate', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict'),
  ],
  help: TAINT_HELP,
  run: runTaint,
};
