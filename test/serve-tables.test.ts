// `kubectl get` of every served built-in kind through the real kubectl v1.33 against `pilothouse
// serve`: one object per kind is created through kubectl, then the header line kubectl prints must be
// the one a v1.33 apiserver's server-side table gives (kubernetes/kubernetes
// pkg/printers/internalversion/printers.go AddHandlers; NAME and CREATED AT for kinds without a
// handler, apiserver/pkg/registry/rest/table.go; APIService's own convertor in kube-aggregator).
// The expected headers below are written from upstream, not from our printers, and every listable
// resource the server serves must have one, so a newly served kind cannot slip through unprinted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool, titleWithTool } from './support/tools.ts';
import { startTestServer, type TestServer } from './support/serve.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

const DEFAULT = 'NAME CREATED AT';

/** `resource[.group]` → the header kubectl prints, columns joined by one space, and the object to `get`. */
interface Expectation {
  header: string;
  /** The object's name; absent: list the kind (objects the cluster has from its start). */
  name?: string;
  manifest?: Record<string, unknown>;
  /** The deprecation warning the apiserver sends with every request for the kind (kubectl prints it on stderr). */
  warning?: string;
  /** A kind this cluster has no objects of in the default namespace: kubectl says so instead of printing a header. */
  none?: boolean;
}

const labels = { app: 't' };
const podSpec = { containers: [{ name: 'c', image: 'nginx' }] };
const template = { metadata: { labels }, spec: podSpec };
// An ECDSA P-256 CSR for CN=jane (openssl req -new), base64 as spec.request carries it.
const csrRequest = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlISk1IRUNBUUF3RHpFTk1Bc0dBMVVFQXd3RWFtRnVaVEJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSApBMElBQkxUbmlUMGJiWXc4N1lvdGY0K0NRUGVHMXFpdnAzaFZYazhMb0hSVUplQnhLTXh1cjlhNnJBUXRCR2hHCld5MjhteWROdHVuK0JwRGpId3JRQzJvenVTeWdBREFLQmdncWhrak9QUVFEQWdOSUFEQkZBaUVBK0JIOURzcTgKRUM4Mk5lOXI1ZVc0NmhJQ205T2tUaEM0RGE4OHViSGJDQXNDSUhocjN5a3I4S3ZlbWxqREx0YVdrRXE5ZGc4aApqWVVCcXRmUjNXazN2UEx6Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=';

function obj(apiVersion: string, kind: string, name: string, body: Record<string, unknown>): Expectation['manifest'] {
  return { apiVersion, kind, metadata: { name }, ...body };
}

const expectations: Record<string, Expectation> = {
  // core/v1
  // Not stored: probed on every read (scheduler, controller-manager, etcd-0), with v1's deprecation warning.
  componentstatuses: { header: 'NAME STATUS MESSAGE ERROR', warning: 'v1 ComponentStatus is deprecated in v1.19+' },
  configmaps: { header: 'NAME DATA AGE', name: 't', manifest: obj('v1', 'ConfigMap', 't', { data: { a: 'b' } }) },
  // v1 Endpoints is deprecated in v1.33: every request warns (creating one too).
  endpoints: { header: 'NAME ENDPOINTS AGE', name: 't', manifest: obj('v1', 'Endpoints', 't', {}), warning: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice' },
  events: {
    header: 'LAST SEEN TYPE REASON OBJECT MESSAGE', name: 't',
    manifest: obj('v1', 'Event', 't', { involvedObject: { kind: 'Pod', name: 't', namespace: 'default' }, reason: 'Tested', message: 'hello', type: 'Normal' }),
  },
  limitranges: { header: DEFAULT, name: 't', manifest: obj('v1', 'LimitRange', 't', { spec: { limits: [{ type: 'Container', default: { cpu: '100m' } }] } }) },
  namespaces: { header: 'NAME STATUS AGE', name: 'default' },
  nodes: { header: 'NAME STATUS ROLES AGE VERSION' },
  persistentvolumeclaims: {
    header: 'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE', name: 't',
    manifest: obj('v1', 'PersistentVolumeClaim', 't', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
  },
  persistentvolumes: {
    header: 'NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE', name: 't',
    manifest: obj('v1', 'PersistentVolume', 't', { spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/t' } } }),
  },
  pods: { header: 'NAME READY STATUS RESTARTS AGE', name: 't', manifest: obj('v1', 'Pod', 't', { spec: podSpec }) },
  podtemplates: { header: 'NAME CONTAINERS IMAGES POD LABELS', name: 't', manifest: obj('v1', 'PodTemplate', 't', { template }) },
  replicationcontrollers: {
    header: 'NAME DESIRED CURRENT READY AGE', name: 't',
    manifest: obj('v1', 'ReplicationController', 't', { spec: { replicas: 0, selector: labels, template } }),
  },
  resourcequotas: { header: 'NAME REQUEST LIMIT AGE', name: 't', manifest: obj('v1', 'ResourceQuota', 't', { spec: { hard: { pods: '10' } } }) },
  secrets: { header: 'NAME TYPE DATA AGE', name: 't', manifest: obj('v1', 'Secret', 't', { stringData: { a: 'b' } }) },
  serviceaccounts: { header: 'NAME SECRETS AGE', name: 't', manifest: obj('v1', 'ServiceAccount', 't', {}) },
  services: { header: 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE', name: 't', manifest: obj('v1', 'Service', 't', { spec: { selector: labels, ports: [{ port: 80 }] } }) },
  // admissionregistration.k8s.io/v1
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': {
    header: 'NAME WEBHOOKS AGE', name: 't', manifest: obj('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 't', {}),
  },
  'validatingwebhookconfigurations.admissionregistration.k8s.io': {
    header: 'NAME WEBHOOKS AGE', name: 't', manifest: obj('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 't', {}),
  },
  'validatingadmissionpolicies.admissionregistration.k8s.io': {
    header: 'NAME VALIDATIONS PARAMKIND AGE', name: 't',
    manifest: obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', 't', {
      spec: {
        matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] },
        validations: [{ expression: 'object.spec.replicas <= 5' }],
      },
    }),
  },
  'validatingadmissionpolicybindings.admissionregistration.k8s.io': {
    header: 'NAME POLICYNAME PARAMREF AGE', name: 't',
    manifest: obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', 't', { spec: { policyName: 't', validationActions: ['Deny'] } }),
  },
  'customresourcedefinitions.apiextensions.k8s.io': {
    header: DEFAULT, name: 'widgets.example.com',
    manifest: obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {
      spec: {
        group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    }),
  },
  // A real cluster lists its local APIServices (v1., v1.apps, ...); we create one of our own.
  'apiservices.apiregistration.k8s.io': {
    header: 'NAME SERVICE AVAILABLE AGE', name: 'v1alpha1.t.example.com',
    manifest: obj('apiregistration.k8s.io/v1', 'APIService', 'v1alpha1.t.example.com', {
      spec: { group: 't.example.com', version: 'v1alpha1', groupPriorityMinimum: 1000, versionPriority: 15 },
    }),
  },
  // apps/v1
  'controllerrevisions.apps': { header: 'NAME CONTROLLER REVISION AGE', name: 't', manifest: obj('apps/v1', 'ControllerRevision', 't', { revision: 1 }) },
  'daemonsets.apps': {
    header: 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE', name: 't',
    manifest: obj('apps/v1', 'DaemonSet', 't', { spec: { selector: { matchLabels: labels }, template } }),
  },
  'deployments.apps': {
    header: 'NAME READY UP-TO-DATE AVAILABLE AGE', name: 't',
    manifest: obj('apps/v1', 'Deployment', 't', { spec: { replicas: 0, selector: { matchLabels: labels }, template } }),
  },
  'replicasets.apps': {
    header: 'NAME DESIRED CURRENT READY AGE', name: 't',
    manifest: obj('apps/v1', 'ReplicaSet', 't', { spec: { replicas: 0, selector: { matchLabels: labels }, template } }),
  },
  'statefulsets.apps': {
    header: 'NAME READY AGE', name: 't',
    manifest: obj('apps/v1', 'StatefulSet', 't', { spec: { replicas: 0, serviceName: 't', selector: { matchLabels: labels }, template } }),
  },
  'horizontalpodautoscalers.autoscaling': {
    header: 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', name: 't',
    manifest: obj('autoscaling/v2', 'HorizontalPodAutoscaler', 't', { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 't' }, maxReplicas: 3 } }),
  },
  'cronjobs.batch': {
    header: 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', name: 't',
    manifest: obj('batch/v1', 'CronJob', 't', { spec: { schedule: '0 0 1 1 *', suspend: true, jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } } } }),
  },
  'jobs.batch': {
    header: 'NAME STATUS COMPLETIONS DURATION AGE', name: 't',
    manifest: obj('batch/v1', 'Job', 't', { spec: { suspend: true, template: { spec: { ...podSpec, restartPolicy: 'Never' } } } }),
  },
  'certificatesigningrequests.certificates.k8s.io': {
    header: 'NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION', name: 't',
    manifest: obj('certificates.k8s.io/v1', 'CertificateSigningRequest', 't', {
      spec: { request: csrRequest, signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'] },
    }),
  },
  'leases.coordination.k8s.io': { header: 'NAME HOLDER AGE', name: 't', manifest: obj('coordination.k8s.io/v1', 'Lease', 't', { spec: { holderIdentity: 'me' } }) },
  'endpointslices.discovery.k8s.io': {
    header: 'NAME ADDRESSTYPE PORTS ENDPOINTS AGE', name: 't',
    manifest: obj('discovery.k8s.io/v1', 'EndpointSlice', 't', { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.9'] }], ports: [{ port: 80 }] }),
  },
  'events.events.k8s.io': { header: 'LAST SEEN TYPE REASON OBJECT MESSAGE', name: 't' },
  'flowschemas.flowcontrol.apiserver.k8s.io': {
    header: 'NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL', name: 't',
    manifest: obj('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', 't', { spec: { priorityLevelConfiguration: { name: 't' }, matchingPrecedence: 500 } }),
  },
  'prioritylevelconfigurations.flowcontrol.apiserver.k8s.io': {
    header: 'NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE', name: 't',
    manifest: obj('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 't', {
      spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } },
    }),
  },
  'ingressclasses.networking.k8s.io': {
    header: 'NAME CONTROLLER PARAMETERS AGE', name: 't', manifest: obj('networking.k8s.io/v1', 'IngressClass', 't', { spec: { controller: 'example.com/ingress' } }),
  },
  'ingresses.networking.k8s.io': {
    header: 'NAME CLASS HOSTS ADDRESS PORTS AGE', name: 't',
    manifest: obj('networking.k8s.io/v1', 'Ingress', 't', { spec: { defaultBackend: { service: { name: 't', port: { number: 80 } } } } }),
  },
  'ipaddresses.networking.k8s.io': {
    header: 'NAME PARENTREF', name: '192.168.250.250',
    manifest: obj('networking.k8s.io/v1', 'IPAddress', '192.168.250.250', { spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 't' } } }),
  },
  'networkpolicies.networking.k8s.io': {
    header: 'NAME POD-SELECTOR AGE', name: 't', manifest: obj('networking.k8s.io/v1', 'NetworkPolicy', 't', { spec: { podSelector: { matchLabels: labels } } }),
  },
  'servicecidrs.networking.k8s.io': {
    header: 'NAME CIDRS AGE', name: 't', manifest: obj('networking.k8s.io/v1', 'ServiceCIDR', 't', { spec: { cidrs: ['10.200.0.0/24'] } }),
  },
  'runtimeclasses.node.k8s.io': { header: 'NAME HANDLER AGE', name: 't', manifest: obj('node.k8s.io/v1', 'RuntimeClass', 't', { handler: 'runsc' }) },
  'poddisruptionbudgets.policy': {
    header: 'NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', name: 't',
    manifest: obj('policy/v1', 'PodDisruptionBudget', 't', { spec: { minAvailable: 1, selector: { matchLabels: labels } } }),
  },
  'clusterrolebindings.rbac.authorization.k8s.io': {
    header: 'NAME ROLE AGE', name: 't',
    manifest: obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 't', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }] }),
  },
  'clusterroles.rbac.authorization.k8s.io': { header: DEFAULT, name: 't', manifest: obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 't', { rules: [] }) },
  'rolebindings.rbac.authorization.k8s.io': {
    header: 'NAME ROLE AGE', name: 't',
    manifest: obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 't', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 't' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }] }),
  },
  'roles.rbac.authorization.k8s.io': { header: DEFAULT, name: 't', manifest: obj('rbac.authorization.k8s.io/v1', 'Role', 't', { rules: [] }) },
  // PreemptionPolicy has no Priority in AddHandlers: it is a default column, not a wide one.
  'priorityclasses.scheduling.k8s.io': { header: 'NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', name: 't', manifest: obj('scheduling.k8s.io/v1', 'PriorityClass', 't', { value: 1000 }) },
  'csidrivers.storage.k8s.io': {
    header: 'NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE', name: 't.csi.example.com',
    manifest: obj('storage.k8s.io/v1', 'CSIDriver', 't.csi.example.com', { spec: { attachRequired: true, volumeLifecycleModes: ['Persistent'] } }),
  },
  'csinodes.storage.k8s.io': { header: 'NAME DRIVERS AGE', name: 't', manifest: obj('storage.k8s.io/v1', 'CSINode', 't', { spec: { drivers: [] } }) },
  'csistoragecapacities.storage.k8s.io': {
    header: 'NAME STORAGECLASSNAME CAPACITY', name: 't', manifest: obj('storage.k8s.io/v1', 'CSIStorageCapacity', 't', { storageClassName: 't', capacity: '1Gi' }),
  },
  'storageclasses.storage.k8s.io': {
    header: 'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE', name: 't',
    manifest: obj('storage.k8s.io/v1', 'StorageClass', 't', { provisioner: 't.csi.example.com' }),
  },
  // metrics-server's aggregated API (pkg/api/table.go): usage columns after the name, then the window.
  'nodes.metrics.k8s.io': { header: 'NAME CPU MEMORY WINDOW' },
  // No pod runs in this cluster's default namespace; the oracle sequence on kubectl top prints PodMetrics' table.
  'pods.metrics.k8s.io': { header: '', none: true },
  'volumeattachments.storage.k8s.io': {
    header: 'NAME ATTACHER PV NODE ATTACHED AGE', name: 't',
    manifest: obj('storage.k8s.io/v1', 'VolumeAttachment', 't', { spec: { attacher: 't.csi.example.com', nodeName: 'node-1', source: { persistentVolumeName: 't' } } }),
  },
};

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(kubectlPath);
  await server.clock.advanceAsync(60_000);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

// tabwriter pads every column but the last with at least 3 spaces; names hold at most single spaces.
const headerOf = (stdout: string): string => (stdout.split('\n')[0] ?? '').split(/ {2,}/).join(' ');

withKubectl(titleWithTool('kubectl get headers for every served kind', 'kubectl', kubectlPath), () => {
  it('has an expectation for every listable resource the server serves', async () => {
    const { code, stdout } = await server.kubectl(['api-resources', '--verbs=list', '-o', 'name']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').sort()).toEqual(Object.keys(expectations).sort());
  });

  it('creates one object of each kind through kubectl', async () => {
    const manifests = Object.values(expectations).flatMap((e) => (e.manifest ? [e.manifest] : []));
    const { code, stderr } = await server.kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    expect(stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    expect(code).toBe(0);
  });

  it.each(Object.entries(expectations))('kubectl get %s', async (resource, { header, name, warning, none }) => {
    const { code, stdout, stderr } = await server.kubectl(['get', resource, ...(name ? [name] : [])]);
    expect(stderr).toBe(warning ? `Warning: ${warning}\n` : none ? 'No resources found in default namespace.\n' : '');
    expect(code).toBe(0);
    expect(headerOf(stdout)).toBe(header);
  });
});
