import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from '../types.ts';
import { errorString, newPath } from './field.ts';
import { validateLabelSelector } from './metav1.ts';
import { nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './objectmeta.ts';

const meta = newPath('metadata');
const messages = (errs: Parameters<typeof errorString>[0][]) => errs.map(errorString);
const subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const namePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('validateObjectMeta (api/validation/objectmeta.go)', () => {
  it.each<{ name: string; m: ObjectMeta; namespaced?: boolean; want: string[] }>([
    { name: 'a valid namespaced object', m: { name: 'web', namespace: 'default', labels: { app: 'web' } }, want: [] },
    { name: 'no name and no generateName', m: { namespace: 'default' }, want: ['metadata.name: Required value: name or generateName is required'] },
    { name: 'an upper-case name', m: { name: 'Web', namespace: 'default' }, want: [`metadata.name: Invalid value: "Web": ${subdomain}`] },
    { name: 'a generateName ending in a dash is fine', m: { generateName: 'web-', name: 'web-abcde', namespace: 'default' }, want: [] },
    { name: 'a missing namespace on a namespaced kind', m: { name: 'web' }, want: ['metadata.namespace: Required value'] },
    { name: 'a namespace on a cluster-scoped kind', m: { name: 'n1', namespace: 'default' }, namespaced: false, want: ['metadata.namespace: Forbidden: not allowed on this type'] },
    { name: 'a bad label value', m: { name: 'web', namespace: 'd', labels: { app: 'a b' } }, want: [`metadata.labels: Invalid value: "a b": ${labelValue}`] },
    { name: 'a bad label key', m: { name: 'web', namespace: 'd', labels: { 'a b': 'x' } }, want: [`metadata.labels: Invalid value: "a b": ${namePart}`] },
    { name: 'a bad annotation key', m: { name: 'web', namespace: 'd', annotations: { '-x': 'v' } }, want: [`metadata.annotations: Invalid value: "-x": ${namePart}`] },
    { name: 'annotations over 256 KiB', m: { name: 'web', namespace: 'd', annotations: { a: 'x'.repeat(262144) } }, want: ['metadata.annotations: Too long: may not be more than 262144 bytes'] },
    { name: 'a negative generation', m: { name: 'web', namespace: 'd', generation: -1 }, want: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'] },
    { name: 'a bad finalizer', m: { name: 'web', namespace: 'd', finalizers: ['a/b/c'] }, want: [`metadata.finalizers: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`] },
    { name: 'orphan with foregroundDeletion', m: { name: 'web', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] }, want: ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set'] },
    { name: 'an owner reference without uid or version', m: { name: 'web', namespace: 'd', ownerReferences: [{ apiVersion: 'apps/', kind: 'ReplicaSet', name: 'rs', uid: '' }] }, want: ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty', 'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'] },
    { name: 'an Event as owner', m: { name: 'web', namespace: 'd', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }] }, want: ['metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"u", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner'] },
  ])('$name', ({ m, namespaced, want }) => expect(messages(validateObjectMeta(m, namespaced ?? true, nameIsDNSSubdomain, meta))).toEqual(want));

  it('two controller references are refused, naming both', () => {
    const refs = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ];
    const [err] = validateObjectMeta({ name: 'p', namespace: 'd', ownerReferences: refs }, true, nameIsDNSSubdomain, meta);
    expect(err!.body).toMatch(/^Invalid value: \[\]v1\.OwnerReference\{.*\}: Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/a and ReplicaSet\/b$/);
  });

  it('namespace names are DNS-1123 labels', () => {
    expect(messages(validateObjectMeta({ name: 'web', namespace: 'my.ns' }, true, nameIsDNSLabel, meta))).toEqual(['metadata.namespace: Invalid value: "my.ns": must not contain dots']);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = { name: 'web', namespace: 'd', uid: 'u1', resourceVersion: '5', generation: 2, creationTimestamp: '2024-01-01T10:00:00Z' };
  it.each<{ name: string; next: ObjectMeta; old?: ObjectMeta; want: string[] }>([
    { name: 'an unchanged object', next: { ...old }, want: [] },
    { name: 'a changed uid', next: { ...old, uid: 'u2' }, want: ['metadata.uid: Invalid value: "u2": field is immutable'] },
    { name: 'a changed creationTimestamp', next: { ...old, creationTimestamp: '2024-01-02T10:00:00Z' }, want: ['metadata.creationTimestamp: Invalid value: 2024-01-02 10:00:00 +0000 UTC: field is immutable'] },
    { name: 'a missing resourceVersion', next: { ...old, resourceVersion: '' }, want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'] },
    { name: 'a decremented generation', next: { ...old, generation: 1 }, want: ['metadata.generation: Invalid value: 1: must not be decremented'] },
    { name: 'a new finalizer while deleting', old: { ...old, deletionTimestamp: '2024-01-03T00:00:00Z' }, next: { ...old, deletionTimestamp: '2024-01-03T00:00:00Z', finalizers: ['b', 'a'] }, want: ['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a", "b"}'] },
  ])('$name', ({ next, old: before, want }) => expect(messages(validateObjectMetaUpdate(next, before ?? old, meta))).toEqual(want));
});

describe('validateLabelSelector (meta/v1/validation)', () => {
  const sel = newPath('spec', 'selector');
  it.each([
    { name: 'a valid selector', ps: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] }, want: [] },
    { name: 'In without values', ps: { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, want: ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"] },
    { name: 'Exists with values', ps: { matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['x'] }] }, want: ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"] },
    { name: 'an unknown operator', ps: { matchExpressions: [{ key: 'tier', operator: 'Equals' }] }, want: ['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'] },
    { name: 'a bad matchLabels value', ps: { matchLabels: { app: 'squidex=' } }, want: [`spec.selector.matchLabels: Invalid value: "squidex=": ${labelValue}`] },
  ])('$name', ({ ps, want }) => expect(messages(validateLabelSelector(ps, {}, sel))).toEqual(want));
});
