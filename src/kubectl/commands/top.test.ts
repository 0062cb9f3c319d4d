import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_SPEC } from '../../engine/cluster/index.ts';
import { bootHarness, type Harness } from '../testing/harness.ts';

// As kubectl v1.33 answers a cluster without metrics-server: the add-on off.
describe('kubectl top without metrics-server', () => {
  let h: Harness;
  beforeAll(async () => { h = await bootHarness({ ...DEFAULT_CLUSTER_SPEC, addons: { metricsServer: false } }); });
  afterAll(() => h.cluster.stop());

  it.each([
    { line: 'kubectl top nodes', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top pods', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top pod -A --containers', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top no n1', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top nodes x y', stderr: "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n" },
    { line: 'kubectl top po --sort-by=name', stderr: 'error: --sort-by accepts only cpu or memory\n' },
    { line: 'kubectl top pod web -l app=web', stderr: 'error: only one of NAME or selector can be provided\n' },
    { line: 'kubectl top pod web --field-selector=metadata.name=web', stderr: 'error: only one of NAME or selector can be provided\n' },
    { line: 'kubectl top node n1 -l a=b', stderr: 'error: only one of NAME or --selector can be provided\n' },
    { line: 'kubectl top node --containers', stderr: "error: unknown flag: --containers\nSee 'kubectl top node --help' for usage.\n" },
    { line: 'kubectl top foo', stderr: "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n" },
  ])('$line', async ({ line, stderr }) => {
    expect(await h.kubectl(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('prints its help on stderr without a subcommand', async () => {
    const r = await h.kubectl('kubectl top');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith('Display resource (CPU/memory) usage.\n')).toBe(true);
  });
});

// The default cluster: metrics-server scrapes the kubelets every 15 s; usage is seeded, so the
// numbers are the same on every run.
describe('kubectl top with metrics-server', () => {
  let h: Harness;
  const advance = async (seconds: number) => {
    for (let i = 0; i < seconds; i++) await h.clock.advanceAsync(1000);
  };
  beforeAll(async () => {
    h = await bootHarness();
  });
  afterAll(() => h.cluster.stop());

  it('says metrics are not available yet before two scrapes, for nodes and for young pods', async () => {
    expect(await h.kubectl('kubectl top node')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
    h.files['young.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata: { name: young }\nspec: { nodeName: node-1, containers: [{ name: c, image: nginx }] }\n';
    await h.kubectl('kubectl apply -f young.yaml');
    expect(await h.kubectl('kubectl top pod')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
    expect(await h.kubectl('kubectl top pod -n kube-public')).toEqual({ stdout: '', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 });
    await h.kubectl('kubectl delete pod young --grace-period=0 --force');
  });

  it.each([
    { name: 'top node: usage and percentages of allocatable, by name', line: 'kubectl top node', want: 'NODE' },
    { name: 'top pod: each pod of the namespace', line: 'kubectl top pod', want: 'POD' },
    { name: 'top pod --containers', line: 'kubectl top pod --containers', want: 'CONTAINERS' },
    { name: 'top pod -A --sort-by=memory', line: 'kubectl top pod -A --sort-by=memory', want: 'SORTED' },
    { name: 'top pod -l app=cache --no-headers', line: 'kubectl top pod -l app=cache --no-headers', want: 'SELECTED' },
    { name: 'top pod --sum', line: 'kubectl top pod --sum', want: 'SUM' },
  ])('$name', async ({ line, want }) => {
    if (!(await h.kubectl('kubectl get pod web --ignore-not-found')).stdout) {
      h.files['pods.yaml'] = PODS;
      await h.kubectl('kubectl apply -f pods.yaml');
      await advance(60);
    }
    const r = await h.kubectl(line);
    expect(r).toEqual({ stdout: EXPECTED[want], stderr: '', exitCode: 0 });
  });

  it('a named pod without metrics is NotFound from metrics-server', async () => {
    expect(await h.kubectl('kubectl top pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "nope" not found\n', exitCode: 1 });
  });
});

const PODS = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  nodeName: node-1
  containers:
  - { name: nginx, image: nginx }
  - { name: log, image: busybox, command: [sh, -c, 'while true; do echo tick; sleep 5; done'] }
---
apiVersion: v1
kind: Pod
metadata: { name: cache, labels: { app: cache } }
spec:
  nodeName: node-2
  containers:
  - { name: redis, image: redis }
---
apiVersion: v1
kind: Pod
metadata: { name: hog }
spec:
  nodeName: node-2
  containers:
  - name: stress
    image: polinux/stress
    command: [stress]
    args: [--cpu, "2", --vm, "1", --vm-bytes, 150M, --vm-hang, "1"]
    resources: { limits: { cpu: 500m, memory: 200Mi } }
`;

// node-2 runs hog (throttled to its 500m limit) and cache; the control plane's system slice
// holds the control-plane components.
const EXPECTED: Record<string, string> = {
  NODE: `NAME                       CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   
node-1                     26m          0%       223Mi           1%          
node-2                     529m         13%      371Mi           2%          
pilothouse-control-plane   147m         3%       641Mi           3%          
`,
  POD: `NAME    CPU(cores)   MEMORY(bytes)   
cache   2m           4Mi             
hog     500m         150Mi           
web     1m           6Mi             
`,
  CONTAINERS: `POD     NAME     CPU(cores)   MEMORY(bytes)   
cache   redis    2m           4Mi             
hog     stress   500m         150Mi           
web     log      1m           0Mi             
web     nginx    1m           5Mi             
`,
  SORTED: `NAMESPACE   NAME    CPU(cores)   MEMORY(bytes)   
default     hog     500m         150Mi           
default     web     1m           6Mi             
default     cache   2m           4Mi             
`,
  SELECTED: `cache   2m    4Mi   
`,
  SUM: `NAME    CPU(cores)   MEMORY(bytes)   
cache   2m           4Mi             
hog     500m         150Mi           
web     1m           6Mi             
        ________     ________        
        503m         161Mi           
`,
};
