// Models apiserver/pkg/admission/errors.go NewForbidden: an admission refusal names the
// request's resource (group-qualified) and the object's name, then the plugin's reason.
import type { AdmissionAttributes } from '../admission.ts';
import { forbidden, type StatusError } from '../errors.ts';

/** The Forbidden error an admission plugin refuses a request with: `pods "web" is forbidden: <reason>`. */
export function admissionForbidden(attrs: AdmissionAttributes, reason: string): StatusError {
  // extractResourceName: the request's name, else the object's (a create carries it only in the body).
  const name = attrs.name || attrs.object?.metadata?.name || '';
  return forbidden(attrs.info, name, reason);
}

/** Whether the request is a write of this core-or-grouped resource's main object (no subresource). */
export const isResource = (attrs: AdmissionAttributes, group: string, resource: string): boolean =>
  attrs.info.group === group && attrs.info.resource === resource && !attrs.subresource;
