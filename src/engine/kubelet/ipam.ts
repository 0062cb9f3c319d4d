// Pod IPs from the node's podCIDR, as the host-local IPAM plugin behind flannel's CNI hands them
// out: .1 is the bridge (cni0), pods get .2 onwards, the next address after the last one given,
// wrapping around past the end and skipping addresses in use.

export interface IpAllocator {
  /** The pod's address (the same one again for the same uid). */
  allocate(uid: string): string;
  release(uid: string): void;
}

/** For a /24 such as `10.244.1.0/24`. */
export function createIpAllocator(podCIDR: string): IpAllocator {
  const prefix = podCIDR.split('/')[0]!.split('.').slice(0, 3).join('.');
  const byUid = new Map<string, number>();
  const used = new Set<number>();
  let last = 1;
  return {
    allocate(uid) {
      const held = byUid.get(uid);
      if (held !== undefined) return `${prefix}.${held}`;
      for (let i = 0; i < 253; i++) {
        const candidate = ((last - 2 + 1 + i) % 253) + 2;
        if (!used.has(candidate)) {
          used.add(candidate);
          byUid.set(uid, candidate);
          last = candidate;
          return `${prefix}.${candidate}`;
        }
      }
      // host-local's own error when the range is exhausted.
      throw new RangeError(`no IP addresses available in range set: ${prefix}.1-${prefix}.254`);
    },
    release(uid) {
      const held = byUid.get(uid);
      if (held === undefined) return;
      used.delete(held);
      byUid.delete(uid);
    },
  };
}
