// certificates.k8s.io: CertificateSigningRequest and ClusterTrustBundle. Models printers.go
// printCertificateSigningRequest (extractCSRStatus) and printClusterTrustBundle.
import type { KubeObject } from '../types.ts';
import { humanDuration, translateTimestampSince } from '../meta.ts';
import { ageColumn, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';

interface CertificateSigningRequest extends KubeObject {
  spec?: { signerName?: string; username?: string; expirationSeconds?: number };
  status?: { conditions?: Array<{ type?: string }>; certificate?: string };
}

// extractCSRStatus: Denied over Approved over Pending, then `,Failed` and `,Issued` once a certificate is set.
function csrCondition(csr: CertificateSigningRequest): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

// Note the column order: AGE comes second, and REQUESTOR (spec.username) is described with the
// `request` field's doc, both as upstream declares them.
export const certificateSigningRequestPrinter: KindPrinter = {
  columns: [
    nameColumn,
    ageColumn,
    docColumn('SignerName', 'string', 'certificatesv1beta1.CertificateSigningRequestSpec.signerName'),
    docColumn('Requestor', 'string', 'certificatesv1beta1.CertificateSigningRequestSpec.request'),
    docColumn('RequestedDuration', 'string', 'certificatesv1beta1.CertificateSigningRequestSpec.expirationSeconds'),
    docColumn('Condition', 'string', 'certificatesv1beta1.CertificateSigningRequestStatus.conditions'),
  ],
  print(obj, { now }) {
    const csr = obj as CertificateSigningRequest;
    const seconds = csr.spec?.expirationSeconds;
    return {
      cells: [name(csr), translateTimestampSince(csr.metadata?.creationTimestamp, now), csr.spec?.signerName || '<none>',
        csr.spec?.username ?? '', seconds === undefined ? '<none>' : humanDuration(seconds * 1000), csrCondition(csr)],
    };
  },
};

// NAME and SIGNERNAME only: no Age column upstream.
export const clusterTrustBundlePrinter: KindPrinter = {
  columns: [nameColumn, docColumn('SignerName', 'string', 'certificatesv1alpha1.ClusterTrustBundleSpec.signerName')],
  print: (obj) => ({ cells: [name(obj), (obj as { spec?: { signerName?: string } }).spec?.signerName || '<none>'] }),
};
