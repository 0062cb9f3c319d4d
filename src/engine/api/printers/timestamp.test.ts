import { describe, expect, it } from 'vitest';
import { canonicalQuantity, parseTimestamp } from './timestamp.ts';

describe('parseTimestamp', () => {
  it.each([
    { name: 'absent is the zero time', ts: undefined, want: undefined },
    { name: 'null is the zero time', ts: null, want: undefined },
    { name: 'empty is the zero time', ts: '', want: undefined },
    { name: 'garbage is no time', ts: 'yesterday-ish', want: undefined },
    { name: 'RFC 3339 in UTC', ts: '2025-05-01T12:00:00Z', want: Date.UTC(2025, 4, 1, 12) },
    { name: 'RFC 3339 with an offset', ts: '2025-05-01T14:00:00+02:00', want: Date.UTC(2025, 4, 1, 12) },
    { name: 'a MicroTime keeps its milliseconds', ts: '2025-05-01T12:00:00.123456Z', want: Date.UTC(2025, 4, 1, 12) + 123 },
  ])('$name', ({ ts, want }) => expect(parseTimestamp(ts)).toBe(want));
});

describe('canonicalQuantity', () => {
  it.each([
    { text: '10Gi', want: '10Gi' },
    { text: '1024Mi', want: '1Gi' },
    { text: '0.5', want: '500m' },
    { text: 'not-a-quantity', want: 'not-a-quantity' },
  ])('$text prints as $want', ({ text, want }) => expect(canonicalQuantity(text)).toBe(want));
});
