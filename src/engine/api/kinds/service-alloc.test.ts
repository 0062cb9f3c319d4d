import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/index.ts';
import { createMemoryStore } from '../../store/index.ts';
import { isStatusError } from '../errors.ts';
import { createApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import { ipToNumber, numberToIp } from './service-alloc.ts';

function api() {
  const clock = new VirtualClock({ seed: 11 });
  const server = createApiServer({ store: createMemoryStore({ clock }), clock });
  const create = async (spec: Record<string, unknown>, name = 'web') =>
    (await server.handle({ verb: 'create', group: '', version: 'v1', resource: 'services', namespace: 'default', body: { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec } })).body as KubeObject;
  const failure = (spec: Record<string, unknown>, name: string) => create(spec, name).then(() => undefined, (e) => (isStatusError(e) ? e.status : undefined));
  return { create, failure };
}

const specOf = (svc: KubeObject) => svc.spec as { clusterIP: string; clusterIPs: string[]; ipFamilies: string[]; ipFamilyPolicy: string; ports: { nodePort?: number }[] };

describe('service allocation', () => {
  it('converts addresses both ways', () => {
    expect(numberToIp(ipToNumber('10.96.12.34'))).toBe('10.96.12.34');
  });

  it('gives a ClusterIP service a free address from 10.96.0.0/12 above the static band, and no nodePort', async () => {
    const { create } = api();
    const a = specOf(await create({ ports: [{ port: 80 }] }, 'a'));
    const b = specOf(await create({ ports: [{ port: 80 }] }, 'b'));
    for (const s of [a, b]) {
      const n = ipToNumber(s.clusterIP);
      expect(n).toBeGreaterThanOrEqual(ipToNumber('10.96.1.0'));
      expect(n).toBeLessThan(ipToNumber('10.112.0.0'));
      expect(s.clusterIPs).toEqual([s.clusterIP]);
      expect(s.ipFamilies).toEqual(['IPv4']);
      expect(s.ipFamilyPolicy).toBe('SingleStack');
      expect(s.ports[0]!.nodePort).toBeUndefined();
    }
    expect(a.clusterIP).not.toBe(b.clusterIP);
  });

  it('gives NodePort services distinct ports in 30000-32767', async () => {
    const { create } = api();
    const s = specOf(await create({ type: 'NodePort', ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] }));
    const ports = s.ports.map((p) => p.nodePort!);
    for (const p of ports) expect(p >= 30000 && p <= 32767).toBe(true);
    expect(new Set(ports).size).toBe(2);
  });

  it('keeps a headless service headless', async () => {
    const { create } = api();
    expect(specOf(await create({ clusterIP: 'None', ports: [{ port: 80 }] })).clusterIPs).toEqual(['None']);
  });

  it.each([
    { name: 'an address already taken is refused', first: { clusterIP: '10.96.0.10', ports: [{ port: 80 }] }, second: { clusterIP: '10.96.0.10', ports: [{ port: 80 }] },
      message: 'Service "second" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated' },
    { name: 'an address outside the range is refused', first: undefined, second: { clusterIP: '10.0.0.5', ports: [{ port: 80 }] },
      message: 'Service "second" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12' },
    { name: 'a nodePort already taken is refused', first: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, second: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
      message: 'Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated' },
    { name: 'a nodePort outside the range is refused', first: undefined, second: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
      message: 'Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767' },
  ])('$name', async ({ first, second, message }) => {
    const { create, failure } = api();
    if (first) await create(first, 'first');
    expect(await failure(second, 'second')).toMatchObject({ code: 422, reason: 'Invalid', message });
  });
});
