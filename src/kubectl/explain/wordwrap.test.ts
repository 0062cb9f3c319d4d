import { describe, expect, it } from 'vitest';
import { wrapString } from './wordwrap.ts';

// The behaviour of github.com/mitchellh/go-wordwrap v1.0.1 WrapString, which kubectl explain wraps descriptions with.
describe('wrapString', () => {
  it.each([
    { name: 'a word that fits passes through', input: 'foo', limit: 4, want: 'foo' },
    { name: 'a word longer than the limit is never broken', input: 'foobarbaz', limit: 4, want: 'foobarbaz' },
    { name: 'lines break at whitespace', input: 'foo bar baz', limit: 4, want: 'foo\nbar\nbaz' },
    { name: 'long words each get their own line', input: 'foo bars bazzes', limit: 4, want: 'foo\nbars\nbazzes' },
    { name: 'a word that would run past the limit moves to the next line', input: 'fo sop', limit: 4, want: 'fo\nsop' },
    { name: 'a non-breaking space joins words', input: 'foo bar\u00a0baz', limit: 10, want: 'foo\nbar\u00a0baz' },
    { name: 'whitespace that fits, and before an explicit break, is kept', input: 'foo\nb\t r\n baz', limit: 4, want: 'foo\nb\t r\n baz' },
    { name: 'trailing whitespace that does not fit, and runs broken on, are dropped', input: 'foo    \nb   ar   ', limit: 4, want: 'foo\nb\nar' },
    { name: 'explicit line breaks are all kept', input: '\nfoo bar\n\n\nbaz\n', limit: 4, want: '\nfoo\nbar\n\n\nbaz\n' },
    { name: 'a mixed example', input: ' This is a list: \n\n\t* foo\n\t* bar\n\n\n\t* baz  \nBAM    ', limit: 6, want: ' This\nis a\nlist: \n\n\t* foo\n\t* bar\n\n\n\t* baz\nBAM' },
    { name: 'widths count characters, not bytes', input: '\u2584 '.repeat(4), limit: 4, want: `\u2584 \u2584\n${'\u2584 '.repeat(2)}` },
    { name: 'a limit of 0 wraps nothing', input: 'foo bar baz', limit: 0, want: 'foo bar baz' },
    { name: 'a URL runs past the limit on a line of its own', input: 'More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
      limit: 30, want: 'More info:\nhttps://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources' },
  ])('$name', ({ input, limit, want }) => expect(wrapString(input, limit)).toBe(want));
});
