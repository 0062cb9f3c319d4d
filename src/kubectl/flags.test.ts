import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from './flags.ts';

const SPECS: FlagSpec[] = [
  { name: 'namespace', shorthand: 'n', type: 'string', default: '', usage: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '', usage: '' },
  { name: 'stdin', shorthand: 'i', type: 'bool', default: false, usage: '' },
  { name: 'tty', shorthand: 't', type: 'bool', default: false, usage: '' },
  { name: 'v', shorthand: 'v', type: 'int', default: 0, usage: '' },
  { name: 'watch', shorthand: 'w', type: 'bool', default: false, usage: '' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', default: [], usage: '' },
  { name: 'chunk-size', type: 'int', default: 500, usage: '' },
];

describe('parseFlags', () => {
  it.each([
    { name: '--flag=value', argv: ['pods', '--namespace=kube-system'], flag: 'namespace', want: 'kube-system', args: ['pods'] },
    { name: '--flag value', argv: ['--namespace', 'kube-system', 'pods'], flag: 'namespace', want: 'kube-system', args: ['pods'] },
    { name: '-n value', argv: ['pods', '-n', 'x'], flag: 'namespace', want: 'x', args: ['pods'] },
    { name: '-nvalue', argv: ['-nx', 'pods'], flag: 'namespace', want: 'x', args: ['pods'] },
    { name: '-n=value', argv: ['-n=x'], flag: 'namespace', want: 'x', args: [] },
    { name: '-oyaml', argv: ['-oyaml'], flag: 'output', want: 'yaml', args: [] },
    { name: 'a value that looks like a flag is still taken', argv: ['-n', '-x'], flag: 'namespace', want: '-x', args: [] },
    { name: 'combined boolean shorthands', argv: ['-it', 'web'], flag: 'tty', want: true, args: ['web'] },
    { name: 'combined shorthands ending in one with a value', argv: ['-itnx'], flag: 'namespace', want: 'x', args: [] },
    { name: 'an int flag', argv: ['--v=6'], flag: 'v', want: 6, args: [] },
    { name: 'an int default stays when unset', argv: [], flag: 'chunk-size', want: 500, args: [] },
    { name: 'a boolean set false explicitly', argv: ['--watch=false'], flag: 'watch', want: false, args: [] },
    { name: 'a string slice splits on commas and repeats', argv: ['-L', 'a,b', '-L', 'c'], flag: 'label-columns', want: ['a', 'b', 'c'], args: [] },
    { name: 'words after -- are arguments, even flags', argv: ['web', '--', 'ls', '-l'], flag: 'stdin', want: false, args: ['web', 'ls', '-l'] },
    { name: 'a lone dash is an argument', argv: ['-'], flag: 'stdin', want: false, args: ['-'] },
  ])('$name', ({ argv, flag, want, args }) => {
    const r = parseFlags(argv, SPECS);
    if (!r.ok) throw new Error(r.message);
    const got = typeof want === 'boolean' ? r.flags.bool(flag) : typeof want === 'number' ? r.flags.int(flag) : Array.isArray(want) ? r.flags.strings(flag) : r.flags.string(flag);
    expect(got).toEqual(want);
    expect(r.args).toEqual(args);
  });

  it('records where -- was', () => {
    const r = parseFlags(['web', '--', 'ls'], SPECS);
    expect(r.ok && r.argsLenAtDash).toBe(1);
  });

  it.each([
    { name: 'an unknown long flag', argv: ['--bogus'], want: 'unknown flag: --bogus' },
    { name: 'an unknown long flag with a value', argv: ['--bogus=1'], want: 'unknown flag: --bogus' },
    { name: 'an unknown shorthand', argv: ['-x'], want: "unknown shorthand flag: 'x' in -x" },
    { name: 'an unknown shorthand in a run', argv: ['-ix'], want: "unknown shorthand flag: 'x' in -ix" },
    { name: 'a long flag without its value', argv: ['--namespace'], want: 'flag needs an argument: --namespace' },
    { name: 'a shorthand without its value', argv: ['-o'], want: "flag needs an argument: 'o' in -o" },
    { name: 'an int that is not a number', argv: ['--v=abc'], want: 'invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax' },
    { name: 'a boolean that is not one', argv: ['--watch=yes'], want: 'invalid argument "yes" for "-w, --watch" flag: strconv.ParseBool: parsing "yes": invalid syntax' },
    { name: 'an int flag without shorthand', argv: ['--chunk-size=x'], want: 'invalid argument "x" for "--chunk-size" flag: strconv.ParseInt: parsing "x": invalid syntax' },
  ])('refuses $name', ({ argv, want }) => {
    expect(parseFlags(argv, SPECS)).toEqual({ ok: false, message: want });
  });
});
