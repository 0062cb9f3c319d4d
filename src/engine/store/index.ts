export type * from './types.ts';
export { createStore, type StoreOptions } from './store.ts';
export { createMemoryStore, memoryBackend } from './memory.ts';
export type { Backend, BackendState, CommitBatch, LeaseRecord, RevisionRecord } from './backend.ts';
export { prefixEnd, compareKeys } from './keys.ts';
export { StoreError, isStoreError, storeErrorTable, type StoreErrorName, type GrpcCode } from './errors.ts';
export { createEtcdStore, type EtcdStoreOptions } from './etcd.ts';
export { openIdbStore, IdbStoreError, type IdbStoreOptions, type IdbFailureReason } from './idb.ts';
