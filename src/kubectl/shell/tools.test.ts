import { describe, expect, it } from 'vitest';
import { runTool } from './tools.ts';

const PODS = 'NAME    READY\nweb-1   1/1\nweb-2   0/1\ndb-0    1/1\n';

describe('runTool', () => {
  it.each([
    { name: 'grep keeps matching lines', argv: ['grep', 'web'], input: PODS, stdout: 'web-1   1/1\nweb-2   0/1\n', exitCode: 0 },
    { name: 'grep -i ignores case', argv: ['grep', '-i', 'NAME'], input: 'name\nx\n', stdout: 'name\n', exitCode: 0 },
    { name: 'grep -v inverts', argv: ['grep', '-v', 'web'], input: PODS, stdout: 'NAME    READY\ndb-0    1/1\n', exitCode: 0 },
    { name: 'grep -c counts', argv: ['grep', '-c', '1/1'], input: PODS, stdout: '2\n', exitCode: 0 },
    { name: 'grep -vc combines flags', argv: ['grep', '-vc', 'web'], input: PODS, stdout: '2\n', exitCode: 0 },
    { name: 'grep exits 1 when nothing matches', argv: ['grep', 'cache'], input: PODS, stdout: '', exitCode: 1 },
    { name: 'grep -E alternates', argv: ['grep', '-E', 'web-1|db'], input: PODS, stdout: 'web-1   1/1\ndb-0    1/1\n', exitCode: 0 },
    { name: 'basic grep treats | literally', argv: ['grep', 'web-1|db'], input: PODS, stdout: '', exitCode: 1 },
    { name: 'basic grep alternates with \\|', argv: ['grep', 'web-1\\|db'], input: PODS, stdout: 'web-1   1/1\ndb-0    1/1\n', exitCode: 0 },
    { name: 'head -n 2', argv: ['head', '-n', '2'], input: PODS, stdout: 'NAME    READY\nweb-1   1/1\n', exitCode: 0 },
    { name: 'head -1', argv: ['head', '-1'], input: PODS, stdout: 'NAME    READY\n', exitCode: 0 },
    { name: 'tail -n 1', argv: ['tail', '-n1'], input: PODS, stdout: 'db-0    1/1\n', exitCode: 0 },
    { name: 'tail -n +2 skips the header', argv: ['tail', '-n', '+2'], input: PODS, stdout: 'web-1   1/1\nweb-2   0/1\ndb-0    1/1\n', exitCode: 0 },
    { name: 'wc -l counts newlines', argv: ['wc', '-l'], input: PODS, stdout: '4\n', exitCode: 0 },
    { name: 'wc alone pads its three counts', argv: ['wc'], input: 'a b\n', stdout: '      1       2       4\n', exitCode: 0 },
    { name: 'sort orders lines', argv: ['sort'], input: 'b\na\nc\n', stdout: 'a\nb\nc\n', exitCode: 0 },
    { name: 'sort -r reverses', argv: ['sort', '-r'], input: 'b\na\nc\n', stdout: 'c\nb\na\n', exitCode: 0 },
    { name: 'sort -n compares numbers', argv: ['sort', '-n'], input: '10\n9\n100\n', stdout: '9\n10\n100\n', exitCode: 0 },
    { name: 'sort -k2 sorts by the second field', argv: ['sort', '-k', '2'], input: 'a 3\nb 1\nc 2\n', stdout: 'b 1\nc 2\na 3\n', exitCode: 0 },
    { name: 'sort -rn -k2 combines', argv: ['sort', '-rn', '-k2'], input: 'a 3\nb 10\nc 2\n', stdout: 'b 10\na 3\nc 2\n', exitCode: 0 },
  ])('$name', ({ argv, input, stdout, exitCode }) => {
    expect(runTool(argv, input)).toEqual({ stdout, stderr: '', exitCode });
  });

  it.each([
    { name: 'an unknown program', argv: ['awk', '{print $1}'], stderr: 'awk: command not found\n', exitCode: 127 },
    { name: 'grep without a pattern', argv: ['grep'], stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 },
    { name: 'head with a bad count', argv: ['head', '-n', 'x'], stderr: 'head: invalid number of lines: ‘x’\n', exitCode: 1 },
  ])('refuses $name', ({ argv, stderr, exitCode }) => {
    expect(runTool(argv, '')).toEqual({ stdout: '', stderr, exitCode });
  });
});
