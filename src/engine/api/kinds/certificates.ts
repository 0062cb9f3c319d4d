// certificates.k8s.io/v1 CertificateSigningRequest: whoever creates the request is its requestor.
// Models pkg/registry/certificates/certificates/strategy.go PrepareForCreate: the user fields are
// overwritten from the request's user (never trusted from the body), and status starts empty.
import type { Strategy } from '../strategy.ts';
import { child } from './access.ts';

export const certificateSigningRequestStrategy: Strategy = {
  prepareForCreate(csr, ctx) {
    const spec = child(csr, 'spec');
    for (const k of ['username', 'uid', 'groups', 'extra']) delete spec[k];
    if (ctx.user) {
      spec.username = ctx.user.username;
      if (ctx.user.uid) spec.uid = ctx.user.uid;
      spec.groups = [...ctx.user.groups];
    }
    csr.status = {};
  },
};
