// kubectl run: one pod from an image, labelled `run=<name>` unless -l says otherwise; words after
// the name are its args (or, with --command, its command). Attaching (-i, -t, --attach, --rm)
// needs a container to talk to, which Pilothouse does not have: refused clearly.
// Models kubernetes/kubectl pkg/cmd/run/run.go (Run, createGeneratedObject) and
// pkg/generate/versioned/run.go (BasicPod.Generate, updatePodContainers, updatePodPorts).
import type { KubeObject } from '../../engine/api/index.ts';
import { KubectlError, usageError } from '../errors.ts';
import { dryRunQuery, dryRunStrategy, goJSON, printWritten, withLastApplied, fieldValidation } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { sortedMap, type Generated } from './create-generator.ts';
import { RUN_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const run: Command = { name: 'run', flags: optionFlags(RUN_HELP, ['annotations', 'env']), help: RUN_HELP, run: runRun };

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

// generate.ParseLabels: `k=v,k2=v2`.
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2 || !kv[0]) throw new KubectlError(`unexpected label spec: ${pair}`);
    out[kv[0]] = kv[1]!;
  }
  return out;
}

async function runRun(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (!flags.changed('image')) throw new KubectlError('required flag(s) "image" not set');
  const [name, ...rest] = inv.args;
  if (!name) throw usageError(inv.commandPath, 'NAME is required for run');
  const dryRun = dryRunStrategy(inv);
  const attaching = flags.bool('stdin') || flags.bool('tty') || flags.bool('attach') || flags.bool('rm');
  if (attaching && dryRun !== 'none') throw usageError(inv.commandPath, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  if (attaching) throw new KubectlError('Pilothouse cannot attach to a container (-i, -t, --attach, --rm); run the pod, then use kubectl logs or kubectl exec');
  if (flags.bool('expose')) throw new KubectlError('Pilothouse does not support run --expose; use kubectl expose pod NAME --port=PORT');
  if (flags.string('overrides')) throw new KubectlError('Pilothouse does not support run --overrides');
  const restart = flags.string('restart');
  if (!RESTART_POLICIES.includes(restart)) throw usageError(inv.commandPath, `invalid restart policy: ${restart}`);
  const labels = flags.string('labels') ? parseLabels(flags.string('labels')) : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of flags.strings('annotations')) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const env = flags.strings('env').map((e) => {
    const eq = e.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  const portText = flags.string('port');
  if (portText && !/^-?\d+$/.test(portText)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(portText)}: invalid syntax`);
  const port = portText ? parseInt(portText, 10) : -1;
  const args = rest;
  const pullPolicy = flags.string('image-pull-policy');
  // corev1.Container in Go field order.
  const container = {
    name, image: flags.string('image'),
    ...(args.length > 0 ? (flags.bool('command') ? { command: args } : { args }) : {}),
    ...(port > 0 ? { ports: [{ containerPort: port }] } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: {},
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    ...(flags.bool('privileged') ? { securityContext: { privileged: true } } : {}),
  };
  let pod: Generated | KubeObject = {
    kind: 'Pod', apiVersion: 'v1',
    metadata: {
      name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null, labels: sortedMap(labels),
      ...(Object.keys(annotations).length > 0 ? { annotations: sortedMap(annotations) } : {}),
    },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  if (flags.bool('save-config')) pod = withLastApplied(pod, goJSON);
  if (dryRun !== 'client') {
    pod = await inv.rest.request({
      verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: inv.namespace, body: pod,
      query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager'), fieldValidation: fieldValidation(inv) },
    }) as KubeObject;
  }
  printWritten(inv, pod, 'created', { typed: dryRun === 'client', dryRun });
}
