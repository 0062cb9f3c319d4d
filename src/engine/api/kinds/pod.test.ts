import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { podGracePeriodSeconds, podQOSClass, podStrategy } from './pod.ts';
import { imageTag } from './podspec-defaults.ts';
import { messages, strategyContext } from './testing.ts';

const podWith = (spec: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec, ...extra });
const container = (c: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx:1.27', ...c });

function defaulted(pod: KubeObject): KubeObject {
  podStrategy.default!(pod, strategyContext());
  return pod;
}

function validate(spec: Record<string, unknown>): string[] {
  const pod = defaulted(podWith(spec));
  return messages(podStrategy.validate!(pod, strategyContext()));
}

describe('pod defaulting', () => {
  it('fills the pod spec and container defaults a real apiserver fills', () => {
    const pod = defaulted(podWith({ containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] }] }));
    expect(pod.spec).toEqual({
      containers: [{
        name: 'app', image: 'nginx', imagePullPolicy: 'Always', ports: [{ containerPort: 80, protocol: 'TCP' }],
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
      terminationGracePeriodSeconds: 30, enableServiceLinks: true,
    });
  });

  it('defaults requests to limits, probes, volumes and fieldRef apiVersion', () => {
    const pod = defaulted(podWith({
      containers: [container({
        resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
        readinessProbe: { httpGet: { port: 80 } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      })],
      volumes: [{ name: 'cache' }, { name: 'cfg', configMap: { name: 'cfg' } }],
    }));
    const c = (pod.spec as { containers: Record<string, unknown>[] }).containers[0]!;
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.env).toEqual([{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }]);
    expect((pod.spec as { volumes: unknown }).volumes).toEqual([{ name: 'cache', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }]);
  });

  it.each([
    { image: 'nginx', tag: 'latest' },
    { image: 'nginx:latest', tag: 'latest' },
    { image: 'nginx:1.27', tag: '1.27' },
    { image: 'localhost:5000/app', tag: 'latest' },
    { image: 'localhost:5000/app:v2', tag: 'v2' },
    { image: 'nginx@sha256:abcd', tag: '' },
  ])('the tag of $image is "$tag"', ({ image, tag }) => expect(imageTag(image)).toBe(tag));
});

describe('pod validation', () => {
  it.each([
    { name: 'a pod needs containers', spec: {}, want: ['spec.containers: Required value'] },
    { name: 'a container needs an image', spec: { containers: [{ name: 'app' }] }, want: ['spec.containers[0].image: Required value'] },
    {
      name: 'container names are DNS labels',
      spec: { containers: [container({ name: 'App' })] },
      want: ["spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
    },
    { name: 'container names are unique', spec: { containers: [container(), container()] }, want: ['spec.containers[1].name: Duplicate value: "app"'] },
    {
      name: 'container ports are in range',
      spec: { containers: [container({ ports: [{ containerPort: 70000 }] })] },
      want: ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'port protocols are TCP, UDP or SCTP',
      spec: { containers: [container({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] },
      want: ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    },
    {
      name: 'a request may not exceed its limit',
      spec: { containers: [container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] },
      want: ['spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    },
    {
      name: 'restartPolicy is one of the three',
      spec: { containers: [container()], restartPolicy: 'Sometimes' },
      want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    },
    {
      name: 'a volume mount names a declared volume',
      spec: { containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
      want: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    },
    {
      name: 'volume names are unique',
      spec: { containers: [container()], volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] },
      want: ['spec.volumes[1].name: Duplicate value: "v"'],
    },
    {
      name: 'env names follow the environment variable rule',
      spec: { containers: [container({ env: [{ name: '1X', value: 'a' }] })] },
      want: ["spec.containers[0].env[0].name: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"],
    },
    { name: 'a well-formed pod is valid', spec: { containers: [container({ ports: [{ containerPort: 80, name: 'http' }] })] }, want: [] },
  ])('$name', ({ spec, want }) => expect(validate(spec)).toEqual(want));
});

describe('pod updates', () => {
  const old = defaulted(podWith({ containers: [container()], tolerations: [{ key: 'a', operator: 'Exists' }] }));
  const update = (change: (spec: Record<string, unknown>) => void) => {
    const next = structuredClone(old);
    change(next.spec as Record<string, unknown>);
    return messages(podStrategy.validateUpdate!(next, old, strategyContext()));
  };

  it('may change a container image and add tolerations', () => {
    expect(update((s) => {
      (s.containers as Record<string, unknown>[])[0]!.image = 'nginx:1.28';
      (s.tolerations as unknown[]).push({ key: 'b', operator: 'Exists' });
    })).toEqual([]);
  });

  it('may not change anything else, with the upstream message', () => {
    const [msg] = update((s) => { s.restartPolicy = 'Never'; });
    expect(msg).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/);
    expect(msg).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });

  it('may not remove a toleration', () => {
    expect(update((s) => { s.tolerations = []; })).toHaveLength(1);
  });
});

describe('pod create and delete', () => {
  it.each([
    { name: 'no resources is BestEffort', resources: undefined, want: 'BestEffort' },
    { name: 'requests equal to limits for cpu and memory is Guaranteed', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, want: 'Guaranteed' },
    { name: 'requests only is Burstable', resources: { requests: { cpu: '100m' } }, want: 'Burstable' },
  ])('$name', ({ resources, want }) => {
    expect(podQOSClass({ containers: [container(resources ? { resources } : {})] })).toBe(want);
  });

  it('starts a new pod Pending with its QoS class', () => {
    const pod = defaulted(podWith({ containers: [container()] }));
    podStrategy.prepareForCreate!(pod, strategyContext());
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    { name: 'a scheduled pod waits its terminationGracePeriodSeconds', nodeName: 'n1', phase: 'Running', requested: undefined, want: 30 },
    { name: 'a requested period wins over the pod\'s own', nodeName: 'n1', phase: 'Running', requested: 5, want: 5 },
    { name: 'an unscheduled pod goes at once', nodeName: '', phase: 'Pending', requested: 10, want: 0 },
    { name: 'a finished pod goes at once', nodeName: 'n1', phase: 'Succeeded', requested: undefined, want: 0 },
  ])('$name', ({ nodeName, phase, requested, want }) => {
    const pod = defaulted(podWith({ containers: [container()], nodeName }, { status: { phase } }));
    expect(podGracePeriodSeconds(pod, requested)).toBe(want);
  });
});
