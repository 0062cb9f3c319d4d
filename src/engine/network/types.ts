// The shapes the pod network shares with the container runtime: HTTP requests and the
// handlers that answer them, DNS queries and replies, the hook through which programs reach
// beyond their pod, and the attachment through which sandboxes join the network. The runtime
// (one rank up) imports them from here.

/** An HTTP request as the simulated tools make it. */
export interface HttpRequest {
  method: string;
  host: string;
  port: number;
  path: string;
}

/** What an HTTP request got: a response, or why there was none (in the tools' terms). */
export type HttpResult =
  | { ok: true; status: number; reason: string; headers: Record<string, string>; body: string }
  | { ok: false; error: 'refused' | 'timeout' | 'unresolved' };

/** A server inside the pod: what a program listening on a port answers. */
export type HttpHandler = (req: HttpRequest) => HttpResult & { ok: true };

/** The record types the simulated resolvers ask for. */
export type DnsType = 'A' | 'AAAA' | 'PTR';

/** One DNS query, as a resolver sends it: to one nameserver, for one name and type. */
export interface DnsQuestion {
  /** The nameserver's address (from the pod's /etc/resolv.conf, or nslookup's DNS_SERVER). */
  server: string;
  /** The fully qualified name asked for, without the trailing dot. */
  name: string;
  type: DnsType;
}

/** An answer record: an address, or a name (CNAME target, PTR name). */
export type DnsRecord =
  | { name: string; type: 'A' | 'AAAA'; address: string }
  | { name: string; type: 'CNAME' | 'PTR'; target: string };

/** A DNS server's reply: its RCODE, whether it is authoritative for the name, its answers. */
export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  authoritative: boolean;
  answers: DnsRecord[];
}

/**
 * How programs reach beyond their pod; the network room provides the real one (cluster DNS,
 * Service VIPs, other pods). Requests to localhost never get here: the pod's own listeners
 * answer them. The resolver itself (search list, ndots, /etc/hosts) runs in the container, as
 * libc's does: the hook only carries single queries to a nameserver.
 */
export interface NetworkHook {
  /** One DNS query: the server's reply, or undefined when no server answers at that address. */
  resolve(question: DnsQuestion): Promise<DnsReply | undefined>;
  /** An HTTP request to another address. */
  request(req: HttpRequest): Promise<HttpResult>;
}

/**
 * The pod network the runtime plugs sandboxes into, as a CNI plugin's ADD and DEL: the
 * sandbox's listeners become reachable at its pod IP.
 */
export interface PodNetworkAttachment {
  attach(ip: string, listeners: Map<number, HttpHandler>): void;
  detach(ip: string): void;
}

/** Where a connection to an address ends: a listener, a refusal (RST or REJECT), or silence. */
export type DialResult = { ok: true; handler: HttpHandler } | { ok: false; error: 'refused' | 'timeout' };
