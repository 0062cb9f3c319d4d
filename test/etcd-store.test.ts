// The store conformance suite (src/engine/store/conformance.ts), the body of tests every
// backend must pass, run against a real etcd through the etcd store: the suite's expectations
// are then checked against etcd itself, and the etcd store's mapping of the gateway is checked
// by the same tests as the memory store. Lease expiry is skipped: etcd's leases run on its
// wall clock, not on the VirtualClock the suite advances.
import { afterAll, beforeAll, describe } from 'vitest';
import { createEtcdStore } from '../src/engine/store/index.ts';
// eslint-disable-next-line pilothouse/rooms -- the conformance suite is test-only: kept out of the store's public index so the app never bundles vitest
import { describeStoreConformance } from '../src/engine/store/conformance.ts';
import { startEtcd, type EtcdServer } from './etcd-server.ts';
import { findTool, titleWithTool } from './support/tools.ts';

const etcdPath = findTool('etcd');

describe.skipIf(etcdPath === undefined)(titleWithTool('the etcd store', 'etcd', etcdPath), () => {
  let server: EtcdServer | undefined;
  beforeAll(async () => {
    server = await startEtcd(etcdPath!);
  });
  afterAll(async () => {
    await server?.stop();
  });

  // One etcd for the whole file: each test writes under its own key prefix (the suite's p()).
  describeStoreConformance('etcd', () => createEtcdStore({ endpoint: server!.endpoint }), { virtualLeaseTime: false });
});
