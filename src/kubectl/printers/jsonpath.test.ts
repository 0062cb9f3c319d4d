import { describe, expect, it } from 'vitest';
import { printJSONPath, relaxedJSONPath } from './jsonpath.ts';

const DATA = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web', 'app.kubernetes.io/name': 'x' } }, spec: { ports: [{ port: 80 }, { port: 443 }] }, status: { phase: 'Running' } },
    { metadata: { name: 'b' }, spec: { ports: [{ port: 8080 }] }, status: { phase: 'Pending' } },
  ],
};

describe('printJSONPath', () => {
  it.each([
    { name: 'a field', template: '{.kind}', want: 'List' },
    { name: 'every item joined by spaces', template: '{.items[*].metadata.name}', want: 'a b' },
    { name: 'an index', template: '{.items[1].metadata.name}', want: 'b' },
    { name: 'a negative index', template: '{.items[-1].metadata.name}', want: 'b' },
    { name: 'a slice', template: '{.items[0:1].metadata.name}', want: 'a' },
    { name: 'a filter by string', template: '{.items[?(@.status.phase=="Pending")].metadata.name}', want: 'b' },
    { name: 'a filter by number', template: '{.items[*].spec.ports[?(@.port>100)].port}', want: '443 8080' },
    { name: 'recursive descent', template: '{..port}', want: '80 443 8080' },
    { name: 'range with literals', template: '{range .items[*]}{.metadata.name}:{.status.phase}{"\\n"}{end}', want: 'a:Running\nb:Pending\n' },
    { name: 'a map prints as compact JSON', template: '{.items[0].metadata.labels}', want: '{"app":"web","app.kubernetes.io/name":"x"}' },
    { name: 'a missing key prints nothing', template: 'x{.items[1].metadata.labels.app}y', want: 'xy' },
    { name: 'an escaped dot inside a key', template: '{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', want: 'x' },
    { name: 'a bracketed key', template: "{.items[0].metadata.labels['app']}", want: 'web' },
  ])('$name', ({ template, want }) => {
    expect(printJSONPath(template, DATA)).toBe(want);
  });

  it.each([
    { name: 'an unclosed action', template: '{.kind', want: 'unclosed action' },
    { name: 'a backslash in an action', template: '{\\n}', want: "unrecognized character in action: U+005C '\\'" },
    { name: 'an unknown word', template: '{items}', want: 'unrecognized identifier items' },
  ])('refuses $name', ({ template, want }) => {
    expect(() => printJSONPath(template, DATA)).toThrow(want);
  });
});

describe('relaxedJSONPath', () => {
  it.each([
    { expr: '.metadata.name', want: '{.metadata.name}' },
    { expr: 'metadata.name', want: '{.metadata.name}' },
    { expr: '{.metadata.name}', want: '{.metadata.name}' },
  ])('$expr', ({ expr, want }) => expect(relaxedJSONPath(expr)).toBe(want));
});
