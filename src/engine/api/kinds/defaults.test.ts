// Defaulting on create of the kinds whose strategies are only defaults (storage.ts, flowcontrol.ts,
// scheduling.ts, networking.ts, the webhook configurations in admissionregistration.ts) and the
// CSR's requestor (certificates.ts), through a real apiserver so the written object is what a
// client reads back. Expected values are upstream's pkg/apis/*/v1/defaults.go.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import type { UserInfo } from '../request.ts';
import { createApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';

async function create(group: string, resource: string, object: KubeObject, user?: UserInfo): Promise<KubeObject> {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  const res = await api.handle({ verb: 'create', group, version: 'v1', resource, body: object, ...(user ? { user } : {}) });
  return res.body as KubeObject;
}

const meta = { name: 'x' };
const hook = { name: 'h.example.com', clientConfig: { service: { namespace: 'ns', name: 'svc' } }, rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }], sideEffects: 'None', admissionReviewVersions: ['v1'] };
const webhookDefaults = {
  failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, timeoutSeconds: 10,
  clientConfig: { service: { namespace: 'ns', name: 'svc', port: 443 } },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }],
};

describe('defaults on create', () => {
  it.each([
    {
      name: 'an empty CSIDriver spec gets every SetDefaults_CSIDriver field',
      group: 'storage.k8s.io', resource: 'csidrivers', object: { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: meta, spec: {} },
      want: { spec: { attachRequired: true, podInfoOnMount: false, volumeLifecycleModes: ['Persistent'], fsGroupPolicy: 'ReadWriteOnceWithFSType', requiresRepublish: false, storageCapacity: false, seLinuxMount: false } },
    },
    {
      name: 'a CSIDriver keeps what it sets (attachRequired false, Ephemeral mode)',
      group: 'storage.k8s.io', resource: 'csidrivers',
      object: { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: meta, spec: { attachRequired: false, volumeLifecycleModes: ['Ephemeral'], fsGroupPolicy: 'File' } },
      want: { spec: { attachRequired: false, volumeLifecycleModes: ['Ephemeral'], fsGroupPolicy: 'File' } },
    },
    {
      name: 'a FlowSchema without matchingPrecedence gets 1000 and generation 1',
      group: 'flowcontrol.apiserver.k8s.io', resource: 'flowschemas',
      object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: meta, spec: { priorityLevelConfiguration: { name: 'p' } } },
      want: { metadata: { generation: 1 }, spec: { matchingPrecedence: 1000 } },
    },
    {
      name: 'a Limited level gets 30 shares, lendablePercent 0 and the queuing defaults 64/8/50',
      group: 'flowcontrol.apiserver.k8s.io', resource: 'prioritylevelconfigurations',
      object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: meta, spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } } },
      want: { metadata: { generation: 1 }, spec: { limited: { nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 8, queueLengthLimit: 50 } } } } },
    },
    {
      name: 'a Limited level keeps an explicit 0 shares (a pointer in v1)',
      group: 'flowcontrol.apiserver.k8s.io', resource: 'prioritylevelconfigurations',
      object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: meta, spec: { type: 'Limited', limited: { nominalConcurrencyShares: 0, limitResponse: { type: 'Reject' } } } },
      want: { spec: { limited: { nominalConcurrencyShares: 0, lendablePercent: 0, limitResponse: { type: 'Reject' } } } },
    },
    {
      name: 'an Exempt level gets zero shares and lendablePercent',
      group: 'flowcontrol.apiserver.k8s.io', resource: 'prioritylevelconfigurations',
      object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: meta, spec: { type: 'Exempt', exempt: {} } },
      want: { spec: { exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } } },
    },
    {
      name: 'a validating webhook gets Fail, Equivalent, empty selectors, 10s, port 443 and scope *',
      group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations',
      object: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta, webhooks: [hook] },
      want: { metadata: { generation: 1 }, webhooks: [webhookDefaults] },
    },
    {
      name: 'a mutating webhook also gets reinvocationPolicy Never',
      group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations',
      object: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: meta, webhooks: [hook] },
      want: { webhooks: [{ ...webhookDefaults, reinvocationPolicy: 'Never' }] },
    },
    {
      name: 'a PriorityClass preempts lower priorities unless told otherwise',
      group: 'scheduling.k8s.io', resource: 'priorityclasses', object: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta, value: 10 },
      want: { preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'a NetworkPolicy with only ingress rules is of type Ingress, its ports TCP',
      group: 'networking.k8s.io', resource: 'networkpolicies',
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { ...meta, namespace: 'default' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } },
      want: { spec: { policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }] } },
    },
    {
      name: 'a NetworkPolicy with egress rules is of types Ingress and Egress',
      group: 'networking.k8s.io', resource: 'networkpolicies',
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { ...meta, namespace: 'default' }, spec: { podSelector: {}, egress: [{}] } },
      want: { spec: { policyTypes: ['Ingress', 'Egress'] } },
    },
  ])('$name', async ({ group, resource, object, want }) => {
    expect(await create(group, resource, object as KubeObject)).toMatchObject(want);
  });

  it('a CSR names whoever created it as its requestor, whatever the body claimed, and starts with an empty status', async () => {
    const user = { username: 'jane', uid: 'u-1', groups: ['devs', 'system:authenticated'] };
    const csr = await create('certificates.k8s.io', 'certificatesigningrequests', {
      apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: meta,
      spec: { request: 'cGVt', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], username: 'admin', groups: ['system:masters'] },
      status: { conditions: [{ type: 'Approved', status: 'True' }] },
    }, user);
    expect(csr.spec).toMatchObject({ username: 'jane', uid: 'u-1', groups: ['devs', 'system:authenticated'] });
    expect(csr.status ?? {}).toEqual({});
  });
});
