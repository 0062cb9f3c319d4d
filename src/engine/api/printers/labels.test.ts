import { describe, expect, it } from 'vitest';
import { formatLabelSelector, formatLabels, labelSelectorAsString } from './labels.ts';

describe('formatLabels', () => {
  it.each([
    { name: 'no labels is <none>', labels: undefined, want: '<none>' },
    { name: 'labels are sorted by key', labels: { tier: 'web', app: 'nginx' }, want: 'app=nginx,tier=web' },
  ])('$name', ({ labels, want }) => expect(formatLabels(labels)).toBe(want));
});

describe('formatLabelSelector (metav1.FormatLabelSelector)', () => {
  it.each([
    { name: 'a nil selector is <none>', sel: undefined, want: '<none>' },
    { name: 'an empty selector is <none>', sel: {}, want: '<none>' },
    { name: 'match labels are sorted by key', sel: { matchLabels: { tier: 'web', app: 'nginx' } }, want: 'app=nginx,tier=web' },
    {
      name: 'expressions print in set-based syntax with sorted values, all sorted by key',
      sel: {
        matchLabels: { zone: 'a' },
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['prod', 'dev'] },
          { key: 'app', operator: 'In', values: ['web', 'api'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'beta', operator: 'Exists' },
        ],
      },
      want: 'app in (api,web),beta,!canary,env notin (dev,prod),zone=a',
    },
    { name: 'an unknown operator is <error>', sel: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, want: '<error>' },
    { name: 'In without values is <error>', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, want: '<error>' },
    { name: 'an invalid label value is <error>', sel: { matchLabels: { app: 'not valid!' } }, want: '<error>' },
  ])('$name', ({ sel, want }) => expect(formatLabelSelector(sel)).toBe(want));

  it('gives an empty string for a nil selector and undefined for an unparsable one', () => {
    expect(labelSelectorAsString(undefined)).toBe('');
    expect(labelSelectorAsString({ matchLabels: { '-bad': 'x' } })).toBeUndefined();
  });
});
