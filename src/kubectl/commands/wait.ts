// kubectl wait: blocks until each selected object meets --for (a condition, a JSONPath value,
// deletion or creation), printing `kind/name condition met`, or fails when --timeout passes.
// Waiting is watching: nothing here advances time; the deadline is a timer on the virtual clock.
// Models kubernetes/kubectl pkg/cmd/wait/wait.go (conditionFuncFor, processJSONPathInput,
// RunWait), condition.go (ConditionalWait.checkCondition), json.go and delete.go.
import type { ApiRequest, KubeObject } from '../../engine/api/index.ts';
import { isNotFound } from '../../engine/api/index.ts';
import { KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { listResources } from '../listerror.ts';
import { evaluate, parseJSONPath, relaxedJSONPath } from '../printers/jsonpath.ts';
import { kindPrefix, type RESTMapping } from '../restmapper.ts';
import type { Command, Invocation } from './command.ts';
import { WAIT_HELP } from './inspect-help.ts';

const b = (name: string, def: boolean, shorthand?: string): FlagSpec => ({ name, type: 'bool', default: def, usage: name, ...(shorthand ? { shorthand } : {}) });
const s = (name: string, def = '', shorthand?: string): FlagSpec => ({ name, type: 'string', default: def, usage: name, ...(shorthand ? { shorthand } : {}) });

const FLAGS: FlagSpec[] = [
  b('all', false), b('all-namespaces', false, 'A'), b('allow-missing-template-keys', true), s('field-selector'),
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [], usage: 'files' }, s('for'), b('local', false), s('output', '', 'o'),
  b('recursive', true, 'R'), s('selector', '', 'l'), b('show-managed-fields', false), s('template'), s('timeout', '30s'),
];

export const wait: Command = { name: 'wait', flags: FLAGS, help: WAIT_HELP, run: runWait };

/** What --for asks: whether an object (undefined once it is gone) satisfies it. */
type Check = { kind: 'delete' } | { kind: 'create' } | { kind: 'met'; met: (obj: KubeObject) => boolean };

// conditionFuncFor.
function checkFor(condition: string): Check {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (condition.startsWith('condition=')) {
    const rest = condition.slice('condition='.length);
    const eq = rest.indexOf('=');
    const [name, status] = eq < 0 ? [rest, 'true'] : [rest.slice(0, eq), rest.slice(eq + 1)];
    return { kind: 'met', met: (obj) => conditionMet(obj, name, status) };
  }
  if (condition.startsWith('jsonpath=')) return { kind: 'met', met: jsonPathCheck(condition.slice('jsonpath='.length)) };
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(condition)}`);
}

type Condition = { type?: string; status?: string; observedGeneration?: number };

// checkCondition: the first condition of that type (case-insensitively) decides, unless it
// describes an older generation than the object's.
function conditionMet(obj: KubeObject, name: string, status: string): boolean {
  const st = obj.status as { conditions?: Condition[]; observedGeneration?: number } | undefined;
  const c = st?.conditions?.find((x) => (x.type ?? '').toLowerCase() === name.toLowerCase() && x.status !== undefined);
  if (!c) return false;
  const generation = obj.metadata?.generation;
  const observed = c.observedGeneration ?? st?.observedGeneration;
  if (generation !== undefined && observed !== undefined && observed < generation) return false;
  return c.status!.toLowerCase() === status.toLowerCase();
}

// processJSONPathInput: split on a single '=' (`==` stays in the expression), trim quotes off the value.
function jsonPathCheck(input: string): (obj: KubeObject) => boolean {
  const parts = input.split(/(?<!=)=(?!=)/);
  if (parts.length < 1 || parts.length > 2) throw new KubectlError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  if (!parts[0]) throw new KubectlError('jsonpath expression cannot be empty');
  const value = parts.length === 2 ? parts[1]!.replace(/^['"]+|['"]+$/g, '') : undefined;
  if (value === '') throw new KubectlError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  const [node] = parseJSONPath(relaxedJSONPath(parts[0]));
  return (obj) => {
    const found = node?.type === 'path' ? evaluate([obj], node.steps) : [];
    if (found.length === 0) return false;
    if (found.length > 1) throw new KubectlError('given jsonpath expression matches more than one value');
    const v = found[0];
    if (v !== null && typeof v === 'object') throw new KubectlError('jsonpath leads to a nested object or list which is not supported');
    return value === undefined || String(v) === value;
  };
}

// Go's time.ParseDuration for the units kubectl users write; a negative timeout means a week.
function parseTimeout(text: string): number {
  const m = /^(-?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+|0)$/.exec(text);
  if (!m) throw new KubectlError(`time: invalid duration ${JSON.stringify(text)}`);
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  for (const [, n, u] of m[2]!.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * unit[u!]!;
  return m[1] ? 7 * 24 * 3_600_000 : ms;
}

interface Target {
  mapping: RESTMapping;
  namespace: string | undefined;
  name: string;
}

async function runWait(inv: Invocation): Promise<void> {
  const { flags } = inv;
  const check = checkFor(flags.string('for'));
  // One deadline for every object, as RunWait's single context, counted from the command's start.
  const deadline = inv.ctx.clock.now() + parseTimeout(flags.string('timeout'));
  const targets = await resolveTargets(inv, check);
  if (targets.length === 0) {
    if (check.kind === 'delete') return;
    throw new KubectlError('no matching resources found');
  }
  for (const t of targets) {
    await waitFor(inv, t, check, deadline);
    inv.io.out(`${kindPrefix(t.mapping)}/${t.name} condition met\n`);
  }
}

async function resolveTargets(inv: Invocation, check: Check): Promise<Target[]> {
  const mapper = await inv.mapper();
  const { args, flags } = inv;
  if (args.length === 0) throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  const all = flags.bool('all-namespaces');
  const nsOf = (m: RESTMapping) => (m.namespaced ? inv.namespace : undefined);
  const named: Target[] = [];
  if (args[0]!.includes('/')) {
    for (const a of args) {
      const [type, name] = a.split('/');
      const mapping = mapper.mappingFor(type!);
      named.push({ mapping, namespace: nsOf(mapping), name: name ?? '' });
    }
  } else if (args.length > 1) {
    for (const mapping of mapper.mappingsFor(args[0]!)) for (const name of args.slice(1)) named.push({ mapping, namespace: nsOf(mapping), name });
  } else {
    // A type alone needs -l, --all or --field-selector to say which objects (the builder's rule).
    const selector = flags.string('selector'), fields = flags.string('field-selector');
    if (!flags.bool('all') && !selector && !fields) throw new KubectlError(`resource(s) were provided, but no name was specified`);
    const out: Target[] = [];
    for (const mapping of mapper.mappingsFor(args[0]!)) {
      const list = await listResources(inv.rest, {
        verb: 'list', ...scope(mapping, mapping.namespaced && !all ? inv.namespace : undefined),
        query: { ...(selector ? { labelSelector: selector } : {}), ...(fields ? { fieldSelector: fields } : {}) },
      });
      out.push(...list.items.map((o) => ({ mapping, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' })));
    }
    return out;
  }
  // A named object must exist, except when waiting for it to be deleted (then there is nothing to wait for) or created.
  const found: Target[] = [];
  for (const t of named) {
    try {
      await inv.rest.request({ verb: 'get', ...scope(t.mapping, t.namespace), name: t.name });
      found.push(t);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (check.kind === 'create') found.push(t);
      else if (check.kind !== 'delete') throw err;
    }
  }
  return found;
}

const scope = (m: RESTMapping, namespace: string | undefined): Pick<ApiRequest, 'group' | 'version' | 'resource' | 'namespace'> =>
  ({ group: m.group, version: m.version, resource: m.resource, ...(namespace ? { namespace } : {}) });

// Get, then watch from that revision until the object satisfies the check or the deadline passes.
async function waitFor(inv: Invocation, t: Target, check: Check, deadline: number): Promise<void> {
  const satisfied = (obj: KubeObject | undefined) =>
    check.kind === 'delete' ? obj === undefined : check.kind === 'create' ? obj !== undefined : obj !== undefined && check.met(obj);
  let current: KubeObject | undefined;
  try {
    current = await inv.rest.request({ verb: 'get', ...scope(t.mapping, t.namespace), name: t.name }) as KubeObject;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (satisfied(current)) return;
  const clock = inv.ctx.clock;
  const timedOut = new KubectlError(`timed out waiting for the condition on ${t.mapping.resource}/${t.name}`);
  if (clock.now() >= deadline) throw timedOut;
  await new Promise<void>((resolve, reject) => {
    let done = false;
    let stopWatch = () => {};
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clock.cancel(timer);
      stopWatch();
      if (err) reject(err instanceof Error ? err : new KubectlError(String(err)));
      else resolve();
    };
    const timer = clock.after(deadline - clock.now(), () => finish(timedOut));
    inv.rest.watch({
      verb: 'watch', ...scope(t.mapping, t.namespace),
      query: { fieldSelector: `metadata.name=${t.name}`, ...(current?.metadata?.resourceVersion ? { resourceVersion: current.metadata.resourceVersion } : {}) },
    }, (event) => {
      try {
        if (event.type === 'DELETED') {
          if (check.kind === 'delete') finish();
        } else if ((event.type === 'ADDED' || event.type === 'MODIFIED') && satisfied(event.object)) {
          finish();
        }
      } catch (err) {
        finish(err);
      }
    }).then((handle) => {
      if (done) handle.stop();
      else stopWatch = () => handle.stop();
    }, finish);
  });
}
