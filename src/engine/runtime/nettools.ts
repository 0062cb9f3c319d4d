// nslookup, wget and curl: how learners probe Services from inside a pod. Requests to
// localhost are answered by the pod's own listeners (its containers share one network
// namespace); names are resolved as libc does (resolver.ts: /etc/hosts, then the cluster DNS
// through the search list); everything else goes through the network hook, which the network
// room provides (kube-proxy's Service VIPs, the pod network), answered in the tools' own words.
import { nslookup } from './nslookup.ts';
import type { HttpRequest, HttpResult, Program, ProcessContext } from './process.ts';
import { lookupHost } from './resolver.ts';

const LOCAL = new Set(['localhost', '127.0.0.1', '::1']);

interface Url { host: string; port: number; path: string }

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
  if (!m) return undefined;
  return { host: m[2]!, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ?? '/' };
}

/** Resolves and requests: localhost from the pod's listeners, other names through DNS and the network. */
async function fetchUrl(ctx: ProcessContext, url: Url, method: string): Promise<HttpResult & { address?: string }> {
  const req: HttpRequest = { method, host: url.host, port: url.port, path: url.path };
  if (LOCAL.has(url.host)) {
    const handler = ctx.container.listeners.get(url.port);
    return handler ? { ...handler(req), address: '127.0.0.1' } : { ok: false, error: 'refused', address: '127.0.0.1' };
  }
  let address = url.host;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(url.host)) {
    const found = await lookupHost(ctx.container.fs, ctx.container.network, url.host, (ms) => ctx.sleep(ms));
    if (!found.ok) return { ok: false, error: 'unresolved' };
    address = found.addresses[0]!;
  }
  return { ...(await ctx.container.network.request({ ...req, host: address })), address };
}

export const NETTOOLS: Record<string, Program> = {
  nslookup,

  async wget(ctx) {
    const args = ctx.argv.slice(1);
    let quiet = false;
    let output: string | undefined;
    let spider = false;
    let rawUrl: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-q') quiet = true;
      else if (a === '-O') output = args[++i];
      else if (a.startsWith('-O')) output = a.slice(2);
      else if (a === '-qO-' || a === '-qO') { quiet = true; output = a === '-qO-' ? '-' : args[++i]; }
      else if (a === '--spider') spider = true;
      else if (a === '-T' || a === '--timeout') i++;
      else if (!a.startsWith('-')) rawUrl = a;
    }
    const url = rawUrl === undefined ? undefined : parseUrl(rawUrl);
    if (!url) {
      ctx.io.stderr('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
      return 1;
    }
    const res = await fetchUrl(ctx, url, spider ? 'HEAD' : 'GET');
    if (!quiet && res.address) ctx.io.stderr(`Connecting to ${url.host}${url.port === 80 ? '' : `:${url.port}`} (${res.address}:${url.port})\n`);
    if (!res.ok) {
      if (res.error === 'timeout') await ctx.sleep(30_000);
      ctx.io.stderr(res.error === 'unresolved' ? `wget: bad address '${url.host}'\n` : res.error === 'refused' ? `wget: can't connect to remote host (${res.address}): Connection refused\n` : 'wget: download timed out\n');
      return 1;
    }
    if (res.status >= 400) {
      ctx.io.stderr(`wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) ctx.io.stderr('remote file exists\n');
      return 0;
    }
    const file = output ?? (url.path.split('/').pop() || 'index.html');
    if (file === '-') {
      if (!quiet) ctx.io.stderr('writing to stdout\n');
      ctx.io.stdout(res.body);
      return 0;
    }
    ctx.container.fs.write(file.startsWith('/') ? file : `${ctx.cwd.replace(/\/$/, '')}/${file}`, res.body);
    if (!quiet) ctx.io.stderr(`saving to '${file}'\n'${file}' saved\n`);
    return 0;
  },

  async curl(ctx) {
    const args = ctx.argv.slice(1);
    let silent = false;
    let showError = false;
    let head = false;
    let includeHeaders = false;
    let output: string | undefined;
    let rawUrl: string | undefined;
    let method = 'GET';
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-o' || a === '--output') output = args[++i];
      else if (a === '-X' || a === '--request') method = args[++i] ?? method;
      else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-H' || a === '--header' || a === '-w') i++;
      else if (a.startsWith('-') && !a.startsWith('--')) {
        for (const f of a.slice(1)) {
          if (f === 's') silent = true;
          if (f === 'S') showError = true;
          if (f === 'I') head = true;
          if (f === 'i') includeHeaders = true;
        }
      } else if (a === '--silent') silent = true;
      else if (a === '--head') head = true;
      else if (!a.startsWith('-')) rawUrl = a;
    }
    if (rawUrl === undefined) {
      ctx.io.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const url = parseUrl(rawUrl);
    if (!url) {
      if (!silent || showError) ctx.io.stderr(`curl: (3) URL rejected: Malformed input to a URL function\n`);
      return 3;
    }
    const res = await fetchUrl(ctx, url, head ? 'HEAD' : method);
    if (!res.ok) {
      if (res.error === 'timeout') await ctx.sleep(130_000);
      const [code, text] = res.error === 'unresolved'
        ? [6, `Could not resolve host: ${url.host}`]
        : res.error === 'refused'
          ? [7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`]
          : [28, `Failed to connect to ${url.host} port ${url.port} after 130000 ms: Couldn't connect to server`];
      if (!silent || showError) ctx.io.stderr(`curl: (${code}) ${text}\n`);
      return code;
    }
    const headerText = `HTTP/1.1 ${res.status} ${res.reason}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    const body = head ? headerText : (includeHeaders ? headerText : '') + res.body;
    if (output && output !== '-') ctx.container.fs.write(output.startsWith('/') ? output : `${ctx.cwd.replace(/\/$/, '')}/${output}`, body);
    else ctx.io.stdout(body);
    return 0;
  },
};
