// kubectl logs: a container's log, whole or followed (-f), from a pod, the first pod of a
// workload (TYPE/NAME), or every pod a selector (-l) matches.
// Models kubernetes/kubectl pkg/cmd/logs/logs.go (Complete, Validate, RunLogs,
// parallelConsumeRequest, DefaultConsumeRequest with its prefix) and
// pkg/polymorphichelpers/logsforobject.go (one request per container).
import { isNotFound, type StreamHandle } from '../../engine/api/index.ts';
import type { LogOptions } from '../../engine/client/index.ts';
import { attachablePod, defaultContainer, type PodShape } from '../attachable.ts';
import { KubectlError, SilentExit, usageError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { withinGrace } from './grace.ts';
import { LOGS_HELP } from './help-connect.ts';
import { optionFlags } from './options.ts';

export const logs: Command = { name: 'logs', flags: optionFlags(LOGS_HELP), help: LOGS_HELP, run: runLogs };

/** One log to read: a pod's container. */
interface Source { pod: string; container: string }

async function runLogs(inv: Invocation): Promise<void> {
  const { flags, args } = inv;
  const selector = flags.string('selector');
  if (selector && args.length > 0) throw usageError('kubectl logs', 'only a selector (-l) or a POD name is allowed');
  if (!selector && (args.length === 0 || args.length > 2)) {
    throw usageError('kubectl logs', "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command");
  }
  const container = args[1] ?? flags.string('container');
  const options = logOptions(inv, selector !== '');
  if (flags.bool('all-containers') && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`);
  if (flags.changed('container') && args.length === 2) throw new KubectlError('only one of -c or an inline [CONTAINER] arg is allowed');

  const pods = selector ? await selectedPods(inv, selector) : [await namedPod(inv, args[0]!)];
  if (pods.length === 0) {
    inv.io.err(`No resources found in ${inv.namespace} namespace.\n`);
    return;
  }
  const sources = pods.flatMap((pod) => sourcesOf(inv, pod, container));
  const prefix = flags.bool('prefix') || flags.bool('all-pods');
  const follow = flags.bool('follow');
  const max = flags.int('max-log-requests');
  if (follow && sources.length > max) {
    throw new KubectlError(`you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  }
  if (!follow) {
    for (const s of sources) {
      const text = await inv.client.logs(inv.namespace, s.pod, { ...options, container: s.container });
      inv.io.out(prefix ? prefixed(s, text) : text);
    }
    return;
  }
  await followAll(inv, sources, options, prefix);
}

// Complete and Validate: the PodLogOptions the flags ask for.
function logOptions(inv: Invocation, bySelector: boolean): LogOptions {
  const { flags } = inv;
  const since = flags.string('since');
  const sinceTime = flags.string('since-time');
  const sinceSeconds = since && since !== '0s' ? Math.ceil(parseDuration(since) / 1000) : 0;
  if (sinceTime && sinceSeconds !== 0) throw new KubectlError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  const limitBytes = flags.int('limit-bytes');
  if (limitBytes < 0) throw new KubectlError('--limit-bytes must be greater than 0');
  if (sinceSeconds < 0) throw new KubectlError('--since must be greater than 0');
  // --tail defaults to all lines for one pod, and to 10 per container with a selector.
  const tail = flags.changed('tail') ? flags.int('tail') : bySelector ? 10 : -1;
  if (tail < -1) throw new KubectlError('--tail must be greater than or equal to -1');
  let seconds = sinceSeconds;
  if (sinceTime) {
    const at = Date.parse(sinceTime);
    if (Number.isNaN(at)) throw new KubectlError(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
    // PodLogOptions.sinceTime as the seconds before now: the kubelet's view of the same instant.
    seconds = Math.max(1, Math.ceil((inv.ctx.clock.now() - at) / 1000));
  }
  return {
    ...(flags.bool('previous') ? { previous: true } : {}),
    ...(flags.bool('timestamps') ? { timestamps: true } : {}),
    ...(tail >= 0 ? { tailLines: tail } : {}),
    ...(seconds > 0 ? { sinceSeconds: seconds } : {}),
    ...(limitBytes > 0 ? { limitBytes } : {}),
  };
}

/** Go's time.ParseDuration for the units kubectl users write: 5s, 2m, 3h, 1h30m, 500ms. */
function parseDuration(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  let total = 0, end = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    total += Number(m[1]) * units[m[2]!]!;
    end = re.lastIndex;
  }
  if (end !== body.length || body === '') throw new KubectlError(`invalid argument "${text}" for "--since" flag: time: invalid duration "${text}"`);
  return sign * total;
}

async function namedPod(inv: Invocation, arg: string): Promise<PodShape> {
  try {
    return await attachablePod(inv, arg);
  } catch (err) {
    // logs.go Complete: the builder's NotFound, said with the namespace it looked in.
    if (isNotFound(err)) throw new KubectlError(`error from server (NotFound): ${(err as Error).message} in namespace ${JSON.stringify(inv.namespace)}`);
    throw err;
  }
}

async function selectedPods(inv: Invocation, selector: string): Promise<PodShape[]> {
  const list = await inv.rest.request({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: inv.namespace, query: { labelSelector: selector } }) as { items: PodShape[] };
  return list.items;
}

function sourcesOf(inv: Invocation, pod: PodShape, container: string): Source[] {
  const name = pod.metadata?.name ?? '';
  if (inv.flags.bool('all-containers')) {
    const spec = pod.spec ?? {};
    return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => ({ pod: name, container: c.name }));
  }
  if (!container) return [{ pod: name, container: defaultContainer(inv, pod, false) }];
  // logsforobject.go checks a named container against the pod before asking for its log.
  const spec = pod.spec ?? {};
  const known = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].some((c) => c.name === container);
  if (!known) throw new KubectlError(`container ${container} is not valid for pod ${name}`);
  return [{ pod: name, container }];
}

/** DefaultConsumeRequest's prefix: `[pod/NAME/CONTAINER] ` before every line. */
function prefixed(s: Source, text: string): string {
  return text.split(/(?<=\n)/).filter(Boolean).map((line) => `[pod/${s.pod}/${s.container}] ${line}`).join('');
}

/**
 * parallelConsumeRequest: every stream at once, whole lines interleaved, until all end or the
 * user stops. Ctrl-C ends it through kubectl's interrupt handler: exit 1, silently (as get -w).
 */
async function followAll(inv: Invocation, sources: Source[], options: LogOptions, prefix: boolean): Promise<void> {
  const handles: StreamHandle[] = [];
  // Each stream's first output (the log so far) or its end: a stop waits for it (grace.ts).
  const firsts: Promise<void>[] = [];
  let interrupted = false;
  try {
    for (const s of sources) {
      let pending = '';
      let first!: () => void;
      firsts.push(new Promise<void>((resolve) => { first = resolve; }));
      const handle = await inv.client.followLogs(inv.namespace, s.pod, { ...options, container: s.container }, (chunk) => {
        first();
        if (!prefix) {
          inv.io.out(chunk);
          return;
        }
        pending += chunk;
        const end = pending.lastIndexOf('\n');
        if (end < 0) return;
        inv.io.out(prefixed(s, pending.slice(0, end + 1)));
        pending = pending.slice(end + 1);
      });
      void handle.closed.then(first);
      handles.push(handle);
    }
    const stopped = inv.stopped.then(async () => {
      await withinGrace(Promise.all(firsts));
      interrupted = true;
    });
    await Promise.race([stopped, Promise.all(handles.map((h) => h.closed))]);
  } finally {
    for (const h of handles) h.stop();
  }
  if (interrupted) throw new SilentExit();
}
