import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { printTable } from './print.ts';

const now = Date.parse('2025-05-01T12:00:00Z');
const metadata = { name: 'csr-1', creationTimestamp: '2025-05-01T11:58:30Z' };
const table = (resource: string, objects: KubeObject[]) =>
  printTable({ group: 'certificates.k8s.io', version: 'v1', resource, kind: '' }, objects, { now });

describe('CertificateSigningRequest (printCertificateSigningRequest)', () => {
  it('has AGE second, as upstream declares it', () => {
    expect(table('certificatesigningrequests', []).columnDefinitions!.map((c) => c.name))
      .toEqual(['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  });

  const spec = { request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client', username: 'jane', usages: ['client auth'] };
  it.each([
    { name: 'a new request is Pending; no duration asked', csr: { spec }, want: ['kubernetes.io/kube-apiserver-client', 'jane', '<none>', 'Pending'] },
    { name: 'a requested duration is a human duration', csr: { spec: { ...spec, expirationSeconds: 86400 } }, want: ['kubernetes.io/kube-apiserver-client', 'jane', '24h', 'Pending'] },
    {
      name: 'approved and issued',
      csr: { spec, status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0tLS1CRUdJTg==' } },
      want: ['kubernetes.io/kube-apiserver-client', 'jane', '<none>', 'Approved,Issued'],
    },
    {
      name: 'Denied wins over Approved; Failed is appended',
      csr: { spec, status: { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }] } },
      want: ['kubernetes.io/kube-apiserver-client', 'jane', '<none>', 'Denied,Failed'],
    },
    { name: 'no signer prints <none>', csr: { spec: { request: 'LS0t', username: 'jane' } }, want: ['<none>', 'jane', '<none>', 'Pending'] },
  ])('$name', ({ csr, want }) => {
    expect(table('certificatesigningrequests', [{ metadata, ...csr }]).rows![0]!.cells).toEqual(['csr-1', '90s', ...want]);
  });
});

describe('ClusterTrustBundle (printClusterTrustBundle)', () => {
  it.each([
    { name: 'with a signer', spec: { signerName: 'example.com/foo', trustBundle: '' }, want: 'example.com/foo' },
    { name: 'without one', spec: { trustBundle: '' }, want: '<none>' },
  ])('$name: NAME and SIGNERNAME, no age', ({ spec, want }) => {
    const t = table('clustertrustbundles', [{ metadata: { name: 'b', creationTimestamp: metadata.creationTimestamp }, spec }]);
    expect(t.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'SignerName']);
    expect(t.rows![0]!.cells).toEqual(['b', want]);
  });
});
