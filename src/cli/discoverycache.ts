// kubectl's discovery cache on disk, as `pilothouse kubectl` sees it: the directory the real
// kubectl caches a server's discovery in, so that ours and the real one, run by turns with one
// $HOME, agree on whether a line pays for discovery (the GET /api and /apis --v=6 shows).
// Models cli-runtime pkg/genericclioptions/config_flags.go (getDefaultCacheDir,
// computeDiscoverCacheDir) and client-go/discovery/cached/disk/cached_discovery.go (getCachedFile).
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DISCOVERY_CACHE_TTL_MS } from '../kubectl/index.ts';
import type { DiscoveryCache } from '../kubectl/index.ts';

// What the real kubectl writes when it fetches discovery: its group list, with the file's mtime
// as the time it was fetched.
const REAL_CACHE_FILE = 'servergroups.json';
// What ours writes instead: a mark that it fetched discovery (the real kubectl never reads it, and
// ours does not need the documents themselves, since it asks the server in-process each time).
const OUR_MARK_FILE = 'pilothouse-fetched';

/** $KUBECACHEDIR, else ~/.kube/cache (getDefaultCacheDir); --cache-dir overrides both. */
export function kubectlCacheDir(env: NodeJS.ProcessEnv, cacheDirFlag?: string): string {
  if (cacheDirFlag) return cacheDirFlag;
  if (env.KUBECACHEDIR) return env.KUBECACHEDIR;
  return path.join(env.HOME ?? '', '.kube', 'cache');
}

/** computeDiscoverCacheDir: `https://127.0.0.1:6443` caches in `<dir>/discovery/127.0.0.1_6443`. */
export function discoveryCacheDir(cacheDir: string, server: string): string {
  const host = server.replace('https://', '').replace('http://', '');
  return path.join(cacheDir, 'discovery', host.replace(/[^(\w/.)]/g, '_'));
}

/** The discovery cache under `cacheDir`, fresh for kubectl's 6 h after either kubectl fetched. */
export function createDiskDiscoveryCache(cacheDir: string, now: () => number): DiscoveryCache {
  const fresh = async (file: string) => {
    try {
      return now() <= (await stat(file)).mtimeMs + DISCOVERY_CACHE_TTL_MS;
    } catch {
      return false;
    }
  };
  return {
    async isFresh(server) {
      const dir = discoveryCacheDir(cacheDir, server);
      return (await fresh(path.join(dir, REAL_CACHE_FILE))) || fresh(path.join(dir, OUR_MARK_FILE));
    },
    async markFetched(server) {
      const dir = discoveryCacheDir(cacheDir, server);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, OUR_MARK_FILE), '');
    },
  };
}
