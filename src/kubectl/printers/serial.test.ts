import { describe, expect, it } from 'vitest';
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
