// The store's errors: etcd's own names and wire messages, so what a learner reads here is what
// etcdctl prints against a real etcd. Built only through `storeError`; tested with `isStoreError`.
// Models api/v3rpc/rpctypes/error.go (server-side ErrGRPC*) and lease/lessor.go errors.

/** gRPC status codes etcd answers with (the subset the store uses). */
export type GrpcCode =
  | 'InvalidArgument' | 'OutOfRange' | 'NotFound' | 'FailedPrecondition' | 'ResourceExhausted' | 'Unavailable' | 'Internal';

/** etcd's message for each error, as etcdctl prints it, and its gRPC code. */
export const storeErrorTable = {
  ErrEmptyKey: { code: 'InvalidArgument', message: 'etcdserver: key is not provided' },
  ErrKeyNotFound: { code: 'InvalidArgument', message: 'etcdserver: key not found' },
  ErrValueProvided: { code: 'InvalidArgument', message: 'etcdserver: value is provided' },
  ErrLeaseProvided: { code: 'InvalidArgument', message: 'etcdserver: lease is provided' },
  ErrTooManyOps: { code: 'InvalidArgument', message: 'etcdserver: too many operations in txn request' },
  ErrDuplicateKey: { code: 'InvalidArgument', message: 'etcdserver: duplicate key given in txn request' },
  ErrRequestTooLarge: { code: 'InvalidArgument', message: 'etcdserver: request is too large' },
  ErrCompacted: { code: 'OutOfRange', message: 'etcdserver: mvcc: required revision has been compacted' },
  ErrFutureRev: { code: 'OutOfRange', message: 'etcdserver: mvcc: required revision is a future revision' },
  ErrLeaseNotFound: { code: 'NotFound', message: 'etcdserver: requested lease not found' },
  ErrLeaseExist: { code: 'FailedPrecondition', message: 'etcdserver: lease already exists' },
  ErrLeaseTTLTooLarge: { code: 'OutOfRange', message: 'etcdserver: too large lease TTL' },
  ErrStopped: { code: 'Unavailable', message: 'etcdserver: server stopped' },
} as const satisfies Record<string, { code: GrpcCode; message: string }>;

/**
 * etcd's error names, plus `InvalidArgument` for input etcd's protobuf decoding would refuse
 * (a non-string key, a fractional revision) and `BackendError` for a commit the backend refused.
 */
export type StoreErrorName = keyof typeof storeErrorTable | 'InvalidArgument' | 'BackendError';

/** A failed store request: `name` is etcd's error name, `message` etcd's exact text. */
export class StoreError extends Error {
  override readonly name: StoreErrorName;
  readonly code: GrpcCode;
  constructor(name: StoreErrorName, code: GrpcCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
    this.code = code;
  }
}

/** The error etcd answers with, by name. */
export function storeError(name: keyof typeof storeErrorTable): StoreError {
  const { code, message } = storeErrorTable[name];
  return new StoreError(name, code, message);
}

/** Input the wire format could not carry (etcd never sees it; gRPC would refuse to encode it). */
export function invalidArgument(detail: string): StoreError {
  return new StoreError('InvalidArgument', 'InvalidArgument', `invalid argument: ${detail}`);
}

/** Wraps whatever a Backend's commit rejected with, keeping it as `cause`. */
export function backendError(cause: unknown): StoreError {
  if (cause instanceof StoreError) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError('BackendError', 'Internal', `etcdserver: commit failed: ${detail}`, { cause });
}

/** Whether `err` is a StoreError (of the given name, when one is given). */
export function isStoreError(err: unknown, name?: StoreErrorName): err is StoreError {
  return err instanceof StoreError && (name === undefined || err.name === name);
}
