import { describe, expect, it } from 'vitest';
import { expand } from './envvars.ts';

describe('$(VAR) expansion (third_party/forked/golang/expansion)', () => {
  const vars: Record<string, string> = { A: 'one', EMPTY: '' };
  it.each([
    ['$(A)', 'one'],
    ['x-$(A)-y', 'x-one-y'],
    ['$(EMPTY)', ''],
    ['$(NOPE)', '$(NOPE)'],
    ['$$(A)', '$(A)'],
    ['$$', '$'],
    ['$A', '$A'],
    ['$(A', '$(A'],
    ['trailing $', 'trailing $'],
  ])('%s → %s', (input, want) => {
    expect(expand(input, (n) => vars[n])).toBe(want);
  });
});
