// kubectl set image | env | resources: change the pod template of workloads (or a pod's spec)
// and send the difference as a strategic merge patch.
// Models kubernetes/kubectl pkg/cmd/set/set.go, set_image.go (Run, setImage), set_env.go,
// set_resources.go, helper.go (CalculatePatches) and polymorphichelpers/updatepodspec.go.
import { parseQuantity, quantityString, type KubeObject } from '../../engine/api/index.ts';
import { schemaForKind, threeWayMergePatch, type JsonMap } from '../apply/threeway.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { resourcesFromArgs, scopeOf, visitFiles, type Info } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, printWritten } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { parentRun } from './create-config.ts';
import { SET_ENV_HELP, SET_HELP, SET_IMAGE_HELP, SET_RESOURCES_HELP } from './help-write.ts';
import { parsePairs, splitResourcesAndPairs } from './metadata-update.ts';
import { optionFlags } from './options.ts';

interface Container { name: string; image?: string; env?: Array<{ name: string; value?: string }>; resources?: Record<string, Record<string, string>> }
interface PodSpec { containers?: Container[]; initContainers?: Container[] }

// UpdatePodSpecForObject: where each kind keeps its pod spec.
function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  switch (obj.kind) {
    case 'Pod': return spec as PodSpec;
    case 'CronJob': return ((spec?.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec);
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': case 'Job': case 'ReplicationController':
      return (spec?.template as { spec?: PodSpec } | undefined)?.spec;
    default: return undefined;
  }
}

/** One `set` subcommand: how it changes a pod spec (recording its own errors), and its words. */
interface SetUpdate {
  operation: string;
  failure: string;
  update(spec: PodSpec, errors: unknown[]): void;
}

async function objectsOf(inv: Invocation, resources: string[]): Promise<{ infos: Info[]; errors: unknown[] }> {
  const errors: unknown[] = [];
  let infos: Info[] = [];
  if (inv.flags.strings('filename').length > 0) {
    for (const v of await visitFiles(inv, inv.flags.strings('filename'))) {
      if ('error' in v) errors.push(v.error);
      else infos.push(v.info);
    }
  } else {
    if (resources.length === 0) {
      throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const selector = inv.flags.string('selector');
    infos = await resourcesFromArgs(inv, resources, { ...(selector ? { selector } : {}), all: inv.flags.bool('all') });
  }
  return { infos, errors };
}

// Run of each set command: CalculatePatches, skip objects whose patch is empty, patch the rest.
async function runSet(inv: Invocation, resources: string[], u: SetUpdate): Promise<void> {
  if (inv.flags.bool('local')) throw new KubectlError('Pilothouse does not support --local');
  const dryRun = dryRunStrategy(inv);
  const { infos, errors } = await objectsOf(inv, resources);
  for (const info of infos) {
    try {
      const live = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
      const changed = JSON.parse(JSON.stringify(live)) as KubeObject;
      const spec = podSpecOf(changed);
      if (!spec) {
        errors.push(new KubectlError(`error: ${info.mapping.resource}/${info.name} the object is not a pod or does not have a pod template: *unstructured.Unstructured`));
        continue;
      }
      u.update(spec, errors);
      const [group, version] = live.apiVersion?.includes('/') ? live.apiVersion.split('/') : ['', live.apiVersion ?? 'v1'];
      const before = JSON.parse(JSON.stringify(live)) as JsonMap;
      const patch = threeWayMergePatch(before, changed as JsonMap, before, schemaForKind(group!, version!, live.kind ?? ''));
      if (Object.keys(patch).length === 0) continue;
      if (dryRun === 'client') {
        printWritten(inv, changed, u.operation, { dryRun });
        continue;
      }
      try {
        const actual = await inv.rest.request({
          verb: 'patch', ...scopeOf(info), name: info.name, patchType: 'application/strategic-merge-patch+json', body: patch,
          query: { ...dryRunQuery(dryRun), fieldManager: inv.flags.string('field-manager') },
        }) as KubeObject;
        printWritten(inv, actual, u.operation, { dryRun });
      } catch (err) {
        errors.push(new KubectlError(`${u.failure}${err instanceof Error ? err.message : String(err)}`));
      }
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
}

const matches = (pattern: string, name: string) => pattern === '*' || new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);

const image: Command = {
  name: 'image', help: SET_IMAGE_HELP, flags: optionFlags(SET_IMAGE_HELP),
  async run(inv) {
    const { resources, pairs } = splitResourcesAndPairs(inv.args, 'image');
    const { set } = parsePairs(pairs, 'image');
    if (Object.keys(set).length === 0) throw new KubectlError('at least one image update is required');
    await runSet(inv, resources, {
      operation: 'image updated', failure: 'failed to patch image update to pod template: ',
      update(spec, errors) {
        for (const [name, img] of Object.entries(set)) {
          let found = false;
          for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
            if (name === '*' || c.name === name) {
              c.image = img;
              found = true;
            }
          }
          if (!found) errors.push(new KubectlError(`error: unable to find container named ${JSON.stringify(name)}`));
        }
      },
    });
  },
};

const env: Command = {
  name: 'env', help: SET_ENV_HELP, flags: optionFlags(SET_ENV_HELP, ['env']),
  async run(inv) {
    const { resources, pairs } = splitResourcesAndPairs(inv.args, 'environment variable');
    const all = [...pairs, ...inv.flags.strings('env')];
    const { set, remove } = parsePairs(all, 'environment variable');
    if (remove.some((k) => k in set)) throw new KubectlError('can not both modify and remove the same environment variable in the same command');
    if (inv.flags.string('from') || inv.flags.bool('list') || inv.flags.bool('resolve')) throw new KubectlError('Pilothouse does not support set env --from, --list or --resolve yet');
    if (all.length === 0) return;
    const pattern = inv.flags.string('containers');
    await runSet(inv, resources, {
      operation: 'env updated', failure: 'failed to patch env update to pod template: ',
      update(spec) {
        for (const c of spec.containers ?? []) {
          if (!matches(pattern, c.name)) continue;
          let vars = (c.env ?? []).filter((e) => !remove.includes(e.name));
          for (const [name, value] of Object.entries(set)) {
            const i = vars.findIndex((e) => e.name === name);
            if (i >= 0) vars[i] = { name, value };
            else vars = [...vars, { name, value }];
          }
          if (vars.length > 0) c.env = vars;
          else delete c.env;
        }
      },
    });
  },
};

// set_resources.go: `cpu=100m,memory=256Mi` into a resource list, quantities canonical.
function requirements(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=') as [string, string | undefined];
    if (value === undefined) throw new KubectlError(`Invalid argument syntax ${part}, expected <resource>=<value>`);
    const q = parseQuantity(value);
    if (!q.ok) throw new KubectlError(q.message);
    out[name] = quantityString(q.value);
  }
  return out;
}

const resourcesCmd: Command = {
  name: 'resources', help: SET_RESOURCES_HELP, flags: optionFlags(SET_RESOURCES_HELP),
  async run(inv) {
    const limits = requirements(inv.flags.string('limits')), requests = requirements(inv.flags.string('requests'));
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) {
      throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    }
    const pattern = inv.flags.string('containers');
    await runSet(inv, inv.args, {
      operation: 'resource requirements updated', failure: 'failed to patch resources update to pod template ',
      update(spec) {
        for (const c of spec.containers ?? []) {
          if (!matches(pattern, c.name)) continue;
          const r = { ...c.resources };
          if (Object.keys(limits).length > 0) r.limits = { ...r.limits, ...limits };
          if (Object.keys(requests).length > 0) r.requests = { ...r.requests, ...requests };
          c.resources = r;
        }
      },
    });
  },
};

export const set: Command = { name: 'set', help: SET_HELP, flags: optionFlags(SET_HELP), subcommands: [image, env, resourcesCmd], run: parentRun(SET_HELP) };
