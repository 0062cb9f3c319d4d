import { describe, expect, it } from 'vitest';
import { formatJsonLines, formatTranscript, runScript, scriptLines } from './script.ts';

const SAMPLE = `# A namespace's age follows the virtual clock.
kubectl get namespaces
sleep 90
kubectl get ns default \\
  -o name
kubectl get ns default
kubectl get namespace nope
kubectl get pods
kubectl get flowers
kubectl create namespace shop
kubectl create deployment web --image=nginx:1.27 -n shop
kubectl get deploy -n shop -o name
`;

describe('runScript', () => {
  it('runs each line on a fresh cluster and prints the terminal transcript', async () => {
    const steps = await runScript(SAMPLE);
    expect(formatTranscript(steps)).toBe(`$ kubectl get namespaces
NAME              STATUS   AGE
default           Active   0s
kube-node-lease   Active   0s
kube-public       Active   0s
kube-system       Active   0s
$ sleep 90
$ kubectl get ns default -o name
namespace/default
$ kubectl get ns default
NAME      STATUS   AGE
default   Active   90s
$ kubectl get namespace nope
Error from server (NotFound): namespaces "nope" not found
[exit 1]
$ kubectl get pods
No resources found in default namespace.
$ kubectl get flowers
error: the server doesn't have a resource type "flowers"
[exit 1]
$ kubectl create namespace shop
namespace/shop created
$ kubectl create deployment web --image=nginx:1.27 -n shop
deployment.apps/web created
$ kubectl get deploy -n shop -o name
deployment.apps/web
`);
  });

  it('reads -f files through the injected readFile', async () => {
    const files: Record<string, string> = { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: "1"}\n' };
    const steps = await runScript('kubectl create -f cm.yaml\nkubectl create -f nope.yaml\n', {
      readFile: async (p) => files[p] ?? Promise.reject(new Error(`open ${p}: no such file or directory`)),
    });
    expect(steps.map((s) => [s.stdout, s.exitCode])).toEqual([['configmap/settings created\n', 0], ['', 1]]);
  });

  it('reports one JSON object per line with --json', async () => {
    const steps = await runScript('kubectl get ns nope\n');
    expect(formatJsonLines(steps)).toBe(
      '{"command":"kubectl get ns nope","stdout":"","stderr":"Error from server (NotFound): namespaces \\"nope\\" not found\\n","exitCode":1}\n');
  });

  it('answers a bad sleep as GNU sleep does, and goes on', async () => {
    const steps = await runScript('sleep soon\nsleep\nkubectl get ns default -o name\n');
    expect(steps.map((s) => [s.stderr, s.exitCode])).toEqual([
      ["sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n", 1],
      ["sleep: missing operand\nTry 'sleep --help' for more information.\n", 1],
      ['', 0],
    ]);
  });

  it('boots the cluster of the given spec each time: two runs see the same fresh cluster', async () => {
    const once = await runScript('kubectl get ns -o name');
    const twice = await runScript('kubectl get ns -o name', { clusterSpec: { seed: 7, features: {} } });
    expect(twice).toEqual(once);
  });
});

describe('scriptLines', () => {
  it.each([
    { name: 'drops comments and blank lines, trimming the rest', text: '# c\n\n  kubectl get ns  \n\t# indented comment\n', want: ['kubectl get ns'] },
    { name: 'joins backslash continuations', text: 'kubectl get \\\n  pods \\\n  -A\nsleep 1', want: ['kubectl get pods -A', 'sleep 1'] },
    { name: 'keeps a trailing continuation that ends the file', text: 'kubectl get \\', want: ['kubectl get'] },
    { name: 'accepts CRLF line ends', text: 'a\r\nb\r\n', want: ['a', 'b'] },
  ])('$name', ({ text, want }) => expect(scriptLines(text)).toEqual(want));
});
