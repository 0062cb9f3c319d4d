import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const metadata = { name: 'p', creationTimestamp: '2025-05-01T11:55:00Z' };
const group = 'admissionregistration.k8s.io';
const table = (resource: string, objects: KubeObject[]) => printTable({ group, version: 'v1', resource, kind: '' }, objects, { now });
const header = (resource: string) => table(resource, []).columnDefinitions!.map((c) => [c.name, c.type, c.priority]);

describe('admission kinds: columns as printers.go declares them', () => {
  it.each([
    { resource: 'mutatingwebhookconfigurations', want: [['Name', 'string', 0], ['Webhooks', 'integer', 0], ['Age', 'string', 0]] },
    { resource: 'validatingwebhookconfigurations', want: [['Name', 'string', 0], ['Webhooks', 'integer', 0], ['Age', 'string', 0]] },
    { resource: 'validatingadmissionpolicies', want: [['Name', 'string', 0], ['Validations', 'integer', 0], ['ParamKind', 'string', 0], ['Age', 'string', 0]] },
    { resource: 'mutatingadmissionpolicies', want: [['Name', 'string', 0], ['Mutations', 'integer', 0], ['ParamKind', 'string', 0], ['Age', 'string', 0]] },
    { resource: 'validatingadmissionpolicybindings', want: [['Name', 'string', 0], ['PolicyName', 'string', 0], ['ParamRef', 'string', 0], ['Age', 'string', 0]] },
    { resource: 'mutatingadmissionpolicybindings', want: [['Name', 'string', 0], ['PolicyName', 'string', 0], ['ParamRef', 'string', 0], ['Age', 'string', 0]] },
  ])('$resource', ({ resource, want }) => expect(header(resource)).toEqual(want));

  it('keeps upstream\'s wording, typo included', () => {
    expect(table('validatingadmissionpolicybindings', []).columnDefinitions![2]!.description)
      .toBe('ParamRef indicates the param resource which sets the configration param');
  });
});

describe('admission kinds: cells', () => {
  it.each([
    { name: 'a webhook configuration counts its webhooks', resource: 'validatingwebhookconfigurations', obj: { metadata, webhooks: [{ name: 'a.example.com' }, { name: 'b.example.com' }] }, want: ['p', 2, '5m'] },
    { name: 'a configuration without webhooks has 0', resource: 'mutatingwebhookconfigurations', obj: { metadata }, want: ['p', 0, '5m'] },
    {
      name: 'a policy with a param kind shows apiVersion/kind',
      resource: 'validatingadmissionpolicies',
      obj: { metadata, spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }, { expression: 'false' }] } },
      want: ['p', 2, 'v1/ConfigMap', '5m'],
    },
    { name: 'a policy without params is <unset>', resource: 'validatingadmissionpolicies', obj: { metadata, spec: {} }, want: ['p', 0, '<unset>', '5m'] },
    { name: 'a mutating policy counts mutations', resource: 'mutatingadmissionpolicies', obj: { metadata, spec: { mutations: [{ patchType: 'ApplyConfiguration' }] } }, want: ['p', 1, '<unset>', '5m'] },
  ])('$name', ({ resource, obj, want }) => expect(table(resource, [obj]).rows![0]!.cells).toEqual(want));

  it.each([
    { name: 'no paramRef', paramRef: undefined, want: '<unset>' },
    { name: 'a namespaced param', paramRef: { name: 'limits', namespace: 'prod' }, want: 'prod/limits' },
    { name: 'a name without namespace gets the * namespace', paramRef: { name: 'limits' }, want: '*/limits' },
    {
      name: 'a selector prints as its Go (gogo-protobuf) String(), keys sorted',
      paramRef: { selector: { matchLabels: { tier: 'web', app: 'shop' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] } },
      want: '&LabelSelector{MatchLabels:map[string]string{app: shop,tier: web,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[a b],},},}',
    },
    { name: 'an empty selector', paramRef: { selector: {} }, want: '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}' },
    { name: 'neither name nor selector', paramRef: { parameterNotFoundAction: 'Deny' }, want: '<unset>' },
  ])('a binding\'s PARAMREF: $name', ({ paramRef, want }) => {
    const binding = { metadata, spec: { policyName: 'demo', validationActions: ['Deny'], ...(paramRef ? { paramRef } : {}) } };
    expect(table('validatingadmissionpolicybindings', [binding]).rows![0]!.cells).toEqual(['p', 'demo', want, '5m']);
  });
});
