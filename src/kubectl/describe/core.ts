// kubectl describe for the core kinds with small layouts: services, namespaces, config maps,
// secrets, service accounts and persistent volume claims.
// Models kubernetes/kubectl pkg/describe/describe.go (describeService, formatEndpointSlices,
// describeNamespace, DescribeResourceQuotas, DescribeLimitRanges, ConfigMapDescriber,
// describeSecret, describeServiceAccount, describePersistentVolumeClaim, getPodsForPVC).
import type { KubeObject } from '../../engine/api/index.ts';
import { formatLabels, parseQuantity, quantityString } from '../../engine/api/index.ts';
import { eventsFor, listAll, type DescribeContext } from './context.ts';
import { describeEvents } from './events.ts';
import { ageOf } from './events.ts';
import { printAnnotations, printLabels, PrefixWriter, rfc1123z } from './writer.ts';

/** A quantity as Quantity.String() prints it (canonical form), or the text when it does not parse. */
export function canonical(q: string | undefined): string {
  if (q === undefined) return '0';
  const parsed = parseQuantity(q);
  return parsed.ok ? quantityString(parsed.value) : q;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function header(w: PrefixWriter, obj: KubeObject, namespaced = true): void {
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  if (namespaced) w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata?.labels);
  printAnnotations(w, 'Annotations', obj.metadata?.annotations);
}

type ServicePort = { name?: string; port: number; protocol?: string; targetPort?: number | string; nodePort?: number };
interface Service extends KubeObject {
  spec?: {
    selector?: Record<string, string>; type?: string; ipFamilyPolicy?: string; ipFamilies?: string[]; clusterIP?: string; clusterIPs?: string[];
    externalIPs?: string[]; loadBalancerIP?: string; externalName?: string; ports?: ServicePort[]; sessionAffinity?: string;
    externalTrafficPolicy?: string; internalTrafficPolicy?: string; healthCheckNodePort?: number; loadBalancerSourceRanges?: string[];
  };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}
interface EndpointSlice extends KubeObject {
  ports?: Array<{ name?: string; port?: number }>;
  endpoints?: Array<{ addresses: string[]; conditions?: { ready?: boolean } }>;
}

// formatEndpointSlices: ready endpoints' `ip:port` for the named port, at most 3, then `+ N more...`.
function formatEndpoints(slices: EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0, more = false;
  const add = (addr: string, ready: boolean) => {
    if (list.length === 3) more = true;
    if (!ready) return;
    if (!more) list.push(addr);
    count++;
  };
  for (const s of slices) {
    if (!s.ports?.length) {
      for (const e of s.endpoints ?? []) add(e.addresses[0] ?? '', e.conditions?.ready !== false);
      continue;
    }
    for (const p of s.ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of s.endpoints ?? []) {
        const ip = e.addresses[0] ?? '';
        add(`${ip.includes(':') ? `[${ip}]` : ip}:${p.port ?? 0}`, e.conditions?.ready !== false);
      }
    }
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

export async function describeService(ctx: DescribeContext, svc: Service): Promise<string> {
  let slices: EndpointSlice[] = [];
  try {
    slices = await listAll<EndpointSlice>(ctx, 'discovery.k8s.io', 'v1', 'endpointslices', svc.metadata?.namespace, { labelSelector: `kubernetes.io/service-name=${svc.metadata?.name ?? ''}` });
  } catch {
    // As upstream, a failed endpoint slice list describes the service without endpoints.
  }
  const events = await eventsFor(ctx, svc, 'Service');
  const w = new PrefixWriter();
  const spec = svc.spec ?? {};
  header(w, svc);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>', proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(slices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

type ResourceList = Record<string, string>;
interface ResourceQuota extends KubeObject { spec?: { scopes?: string[] }; status?: { hard?: ResourceList; used?: ResourceList } }
interface LimitRange extends KubeObject {
  spec?: { limits?: Array<{ type: string; max?: ResourceList; min?: ResourceList; default?: ResourceList; defaultRequest?: ResourceList; maxLimitRequestRatio?: ResourceList }> };
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export async function describeNamespace(ctx: DescribeContext, ns: KubeObject & { status?: { phase?: string; conditions?: Array<{ type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }> } }): Promise<string> {
  const name = ns.metadata?.name ?? '';
  const quotas = await listAll<ResourceQuota>(ctx, '', 'v1', 'resourcequotas', name);
  const limits = await listAll<LimitRange>(ctx, '', 'v1', 'limitranges', name);
  const w = new PrefixWriter();
  header(w, ns, false);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of ns.status.conditions) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(0, '\n');
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
  } else {
    w.write(0, 'Resource Quotas\n');
    for (const q of [...quotas].sort((a, b) => byName(a.metadata?.name ?? '', b.metadata?.name ?? ''))) {
      w.write(1, `Name:\t${q.metadata?.name ?? ''}\n`);
      const scopes = [...(q.spec?.scopes ?? [])].sort();
      if (scopes.length) {
        w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
        for (const s of scopes) if (SCOPE_HELP[s]) w.write(1, `* ${SCOPE_HELP[s]}\n`);
      }
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      for (const r of Object.keys(q.status?.hard ?? {}).sort()) w.write(1, `${r}\t${canonical(q.status?.used?.[r])}\t${canonical(q.status!.hard![r])}\n`);
    }
  }
  w.write(0, '\n');
  if (limits.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
  } else {
    w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) describeLimitRangeSpec(w, lr, ' ');
  }
  return w.toString();
}

// describeLimitRangeSpec: one row per limit type and resource, `-` where a bound is unset.
function describeLimitRangeSpec(w: PrefixWriter, lr: LimitRange, prefix: string): void {
  for (const item of lr.spec?.limits ?? []) {
    const cols = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    // Upstream walks a Go map (random order); sorted here so the output is stable.
    const names = [...new Set(cols.flatMap((c) => Object.keys(c ?? {})))].sort();
    for (const r of names) w.write(0, `${prefix}${item.type}\t${r}\t${cols.map((c) => (c?.[r] !== undefined ? canonical(c[r]) : '-')).join('\t')}\n`);
  }
}

export function describeLimitRange(lr: LimitRange): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${lr.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${lr.metadata?.namespace ?? ''}\n`);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  describeLimitRangeSpec(w, lr, '');
  return w.toString();
}

export async function describeConfigMap(ctx: DescribeContext, cm: KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> }): Promise<string> {
  const events = await eventsFor(ctx, cm, 'ConfigMap');
  const w = new PrefixWriter();
  header(w, cm);
  w.write(0, '\nData\n====\n');
  // Upstream ranges over a Go map; sorted keys make the output stable.
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data![k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${base64Length(cm.binaryData![k]!)} bytes\n`);
  w.write(0, '\n');
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

// Decoded length of base64 text: what len([]byte) is once the API decodes the field.
const base64Length = (b64: string) => {
  const clean = b64.replace(/\s/g, '');
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0);
};

export function describeSecret(secret: KubeObject & { type?: string; data?: Record<string, string> }): string {
  const w = new PrefixWriter();
  header(w, secret);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(secret.data ?? {}).sort()) {
    const v = secret.data![k]!;
    // A service account token is printed in full; anything else only by size.
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${atob(v)}\n`);
    else w.write(0, `${k}:\t${base64Length(v)} bytes\n`);
  }
  return w.toString();
}

export async function describeServiceAccount(ctx: DescribeContext, sa: KubeObject & { secrets?: Array<{ name?: string }>; imagePullSecrets?: Array<{ name?: string }> }): Promise<string> {
  const missing = new Set<string>();
  const tokens: string[] = [];
  try {
    const secrets = await listAll<KubeObject & { type?: string }>(ctx, '', 'v1', 'secrets', sa.metadata?.namespace);
    const existing = new Set(secrets.map((s) => s.metadata?.name ?? ''));
    for (const s of secrets) {
      const a = s.metadata?.annotations ?? {};
      if (s.type === 'kubernetes.io/service-account-token' && a['kubernetes.io/service-account.name'] === sa.metadata?.name && a['kubernetes.io/service-account.uid'] === sa.metadata?.uid) tokens.push(s.metadata?.name ?? '');
    }
    for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name ?? '')) missing.add(s.name ?? '');
  } catch {
    // Upstream tolerates a failed secret list: the references print without "(not found)".
  }
  const events = await eventsFor(ctx, sa, 'ServiceAccount');
  const w = new PrefixWriter();
  header(w, sa);
  // The three headers are padded by hand and printed in sorted order, as upstream's set of keys.
  const groups: Array<[string, string[]]> = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens],
  ];
  for (const [title, names] of groups) {
    if (names.length === 0) {
      w.write(0, `${title}\t<none>\n`);
      continue;
    }
    names.forEach((n, i) => w.write(0, `${i === 0 ? title : '                   '}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`));
  }
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

interface PVC extends KubeObject {
  spec?: { storageClassName?: string; volumeName?: string; volumeMode?: string; dataSource?: { apiGroup?: string; kind: string; name: string } };
  status?: { phase?: string; accessModes?: string[]; capacity?: ResourceList; conditions?: Array<{ type: string; status: string; lastProbeTime?: string; lastTransitionTime?: string; reason?: string; message?: string }> };
}

export async function describePVC(ctx: DescribeContext, pvc: PVC): Promise<string> {
  const name = pvc.metadata?.name ?? '';
  const pods = await listAll<KubeObject & { spec?: { volumes?: Array<{ persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown; name: string }> } }>(ctx, '', 'v1', 'pods', pvc.metadata?.namespace);
  // getPodsForPVC: pods naming the claim, or whose generic ephemeral volume owns it (`<pod>-<volume>`).
  const users = pods.filter((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === name || (v.ephemeral !== undefined && `${p.metadata?.name}-${v.name}` === name)))
    .map((p) => p.metadata?.name ?? '').sort();
  const events = await eventsFor(ctx, pvc, 'PersistentVolumeClaim');
  const w = new PrefixWriter();
  const spec = pvc.spec ?? {}, status = pvc.status ?? {}, meta = pvc.metadata ?? {};
  w.write(0, `Name:\t${name}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
  w.write(0, meta.deletionTimestamp ? `Status:\tTerminating (lasts ${ageOf(meta.deletionTimestamp, ctx.now)})\n` : `Status:\t${status.phase ?? ''}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
  const bound = Boolean(spec.volumeName);
  w.write(0, `Capacity:\t${bound ? canonical(status.capacity?.storage) : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? (status.accessModes ?? []).map((m) => ACCESS_MODES[m] ?? m).join(',') : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${spec.dataSource.name}\n`);
  }
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.write(0, '<none>\n');
  users.forEach((u, i) => w.write(0, `${i === 0 ? '' : '\t'}${u}\n`));
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  if (events) describeEvents(w, events, ctx.now);
  return w.toString();
}
