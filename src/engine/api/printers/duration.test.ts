import { describe, expect, it } from 'vitest';
import { humanDuration, translateTimestampSince } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    { name: 'two seconds in the future is invalid', ms: -2 * s, want: '<invalid>' },
    { name: 'a second of clock skew counts as now', ms: -1.5 * s, want: '0s' },
    { name: 'zero is 0s', ms: 0, want: '0s' },
    { name: 'seconds are shown up to 119', ms: 119 * s + 999, want: '119s' },
    { name: 'two minutes drop zero seconds', ms: 2 * m, want: '2m' },
    { name: 'under ten minutes keeps seconds', ms: 3 * m + 12 * s, want: '3m12s' },
    { name: 'ten minutes drop seconds', ms: 10 * m + 59 * s, want: '10m' },
    { name: 'minutes run to 179', ms: 3 * h - 1, want: '179m' },
    { name: 'three hours', ms: 3 * h, want: '3h' },
    { name: 'hours keep minutes under eight hours', ms: 7 * h + 59 * m, want: '7h59m' },
    { name: 'eight hours drop minutes', ms: 8 * h + 30 * m, want: '8h' },
    { name: 'hours run to 47', ms: 47 * h + 59 * m, want: '47h' },
    { name: 'two days', ms: 2 * d, want: '2d' },
    { name: 'days keep hours under eight days', ms: 7 * d + 23 * h, want: '7d23h' },
    { name: 'eight days drop hours', ms: 8 * d + 5 * h, want: '8d' },
    { name: 'days run to 729', ms: 2 * y - 1, want: '729d' },
    { name: 'two years', ms: 2 * y, want: '2y' },
    { name: 'years keep days under eight years', ms: 7 * y + 364 * d, want: '7y364d' },
    { name: 'eight years and more are years', ms: 9 * y + 100 * d, want: '9y' },
  ])('$name', ({ ms, want }) => expect(humanDuration(ms)).toBe(want));
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2025-05-01T12:00:00Z');
  it.each([
    { name: 'an absent timestamp is <unknown>', ts: undefined, want: '<unknown>' },
    { name: 'a null timestamp is <unknown>', ts: null, want: '<unknown>' },
    { name: 'an RFC 3339 timestamp gives its age', ts: '2025-05-01T11:56:48Z', want: '3m12s' },
    { name: 'a MicroTime with microseconds gives its age', ts: '2025-05-01T11:59:30.123456Z', want: '29s' },
  ])('$name', ({ ts, want }) => expect(translateTimestampSince(ts, now)).toBe(want));
});
