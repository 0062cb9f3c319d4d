// kubectl create deployment | job | cronjob: workload objects from an image and a command.
// Models kubernetes/kubectl pkg/cmd/create/create_deployment.go, create_job.go, create_cronjob.go.
import type { KubeObject } from '../../engine/api/index.ts';
import { KubectlError } from '../errors.ts';
import { resourcesFromArgs } from '../resource.ts';
import type { Command, Invocation } from './command.ts';
import { commandAfterDash, generatorCommand, objectMeta, sortedMap, type Generated } from './create-generator.ts';
import { CREATE_CRONJOB_HELP, CREATE_DEPLOYMENT_HELP, CREATE_JOB_HELP } from './help-create.ts';

// utilrand.String's alphabet: no vowels, no confusable digits.
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

// create_deployment.go buildPodSpec: the container is named after the image's last path
// segment without tag or digest; `.` and `_` become `-` and a random suffix keeps names apart.
function containerName(inv: Invocation, image: string): string {
  let name = image.split('/').pop()!.split(':')[0]!.split('@')[0]!;
  if (/[_.]/.test(name)) {
    const suffix = Array.from({ length: 5 }, () => RAND_ALPHABET[inv.ctx.clock.rng.int(RAND_ALPHABET.length)]).join('');
    name = `${name.replace(/[_.]/g, '-')}-${suffix}`;
  }
  return name;
}

/** A container in corev1.Container's field order. */
const container = (name: string, image: string, command: string[], ports?: Array<{ containerPort: number }>) => ({
  name, image, ...(command.length > 0 ? { command } : {}), ...(ports ? { ports } : {}), resources: {},
});

const deployment = generatorCommand({
  name: 'deployment', aliases: ['deploy'], help: CREATE_DEPLOYMENT_HELP, required: ['image'], failure: 'failed to create deployment',
  resource: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true },
  build(inv, name) {
    const images = inv.flags.strings('image');
    const command = commandAfterDash(inv);
    if (images.length > 1 && command.length > 0) throw new KubectlError('cannot specify multiple --image options and command');
    const labels = { app: name };
    const port = inv.flags.int('port');
    const containers = images.map((image, i) => container(containerName(inv, image), image, command, i === 0 && port >= 0 ? [{ containerPort: port }] : undefined));
    return {
      kind: 'Deployment', apiVersion: 'apps/v1', metadata: objectMeta(inv, name, true, { labels }),
      spec: {
        replicas: inv.flags.int('replicas'), selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } }, strategy: {},
      },
      status: {},
    };
  },
});

const job = generatorCommand({
  name: 'job', help: CREATE_JOB_HELP, failure: 'failed to create job',
  resource: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true },
  async build(inv, name) {
    const image = inv.flags.string('image'), from = inv.flags.string('from');
    const command = commandAfterDash(inv);
    if ((image === '') === (from === '')) throw new KubectlError('either --image or --from must be specified');
    if (command.length > 0 && from) throw new KubectlError('cannot specify --from and command');
    if (image) {
      return {
        kind: 'Job', apiVersion: 'batch/v1', metadata: objectMeta(inv, name, true),
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, command)], restartPolicy: 'Never' } } },
        status: {},
      };
    }
    const infos = await resourcesFromArgs(inv, [from]);
    const [info] = infos;
    if (infos.length !== 1 || !info) throw new KubectlError('from must be an existing cronjob');
    if (info.mapping.kind !== 'CronJob') throw new KubectlError(`unknown object type *${info.mapping.group || 'v1'}.${info.mapping.kind}`);
    const cronJob = await inv.rest.request({ verb: 'get', group: 'batch', version: 'v1', resource: 'cronjobs', namespace: info.namespace, name: info.name }) as KubeObject;
    return jobFromCronJob(inv, name, cronJob);
  },
});

// create_job.go createJobFromCronJob: the template's spec, marked as a manual run and
// controlled by the CronJob (without blockOwnerDeletion, which would need cronjobs/finalizers).
function jobFromCronJob(inv: Invocation, name: string, cronJob: KubeObject): Generated {
  const template = (cronJob.spec as { jobTemplate?: { metadata?: KubeObject["metadata"]; spec?: unknown } } | undefined)?.jobTemplate ?? {};
  const annotations = sortedMap({ 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations });
  const labels = template.metadata?.labels;
  return {
    kind: 'Job', apiVersion: 'batch/v1',
    metadata: {
      name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null,
      ...(labels ? { labels: sortedMap(labels) } : {}), annotations,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata?.name ?? '', uid: cronJob.metadata?.uid ?? '', controller: true }],
    },
    spec: template.spec ?? {},
    status: {},
  };
}

const cronjob = generatorCommand({
  name: 'cronjob', aliases: ['cj'], help: CREATE_CRONJOB_HELP, required: ['image', 'schedule'], failure: 'failed to create cronjob',
  resource: { group: 'batch', version: 'v1', resource: 'cronjobs', namespaced: true },
  build(inv, name) {
    const restart = inv.flags.string('restart') || 'OnFailure';
    return {
      kind: 'CronJob', apiVersion: 'batch/v1', metadata: objectMeta(inv, name, true),
      spec: {
        schedule: inv.flags.string('schedule'),
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, inv.flags.string('image'), commandAfterDash(inv))], restartPolicy: restart } } },
        },
      },
      status: {},
    };
  },
});

export const CREATE_WORKLOAD_GENERATORS: Command[] = [deployment, job, cronjob];
