import { describe, expect, it } from 'vitest';
import {
  convertFieldSelector, escapeValue, fieldSelectorString, fieldsMatch, parseFieldSelector, requiresExactMatch, selectableFields,
  type FieldSelector,
} from './fields.ts';
import type { KubeObject } from './types.ts';

const parse = (s: string): FieldSelector => {
  const r = parseFieldSelector(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('parseFieldSelector (fields.ParseSelector)', () => {
  it.each([
    ['', ''], ['metadata.name=web', 'metadata.name=web'], ['status.phase==Running', 'status.phase=Running'],
    ['spec.nodeName=n1,status.phase!=Failed', 'spec.nodeName=n1,status.phase!=Failed'],
    ['status.phase!=Failed,spec.nodeName=n1', 'spec.nodeName=n1,status.phase!=Failed'],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b'], ['metadata.name=', 'metadata.name='], ['a=b,,c=d', 'a=b,c=d'],
  ])('%j prints as %j', (input, want) => expect(fieldSelectorString(parse(input))).toBe(want));

  it.each([
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j is refused', (input, message) => expect(parseFieldSelector(input)).toEqual({ ok: false, message }));

  it('escapes backslash, comma and equals', () => expect(escapeValue('a\\b,c=d')).toBe('a\\\\b\\,c\\=d'));
  it('finds an exact match for list narrowing', () => {
    expect(requiresExactMatch(parse('spec.nodeName=n1'), 'spec.nodeName')).toBe('n1');
    expect(requiresExactMatch(parse('spec.nodeName!=n1'), 'spec.nodeName')).toBeUndefined();
  });
});

const pod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
  status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }] },
};

describe('selectable fields and matching', () => {
  it('a pod offers the fields of pkg/registry/core/pod ToSelectableFields', () => {
    expect(selectableFields(pod, '', 'Pod', true)).toEqual({
      'metadata.name': 'web', 'metadata.namespace': 'default', 'spec.nodeName': 'node-1', 'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler', 'spec.serviceAccountName': 'default', 'spec.hostNetwork': 'false',
      'status.phase': 'Running', 'status.podIP': '10.0.0.5', 'status.nominatedNodeName': '',
    });
  });

  it.each([
    ['spec.nodeName=node-1', true], ['spec.nodeName=node-2', false], ['status.phase!=Running', false],
    ['spec.nodeName=,status.phase=Running', false], ['status.nominatedNodeName=', true], ['metadata.name=web,metadata.namespace=default', true],
  ])('%j against the pod is %s', (sel, want) => expect(fieldsMatch(parse(sel), selectableFields(pod, '', 'Pod', true))).toBe(want));

  it.each([
    { kind: 'Node', group: '', obj: { metadata: { name: 'n1' }, spec: { unschedulable: true } }, namespaced: false, want: { 'metadata.name': 'n1', 'spec.unschedulable': 'true' } },
    { kind: 'Secret', group: '', obj: { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' }, namespaced: true, want: { 'metadata.name': 's', 'metadata.namespace': 'd', type: 'Opaque' } },
    { kind: 'Job', group: 'batch', obj: { metadata: { name: 'j', namespace: 'd' }, status: { succeeded: 2 } }, namespaced: true, want: { 'metadata.name': 'j', 'metadata.namespace': 'd', 'status.successful': '2' } },
    { kind: 'Deployment', group: 'apps', obj: { metadata: { name: 'w', namespace: 'd' } }, namespaced: true, want: { 'metadata.name': 'w', 'metadata.namespace': 'd' } },
  ])('a $kind offers its fields', ({ kind, group, obj, namespaced, want }) => expect(selectableFields(obj, group, kind, namespaced)).toEqual(want));

  it('an event falls back to reportingComponent for source', () => {
    const ev = { metadata: { name: 'e', namespace: 'd' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Scheduled', type: 'Normal', reportingComponent: 'default-scheduler' };
    const f = selectableFields(ev, '', 'Event', true);
    expect([f['involvedObject.kind'], f['involvedObject.name'], f.source, f.reason]).toEqual(['Pod', 'web', 'default-scheduler', 'Scheduled']);
  });
});

describe('convertFieldSelector (AddFieldLabelConversionFunc)', () => {
  it.each([
    { name: 'pods accept spec.nodeName', sel: 'spec.nodeName=n1', group: '', kind: 'Pod', want: 'spec.nodeName=n1' },
    { name: 'pods rename the legacy spec.host', sel: 'spec.host=n1', group: '', kind: 'Pod', want: 'spec.nodeName=n1' },
    { name: 'deployments accept metadata.name', sel: 'metadata.name=web', group: 'apps', kind: 'Deployment', want: 'metadata.name=web' },
  ])('$name', ({ sel, group, kind, want }) => {
    const r = convertFieldSelector(parse(sel), group, kind);
    expect(r.ok && fieldSelectorString(r.value)).toBe(want);
  });

  it.each([
    { name: 'pods refuse spec.foo', sel: 'spec.foo=x', group: '', kind: 'Pod', message: 'field label not supported: spec.foo' },
    { name: 'nodes refuse metadata.namespace', sel: 'metadata.namespace=x', group: '', kind: 'Node', message: 'field label not supported: metadata.namespace' },
    { name: 'jobs use their own wording', sel: 'status.succeeded=1', group: 'batch', kind: 'Job', message: 'field label "status.succeeded" not supported for batchv1.Job' },
    { name: 'kinds without a conversion func use the default', sel: 'spec.replicas=1', group: 'apps', kind: 'Deployment', message: '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"' },
    { name: 'own-property lookups are not fooled by prototype names', sel: 'constructor=x', group: '', kind: 'Pod', message: 'field label not supported: constructor' },
  ])('$name', ({ sel, group, kind, message }) => expect(convertFieldSelector(parse(sel), group, kind)).toEqual({ ok: false, message }));
});
