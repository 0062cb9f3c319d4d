// The kubelet's node agent: registers the Node, renews its Lease in kube-node-lease, and posts
// node status. Models pkg/kubelet/kubelet_node_status.go (registerWithAPIServer,
// syncNodeStatus, updateNodeStatus: compute every nodeStatusUpdateFrequency, post when
// something changed or nodeStatusReportFrequency has passed) and
// staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go (the node lease:
// leaseDurationSeconds 40, renewed every 0.25 × 40 = 10 s, owned by the Node), as an xstate
// machine whose delays run on the virtual clock.
import { fromPromise, setup } from 'xstate';
import { isAlreadyExists, isNotFound, rfc3339Micro, type KubeObject } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { resources, type Client } from '../client/index.ts';
import type { EventRecorder, ObjectReference } from './events.ts';
import { initialNode, nodeStatus, type MachineIds, type NodeConfig } from './node.ts';

export const NODE_LEASE_DURATION_SECONDS = 40;
export const NODE_LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** The registration retry's ceiling (registerWithAPIServer's step doubles up to 7 s). */
export const REGISTRATION_RETRY_MS = 7_000;

export interface NodeAgentDeps {
  client: Client;
  clock: Clock;
  config: NodeConfig;
  ids: MachineIds;
  recorder: EventRecorder;
  onError(err: unknown): void;
}

type Lease = KubeObject & { spec?: Record<string, unknown> };

export function nodeAgentMachine(d: NodeAgentDeps) {
  const nodes = resources.nodes;
  const leases = { ...resources.leases, namespace: 'kube-node-lease' };
  const name = d.config.name;
  let registeredAt = 0;
  let lastReport = 0;
  let nodeUid = '';
  const nodeRef = (): ObjectReference => ({ kind: 'Node', name, uid: name });
  const statusEvent = (reason: string) => d.recorder.event(nodeRef(), 'Normal', reason, `Node ${name} status is now: ${reason}`);

  async function register(): Promise<void> {
    const now = d.clock.now();
    d.recorder.event(nodeRef(), 'Normal', 'Starting', 'Starting kubelet.');
    try {
      await d.client.create(nodes, initialNode(d.config, d.ids, now));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    // A real apiserver keeps a new Node's status (nodes may set it on create); ours resets it as
    // for other kinds, and a kubelet restarting on a registered node takes that one over: either
    // way the status is posted right after (as syncNodeStatus follows registration upstream).
    const node = await d.client.patch(nodes, name, 'application/merge-patch+json', { status: nodeStatus(d.config, d.ids, now, now) }, { subresource: 'status' });
    nodeUid = node.metadata?.uid ?? '';
    registeredAt = now;
    lastReport = now;
    statusEvent('NodeHasSufficientMemory');
    statusEvent('NodeHasNoDiskPressure');
    statusEvent('NodeHasSufficientPID');
    d.recorder.event(nodeRef(), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    statusEvent('NodeReady');
  }

  async function renewLease(): Promise<void> {
    const renewTime = rfc3339Micro(d.clock.now());
    let lease: Lease | undefined;
    try {
      lease = await d.client.get<Lease>(leases, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!lease) {
      await d.client.create(leases, {
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeUid }] },
        spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
      });
      return;
    }
    await d.client.update(leases, { ...lease, spec: { ...lease.spec, holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime } });
  }

  // Nothing in a simulated node's status changes by itself yet, so only the report frequency
  // makes the kubelet post (with fresh heartbeat times).
  async function syncNodeStatus(): Promise<void> {
    const now = d.clock.now();
    if (now - lastReport < NODE_STATUS_REPORT_MS) return;
    lastReport = now;
    await d.client.patch(nodes, name, 'application/merge-patch+json', { status: nodeStatus(d.config, d.ids, now, registeredAt) }, { subresource: 'status' });
  }

  return setup({
    actors: {
      registerNode: fromPromise(register),
      renewLease: fromPromise(renewLease),
      syncNodeStatus: fromPromise(syncNodeStatus),
    },
    actions: {
      reportError: (_, params: { error: unknown }) => d.onError(params.error),
    },
    delays: {
      registrationRetry: REGISTRATION_RETRY_MS,
      leaseRenewInterval: NODE_LEASE_RENEW_MS,
      nodeStatusUpdateFrequency: NODE_STATUS_UPDATE_MS,
    },
  }).createMachine({
    id: 'nodeAgent',
    initial: 'registering',
    states: {
      registering: {
        invoke: {
          src: 'registerNode',
          onDone: 'registered',
          onError: { target: 'registrationFailed', actions: { type: 'reportError', params: ({ event }) => ({ error: event.error }) } },
        },
      },
      registrationFailed: { after: { registrationRetry: 'registering' } },
      registered: {
        type: 'parallel',
        states: {
          lease: {
            initial: 'renewing',
            states: {
              renewing: {
                invoke: {
                  src: 'renewLease',
                  onDone: 'renewed',
                  onError: { target: 'renewed', actions: { type: 'reportError', params: ({ event }) => ({ error: event.error }) } },
                },
              },
              renewed: { after: { leaseRenewInterval: 'renewing' } },
            },
          },
          status: {
            initial: 'waiting',
            states: {
              waiting: { after: { nodeStatusUpdateFrequency: 'syncing' } },
              syncing: {
                invoke: {
                  src: 'syncNodeStatus',
                  onDone: 'waiting',
                  onError: { target: 'waiting', actions: { type: 'reportError', params: ({ event }) => ({ error: event.error }) } },
                },
              },
            },
          },
        },
      },
    },
  });
}
