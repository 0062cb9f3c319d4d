// The parts of a pod spec that pods and every workload's Pod Template describe alike:
// containers (image, ports, command, state, resources, probes, environment, mounts) and volumes.
// Models kubernetes/kubectl pkg/describe/describe.go (describeContainers and its helpers,
// DescribeProbe, describeStatus, describeVolumes and the print*VolumeSource functions, DescribePodTemplate).
import type { KubeObject } from '../../engine/api/index.ts';
import { printLabels, printAnnotations, printTolerations, orNone, rfc1123z, goBool, type PrefixWriter, type Toleration } from './writer.ts';

type Resources = { limits?: Record<string, string>; requests?: Record<string, string> };
type Probe = {
  exec?: { command?: string[] }; httpGet?: { scheme?: string; host?: string; port?: number | string; path?: string };
  tcpSocket?: { host?: string; port?: number | string }; grpc?: { port: number; service?: string };
  initialDelaySeconds?: number; timeoutSeconds?: number; periodSeconds?: number; successThreshold?: number; failureThreshold?: number;
};
type KeyRef = { name?: string; key?: string; optional?: boolean };

/** A container as the API holds it, as far as describe reads it. */
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: Array<{ containerPort: number; hostPort?: number; protocol?: string }>;
  resources?: Resources;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  env?: Array<{ name: string; value?: string; valueFrom?: { fieldRef?: { apiVersion?: string; fieldPath: string }; resourceFieldRef?: { resource: string }; secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef } }>;
  envFrom?: Array<{ prefix?: string; configMapRef?: KeyRef; secretRef?: KeyRef }>;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean; subPath?: string }>;
}

type State = { running?: { startedAt?: string }; waiting?: { reason?: string }; terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: string; finishedAt?: string } };

/** A container's status, as far as describe reads it. */
export interface ContainerStatus {
  name: string;
  containerID?: string;
  imageID?: string;
  state?: State;
  lastState?: State;
  ready?: boolean;
  restartCount?: number;
}

/** A pod spec, as far as describe reads it. */
export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Array<Record<string, unknown> & { name: string }>;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  serviceAccountName?: string;
  priorityClassName?: string;
}

/** A pod template (deployments, replica sets, jobs). */
export interface PodTemplate {
  metadata?: KubeObject['metadata'];
  spec?: PodSpec;
}

/** Resolves a downward-API env var (fieldRef) against the pod; '' where it cannot. */
export type EnvResolver = (fieldPath: string) => string;

const portStrings = (ports: Container['ports'], host: boolean) => (ports ?? []).map((p) => `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');

/** Writes `Containers:` (or `Init Containers:`) and each container; `space` indents a template's. */
export function describeContainers(w: PrefixWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, resolve: EnvResolver | undefined, space: string): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = portStrings(c.ports, false), hostPorts = portStrings(c.ports, true);
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
    for (const [title, items] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!items?.length) continue;
      w.write(2, `${title}:\n`);
      for (const item of items) for (const line of item.split('\n')) w.write(3, `${line}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state ?? {});
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) describeEnvFrom(w, c);
    describeEnv(w, c, resolve);
    w.write(2, `Mounts:${c.volumeMounts?.length ? '' : '\t<none>'}\n`);
    for (const m of [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0))) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function describeState(w: PrefixWriter, title: string, state: State): void {
  if (state.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

// As SortedResourceNames: plain string order of the resource names.
const sortedKeys = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort();

/** `Limits:` and `Requests:`, each resource on its own line (describeResources). */
export function describeResources(w: PrefixWriter, resources: Resources | undefined, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const keys = sortedKeys(list);
    if (keys.length > 0) w.write(level, `${title}:\n`);
    for (const k of keys) w.write(level + 1, `${k}:\t${list![k]}\n`);
  }
}

/** `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3` (DescribeProbe). */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = g.port === undefined ? '' : String(g.port);
    const host = port ? `${g.host?.includes(':') ? `[${g.host}]` : g.host ?? ''}:${port}` : g.host ?? '';
    return `http-get ${(g.scheme ?? '').toLowerCase()}://${host}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(w: PrefixWriter, c: Container): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : e.secretRef ? ['Secret', e.secretRef] : ['', {} as KeyRef];
    const what = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(3, `${ref.name ?? ''}\t${what}\tOptional: ${goBool(ref.optional)}\n`);
  }
}

function describeEnv(w: PrefixWriter, c: Container, resolve: EnvResolver | undefined): void {
  w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      w.write(3, `${e.name}:\t${resolve?.(from.fieldRef.fieldPath) ?? ''} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      // The container's own limit; with none set the kubelet exposes the node's allocatable.
      const r = from.resourceFieldRef.resource;
      const [kind, name] = r.split('.') as [string, string];
      const value = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
      w.write(3, `${e.name}:\t${value ?? ((r === 'limits.cpu' || r === 'limits.memory') ? 'node allocatable' : '0')} (${r})\n`);
    } else if (from.secretKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${from.secretKeyRef.key ?? ''}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${goBool(from.secretKeyRef.optional)}\n`);
    } else if (from.configMapKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key ?? ''}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${goBool(from.configMapKeyRef.optional)}\n`);
    }
  }
}

type Source = Record<string, unknown>;
const rec = (v: unknown): Source => (v && typeof v === 'object' ? v as Source : {});
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** `Volumes:` and each volume's source, as the print*VolumeSource functions. */
export function describeVolumes(w: PrefixWriter, volumes: PodSpec['volumes'], space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    const lines = volumeLines(v);
    if (!lines) {
      w.write(1, '<unknown>\n');
      continue;
    }
    // The first line at level 2; the rest hand-indented by four spaces, as upstream's format strings.
    lines.forEach((line, i) => w.write(i === 0 ? 2 : 0, i === 0 ? `${line}\n` : `    ${line}\n`));
  }
}

function volumeLines(v: Source): string[] | undefined {
  if (v.hostPath) {
    const h = rec(v.hostPath);
    return ['Type:\tHostPath (bare host directory volume)', `Path:\t${text(h.path)}`, `HostPathType:\t${text(h.type) || '<none>'}`];
  }
  if (v.emptyDir) {
    const e = rec(v.emptyDir);
    const limit = text(e.sizeLimit);
    return ['Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)', `Medium:\t${text(e.medium)}`, `SizeLimit:\t${limit && !/^0+(\.0*)?[a-zA-Z]*$/.test(limit) ? limit : '<unset>'}`];
  }
  if (v.secret) {
    const s = rec(v.secret);
    return ['Type:\tSecret (a volume populated by a Secret)', `SecretName:\t${text(s.secretName)}`, `Optional:\t${goBool(s.optional === true)}`];
  }
  if (v.configMap) {
    const c = rec(v.configMap);
    return ['Type:\tConfigMap (a volume populated by a ConfigMap)', `Name:\t${text(c.name)}`, `Optional:\t${goBool(c.optional === true)}`];
  }
  if (v.persistentVolumeClaim) {
    const c = rec(v.persistentVolumeClaim);
    return ['Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', `ClaimName:\t${text(c.claimName)}`, `ReadOnly:\t${goBool(c.readOnly === true)}`];
  }
  if (v.downwardAPI) {
    const items = (rec(v.downwardAPI).items ?? []) as Source[];
    return ['Type:\tDownwardAPI (a volume populated by information about the pod)', 'Items:',
      ...items.flatMap((i) => [
        ...(i.fieldRef ? [`  ${text(rec(i.fieldRef).fieldPath)} -> ${text(i.path)}`] : []),
        ...(i.resourceFieldRef ? [`  ${text(rec(i.resourceFieldRef).resource)} -> ${text(i.path)}`] : []),
      ])];
  }
  if (v.projected) {
    const lines = ['Type:\tProjected (a volume that contains injected data from multiple sources)'];
    for (const s of (rec(v.projected).sources ?? []) as Source[]) {
      if (s.secret) lines.push(`SecretName:\t${text(rec(s.secret).name)}`, `Optional:\t${goBool(rec(s.secret).optional === true)}`);
      else if (s.downwardAPI) lines.push('DownwardAPI:\ttrue');
      else if (s.configMap) lines.push(`ConfigMapName:\t${text(rec(s.configMap).name)}`, `Optional:\t${goBool(rec(s.configMap).optional === true)}`);
      else if (s.serviceAccountToken) lines.push(`TokenExpirationSeconds:\t${text(rec(s.serviceAccountToken).expirationSeconds)}`);
    }
    return lines;
  }
  return undefined;
}

/** `Pod Template:` with its labels, containers, volumes, node selectors and tolerations. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplate | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const spec = template.spec ?? {};
  printLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}
