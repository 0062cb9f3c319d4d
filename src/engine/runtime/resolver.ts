// The resolver inside a container: what libc's getaddrinfo does before and around DNS. It reads
// the pod's /etc/hosts and /etc/resolv.conf (written by the kubelet: the cluster's nameserver,
// the `<ns>.svc.cluster.local svc.cluster.local cluster.local` search list, ndots:5) and asks
// the nameserver one name at a time through the network hook, as glibc's res_nsearch does.
// Models glibc resolv/res_query.c (__res_context_search) and nss_files' hosts lookup.
import type { ContainerFs } from './fs.ts';
import type { DnsRecord, NetworkHook } from './process.ts';

/** /etc/resolv.conf, parsed: what a resolver needs of it. */
export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
}

/** glibc's per-query wait: `timeout:5` × `attempts:2` before a nameserver counts as gone. */
export const RESOLVER_TIMEOUT_MS = 10_000;

/** Reads /etc/resolv.conf; without one, libc asks the local host (127.0.0.1) with no search list. */
export function readResolvConf(fs: ContainerFs): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  const text = fs.isFile('/etc/resolv.conf') ? fs.read('/etc/resolv.conf') : '';
  for (const line of text.split('\n')) {
    const [key, ...args] = line.trim().split(/\s+/);
    if (key === 'nameserver' && args[0]) conf.nameservers.push(args[0]);
    // The last `search` or `domain` line wins, as in glibc.
    else if (key === 'search' || key === 'domain') conf.search = args;
    else if (key === 'options') {
      for (const option of args) {
        const ndots = /^ndots:(\d+)$/.exec(option);
        if (ndots) conf.ndots = Math.min(15, Number(ndots[1]));
      }
    }
  }
  if (!conf.nameservers.length) conf.nameservers.push('127.0.0.1');
  return conf;
}

/** The names a resolver tries for `name`, in order: as is first when it has ndots dots, else the search list first. */
export function candidateNames(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const searched = conf.search.map((domain) => `${name}.${domain}`);
  const dots = name.split('.').length - 1;
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}

/** The address /etc/hosts gives `name` (nsswitch's `files` comes before `dns`). */
export function hostsLookup(fs: ContainerFs, name: string): string | undefined {
  if (!fs.isFile('/etc/hosts')) return undefined;
  for (const line of fs.read('/etc/hosts').split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && /^\d+\.\d+\.\d+\.\d+$/.test(address) && names.some((n) => n.toLowerCase() === name.toLowerCase())) return address;
  }
  return undefined;
}

/** What getaddrinfo ends with: the IPv4 addresses, or why there are none (EAI_NONAME / EAI_AGAIN). */
export type LookupResult = { ok: true; addresses: string[] } | { ok: false; error: 'nxdomain' | 'timeout' };

/**
 * getaddrinfo(name) for IPv4: /etc/hosts, then each candidate name at the first nameserver that
 * answers; a CNAME without addresses is followed to its target. `wait` spends the virtual time
 * a query to a silent nameserver takes.
 */
export async function lookupHost(fs: ContainerFs, network: NetworkHook, name: string, wait: (ms: number) => Promise<void>): Promise<LookupResult> {
  const fromHosts = hostsLookup(fs, name);
  if (fromHosts) return { ok: true, addresses: [fromHosts] };
  const conf = readResolvConf(fs);
  for (const candidate of candidateNames(name, conf)) {
    const records = await queryA(network, conf.nameservers, candidate, wait);
    // A silent nameserver ends the search (TRY_AGAIN), as res_nsearch stops on it.
    if (records === undefined) return { ok: false, error: 'timeout' };
    let addresses = addressesOf(records);
    const cname = records.find((r) => r.type === 'CNAME');
    if (!addresses.length && cname?.type === 'CNAME') {
      // The target is absolute: the resolver asks for it as is, without the search list.
      addresses = addressesOf((await queryA(network, conf.nameservers, cname.target, wait)) ?? []);
    }
    if (addresses.length) return { ok: true, addresses };
  }
  return { ok: false, error: 'nxdomain' };
}

const addressesOf = (records: DnsRecord[]) => records.flatMap((r) => (r.type === 'A' ? [r.address] : []));

/** One A query, to each nameserver in turn until one answers: its answers (empty for NXDOMAIN/NODATA), or undefined when none answers. */
async function queryA(network: NetworkHook, nameservers: string[], name: string, wait: (ms: number) => Promise<void>): Promise<DnsRecord[] | undefined> {
  for (const server of nameservers) {
    const reply = await network.resolve({ server, name, type: 'A' });
    if (!reply) {
      await wait(RESOLVER_TIMEOUT_MS);
      continue;
    }
    return reply.rcode === 'NOERROR' ? reply.answers : [];
  }
  return undefined;
}
