// The one list of kubectl commands Pilothouse answers.
//
// To add a command: write commands/<name>.ts exporting a `Command` (see command.ts) with its
// flags, its help text copied in structure from `kubectl.1.33 <name> --help`, and a run()
// that reaches the cluster only through `inv.rest`/`inv.client` and throws errors from
// ../errors.ts; put its tests beside it; then add it to COMMANDS below. Names kubectl has but
// Pilothouse does not implement yet are in KUBECTL_COMMANDS, so they are not "unknown".
import type { Command } from './command.ts';
import { get } from './get.ts';
import { autoscale } from './autoscale.ts';
import { expose } from './expose.ts';
import { set } from './set.ts';
import { run } from './run.ts';
import { edit } from './edit.ts';
import { replace } from './replace.ts';
import { patch } from './patch.ts';
import { scale } from './scale.ts';
import { annotate } from './annotate.ts';
import { label } from './label.ts';
import { del } from './delete.ts';
import { apply } from './apply.ts';
import { create } from './create.ts';
import { describe } from './describe.ts';
import { events } from './events.ts';
import { wait } from './wait.ts';
import { apiResources } from './api-resources.ts';
import { apiVersions } from './api-versions.ts';
import { clusterInfo } from './cluster-info.ts';
import { config } from './config.ts';
import { cordon, uncordon } from './cordon.ts';
import { taint } from './taint.ts';
import { rollout } from './rollout.ts';
import { top } from './top.ts';
import { auth } from './auth.ts';
import { drain } from './drain.ts';
import { debug } from './debug.ts';
import { version } from './version.ts';
import { logs } from './logs.ts';
import { attach } from './attach.ts';
import { exec } from './exec.ts';
import { explain } from './explain.ts';

export const COMMANDS: readonly Command[] = [
  autoscale,
  expose,
  set,
  run,
  edit,
  replace,
  patch,
  scale,
  annotate,
  label,
  del,
  apply,
  create,
  describe,
  events,
  wait,
  get,
  apiResources,
  apiVersions,
  clusterInfo,
  config,
  cordon,
  uncordon,
  taint,
  rollout,
  top,
  auth,
  drain,
  debug,
  version,
  explain,
  logs,
  exec,
  attach,
];

/** Every command of the real kubectl v1.33, in the order cobra suggests them (kubectl disables sorting). */
export const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate',
  'completion', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
];

export const findCommand = (name: string) => COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
