// The shapes the network room shares with the container runtime. The runtime (same rank) may
// not be imported from here, so these mirror runtime/process.ts structurally: HttpRequest,
// HttpResult, HttpHandler, DnsQuestion, DnsReply. cluster/boot.ts hands this room's hook to
// each runtime, and the compiler checks there that the two still agree.

/** An HTTP request as the simulated tools make it, to an address. */
export interface HttpRequest {
  method: string;
  host: string;
  port: number;
  path: string;
}

/** A response, or why there was none (in the tools' terms). */
export type HttpResult =
  | { ok: true; status: number; reason: string; headers: Record<string, string>; body: string }
  | { ok: false; error: 'refused' | 'timeout' | 'unresolved' };

/** What a program listening on a port in a pod answers. */
export type HttpHandler = (req: HttpRequest) => HttpResult & { ok: true };

export type DnsType = 'A' | 'AAAA' | 'PTR';

/** One DNS query to one nameserver. */
export interface DnsQuestion {
  server: string;
  /** Fully qualified, without the trailing dot. */
  name: string;
  type: DnsType;
}

export type DnsRecord =
  | { name: string; type: 'A' | 'AAAA'; address: string }
  | { name: string; type: 'CNAME' | 'PTR'; target: string };

export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  authoritative: boolean;
  answers: DnsRecord[];
}

/** Where a connection to an address ends: a listener, a refusal (RST or REJECT), or silence. */
export type DialResult = { ok: true; handler: HttpHandler } | { ok: false; error: 'refused' | 'timeout' };
