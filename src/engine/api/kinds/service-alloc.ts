// ClusterIP and nodePort allocation for Services, as the service REST storage does on create
// (pkg/registry/core/service/storage/alloc.go; ipallocator and portallocator). Ranges are
// kubeadm's defaults: --service-cluster-ip-range 10.96.0.0/12, --service-node-port-range
// 30000-32767. Dynamic IPs come from the upper band of the range (ipallocator's offset: the
// first min(max(16, size/16), 256) addresses are left for static choices), picked with the
// seeded RNG so the same cluster gets the same addresses.
import { invalid } from '../errors.ts';
import type { StrategyContext } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError } from '../validation/field.ts';
import { asNum, asObj, asObjs, asStr, child } from './access.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = ipToNumber('10.96.0.0');
const CIDR_SIZE = 2 ** 20;
const STATIC_BAND = Math.min(Math.max(16, CIDR_SIZE / 16), 256);
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

const inRange = (ip: string) => /^\d+\.\d+\.\d+\.\d+$/.test(ip) && ipToNumber(ip) > CIDR_BASE && ipToNumber(ip) < CIDR_BASE + CIDR_SIZE - 1;

export async function allocateService(svc: KubeObject, ctx: StrategyContext): Promise<void> {
  const spec = child(svc, 'spec');
  if (asStr(spec.type) === 'ExternalName') return;
  // A Service of the same name is not "another": creating it again must fail as AlreadyExists
  // (the storage create), not as an allocation conflict with itself.
  const sameName = (o: KubeObject) => o.metadata?.namespace === svc.metadata?.namespace && o.metadata?.name === svc.metadata?.name;
  const others = (await ctx.reader.list('', 'services')).items.filter((o) => !sameName(o));
  const usedIps = new Set(others.flatMap((o) => (asObj(o.spec)?.clusterIPs as string[] | undefined) ?? []));
  const usedPorts = new Set(others.flatMap((o) => asObjs(asObj(o.spec)?.ports).map((p) => asNum(p.nodePort)).filter((p) => p !== undefined)));
  const errs: FieldError[] = [];

  const requested = asStr(spec.clusterIP) || (spec.clusterIPs as string[] | undefined)?.[0] || '';
  if (requested === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
  } else if (requested) {
    const path = field.newPath('spec', 'clusterIPs');
    if (!inRange(requested))
      errs.push(field.invalid(path, [requested], `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`));
    else if (usedIps.has(requested))
      errs.push(field.invalid(path, [requested], `failed to allocate IP ${requested}: provided IP is already allocated`));
    spec.clusterIP = requested;
    spec.clusterIPs = [requested];
  } else {
    const ip = pickFree(ctx, CIDR_SIZE - STATIC_BAND - 1, (i) => numberToIp(CIDR_BASE + STATIC_BAND + i), usedIps);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';

  const type = asStr(spec.type);
  const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  asObjs(spec.ports).forEach((port, i) => {
    const nodePort = asNum(port.nodePort);
    const path = field.newPath('spec', 'ports').index(i).child('nodePort');
    if (nodePort !== undefined && nodePort !== 0) {
      if (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max)
        errs.push(field.invalid(path, nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
      else if (usedPorts.has(nodePort)) errs.push(field.invalid(path, nodePort, 'provided port is already allocated'));
      usedPorts.add(nodePort);
    } else if (wantsNodePorts) {
      const allocated = pickFree(ctx, NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1, (k) => NODE_PORT_RANGE.min + k, usedPorts);
      port.nodePort = allocated;
      usedPorts.add(allocated);
    }
  });
  if (errs.length) throw invalid({ group: '', kind: 'Service' }, svc.metadata?.name ?? '', errs);
}

/** A random free value among `size` candidates, scanning on from a random start (as the allocators do). */
function pickFree<T>(ctx: StrategyContext, size: number, at: (i: number) => T, used: Set<T>): T {
  const start = ctx.clock.rng.int(size);
  for (let k = 0; k < size; k++) {
    const candidate = at((start + k) % size);
    if (!used.has(candidate)) return candidate;
  }
  throw invalid({ group: '', kind: 'Service' }, '', [field.internalError(null, 'range is full')]);
}
