// The pod network: one flat layer-3 network where every pod IP reaches every other (the
// Kubernetes network model, as flannel's VXLAN overlay gives a kind cluster). Each sandbox's
// listeners are attached at its pod IP when the runtime creates it (CNI ADD) and detached when
// it goes (CNI DEL). A dial to an attached IP with nothing on the port is refused (the pod's
// kernel answers RST); a dial to an address nobody holds goes unanswered (timeout).
import type { DialResult, HttpHandler } from './types.ts';

export interface PodNetwork {
  attach(ip: string, listeners: Map<number, HttpHandler>): void;
  detach(ip: string): void;
  /** Connects to ip:port on the pod network. */
  dial(ip: string, port: number): DialResult;
  /** Whether a sandbox holds this IP. */
  has(ip: string): boolean;
}

export function createPodNetwork(): PodNetwork {
  // pod IP → that sandbox's listeners (the runtime's live map: programs add and remove ports).
  const byIP = new Map<string, Map<number, HttpHandler>>();
  return {
    attach(ip, listeners) { byIP.set(ip, listeners); },
    detach(ip) { byIP.delete(ip); },
    dial(ip, port) {
      const listeners = byIP.get(ip);
      if (!listeners) return { ok: false, error: 'timeout' };
      const handler = listeners.get(port);
      return handler ? { ok: true, handler } : { ok: false, error: 'refused' };
    },
    has: (ip) => byIP.has(ip),
  };
}
