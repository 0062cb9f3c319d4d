import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { bootCluster, type Cluster } from '../../engine/cluster/index.ts';
import type { OpenAPIV3Document } from '../../engine/client/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { renderPlaintext } from '../explain/template.ts';
import { run } from '../kubectl.ts';

let cluster: Cluster;
let ctx: KubectlContext;

beforeAll(async () => {
  const clock = new VirtualClock({ seed: 1 });
  cluster = await bootCluster({ store: createMemoryStore({ clock }), clock });
  await cluster.ready;
  ctx = { client: cluster.client, kubeconfig: defaultKubeconfig(), clock };
});
afterAll(() => cluster.stop());

// What kubectl.1.33 prints for these lines against `pilothouse serve`.
describe('kubectl explain', () => {
  it.each([
    { name: 'explains a field of a kind named by its short name', line: 'kubectl explain deploy.spec.strategy', exitCode: 0, stderr: '',
      stdout: 'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n    The deployment strategy to use to replace existing pods with new ones.\n    DeploymentStrategy describes how to replace existing pods with new ones.\n    \nFIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    Rolling update config params. Present only if DeploymentStrategyType =\n    RollingUpdate.\n\n  type\t<string>\n    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is\n    RollingUpdate.\n\n\n' },
    { name: 'prints the field tree with --recursive', line: 'kubectl explain pod.spec.containers.ports --recursive', exitCode: 0, stderr: '',
      stdout: 'KIND:       Pod\nVERSION:    v1\n\nFIELD: ports <[]ContainerPort>\n\n\nDESCRIPTION:\n    List of ports to expose from the container. Not specifying a port here DOES\n    NOT prevent that port from being exposed. Any port which is listening on the\n    default "0.0.0.0" address inside a container will be accessible from the\n    network. Modifying this array with strategic merge patch may corrupt the\n    data. For more information See\n    https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.\n    ContainerPort represents a network port in a single container.\n    \nFIELDS:\n  containerPort\t<integer> -required-\n  hostIP\t<string>\n  hostPort\t<integer>\n  name\t<string>\n  protocol\t<string>\n\n' },
    { name: 'explains another version with --api-version, through a list', line: 'kubectl explain hpa.spec.metrics.resource --api-version=autoscaling/v2', exitCode: 0, stderr: '',
      stdout: 'GROUP:      autoscaling\nKIND:       HorizontalPodAutoscaler\nVERSION:    v2\n\nFIELD: resource <ResourceMetricSource>\n\n\nDESCRIPTION:\n    resource refers to a resource metric (such as those specified in requests\n    and limits) known to Kubernetes describing each pod in the current scale\n    target (e.g. CPU or memory). Such metrics are built in to Kubernetes, and\n    have special scaling options on top of those available to normal per-pod\n    metrics using the "pods" source.\n    ResourceMetricSource indicates how to scale on a resource metric known to\n    Kubernetes, as specified in requests and limits, describing each pod in the\n    current scale target (e.g. CPU or memory).  The values will be averaged\n    together before being compared to the target.  Such metrics are built in to\n    Kubernetes, and have special scaling options on top of those available to\n    normal per-pod metrics using the "pods" source.  Only one "target" type\n    should be set.\n    \nFIELDS:\n  name\t<string> -required-\n    name is the name of the resource in question.\n\n  target\t<MetricTarget> -required-\n    target specifies the target value for the given metric\n\n\n' },
    { name: 'refuses a missing argument', line: 'kubectl explain', exitCode: 1, stdout: '',
      stderr: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n' },
    { name: 'refuses two arguments', line: 'kubectl explain pods svc', exitCode: 1, stdout: '', stderr: 'error: We accept only this format: explain RESOURCE\n' },
    { name: 'prints an unknown resource type without error:', line: 'kubectl explain foo', exitCode: 1, stdout: '', stderr: 'the server doesn\'t have a resource type "foo"\n' },
    { name: 'names the last field of a path that does not exist, after the header', line: 'kubectl explain pod.bogus.foo', exitCode: 1,
      stdout: 'KIND:       Pod\nVERSION:    v1\n\n', stderr: 'error: field "foo" does not exist\n' },
    { name: 'a version the server does not document', line: 'kubectl explain pods --api-version=v2', exitCode: 1, stdout: '',
      stderr: 'error: couldn\'t find resource for "/v2, Resource=pods"\n' },
    { name: 'a resource the version does not serve', line: 'kubectl explain pods --api-version=apps/v1', exitCode: 1, stdout: '',
      stderr: 'error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n' },
    { name: 'a malformed --api-version', line: 'kubectl explain pods --api-version=a/b/c', exitCode: 1, stdout: '', stderr: 'error: unexpected GroupVersion string: a/b/c\n' },
    { name: 'an unknown output format', line: 'kubectl explain pods --output=yaml', exitCode: 1, stdout: '', stderr: 'error: unrecognized format: yaml\n' },
    { name: 'no -o shorthand', line: 'kubectl explain pods -o yaml', exitCode: 1, stdout: '',
      stderr: "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl explain --help' for usage.\n" },
    // Not kubectl's text: kubectl would render OpenAPI v2, which Pilothouse's kubectl does not.
    { name: 'refuses plaintext-openapiv2 plainly', line: 'kubectl explain pods --output=plaintext-openapiv2', exitCode: 1, stdout: '',
      stderr: "error: --output=plaintext-openapiv2 is not supported by Pilothouse's kubectl: its schemas are OpenAPI v3 (use --output=plaintext)\n" },
  ])('$name', async ({ line, stdout, stderr, exitCode }) => {
    expect(await run(line, ctx)).toEqual({ stdout, stderr, exitCode });
  });

  it('prints its help as kubectl v1.33', async () => {
    const { stdout } = await run('kubectl explain --help', ctx);
    expect(stdout).toContain('Describe fields and structure of various resources.\n');
    expect(stdout).toContain('  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]\n');
  });
});

// The in-process transport rebuilds its documents from the compact schemas; the served ones are
// the real v1.33 documents. Explain must read the same from both, for every kind and version.
describe('the in-process OpenAPI v3 documents', () => {
  const served = (docPath: string) =>
    readFile(path.resolve(import.meta.dirname, '../../engine/api/generated/openapi-v3', `${docPath}.json.gz`))
      .then((gz) => JSON.parse(gunzipSync(gz).toString('utf8')) as OpenAPIV3Document);

  it('explain every served resource, recursively too, as the real documents do', async () => {
    const paths = await cluster.client.openapiV3();
    const { resources } = await cluster.client.discovery();
    let compared = 0;
    for (const list of resources) {
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') as [string, string] : ['', list.groupVersion];
      const docPath = group ? `apis/${group}/${version}` : `api/${version}`;
      const ours = await paths[docPath]?.schema();
      if (!ours) continue;
      const real = await served(docPath);
      for (const r of list.resources.filter((x) => !x.name.includes('/'))) {
        for (const recursive of [false, true]) {
          const req = { group, version, resource: r.name, fieldPath: [], recursive };
          expect(renderPlaintext(ours, req), `${docPath} ${r.name}${recursive ? ' --recursive' : ''}`).toBe(renderPlaintext(real, req));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
