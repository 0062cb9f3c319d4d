// The describe printers' writer and the helpers every describer shares: indentation levels,
// `<none>` values, multi-line labels, annotations, taints and tolerations, RFC 1123Z times.
// Models kubernetes/kubectl pkg/describe/describe.go (prefixWriter, printLabelsMultiline,
// printAnnotationsMultiline, printTolerationsMultilineWithIndent, printTaintsMultilineWithIndent).
import { tabwrite } from './tabwriter.ts';

/** Collects describe text at indentation levels (two spaces each); tabs align on output. */
export class PrefixWriter {
  private text = '';

  constructor(private readonly indent = 0) {}

  /** Writes `s` indented by `level` (plus this writer's own indent). */
  write(level: number, s: string): void {
    this.text += '  '.repeat(level + this.indent) + s;
  }

  /** The collected text laid out by text/tabwriter (minwidth 0, tabwidth 8, padding 2). */
  toString(): string {
    return tabwrite(this.text);
  }
}

const RFC1123Z_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z (`Mon, 02 Jan 2006 15:04:05 -0700`), in UTC: the simulated kubectl has no
 * local time zone. A missing time formats as Go's zero time, as upstream prints an unset field.
 */
export function rfc1123z(timestamp: string | undefined): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  return `${RFC1123Z_DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** `s`, or `<none>` when empty (describe.go stringOrNone). */
export const orNone = (s: string | undefined) => (s ? s : '<none>');

/** Go's %v of a bool pointer as describe prints it: `true`/`false`. */
export const goBool = (b: boolean | undefined) => (b ? 'true' : 'false');

/** `Title:\tk=v` lines, sorted by key; continuation lines align under the first value. */
export function printLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

// Annotations longer than this (key and value together) print on their own lines, cut at 138 chars.
const MAX_ANNOTATION_LEN = 140;
// kubectl hides the last-applied-configuration annotation: it repeats the whole object.
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** `Annotations:\tk: v` lines, sorted; long or multi-line values on their own indented lines. */
export function printAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** A toleration as the API holds it. */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** `Tolerations:\tkey=value:Effect op=Exists for Ns` lines, sorted by key. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations?.length) {
    w.write(0, '<none>\n');
    return;
  }
  // Go's sort.Slice is not stable; a stable sort gives the same order for distinct keys.
  [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0)).forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** A node taint as the API holds it. */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** `Taints:\tkey=value:Effect` lines, sorted by effect then key (taint.ToString). */
export function printTaints(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) {
    w.write(0, '<none>\n');
    return;
  }
  const key = (t: Taint) => `${t.effect},${t.key}`;
  [...taints].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}
