// busybox 1.37's nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG): its own little
// resolver, not libc's. It reads `nameserver` and `search` from /etc/resolv.conf, ignores
// ndots, and appends every search domain to a name without dots (never trying it bare); a
// name with a dot is asked as is. It asks A then AAAA for each name, prints the Server/Address
// header on the first reply, then one block per reply: the records, or
// `** server can't find NAME: RCODE`, each block followed by an empty line. Any failed query
// makes it exit 1 — so in a pod, even a name found through the search list exits 1, as the
// other search domains answer NXDOMAIN.
import { readResolvConf } from './resolver.ts';
import type { DnsQuestion, DnsReply, DnsType, Program, ProcessContext } from './process.ts';

const USAGE = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';

/** The query types busybox knows; the simulated DNS answers the ones mapped here. */
const QUERY_TYPES: Record<string, DnsType | undefined> = {
  soa: undefined, ns: undefined, a: 'A', aaaa: 'AAAA', cname: undefined, mx: undefined, txt: undefined, ptr: 'PTR', srv: undefined, any: undefined,
};

interface Options { types: DnsType[]; port: number; timeoutMs: number; host: string; server?: string }

/** busybox's option loop: `-type=`/`-query=`, `-port=`, `-retry=`, `-debug`, `-t=`/`-timeout=`; anything else is usage. */
function parseArgs(ctx: ProcessContext): Options | string {
  const args = ctx.argv.slice(1);
  const options: Omit<Options, 'host'> = { types: [], port: 53, timeoutMs: 5_000 };
  while (args[0]?.startsWith('-')) {
    const [key, value = ''] = args.shift()!.slice(1).split(/=(.*)/s);
    if (key === 'type' || key === 'query') {
      const lower = value.toLowerCase();
      if (!(lower in QUERY_TYPES)) return `nslookup: invalid query type "${value}"\n`;
      const type = QUERY_TYPES[lower];
      // A clear refusal where the simulation has no answer to give (DESIGN.md, errors).
      if (!type) return `nslookup: query type "${value}" is not simulated by Pilothouse\n`;
      options.types.push(type);
    } else if (key === 'port' && /^\d+$/.test(value)) options.port = Number(value);
    else if ((key === 't' || key === 'timeout') && /^\d+$/.test(value)) options.timeoutMs = Number(value) * 1000;
    else if (key !== 'retry' && key !== 'debug') return USAGE;
  }
  const [host, server, extra] = args;
  if (!host || extra !== undefined) return USAGE;
  return { ...options, host, ...(server ? { server } : {}) };
}

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa` (make_ptr); undefined when it is not an address. */
function ptrName(host: string): string | undefined {
  const octets = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)?.slice(1);
  return octets && octets.every((o) => Number(o) < 256) ? `${octets.reverse().join('.')}.in-addr.arpa` : undefined;
}

/** add_query_with_search: every search domain for a name without dots, else the name alone. */
function queryNames(host: string, search: string[] | undefined): string[] {
  return !search?.length || host.includes('.') ? [host] : search.map((domain) => `${host}.${domain}`);
}

/** The search domains busybox uses: resolv.conf's `search`/`domain`, else the hostname's domain part. */
function searchOf(ctx: ProcessContext): string[] | undefined {
  const conf = readResolvConf(ctx.container.fs);
  if (conf.search.length) return conf.search[0] === '.' ? undefined : conf.search;
  const dot = ctx.container.hostname.indexOf('.');
  return dot >= 0 ? [ctx.container.hostname.slice(dot + 1)] : undefined;
}

function printReply(name: string, reply: DnsReply): string {
  if (reply.rcode !== 'NOERROR') return `** server can't find ${name}: ${reply.rcode}\n\n`;
  let out = reply.authoritative ? '' : 'Non-authoritative answer:\n';
  for (const rr of reply.answers) {
    if ('address' in rr) out += `Name:\t${rr.name}\nAddress: ${rr.address}\n`;
    else out += `${rr.name}\t${rr.type === 'CNAME' ? 'canonical name' : 'name'} = ${rr.target}\n`;
  }
  // An empty answer (NODATA) leaves only this line, as busybox notes in send_queries.
  return `${out}\n`;
}

export const nslookup: Program = async (ctx) => {
  const parsed = parseArgs(ctx);
  if (typeof parsed === 'string') {
    ctx.io.stderr(parsed);
    return 1;
  }
  const ptr = parsed.types.length ? undefined : ptrName(parsed.host);
  const search = searchOf(ctx);
  const queries: Omit<DnsQuestion, 'server'>[] = ptr
    ? [{ name: ptr, type: 'PTR' }]
    : (parsed.types.length ? parsed.types : (['A', 'AAAA'] as DnsType[])).flatMap((type) =>
      (type === 'PTR' ? [parsed.host] : queryNames(parsed.host, search)).map((name) => ({ name, type })));
  const servers = parsed.server ? [parsed.server] : readResolvConf(ctx.container.fs).nameservers;
  for (const server of servers) {
    const replies: DnsReply[] = [];
    for (const q of queries) {
      const reply = await ctx.container.network.resolve({ ...q, server });
      if (!reply) break;
      replies.push(reply);
    }
    if (!replies.length) {
      // The server never answered: busybox waits out its timeout, then tries the next one.
      await ctx.sleep(parsed.timeoutMs);
      continue;
    }
    let out = `Server:\t\t${server}\nAddress:\t${server}:${parsed.port}\n\n`;
    replies.forEach((reply, i) => { out += printReply(queries[i]!.name, reply); });
    // Queries the server left unanswered, after the replies (the end of nslookup_main).
    const unanswered = queries.slice(replies.length);
    out += unanswered.map((q) => `*** Can't find ${q.name}: No answer\n`).join('') + (unanswered.length ? '\n' : '');
    ctx.io.stdout(out);
    return replies.length === queries.length && replies.every((r) => r.rcode === 'NOERROR') ? 0 : 1;
  }
  ctx.io.stdout(';; connection timed out; no servers could be reached\n\n');
  return 1;
};
