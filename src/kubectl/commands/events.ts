// kubectl events: the namespace's (or every namespace's, -A) events, oldest first, in the events
// printer's own table (`LAST SEEN` with `(xN over M)`, OBJECT as `Kind/name`); --for narrows to one
// object, --types to Normal/Warning, -w keeps printing new events until stopped.
// Models kubernetes/kubectl pkg/cmd/events/events.go (ToOptions, Validate, Run, runWatch,
// SortableEvents, decodeResourceTypeName) and event_printer.go (EventPrinter).
import type { KubeList } from '../../engine/api/index.ts';
import { eventInterval, type CoreEvent } from '../describe/events.ts';
import { KubectlError, SilentExit } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';
import { printJSON } from '../printers/json.ts';
import { printName } from '../printers/name.ts';
import { TabWriter } from '../printers/table.ts';
import { printYAML } from '../printers/yaml.ts';
import type { Command, Invocation } from './command.ts';
import { EVENTS_HELP } from './inspect-help.ts';

const FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false, usage: 'across all namespaces' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'ignore missing keys' },
  { name: 'chunk-size', type: 'int', default: 500, usage: 'list in chunks' },
  { name: 'for', type: 'string', default: '', usage: 'filter to one object' },
  { name: 'no-headers', type: 'bool', default: false, usage: "don't print headers" },
  { name: 'output', shorthand: 'o', type: 'string', default: '', usage: 'output format' },
  { name: 'show-managed-fields', type: 'bool', default: false, usage: 'keep managedFields' },
  { name: 'template', type: 'string', default: '', usage: 'template' },
  { name: 'types', type: 'stringSlice', default: [], usage: 'event types' },
  { name: 'watch', shorthand: 'w', type: 'bool', default: false, usage: 'watch' },
];

export const events: Command = { name: 'events', flags: FLAGS, help: EVENTS_HELP, run: runEvents };

const ALLOWED_FORMATS = 'go-template, go-template-file, json, jsonpath, jsonpath-as-json, jsonpath-file, name, template, templatefile, yaml';

/** The time events are ordered by: the series' last observation, else lastTimestamp, else eventTime. */
const sortTime = (e: CoreEvent) => Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? '') || 0;

async function runEvents(inv: Invocation): Promise<void> {
  const { flags, io } = inv;
  const all = flags.bool('all-namespaces');
  const types = [...new Set(flags.strings('types'))].sort();
  const output = flags.string('output');
  if (output && !['yaml', 'json', 'name'].includes(output)) {
    throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${ALLOWED_FORMATS}`);
  }
  const fieldSelector = await forSelector(inv);
  if (types.some((t) => !/^(normal|warning)$/i.test(t))) throw new KubectlError('valid --types are Normal or Warning');
  const wanted = (e: CoreEvent) => types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());
  const scope = { verb: 'list' as const, group: '', version: 'v1', resource: 'events', ...(all ? {} : { namespace: inv.namespace }) };
  const tw = new TabWriter();
  let headerPrinted = false;
  const print = (list: CoreEvent[]) => {
    if (output) {
      const shown = flags.bool('show-managed-fields') ? list : list.map(withoutManagedFields);
      io.out(output === 'name' ? shown.map((e) => printName({ kind: 'Event', ...e })).join('') : renderList(output, shown));
      return;
    }
    if (!headerPrinted && !flags.bool('no-headers')) tw.writeLine([...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    headerPrinted = true;
    const now = inv.ctx.clock.now();
    for (const e of list) {
      tw.writeLine([...(all ? [e.metadata?.namespace ?? ''] : []), eventInterval(e, now), e.type ?? '', e.reason ?? '',
        `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`, (e.message ?? '').trim()]);
    }
    io.out(tw.flush());
  };
  if (flags.bool('watch')) {
    // runWatch: no initial list; every added or modified event as it arrives, deletions skipped.
    const handle = await inv.rest.watch({ ...scope, verb: 'watch', query: fieldSelector ? { fieldSelector } : {} }, (ev) => {
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
        const e = ev.object as CoreEvent;
        if (wanted(e)) print([e]);
      }
    });
    await inv.stopped;
    handle.stop();
    // As get -w: the interrupt handler exits 1, silently.
    throw new SilentExit();
  }
  const items: CoreEvent[] = [];
  let token: string | undefined;
  do {
    const list = await inv.rest.request({ ...scope, query: { limit: 500, ...(fieldSelector ? { fieldSelector } : {}), ...(token ? { continue: token } : {}) } }) as KubeList<CoreEvent>;
    items.push(...list.items);
    token = list.metadata.continue;
  } while (token);
  const shown = items.filter(wanted).sort((a, b) => sortTime(a) - sortTime(b));
  if (shown.length === 0) {
    io.err(all ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`);
    return;
  }
  print(shown);
}

// --for TYPE/NAME: the involved object's kind, apiVersion and name, as a field selector.
async function forSelector(inv: Invocation): Promise<string | undefined> {
  const forObject = inv.flags.string('for');
  if (!forObject) return undefined;
  if (!forObject.includes('/')) throw new KubectlError('--for must be in resource/name form');
  const parts = forObject.split('/');
  if (parts.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
  const mapping = (await inv.mapper()).mappingFor(parts[0]!);
  const apiVersion = mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
  return `involvedObject.kind=${mapping.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${parts[1]}`;
}

function withoutManagedFields(e: CoreEvent): CoreEvent {
  if (!e.metadata?.managedFields) return e;
  const { managedFields: _, ...metadata } = e.metadata;
  return { ...e, metadata };
}

function renderList(output: string, list: CoreEvent[]): string {
  const items = list.map((e) => ({ apiVersion: 'v1', kind: 'Event', ...e }));
  const data = { apiVersion: 'v1', items, kind: 'EventList', metadata: {} };
  return output === 'json' ? printJSON(data) : printYAML(data);
}
