// kubectl logs and exec against an apiserver whose node runs a scripted kubelet. The expected
// texts are the real kubectl v1.33's (test/serve-connect.test.ts checks the same lines with it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, createFakeKubelet, type KubeObject } from '../../engine/api/index.ts';
import { VirtualClock } from '../../engine/clock/index.ts';
import { createClient, createInProcessTransport } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import { ATTACH_HELP, EXEC_HELP, LOGS_HELP } from './help-connect.ts';

const kubelet = createFakeKubelet();
let ctx: KubectlContext;

const line = (time: string, text: string) => ({ time, text });
const pod = (name: string, containers: string[], labels: Record<string, string> = {}, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels, annotations },
  spec: { nodeName: 'node-a', containers: containers.map((c) => ({ name: c, image: 'nginx' })) },
} as KubeObject);

beforeAll(async () => {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock, kubelets: (n) => (n === 'node-a' ? kubelet : undefined) });
  const client = createClient(createInProcessTransport(api));
  await client.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
  const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
  await client.create(pods, pod('web', ['web'], { app: 'web' }));
  await client.create(pods, pod('web-2', ['web'], { app: 'web' }));
  await client.create(pods, pod('two', ['a', 'b']));
  await client.create(pods, pod('annotated', ['a', 'b'], {}, { 'kubectl.kubernetes.io/default-container': 'b' }));
  await client.create({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' }, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  } as KubeObject);
  const ref = (p: string, c: string) => ({ namespace: 'default', pod: p, container: c });
  kubelet.run(ref('web', 'web'), { env: { HOSTNAME: 'web' }, log: [line('2025-01-01T00:00:01.000000000Z', 'one'), line('2025-01-01T00:00:02.000000000Z', 'two')] });
  kubelet.run(ref('web-2', 'web'), { log: [line('2025-01-01T00:00:03.000000000Z', 'second pod')] });
  kubelet.run(ref('two', 'a'), { log: [line('2025-01-01T00:00:01.000000000Z', 'from a')] });
  kubelet.run(ref('annotated', 'b'), { log: [line('2025-01-01T00:00:01.000000000Z', 'from b')] });
  ctx = { client, kubeconfig: defaultKubeconfig(), clock, stdin: 'typed\n' };
});

afterAll(() => {
  expect(kubelet.open).toBe(0);
});

const HINT = "If you don't see a command prompt, try pressing enter.\n";
const usage = (cmd: string, message: string) => `error: ${message}\nSee 'kubectl ${cmd} -h' for help and examples\n`;

describe('kubectl logs, exec and attach', () => {
  it.each([
    { name: 'logs of a pod', line: 'kubectl logs web', stdout: 'one\ntwo\n' },
    { name: 'logs --tail', line: 'kubectl logs web --tail=1', stdout: 'two\n' },
    { name: 'logs --timestamps', line: 'kubectl logs pod/web --timestamps --tail 1', stdout: '2025-01-01T00:00:02.000000000Z two\n' },
    { name: 'logs of a missing pod say where they looked', line: 'kubectl logs nope', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', exitCode: 1 },
    { name: 'logs -p of a container that never restarted', line: 'kubectl logs web -p', stderr: 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n', exitCode: 1 },
    { name: 'logs of a two-container pod default to the first, and say so', line: 'kubectl logs two', stdout: 'from a\n', stderr: 'Defaulted container "a" out of: a, b\n' },
    { name: 'logs follow the default-container annotation silently', line: 'kubectl logs annotated', stdout: 'from b\n' },
    { name: 'logs -c picks the container', line: 'kubectl logs two -c a', stdout: 'from a\n' },
    { name: 'logs POD CONTAINER, the inline form', line: 'kubectl logs two a', stdout: 'from a\n' },
    { name: 'logs of a deployment read its first pod', line: 'kubectl logs deploy/web', stdout: 'one\ntwo\n' },
    { name: 'logs -l read every matching pod, with --prefix', line: 'kubectl logs -l app=web --prefix', stdout: '[pod/web/web] one\n[pod/web/web] two\n[pod/web-2/web] second pod\n' },
    { name: 'logs -l matching nothing', line: 'kubectl logs -l app=none', stderr: 'No resources found in default namespace.\n' },
    { name: 'logs -f in a script prints what is there, then ends as Ctrl-C does (exit 1, as get -w)', line: 'kubectl logs -f web', stdout: 'one\ntwo\n', exitCode: 1 },
    { name: 'logs -f over more streams than allowed', line: 'kubectl logs -f -l app=web --max-log-requests=1', stderr: 'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n', exitCode: 1 },
    { name: 'logs without a pod', line: 'kubectl logs', stderr: usage('logs', "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command"), exitCode: 1 },
    { name: 'logs with a selector and a pod', line: 'kubectl logs -l app=web web', stderr: usage('logs', 'only a selector (-l) or a POD name is allowed'), exitCode: 1 },
    { name: 'logs --tail below -1', line: 'kubectl logs web --tail=-2', stderr: 'error: --tail must be greater than or equal to -1\n', exitCode: 1 },
    { name: 'logs --all-containers with a container', line: 'kubectl logs two --all-containers -c a', stderr: 'error: --all-containers=true should not be specified with container name a\n', exitCode: 1 },
    { name: 'logs --help', line: 'kubectl logs --help', stdout: LOGS_HELP },
    { name: 'exec env', line: 'kubectl exec web -- env', stdout: 'HOSTNAME=web\n' },
    { name: 'exec with a non-zero exit code', line: "kubectl exec web -- sh -c 'exit 3'", stderr: 'command terminated with exit code 3\n', exitCode: 3 },
    { name: 'exec -i sends stdin', line: 'kubectl exec -i web -- cat', stdout: 'typed\n' },
    { name: 'exec -it without a terminal says so and goes on', line: 'kubectl exec -it web -- env', stdout: 'HOSTNAME=web\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n' },
    { name: 'exec in a missing pod', line: 'kubectl exec nope -- env', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 },
    { name: 'exec without a pod', line: 'kubectl exec', stderr: 'error: pod, type/name or --filename must be specified\n', exitCode: 1 },
    { name: 'exec without a command', line: 'kubectl exec web', stderr: 'error: you must specify at least one command for the container\n', exitCode: 1 },
    { name: 'exec in the deprecated form without --', line: 'kubectl exec web ls', stderr: usage('exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead'), exitCode: 1 },
    { name: 'exec --help', line: 'kubectl exec --help', stdout: EXEC_HELP },
    // The fake's main process is `cat`: it ends at the end of its input (none without -i).
    { name: 'attach prints the prompt hint, then the output until the process ends', line: 'kubectl attach web', stderr: HINT },
    { name: 'attach -q prints only the session', line: 'kubectl attach web -q' },
    { name: 'attach -i sends stdin', line: 'kubectl attach -i web', stdout: 'typed\n', stderr: HINT },
    { name: 'attach -t to a container without a terminal drops it, saying so', line: 'kubectl attach web -t', stderr: `error: Unable to use a TTY - container web did not allocate one\n${HINT}` },
    { name: 'attach of a two-container pod defaults to the first', line: 'kubectl attach two', stderr: `Defaulted container "a" out of: a, b\n${HINT}` },
    { name: 'attach TYPE NAME and TYPE/NAME', line: 'kubectl attach deployment web -q' },
    { name: 'attach -c of a container the pod does not have', line: 'kubectl attach two -c nope', stderr: 'error: cannot attach to the container: container nope not found in pod two\n', exitCode: 1 },
    { name: 'attach to a missing pod', line: 'kubectl attach nope', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 },
    { name: 'attach without a pod', line: 'kubectl attach', stderr: 'error: at least 1 argument is required for attach\n', exitCode: 1 },
    { name: 'attach with too many arguments', line: 'kubectl attach a b c', stderr: 'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n', exitCode: 1 },
    { name: 'attach --help', line: 'kubectl attach --help', stdout: ATTACH_HELP },
  ])('$name', async (c) => {
    expect(await run(c.line, ctx)).toEqual({ stdout: c.stdout ?? '', stderr: c.stderr ?? '', exitCode: c.exitCode ?? 0 });
  });
});
