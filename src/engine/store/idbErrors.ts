// IndexedDB's failures, turned into the store's typed errors: StoreErrors named BackendError
// (the core passes them through unchanged), whose `reason` says which failure it was. Where etcd
// has the same failure the message is etcd's: a full disk is etcd's ErrNoSpace ("etcdserver:
// mvcc: database space exceeded", api/v3rpc/rpctypes/error.go), which the apiserver and its
// clients already know how to report. Failures etcd cannot have (another tab blocking the schema
// upgrade, the browser closing the database) get their own reasons and a message saying what to do.
import { StoreError, type GrpcCode } from './errors.ts';

/** Why an IndexedDB operation failed, for code that must react (the UI's "close other tabs"). */
export type IdbFailureReason =
  /** The origin's storage quota is used up (QuotaExceededError): etcd's ErrNoSpace. */
  | 'ErrNoSpace'
  /** Another connection (an older tab) holds the database open at an older schema version. */
  | 'ErrIdbBlocked'
  /** The database on disk is newer than this code (a newer Pilothouse wrote it). */
  | 'ErrIdbVersion'
  /** This connection was closed: by us, by a newer tab's upgrade, or by the browser. */
  | 'ErrIdbClosed'
  /** Any other IndexedDB failure (I/O error, unknown error, private mode without storage). */
  | 'ErrIdbFailed';

export type IdbOperation = 'open' | 'blocked' | 'load' | 'commit' | 'closed';

/** A StoreError from IndexedDB; `reason` tells which failure. */
export class IdbStoreError extends StoreError {
  constructor(readonly reason: IdbFailureReason, message: string, options?: { cause?: unknown }) {
    super('BackendError', GRPC_CODES[reason], message, options);
  }
}

// As etcd would answer: no space and a stopped server are Unavailable to retry later (etcd
// itself says ResourceExhausted for ErrNoSpace), a newer database a precondition.
const GRPC_CODES: Record<IdbFailureReason, GrpcCode> = {
  ErrNoSpace: 'Unavailable',
  ErrIdbBlocked: 'Unavailable',
  ErrIdbVersion: 'FailedPrecondition',
  ErrIdbClosed: 'Unavailable',
  ErrIdbFailed: 'Internal',
};

const NO_SPACE = 'etcdserver: mvcc: database space exceeded';

/** The typed error for `op` on database `db` failing with `cause` (a DOMException, an event). */
export function idbError(
  op: IdbOperation,
  cause: unknown,
  db: string,
  detail: { oldVersion?: number; newVersion?: number; closedBy?: string | undefined } = {},
): IdbStoreError {
  const name = domErrorName(cause);
  if (name === 'QuotaExceededError') return new IdbStoreError('ErrNoSpace', NO_SPACE, { cause });
  switch (op) {
    case 'blocked':
      return new IdbStoreError('ErrIdbBlocked',
        `IndexedDB database "${db}" is open in another tab at version ${detail.oldVersion}, which blocks upgrading it to version ${detail.newVersion}: close the other Pilothouse tabs and reload`,
        { cause });
    case 'closed':
      return new IdbStoreError('ErrIdbClosed', closedMessage(db, detail.closedBy), { cause });
    case 'open':
      if (name === 'VersionError') {
        return new IdbStoreError('ErrIdbVersion',
          `IndexedDB database "${db}" was written by a newer Pilothouse (${describe(cause)}): reload to get the newer version`,
          { cause });
      }
      break;
    default:
      break;
  }
  return new IdbStoreError('ErrIdbFailed', `IndexedDB ${op} of database "${db}" failed: ${describe(cause)}`, { cause });
}

function closedMessage(db: string, closedBy: string | undefined): string {
  switch (closedBy) {
    case 'versionchange': return `IndexedDB database "${db}" was closed because another tab opened a newer version of it: reload`;
    case 'terminated': return `IndexedDB database "${db}" was closed by the browser (storage cleared or failed): reload`;
    default: return `IndexedDB database "${db}" is closed`;
  }
}

function domErrorName(cause: unknown): string | undefined {
  return typeof cause === 'object' && cause !== null && 'name' in cause && typeof cause.name === 'string'
    ? cause.name
    : undefined;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message ? `${cause.name}: ${cause.message}` : cause.name;
  return domErrorName(cause) ?? String(cause);
}
