export type * from './types.ts';
export { createEtcdStore, type EtcdStoreOptions } from './etcd.ts';
