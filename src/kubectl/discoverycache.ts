// kubectl's discovery cache kept in memory, for a kubectl without a disk (the browser tab, a
// script): one entry per server, fresh for the TTL kubectl gives its disk cache.
// Models cli-runtime pkg/genericclioptions/config_flags.go (toDiscoveryClient: a 6 h TTL) and
// client-go/discovery/cached/disk/cached_discovery.go (getCachedFile: expired past mtime + ttl).
import type { Clock } from '../engine/clock/index.ts';
import type { DiscoveryCache } from './context.ts';

/** How long kubectl trusts a cached discovery document. */
export const DISCOVERY_CACHE_TTL_MS = 6 * 60 * 60 * 1000;

/** A discovery cache in memory, aged on `clock`. */
export function createMemoryDiscoveryCache(clock: Clock): DiscoveryCache {
  const fetchedAt = new Map<string, number>();
  return {
    isFresh: (server) => {
      const at = fetchedAt.get(server);
      return Promise.resolve(at !== undefined && clock.now() <= at + DISCOVERY_CACHE_TTL_MS);
    },
    markFetched: (server) => {
      fetchedAt.set(server, clock.now());
      return Promise.resolve();
    },
  };
}
