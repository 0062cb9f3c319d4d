import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339, type KubeObject } from '../../engine/api/index.ts';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import { resources } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;
let clock: VirtualClock;

const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
const configmaps = { group: '', version: 'v1', resource: 'configmaps' };
const limitranges = { group: '', version: 'v1', resource: 'limitranges' };
const events = { group: '', version: 'v1', resource: 'events' };

beforeEach(async () => {
  clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
  const pod: KubeObject = await cluster.client.create<KubeObject>({ ...resources.pods, namespace: 'default' }, {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', labels: { app: 'web', tier: 'front' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: 'b' }] }] },
  });
  await cluster.client.create({ ...deployments, namespace: 'default' }, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2, selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 80 } }, volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
          }],
          volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'scratch', emptyDir: {} }],
        },
      },
    },
  } as KubeObject);
  await cluster.client.create({ ...configmaps, namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'b.conf': 'x=1\ny=2', a: 'hello' } } as KubeObject);
  await cluster.client.create({ ...limitranges, namespace: 'default' }, {
    apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } }] },
  } as KubeObject);
  // A repeated event (count 3) seen first at t=0 and last at t=60s, as the kubelet reports back-offs.
  const involvedObject = { kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod.metadata?.uid, apiVersion: 'v1' };
  await cluster.client.create({ ...events, namespace: 'default' }, {
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-1.1' }, involvedObject, reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/web-1 to node-1 ',
    source: { component: 'default-scheduler' }, firstTimestamp: rfc3339(clock.now()), lastTimestamp: rfc3339(clock.now()), count: 1,
  } as KubeObject);
  await clock.advance(60_000);
  await cluster.client.create({ ...events, namespace: 'default' }, {
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-1.2' }, involvedObject, reason: 'BackOff', type: 'Warning', message: 'Back-off pulling image "nginx:1.27"',
    source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: rfc3339(clock.now() - 30_000), lastTimestamp: rfc3339(clock.now()), count: 3,
  } as KubeObject);
  await clock.advance(30_000);
});
afterEach(() => cluster.stop());

const POD = (volume: string, eventsSection: string) => `Name:             web-1
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           app=web
                  tier=front
Annotations:      <none>
Status:           Pending
IP:               
IPs:              <none>
Containers:
  web:
    Image:      nginx:1.27
    Port:       80/TCP
    Host Port:  0/TCP
    Environment:
      A:  b
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${volume} (ro)
Volumes:
  ${volume}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 <none>
${eventsSection}`;

const POD_EVENTS = `Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  90s                default-scheduler  Successfully assigned default/web-1 to node-1
  Warning  BackOff    30s (x3 over 60s)  kubelet            Back-off pulling image "nginx:1.27"
`;

const DEPLOYMENT = `Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
Labels:                 app=web
Annotations:            <none>
Selector:               app=web
Replicas:               2 desired | 0 updated | 0 total | 0 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   web:
    Image:      nginx:1.27
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  128Mi
    Requests:
      cpu:        100m
      memory:     64Mi
    Readiness:    http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:  <none>
    Mounts:
      /etc/cfg from cfg (rw)
  Volumes:
   cfg:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      cfg
    Optional:  false
   scratch:
    Type:          EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:        
    SizeLimit:     <unset>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`;

describe('kubectl describe', () => {
  const volumeOf = async () => ((await run('kubectl get pod web-1 -o jsonpath={.spec.volumes[0].name}', ctx)).stdout);

  it('describes a pod with its projected token volume and its events, sorted, repeats as (xN over M)', async () => {
    const volume = await volumeOf();
    expect(await run('kubectl describe pod web-1', ctx)).toEqual({ stdout: POD(volume, POD_EVENTS), stderr: '', exitCode: 0 });
  });

  it('leaves the events out with --show-events=false', async () => {
    const { stdout } = await run('kubectl describe pod web-1 --show-events=false', ctx);
    expect(stdout).toBe(POD(await volumeOf(), '').replace(/\n$/, '\n'));
  });

  it('describes every object whose name starts with a prefix when the exact name is missing', async () => {
    const volume = await volumeOf();
    expect(await run('kubectl describe pods web', ctx)).toEqual({ stdout: `${POD(volume, POD_EVENTS)}\n`, stderr: '', exitCode: 0 });
  });

  it.each([
    { name: 'a deployment, its strategy and pod template', line: 'kubectl describe deploy/web', stdout: DEPLOYMENT },
    { name: 'the kubernetes service', line: 'kubectl describe svc kubernetes', stdout: `Name:                     kubernetes
Namespace:                default
Labels:                   component=apiserver
                          provider=kubernetes
Annotations:              <none>
Selector:                 <none>
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.0.1
IPs:                      10.96.0.1
Port:                     https  443/TCP
TargetPort:               6443/TCP
Endpoints:                172.18.0.2:6443
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
` },
    { name: 'a config map, its data sorted by key', line: 'kubectl describe cm cfg', stdout: `Name:         cfg
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
a:
----
hello

b.conf:
----
x=1
y=2


BinaryData
====

Events:  <none>
` },
    { name: 'a namespace with its limit ranges', line: 'kubectl describe ns default', stdout: `Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

Resource Limits
 Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
 ----       --------  ---  ---  ---------------  -------------  -----------------------
 Container  cpu       -    -    250m             500m           -
` },
    { name: 'a limit range', line: 'kubectl describe limits lr', stdout: `Name:       lr
Namespace:  default
Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---  ---  ---------------  -------------  -----------------------
Container   cpu       -    -    250m             500m           -
` },
    { name: 'a namespace without quota or limits', line: 'kubectl describe ns kube-public', stdout: `Name:         kube-public
Labels:       kubernetes.io/metadata.name=kube-public
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
` },
    { name: 'a service account', line: 'kubectl describe sa default', stdout: `Name:                default
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
` },
  ])('describes $name', async ({ line, stdout }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('separates several objects with a blank line', async () => {
    const { stdout } = await run('kubectl describe sa,cm -l nothing!=x', ctx);
    // Every namespace also holds the root CA publisher's kube-root-ca.crt.
    expect(stdout.match(/^Name: .*$/gm)).toEqual(['Name:                default', 'Name:         cfg', 'Name:         kube-root-ca.crt']);
    expect(stdout).toContain('Events:              <none>\n\n\nName:         cfg\n');
  });

  it('describes kinds without a describer field by field', async () => {
    const { stdout } = await run('kubectl describe priorityclass system-node-critical', ctx);
    expect(stdout).toMatch(/^Name: {9}system-node-critical\nNamespace: {4}\nLabels: {7}<none>\nAnnotations: {2}<none>\nAPI Version: {2}scheduling.k8s.io\/v1\nDescription: {2}Used for system critical pods that must not be moved from their current node.\nKind: {9}PriorityClass\nMetadata:\n {2}Creation Timestamp: {2}2026-01-01T00:00:00Z\n/);
  });

  it.each([
    { name: 'no resource type', line: 'kubectl describe', stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n' },
    { name: 'a missing object without a prefix match', line: 'kubectl describe pods nope', stderr: 'Error from server (NotFound): pods "nope" not found\n' },
    { name: 'an unknown type', line: 'kubectl describe foo', stderr: 'error: the server doesn\'t have a resource type "foo"\n' },
  ])('reports $name', async ({ line, stderr }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it.each([
    { line: 'kubectl describe deploy -n kube-public', stderr: 'No resources found in kube-public namespace.\n' },
    { line: 'kubectl describe deploy -A -l app=nothing', stderr: 'No resources found\n' },
  ])('says when $line finds nothing', async ({ line, stderr }) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr, exitCode: 0 });
  });
});
