// Kubernetes Status errors, built only here (STYLE.md §5).
// Models staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (NewNotFound, NewConflict, ...).

/** A field cause in an Invalid status, as metav1.StatusCause. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status, as the apiserver returns it for failures. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Forbidden' | 'Unauthorized'
  | 'BadRequest' | 'MethodNotAllowed' | 'NotAcceptable' | 'UnsupportedMediaType' | 'Gone' | 'Expired'
  | 'TooManyRequests' | 'InternalError' | 'RequestEntityTooLarge' | 'Timeout' | 'ServerTimeout'
  | 'ServiceUnavailable';

/** What an apiserver failure is thrown as. Test with the `is*`/`reasonOf` helpers, never by message. */
export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message);
    this.name = 'StatusError';
    this.status = status;
  }
}

/** A group and plural resource, printed as upstream's GroupResource.String(): `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A group and kind, printed as GroupKind.String(): `Pod`, `Deployment.apps`. */
export interface GroupKind {
  group: string;
  kind: string;
}

export const groupResourceString = (gr: GroupResource) => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);
export const groupKindString = (gk: GroupKind) => (gk.group ? `${gk.kind}.${gk.group}` : gk.kind);

function failure(code: number, reason: StatusReason | undefined, message: string, details?: StatusDetails): StatusError {
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message,
    ...(reason ? { reason } : {}), ...(details ? { details } : {}), code,
  });
}

// Go's %q for the strings we quote: JSON string escaping matches it for printable text.
const q = (s: string) => JSON.stringify(s);

export const notFound = (gr: GroupResource, name: string) =>
  failure(404, 'NotFound', `${groupResourceString(gr)} ${q(name)} not found`, { name, group: gr.group || undefined, kind: gr.resource });

export const alreadyExists = (gr: GroupResource, name: string) =>
  failure(409, 'AlreadyExists', `${groupResourceString(gr)} ${q(name)} already exists`, { name, group: gr.group || undefined, kind: gr.resource });

/** The apiserver's optimistic-lock text (apiserver/pkg/registry/generic/registry/store.go). */
export const OptimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';

export const conflict = (gr: GroupResource, name: string, reason: string) =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} ${q(name)}: ${reason}`, { name, group: gr.group || undefined, kind: gr.resource });

export const forbidden = (gr: GroupResource, name: string, reason: string) => {
  const what = gr.resource === '' && gr.group === '' ? 'forbidden' : name ? `${groupResourceString(gr)} ${q(name)} is forbidden` : `${groupResourceString(gr)} is forbidden`;
  return failure(403, 'Forbidden', `${what}: ${reason}`, { ...(name ? { name } : {}), group: gr.group || undefined, kind: gr.resource });
};

/** A field error as field.Error: `<field>: <body>`; `cause.message` holds the body. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Pre-rendered body: `Required value`, `Invalid value: "Foo": must be ...`. */
  body: string;
}

export type FieldErrorType =
  | 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueForbidden'
  | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueDuplicate' | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid' | 'InternalError';

/** Renders a list of errors as utilerrors.NewAggregate does: bare when one distinct, else `[a, b]`. */
export function aggregate(messages: string[]): string {
  const distinct = [...new Set(messages)];
  return distinct.length === 1 ? distinct[0]! : `[${distinct.join(', ')}]`;
}

export const invalid = (gk: GroupKind, name: string, errs: FieldError[]) =>
  failure(422, 'Invalid', `${groupKindString(gk)} ${q(name)} is invalid: ${aggregate(errs.map((e) => `${e.field}: ${e.body}`))}`, {
    name, group: gk.group || undefined, kind: gk.kind,
    causes: errs.map((e) => ({ reason: e.type, message: e.body, field: e.field })),
  });

export const badRequest = (message: string) => failure(400, 'BadRequest', message);
export const methodNotSupported = (gr: GroupResource, action: string) =>
  failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${q(groupResourceString(gr))}`, { group: gr.group || undefined, kind: gr.resource });
export const gone = (message: string) => failure(410, 'Expired', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  failure(429, 'TooManyRequests', message, { retryAfterSeconds });
export const unauthorized = (message = 'Unauthorized') => failure(401, 'Unauthorized', message);
export const requestEntityTooLarge = (message: string) => failure(413, 'RequestEntityTooLarge', message);
export const unsupportedMediaType = (accepted: string[]) =>
  failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
export const internal = (message: string) => failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
/** A failure computed elsewhere (a patch library's verdict): code, reason ('' for none) and message. */
export const failureOf = (code: number, reason: StatusReason | '', message: string) => failure(code, reason || undefined, message);
/** A failure with no reason (e.g. etcd's "request is too large" surfaces as a plain 500). */
export const plainFailure = (code: number, message: string) => failure(code, undefined, message);

export const isStatusError = (e: unknown): e is StatusError => e instanceof StatusError;
export const reasonOf = (e: unknown): StatusReason | undefined => (isStatusError(e) ? e.status.reason : undefined);
export const isNotFound = (e: unknown) => reasonOf(e) === 'NotFound';
export const isAlreadyExists = (e: unknown) => reasonOf(e) === 'AlreadyExists';
export const isConflict = (e: unknown) => reasonOf(e) === 'Conflict';
export const isInvalid = (e: unknown) => reasonOf(e) === 'Invalid';
export const isForbidden = (e: unknown) => reasonOf(e) === 'Forbidden';
export const isGone = (e: unknown) => isStatusError(e) && e.status.code === 410;
