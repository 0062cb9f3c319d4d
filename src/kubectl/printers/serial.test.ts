import { describe, expect, it } from 'vitest';
import { formatGoValue } from './gofmt.ts';
import { printJSON } from './json.ts';
import { printName } from './name.ts';
import { printYAML } from './yaml.ts';

const pod = {
  kind: 'Pod', apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'default', resourceVersion: '12', creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', args: ['--port', '80'], ports: [{ containerPort: 80 }] }], restartPolicy: 'Always' },
  status: { phase: 'Pending', message: 'line one\nline two', extra: '', star: '*', yes: 'yes', html: '<b>' },
};

describe('printYAML', () => {
  it('sorts keys, keeps sequences flush with their key, and quotes as go-yaml v2', () => {
    expect(printYAML(pod)).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2025-01-01T00:00:00Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "12"
spec:
  containers:
  - args:
    - --port
    - "80"
    image: nginx:1.27
    name: web
    ports:
    - containerPort: 80
  restartPolicy: Always
status:
  extra: ""
  html: <b>
  message: |-
    line one
    line two
  phase: Pending
  star: '*'
  "yes": "yes"
`);
  });
});

describe('printYAML folding and styles, as go-yaml v2', () => {
  it.each([
    { name: 'folds a long plain string at the first space past column 80, continuing two deeper',
      value: { metadata: { annotations: { note: 'a long message that goes on and on well past the eighty column limit of go-yaml v2 folding, yes it does' } } },
      want: 'metadata:\n  annotations:\n    note: a long message that goes on and on well past the eighty column limit of\n      go-yaml v2 folding, yes it does\n' },
    { name: 'single-quotes text with a colon and a space, doubling quotes', value: { e: "x: it's" }, want: "e: 'x: it''s'\n" },
    { name: 'double-quotes text with a tab, escaped', value: { t: 'a\tb' }, want: 't: "a\\tb"\n' },
    { name: 'keeps a final newline in a literal block', value: { s: 'a\nb\n' }, want: 's: |\n  a\n  b\n' },
    { name: 'writes empty collections inline', value: { a: {}, b: [] }, want: 'a: {}\nb: []\n' },
    { name: 'nests sequences of mappings and sequences', value: { l: [{ a: 1, b: [1, 2] }, [3]] }, want: 'l:\n- a: 1\n  b:\n  - 1\n  - 2\n- - 3\n' },
    { name: 'orders keys as go-yaml: digit runs as numbers', value: { a10: 1, a9: 2, B: 3 }, want: 'B: 3\na9: 2\na10: 1\n' },
    { name: 'double-quotes a sexagesimal-looking string', value: { p: '1:20' }, want: 'p: "1:20"\n' },
    { name: 'writes null, and quotes a key YAML 1.1 reads as a bool', value: { n: null }, want: '"n": null\n' },
  ])('$name', ({ value, want }) => expect(printYAML(value)).toBe(want));
});

describe('printJSON', () => {
  it('sorts keys, indents by four spaces and escapes HTML characters as encoding/json', () => {
    expect(printJSON({ kind: 'X', apiVersion: 'v1', data: { b: '<b>', a: [1, true, null] } })).toBe(`{
    "apiVersion": "v1",
    "data": {
        "a": [
            1,
            true,
            null
        ],
        "b": "\\u003cb\\u003e"
    },
    "kind": "X"
}
`);
  });
});

describe('printName', () => {
  it.each([
    { obj: pod, op: undefined, want: 'pod/web\n' },
    { obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, op: undefined, want: 'deployment.apps/web\n' },
    { obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, op: 'created', want: 'deployment.apps/web created\n' },
  ])('$want', ({ obj, op, want }) => expect(printName(obj, op)).toBe(want));
});

describe('formatGoValue', () => {
  it.each([
    { value: { tier: 'data', app: 'db' }, want: 'map[app:db tier:data]' },
    { value: [80, 443], want: '[80 443]' },
    { value: [{ a: [1, true] }], want: '[map[a:[1 true]]]' },
    { value: null, want: '<nil>' },
    { value: 'web', want: 'web' },
  ])('$want', ({ value, want }) => expect(formatGoValue(value)).toBe(want));
});
