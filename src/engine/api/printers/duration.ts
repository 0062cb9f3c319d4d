// Ages as the apiserver prints them, on the virtual clock.
// NOTE for the lead: src/engine/api/meta.ts (humanDuration) did not exist when this was written;
// once it does, keep one of the two (STYLE §10) and import it here.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// Models staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration:
// ~2-3 significant figures, every division truncating. Up to 2 s in the future counts as now
// (clock skew between machines); further in the future is `<invalid>`.
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * A metav1.Time (RFC 3339) or MicroTime as milliseconds, or undefined for the zero time
 * (absent, null or empty, as metav1.Time decodes them) and for text that is no timestamp.
 */
export function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

// Models pkg/printers/internalversion/printers.go translateTimestampSince (and
// translateMicroTimestampSince): `<unknown>` for the zero time, else the human age.
export function translateTimestampSince(ts: unknown, now: number): string {
  const at = parseTimestamp(ts);
  return at === undefined ? '<unknown>' : humanDuration(now - at);
}
