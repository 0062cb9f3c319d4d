// `pilothouse serve` driven by real clients: the real kubectl v1.33 (DESIGN.md: our oracle) and
// the official JavaScript client. Each test asserts what the real client prints and its exit
// code, so a difference from a real apiserver shows up as a kubectl message that changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { findTool, titleWithTool } from './support/tools.ts';
import { startTestServer, type TestServer } from './support/serve.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;

const configMap = (name: string, data: Record<string, string>) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(kubectlPath);
  // Every namespace was created at the clock's start; five minutes later each is 5m old.
  await server.clock.advanceAsync(5 * 60_000);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

withKubectl(titleWithTool('real kubectl against pilothouse serve', 'kubectl', kubectlPath), () => {
  it('reports the server version v1.33.1', async () => {
    const { code, stdout } = await server.kubectl(['version', '-o', 'json']);
    expect(code).toBe(0);
    const version = JSON.parse(stdout) as { serverVersion: Record<string, string> };
    expect(version.serverVersion).toMatchObject({ major: '1', minor: '33', gitVersion: 'v1.33.1', platform: 'linux/amd64' });
  });

  it('lists exactly the registry\'s resources in api-resources (from aggregated discovery)', async () => {
    const { code, stdout } = await server.kubectl(['api-resources', '-o', 'name']);
    expect(code).toBe(0);
    const registry = server.cluster.api.registry;
    const preferred = new Set(registry.groups().map((g) => `${g.group}/${g.preferredVersion}`));
    const expected = registry.groupVersions()
      .filter((gv) => preferred.has(`${gv.group}/${gv.version}`))
      .flatMap((gv) => gv.resources.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)));
    expect(stdout.trim().split('\n').sort()).toEqual([...new Set(expected)].sort());
  });

  it('prints the namespaces table with its AGE column', async () => {
    const { code, stdout } = await server.kubectl(['get', 'ns']);
    expect(code).toBe(0);
    expect(stdout).toBe([
      'NAME              STATUS   AGE',
      'default           Active   5m',
      'kube-node-lease   Active   5m',
      'kube-public       Active   5m',
      'kube-system       Active   5m',
      '',
    ].join('\n'));
  });

  it('creates from a file, prints it as YAML, and refuses a second create with AlreadyExists', async () => {
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(await server.kubectl(['create', '-f', '-'], pod)).toMatchObject({ code: 0, stdout: 'pod/web created\n' });
    const yaml = await server.kubectl(['get', 'pods', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Pod\n/);
    expect(yaml.stdout).toContain('    name: web\n');
    expect(yaml.stdout).toContain('    imagePullPolicy: Always\n');
    const again = await server.kubectl(['create', '-f', '-'], pod);
    expect(again).toMatchObject({ code: 1, stderr: 'Error from server (AlreadyExists): error when creating "STDIN": pods "web" already exists\n' });
  });

  it('applies created, unchanged, configured; then deletes', async () => {
    expect(await server.kubectl(['apply', '-f', '-'], configMap('settings', { a: '1' }))).toMatchObject({ code: 0, stdout: 'configmap/settings created\n' });
    expect(await server.kubectl(['apply', '-f', '-'], configMap('settings', { a: '1' }))).toMatchObject({ code: 0, stdout: 'configmap/settings unchanged\n' });
    expect(await server.kubectl(['apply', '-f', '-'], configMap('settings', { a: '2' }))).toMatchObject({ code: 0, stdout: 'configmap/settings configured\n' });
    const got = await server.kubectl(['get', 'cm', 'settings', '-o', 'jsonpath={.data.a}']);
    expect(got.stdout).toBe('2');
    expect(await server.kubectl(['delete', 'cm', 'settings'])).toMatchObject({ code: 0, stdout: 'configmap "settings" deleted\n' });
  });

  it.each([
    { name: 'a missing object is NotFound', args: ['get', 'cm', 'nope'], stderr: 'Error from server (NotFound): configmaps "nope" not found\n' },
    {
      name: 'an impersonated user without a role is Forbidden', args: ['--as=bob', 'get', 'pods'],
      stderr: 'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"\n',
    },
    { name: 'a wrong token is Unauthorized', args: ['--token=not-a-token', 'get', 'ns'], stderr: 'error: You must be logged in to the server (Unauthorized)\n' },
  ])('$name', async ({ args, stderr }) => {
    const result = await server.kubectl(args);
    expect(result).toMatchObject({ code: 1, stdout: '', stderr });
  });

  it('publishes the CA that signed the serving certificate as kube-root-ca.crt, the one in the kubeconfig', async () => {
    const published = await server.kubectl(['get', 'cm', 'kube-root-ca.crt', '-n', 'kube-public', '-o', 'jsonpath={.data.ca\\.crt}']);
    const inKubeconfig = await server.kubectl(['config', 'view', '--raw', '-o', 'jsonpath={.clusters[0].cluster.certificate-authority-data}']);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(published.stdout).toBe(Buffer.from(inKubeconfig.stdout, 'base64').toString('utf8'));
  });

  it('reads the OpenAPI v2 document: raw JSON, and explain over its protobuf (client-go OpenAPISchema)', async () => {
    const raw = await server.kubectl(['get', '--raw', '/openapi/v2']);
    expect(raw.code).toBe(0);
    expect(raw.stdout.slice(0, 60)).toBe('{"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.');
    // plaintext-openapiv2 is explain's renderer over the v2 document, fetched as protobuf.
    const { code, stdout, stderr } = await server.kubectl(['explain', '--output=plaintext-openapiv2', 'pods.spec.containers.ports', '-v=6']);
    expect(code).toBe(0);
    expect(stderr).toContain(`"Response" verb="GET" url="${server.served.url}/openapi/v2?timeout=32s" status="200 OK"`);
    expect(stdout).toMatch(/^KIND: {5}Pod\nVERSION: {2}v1\n\nRESOURCE: ports <\[\]Object>\n\nDESCRIPTION:\n {5}List of ports to expose from the container\./);
    expect(stdout).toContain('\n   containerPort\t<integer> -required-\n     Number of port to expose on the pod\'s IP address.');
    expect(stdout).toContain('\n   protocol\t<string>\n');
  });

  it('shows the request lines at --v=6', async () => {
    const { code, stderr } = await server.kubectl(['get', 'ns', 'default', '-v=6']);
    expect(code).toBe(0);
    expect(stderr).toContain(`"Response" verb="GET" url="${server.served.url}/api/v1/namespaces/default" status="200 OK"`);
  });

  it('streams a pod created after `get pods -w` started', async () => {
    const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'kube-public' };
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await server.cluster.client.create(pods, pod('listed'));
    const watcher = server.spawnKubectl(['get', 'pods', '-w', '-n', 'kube-public']);
    let out = '';
    watcher.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    // A row has arrived once its line is complete: output may come in any chunks.
    const seen = (name: string) => new Promise<void>((resolve, reject) => {
      const check = () => { if (new RegExp(`^${name} .*\\n`, 'm').test(out)) resolve(); };
      watcher.stdout!.on('data', check);
      watcher.once('exit', () => reject(new Error(`kubectl exited; output so far: ${out}`)));
      check();
    });
    try {
      // The list comes first; its resourceVersion starts the watch, so a pod created from here on is streamed.
      await seen('listed');
      await server.cluster.client.create(pods, pod('watched'));
      await seen('watched');
      expect(out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nlisted +0\/1 +Pending +0 +0s\nwatched +0\/1 +Pending +0 +0s\n/);
    } finally {
      watcher.kill();
    }
  });
});

describe('@kubernetes/client-node against pilothouse serve', () => {
  const load = () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    return kc;
  };

  it('lists namespaces and creates a ConfigMap', async () => {
    const core = load().makeApiClient(k8s.CoreV1Api);
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'from-js' }, data: { k: 'v' } } });
    expect(created.metadata?.uid).toBeTruthy();
    await expect(core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'from-js' } } }))
      .rejects.toMatchObject({ code: 409 });
  });

  it('receives ADDED from a Watch', async () => {
    const watch = new k8s.Watch(load());
    const added = new Promise<string>((resolve, reject) => {
      void watch.watch('/api/v1/namespaces/kube-node-lease/configmaps', {}, (type, obj: { metadata?: { name?: string } }) => {
        if (type === 'ADDED' && obj.metadata?.name === 'watched-js') resolve(obj.metadata.name);
      }, (err: unknown) => { if (err) reject(err as Error); }).then((controller) => {
        void added.finally(() => controller.abort());
      });
    });
    await load().makeApiClient(k8s.CoreV1Api).createNamespacedConfigMap({ namespace: 'kube-node-lease', body: { metadata: { name: 'watched-js' } } });
    await expect(added).resolves.toBe('watched-js');
  });
});
