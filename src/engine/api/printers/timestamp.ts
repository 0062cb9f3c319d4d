// Timestamps and quantities as the print functions read them. Ages themselves come from
// ../meta.ts (humanDuration, translateTimestampSince), labels from ../labels.ts.
import { parseQuantity, quantityString } from '../quantity.ts';

/**
 * A metav1.Time (RFC 3339) or MicroTime as milliseconds, or undefined for the zero time
 * (absent, null or empty, as metav1.Time decodes them) and for text that is no timestamp.
 */
export function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Quantity.String(): the canonical form upstream prints (`1Gi`, `500m`), whatever spelling the
 * object was written with; text that is no quantity is shown as written.
 */
export function canonicalQuantity(text: string): string {
  const q = parseQuantity(text);
  return q.ok ? quantityString(q.value) : text;
}
