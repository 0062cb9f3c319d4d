// The serving certificates: a fresh CA and a serving certificate for the bound address, made
// at every start and kept only in memory (never a key on disk or in the repo). kubectl sends a
// bearer token only over TLS, so HTTPS is what makes token authentication possible at all.
// Mirrors what kubeadm's certs phase makes (a "kubernetes" CA, an apiserver serving cert whose
// SANs cover the addresses it answers on), with EC keys because they are quick to generate.
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** PEM-encoded CA certificate, serving certificate and its key. */
export interface ServingCertificates {
  caCert: string;
  cert: string;
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A fresh CA and a serving certificate for `hosts` (IPs and DNS names), valid for a year. */
export async function generateServingCertificates(hosts: string[], now = new Date()): Promise<ServingCertificates> {
  const notAfterDate = new Date(now.getTime() + 365 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'kubernetes' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: now, notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const altNames = [...new Set(['127.0.0.1', 'localhost', 'kubernetes', 'kubernetes.default', ...hosts])]
    .map((h) => (isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h }));
  const serving = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: now, notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { caCert: ca.cert, cert: serving.cert, key: serving.private };
}
