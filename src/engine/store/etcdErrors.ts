// etcd's errors as the JSON gateway reports them, turned into the store's typed errors.
// The gateway answers a failed unary call with a non-200 status and
// `{"error": MESSAGE, "message": MESSAGE, "code": GRPC_CODE}`, MESSAGE being the text of one of
// etcd's rpctypes errors (api/v3rpc/rpctypes/error.go), e.g.
// `{"error":"etcdserver: mvcc: required revision has been compacted","code":11}`.
// Clients recognise them by that text (clientv3's rpctypes.Error does the same lookup), so we
// map the text to the error's name and keep etcd's message unchanged.

/** ErrCompacted's text, which etcd's watch stream implies by `compact_revision` alone. */
export const compactedMessage = 'etcdserver: mvcc: required revision has been compacted';

/** etcd's server error texts (rpctypes) → the names clientv3 gives them (rpctypes.Err*). */
const ETCD_ERRORS: Readonly<Record<string, string>> = {
  'etcdserver: key is not provided': 'ErrEmptyKey',
  'etcdserver: key not found': 'ErrKeyNotFound',
  'etcdserver: value is provided': 'ErrValueProvided',
  'etcdserver: lease is provided': 'ErrLeaseProvided',
  'etcdserver: too many operations in txn request': 'ErrTooManyOps',
  'etcdserver: duplicate key given in txn request': 'ErrDuplicateKey',
  [compactedMessage]: 'ErrCompacted',
  'etcdserver: mvcc: required revision is a future revision': 'ErrFutureRev',
  'etcdserver: mvcc: database space exceeded': 'ErrNoSpace',
  'etcdserver: requested lease not found': 'ErrLeaseNotFound',
  'etcdserver: lease already exists': 'ErrLeaseExist',
  'etcdserver: too large lease TTL': 'ErrLeaseTTLTooLarge',
  'etcdserver: request is too large': 'ErrRequestTooLarge',
  'etcdserver: too many requests': 'ErrTooManyRequests',
};

/** The name clientv3 gives etcd's error `message`, or undefined for a text etcd does not define. */
export function etcdErrorName(message: string): string | undefined {
  return ETCD_ERRORS[message];
}

// PROVISIONAL until the core's StoreError lands in src/engine/store: replace with it.
class EtcdError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The store error for a failed gateway call (`status` and body as etcd sent them). */
export function gatewayError(status: number, body: string): Error {
  let message = body;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
    else if (typeof parsed.error === 'string') message = parsed.error;
  } catch {
    message = `etcd gateway: HTTP ${status} ${body}`;
  }
  return new EtcdError(etcdErrorName(message) ?? 'ErrUnknown', message);
}

/** The store error when etcd cannot be reached at all. */
export function unavailableError(endpoint: string, cause: unknown): Error {
  return new EtcdError('ErrUnavailable', `etcd at ${endpoint} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
}
