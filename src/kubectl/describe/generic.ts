// The describer for kinds without their own: the object's fields, nested, under smart labels.
// Models kubernetes/kubectl pkg/describe/describe.go (genericDescriber.Describe,
// printUnstructuredContent, smartLabelFor).
import type { KubeObject } from '../../engine/api/index.ts';
import type { DescribeContext } from './context.ts';
import { eventsFor } from './context.ts';
import { describeEvents } from './events.ts';
import { printAnnotations, printLabels, PrefixWriter } from './writer.ts';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

// camelcase.Split: runs of lower case, upper case, digits and other characters; an upper-case run
// followed by lower case gives its last letter to the next word (`HTTPServer` → HTTP, Server).
function splitCamel(s: string): string[] {
  const kind = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{N}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = kind(c);
    if (k === last) runs.at(-1)!.push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (kind(runs[i]![0]!) === 2 && kind(runs[i + 1]![0]!) === 1 && runs[i]!.length > 0) {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** `containerPort` → `Container Port`, `uid` → `UID`; names with other characters stay as they are. */
export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  return splitCamel(field).filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1))).join(' ');
}

// Go's %v of a JSON value: numbers as decoded float64 print without exponent for integers.
const goValue = (v: unknown) => (v === null ? '<nil>' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string, skip: Set<string>): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (skip.has(path)) continue;
    const value = content[field];
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

export async function describeGeneric(ctx: DescribeContext, obj: KubeObject): Promise<string> {
  const events = await eventsFor(ctx, obj, obj.kind);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata?.labels);
  printAnnotations(w, 'Annotations', obj.metadata?.annotations);
  printContent(w, 0, obj as Record<string, unknown>, '', SKIP);
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}
