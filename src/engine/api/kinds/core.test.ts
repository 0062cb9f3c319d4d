import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { configMapStrategy, namespaceStrategy, secretStrategy } from './core.ts';
import { serviceStrategy } from './service.ts';
import { messages, strategyContext } from './testing.ts';

const svcWith = (spec: Record<string, unknown>): KubeObject => ({ kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec });

describe('services', () => {
  it('defaults type, session affinity, protocol and targetPort', () => {
    const svc = svcWith({ type: 'NodePort', selector: { app: 'w' }, ports: [{ port: 80 }] });
    serviceStrategy.default!(svc, strategyContext());
    expect(svc.spec).toEqual({
      type: 'NodePort', selector: { app: 'w' }, sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
  });

  it.each([
    { name: 'a ClusterIP service needs ports', spec: { selector: { app: 'w' } }, want: ['spec.ports: Required value'] },
    { name: 'a headless service may have none', spec: { clusterIP: 'None' }, want: [] },
    { name: 'ports are in range', spec: { ports: [{ port: 0 }] }, want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
    { name: 'several ports are named', spec: { ports: [{ port: 80, name: 'http' }, { port: 443 }] }, want: ['spec.ports[1].name: Required value'] },
    {
      name: 'port and protocol pairs are unique', spec: { ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] },
      want: ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
    },
    { name: 'types are the four', spec: { type: 'Internal', ports: [{ port: 80 }] }, want: ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'] },
  ])('$name', ({ spec, want }) => {
    const svc = svcWith(spec);
    serviceStrategy.default!(svc, strategyContext());
    expect(messages(serviceStrategy.validate!(svc, strategyContext()))).toEqual(want);
  });
});

describe('namespaces, configmaps and secrets', () => {
  it('labels a namespace with its name and starts it Active with the kubernetes finalizer', () => {
    const ns: KubeObject = { kind: 'Namespace', metadata: { name: 'team-a' } };
    namespaceStrategy.default!(ns, strategyContext());
    namespaceStrategy.prepareForCreate!(ns, strategyContext());
    expect(ns).toEqual({ kind: 'Namespace', metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  });

  it('refuses a config key with a slash', () => {
    const cm: KubeObject = { kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a/b': 'x' } };
    expect(messages(configMapStrategy.validate!(cm, strategyContext()))).toEqual([
      "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('merges stringData into data as base64, overriding data, and never keeps stringData', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'b2xk', b: 'Yg==' }, stringData: { a: 'new', c: 'héllo' } };
    secretStrategy.default!(secret, strategyContext());
    expect(secret.data).toEqual({ a: 'bmV3', b: 'Yg==', c: 'aMOpbGxv' });
    expect(secret.stringData).toBeUndefined();
    expect(messages(secretStrategy.validate!(secret, strategyContext()))).toEqual([]);
  });

  it('defaults a secret to Opaque and keeps its type', () => {
    const s: KubeObject = { kind: 'Secret', metadata: { name: 's' } };
    secretStrategy.default!(s, strategyContext());
    expect(s.type).toBe('Opaque');
    expect(messages(secretStrategy.validateUpdate!({ ...s, type: 'kubernetes.io/tls' }, s, strategyContext()))).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });
});
