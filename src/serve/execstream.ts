// exec and attach over a WebSocket, as kube-apiserver v1.33 serves them to kubectl
// (apiserver/pkg/util/proxy/streamtranslator.go, behind the v5.channel.k8s.io subprotocol; v4
// is accepted too, as a v1.33 apiserver proxies it to the kubelet's own WebSocket server).
// The apiserver's checks run before the upgrade: a refusal is an HTTP Status response, which
// makes kubectl fall back to SPDY, whose POST (also an Upgrade request, answered here without
// upgrading) gets the same Status — so kubectl prints the real error. Once upgraded, output
// goes out on channels 1 and 2 and the end on channel 3 as a metav1.Status.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ByteDecoder, encodeBytes, failureOf, unauthorized, type ApiRequest, type Authorizer, type ExecSession, type ExecStatus, type ExecStreams } from '../engine/api/index.ts';
import { impersonate } from './authn.ts';
import type { HandlerContext } from './handler.ts';
import { parseQuery, requestInfoOf } from './requestinfo.ts';
import { statusOf } from './respond.ts';

/** The subprotocols served, in the order of preference. */
export const EXEC_SUBPROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

// The bearer token a browser (which cannot set headers on a WebSocket) sends as a subprotocol:
// apiserver/pkg/authentication/request/websocket/protocol.go.
const BEARER_PROTOCOL = 'base64url.bearer.authorization.k8s.io.';

/** Upgrades for exec and attach; `close()` ends every open session. */
export interface UpgradeHandler {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createUpgradeHandler(ctx: HandlerContext & { authorizer: Authorizer }): UpgradeHandler {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => EXEC_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false });
  const open = new Set<WebSocket>();
  return {
    handle(req, socket, head) {
      socket.on('error', () => socket.destroy());
      serveUpgrade(ctx, wss, open, req, socket, head).catch((err: unknown) => writeSocketError(socket, err));
    },
    close() {
      for (const ws of open) ws.terminate();
      wss.close();
    },
  };
}

async function serveUpgrade(
  ctx: HandlerContext & { authorizer: Authorizer }, wss: WebSocketServer, open: Set<WebSocket>, req: IncomingMessage, socket: Duplex, head: Buffer,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://apiserver.invalid');
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const requester = await ctx.tokens.authenticate(req.headers.authorization ?? bearerFromProtocols(offered));
  if (!requester) throw unauthorized();
  const user = await impersonate(requester, req.headers, ctx.authorizer);
  const info = requestInfoOf(req.method ?? 'GET', url.pathname, false);
  const connect = info.kind === 'resource' && info.group === '' && info.resource === 'pods' && (info.subresource === 'exec' || info.subresource === 'attach');
  if (!connect) throw failureOf(400, 'BadRequest', 'the server does not upgrade this request');
  const { kind: _kind, ...target } = info;
  const request: ApiRequest = { ...target, user, query: parseQuery(url.searchParams).query };
  const websocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
  if (!websocket) {
    // SPDY (kubectl's fallback): not served, but asked the apiserver's questions so that the
    // client gets the error it would get anyway, or upstream's "Upgrade request required".
    await ctx.api.handle(request);
    throw failureOf(400, 'BadRequest', 'Upgrade request required');
  }
  if (!offered.some((p) => EXEC_SUBPROTOCOLS.includes(p))) throw failureOf(400, 'BadRequest', `unable to negotiate a subprotocol: the server serves ${EXEC_SUBPROTOCOLS.join(', ')}`);

  // Output produced before the socket is ready waits here, in order.
  const pending: Uint8Array[] = [];
  let ws: WebSocket | undefined;
  const send = (channel: number) => (text: string) => {
    // The streams' strings are bytes in the engine's mapping (engine/api/bytes.ts): a tar archive's go out as they were.
    const frame = Buffer.concat([Buffer.from([channel]), encodeBytes(text)]);
    if (!ws) pending.push(frame);
    else if (ws.readyState === ws.OPEN) ws.send(frame);
  };
  const q = request.query ?? {};
  const streams: ExecStreams = {
    stdin: q.stdin === true, tty: q.tty === true,
    ...(q.stdout ? { stdout: send(CHANNEL.stdout) } : {}),
    ...(q.stderr && !q.tty ? { stderr: send(CHANNEL.stderr) } : {}),
  };
  const session = await ctx.api.connect(request, streams);
  // A client that is gone before the upgrade completes never gets a WebSocket: end its session here.
  socket.once('close', () => session.close());
  wss.handleUpgrade(req, socket, head, (socketUp) => {
    ws = socketUp;
    open.add(socketUp);
    for (const frame of pending.splice(0)) socketUp.send(frame);
    const stdin = new ByteDecoder();
    socketUp.on('message', (data) => receive(session, socketUp.protocol, data, stdin));
    socketUp.on('close', () => {
      open.delete(socketUp);
      // The client went away (kubectl ended, Ctrl-C): its exec is killed, its attach detached.
      session.close();
    });
    void session.result.then((status) => {
      if (socketUp.readyState !== socketUp.OPEN) return;
      socketUp.send(Buffer.concat([Buffer.from([CHANNEL.error]), Buffer.from(JSON.stringify(statusBody(status)))]));
      socketUp.close(1000);
    });
  });
}

/** A client message: stdin, a resize, or (v5) the end of stdin. */
function receive(session: ExecSession, protocol: string, data: RawData, stdin: ByteDecoder): void {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  if (bytes.length === 0) return;
  const channel = bytes[0];
  const payload = bytes.subarray(1);
  if (channel === CHANNEL.stdin) {
    // A UTF-8 character (or any byte sequence) cut between two frames arrives whole.
    const text = stdin.decode(payload, { stream: true });
    if (text) session.writeStdin(text);
  } else if (channel === CHANNEL.resize) {
    try {
      const size = JSON.parse(payload.toString('utf8')) as { Width?: number; Height?: number };
      session.resize(size.Width ?? 0, size.Height ?? 0);
    } catch {
      // A malformed resize is ignored, as the kubelet's resize loop drops what it cannot decode.
    }
  } else if (channel === CHANNEL.close && protocol === 'v5.channel.k8s.io' && payload[0] === CHANNEL.stdin) {
    const rest = stdin.decode(new Uint8Array(0));
    if (rest) session.writeStdin(rest);
    session.closeStdin();
  }
}

/** The metav1.Status the error channel carries. */
function statusBody(status: ExecStatus): object {
  return {
    metadata: {}, status: status.status,
    ...(status.message !== undefined ? { message: status.message } : {}),
    ...(status.reason !== undefined ? { reason: status.reason } : {}),
    ...(status.details !== undefined ? { details: status.details } : {}),
  };
}

function bearerFromProtocols(offered: string[]): string | undefined {
  const p = offered.find((o) => o.startsWith(BEARER_PROTOCOL));
  if (!p) return undefined;
  return `Bearer ${Buffer.from(p.slice(BEARER_PROTOCOL.length), 'base64url').toString('utf8')}`;
}

/** An HTTP response on a socket that was not upgraded: the error's Status, then the end. */
function writeSocketError(socket: Duplex, err: unknown): void {
  if (socket.destroyed) return;
  const status = statusOf(err);
  const body = JSON.stringify(status);
  socket.end(`HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
