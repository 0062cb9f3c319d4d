// kubectl describe: each selected object, printed by its kind's describer, separated by a blank
// line; `describe TYPE NAME_PREFIX` falls back to every object whose name starts with the prefix.
// Models kubernetes/kubectl pkg/cmd/describe/describe.go (Run, DescribeMatchingResources).
import type { KubeObject } from '../../engine/api/index.ts';
import { isNotFound } from '../../engine/api/index.ts';
import { describeObject } from '../describe/describers.ts';
import type { DescribeContext } from '../describe/context.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { listResources } from '../listerror.ts';
import type { RESTMapping } from '../restmapper.ts';
import type { Command, Invocation } from './command.ts';
import { DESCRIBE_HELP } from './inspect-help.ts';

const FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false, usage: 'across all namespaces' },
  { name: 'chunk-size', type: 'int', default: 500, usage: 'list in chunks' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [], usage: 'files' },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '', usage: 'kustomization directory' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false, usage: 'recursive -f' },
  { name: 'selector', shorthand: 'l', type: 'string', default: '', usage: 'label query' },
  { name: 'show-events', type: 'bool', default: true, usage: 'show events' },
];

export const describe: Command = { name: 'describe', flags: FLAGS, help: DESCRIBE_HELP, run: runDescribe };

/** One object to describe. */
interface Info {
  mapping: RESTMapping;
  namespace: string | undefined;
  name: string;
}

async function runDescribe(inv: Invocation): Promise<void> {
  const { flags, args, io } = inv;
  if (args.length === 0 && flags.strings('filename').length === 0 && !flags.string('kustomize')) {
    throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  }
  if (flags.strings('filename').length > 0 || flags.string('kustomize')) throw new KubectlError('Pilothouse does not support "kubectl describe -f" yet');
  const ctx: DescribeContext = { rest: inv.rest, now: inv.ctx.clock.now(), showEvents: flags.bool('show-events'), chunkSize: flags.int('chunk-size') };
  const all = flags.bool('all-namespaces');
  const { infos, errors } = await resolveInfos(inv, all);
  if (errors.length > 0 && errors.every(isNotFound) && args.length === 2 && !args[0]!.includes('/')) {
    await describeMatching(inv, ctx, errors);
    return;
  }
  const seen = new Set<string>();
  let first = true;
  for (const info of infos) {
    try {
      const text = await describeObject(ctx, info.mapping, info.namespace, info.name);
      io.out(first ? text : `\n\n${text}`);
      first = false;
    } catch (err) {
      const key = err instanceof Error ? err.message : String(err);
      if (!seen.has(key)) errors.push(err);
      seen.add(key);
    }
  }
  if (infos.length === 0 && errors.length === 0) io.err(all ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
  if (errors.length > 0) throw new AggregateError(errors);
}

// The builder's part: TYPE[,TYPE] [NAME...], TYPE/NAME..., or every object of the types (-l, -A).
async function resolveInfos(inv: Invocation, all: boolean): Promise<{ infos: Info[]; errors: unknown[] }> {
  const mapper = await inv.mapper();
  const { args } = inv;
  const namespaceOf = (m: RESTMapping) => (m.namespaced ? inv.namespace : undefined);
  const infos: Info[] = [], errors: unknown[] = [];
  const named: Array<{ mapping: RESTMapping; name: string }> = [];
  if (args.some((a) => a.includes('/'))) {
    if (!args[0]!.includes('/')) {
      throw new KubectlError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    for (const a of args) {
      const [type, name, ...rest] = a.split('/');
      if (!type || !name || rest.length > 0) throw new KubectlError('arguments in resource/name form must have a single resource and name');
      named.push({ mapping: mapper.mappingFor(type), name });
    }
  } else {
    const [types, ...names] = args;
    const mappings = mapper.mappingsFor(types!);
    if (names.length === 0) {
      for (const mapping of mappings) {
        const list = await listObjects(inv, mapping, all);
        infos.push(...list.map((o) => ({ mapping, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' })));
      }
      return { infos, errors };
    }
    for (const mapping of mappings) for (const name of names) named.push({ mapping, name });
  }
  // A named object is fetched once here (as the builder does) so a missing one is reported
  // whether or not the others exist.
  for (const { mapping, name } of named) {
    try {
      await inv.rest.request({ verb: 'get', group: mapping.group, version: mapping.version, resource: mapping.resource, ...(namespaceOf(mapping) ? { namespace: namespaceOf(mapping) } : {}), name });
      infos.push({ mapping, namespace: namespaceOf(mapping), name });
    } catch (err) {
      errors.push(err);
    }
  }
  return { infos, errors };
}

async function listObjects(inv: Invocation, mapping: RESTMapping, all: boolean, useSelector = true): Promise<KubeObject[]> {
  const selector = useSelector ? inv.flags.string('selector') : '';
  const chunk = inv.flags.int('chunk-size');
  const items: KubeObject[] = [];
  let token: string | undefined;
  do {
    const list = await listResources(inv.rest, {
      verb: 'list', group: mapping.group, version: mapping.version, resource: mapping.resource,
      ...(mapping.namespaced && !all ? { namespace: inv.namespace } : {}),
      query: { ...(selector ? { labelSelector: selector } : {}), ...(chunk > 0 ? { limit: chunk } : {}), ...(token ? { continue: token } : {}) },
    });
    items.push(...list.items);
    token = list.metadata.continue;
  } while (token);
  return items;
}

// DescribeMatchingResources: every object of the type whose name starts with the prefix, each
// followed by a newline; none gives back the original NotFound.
async function describeMatching(inv: Invocation, ctx: DescribeContext, original: unknown[]): Promise<void> {
  const mapper = await inv.mapper();
  const [type, prefix] = inv.args as [string, string];
  const mapping = mapper.mappingFor(type);
  const objects = await listObjects(inv, mapping, false, false);
  let found = false;
  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    if (!name.startsWith(prefix)) continue;
    found = true;
    inv.io.out(`${await describeObject(ctx, mapping, o.metadata?.namespace, name)}\n`);
  }
  if (!found) throw new AggregateError(original);
}
