// etcd's errors as the JSON gateway reports them, turned into the store's StoreError.
// The gateway answers a failed unary call with a non-200 status and
// `{"error": MESSAGE, "message": MESSAGE, "code": GRPC_CODE}`, MESSAGE being the text of one of
// etcd's rpctypes errors (api/v3rpc/rpctypes/error.go), e.g.
// `{"error":"etcdserver: mvcc: required revision has been compacted","code":11}`.
// Clients recognise them by that text (clientv3's rpctypes.Error does the same lookup), so we
// find the text in the store's error table and raise the very error the memory store raises.
import { StoreError, storeError, storeErrorTable, type GrpcCode } from './errors.ts';

type KnownName = keyof typeof storeErrorTable;

const NAME_BY_MESSAGE = new Map<string, KnownName>(
  (Object.keys(storeErrorTable) as KnownName[]).map((name) => [storeErrorTable[name].message, name]),
);

/** gRPC's numeric codes (google.golang.org/grpc/codes) for those the store names. */
const GRPC_CODES: Readonly<Record<number, GrpcCode>> = {
  3: 'InvalidArgument', 5: 'NotFound', 9: 'FailedPrecondition', 11: 'OutOfRange', 13: 'Internal', 14: 'Unavailable',
};

/** ErrCompacted's text, which etcd's watch stream implies by `compact_revision` alone. */
export const compactedMessage = storeErrorTable.ErrCompacted.message;

/**
 * The StoreError for a failed gateway call (`status` and body as etcd sent them): etcd's own
 * error when the text is one the store knows, InvalidArgument when the gateway could not
 * decode the request, else a BackendError keeping etcd's text and code.
 */
export function gatewayError(status: number, body: string): StoreError {
  let message = `etcd gateway: HTTP ${status} ${body}`;
  let code: GrpcCode = 'Internal';
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; code?: unknown };
    const text = typeof parsed.message === 'string' ? parsed.message : parsed.error;
    if (typeof text === 'string') message = text;
    if (typeof parsed.code === 'number') code = GRPC_CODES[parsed.code] ?? 'Internal';
  } catch {
    // Not JSON (a proxy's error page, a truncated answer): keep the raw text.
  }
  const known = NAME_BY_MESSAGE.get(message);
  if (known !== undefined) return storeError(known);
  // The gateway's own JSON decoding refusing the body (an unknown enum value, a fractional
  // int64) is what the store calls InvalidArgument; other texts are etcd's, unnamed here.
  if (code === 'InvalidArgument' && !message.startsWith('etcdserver:')) return new StoreError('InvalidArgument', code, message);
  return new StoreError('BackendError', code, message);
}

/** The StoreError when etcd cannot be reached at all. */
export function unavailableError(endpoint: string, cause: unknown): StoreError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError('BackendError', 'Unavailable', `etcd at ${endpoint} unreachable: ${detail}`, { cause });
}
