// exec and attach over a WebSocket, as client-go's remotecommand websocket executor speaks it
// (client-go/tools/remotecommand/websocket.go, and the channel protocol of
// apimachinery/pkg/util/httpstream/wsstream): every binary message starts with its channel
// byte. v5.channel.k8s.io adds the CLOSE channel, so a client can end stdin without closing
// the socket.
//
//   0 stdin (client → server)   1 stdout   2 stderr   3 error: the final metav1.Status (JSON)
//   4 resize {"Width","Height"} (client → server)   255 close: [255, channel] ends that stream
import { ByteDecoder, encodeBytes, type ExecSession, type ExecStatus, type ExecStreams } from '../api/index.ts';

/** The subprotocols a client offers, newest first; kubectl 1.33 offers v5 then v4. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** What the executor needs of a WebSocket: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  binaryType: string;
  /** The subprotocol the server chose. */
  readonly protocol: string;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
}

/**
 * Opens a WebSocket to `url` offering `protocols`, sending `headers` where the platform can
 * (Node's `ws` can, with the kubeconfig's CA; a browser cannot, and must carry the token
 * another way). Injected, as fetch is: the engine imports no platform library.
 */
export type WebSocketFactory = (url: string, protocols: string[], headers: Record<string, string>) => WebSocketLike;

/** A message as bytes, whatever the platform delivered (ArrayBuffer, Buffer, typed array). */
export function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  return new Uint8Array();
}

/** A message for `channel` carrying `payload`. */
export function frame(channel: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? encodeBytes(payload) : payload;
  const out = new Uint8Array(body.length + 1);
  out[0] = channel;
  out.set(body, 1);
  return out;
}

/**
 * The session over `socket` once it opens; undefined when it fails first (the upgrade was
 * refused), so that the caller can ask the server why. The session listens from the start, so
 * that nothing depends on when a WebSocket implementation delivers the frames (and the close)
 * a fast exec sends right behind the upgrade's answer.
 */
export function openSession(socket: WebSocketLike, streams: ExecStreams): Promise<ExecSession | undefined> {
  return new Promise((resolve) => {
    let open = false;
    const session = execSession(socket, streams);
    const { onclose, onerror } = socket;
    socket.onopen = () => {
      open = true;
      resolve(session);
    };
    socket.onclose = (event) => {
      if (!open) resolve(undefined);
      onclose?.(event);
    };
    socket.onerror = (event) => {
      if (!open) resolve(undefined);
      onerror?.(event);
    };
  });
}

/**
 * The session over a socket: output channels go to `streams`, the error channel's Status
 * is the result (Success when the server closes without one, as client-go's v4 decoder reads
 * an empty error stream).
 */
function execSession(socket: WebSocketLike, streams: ExecStreams): ExecSession {
  // Output is bytes; the streams get them in the engine's mapping (api/bytes.ts), so that binary output survives.
  const decoders = [new ByteDecoder(), new ByteDecoder(), new ByteDecoder()];
  let status: ExecStatus | undefined;
  let errorText = '';
  let settle!: (s: ExecStatus) => void;
  const result = new Promise<ExecStatus>((resolve) => { settle = resolve; });
  // The subprotocol is known once the socket is open.
  const v5 = () => socket.protocol === 'v5.channel.k8s.io';
  socket.onmessage = ({ data }) => {
    const bytes = bytesOf(data);
    if (bytes.length === 0) return;
    const channel = bytes[0]!;
    const payload = bytes.subarray(1);
    if (channel === CHANNEL.stdout) streams.stdout?.(decoders[1]!.decode(payload, { stream: true }));
    else if (channel === CHANNEL.stderr) (streams.stderr ?? streams.stdout)?.(decoders[2]!.decode(payload, { stream: true }));
    else if (channel === CHANNEL.error) errorText += new TextDecoder().decode(payload);
  };
  const finish = () => {
    if (status) return;
    status = parseStatus(errorText);
    settle(status);
  };
  socket.onclose = finish;
  socket.onerror = finish;
  return {
    writeStdin: (chunk) => { if (!status) socket.send(frame(CHANNEL.stdin, chunk)); },
    closeStdin: () => {
      if (status) return;
      // v4 has no way to end stdin but closing the socket's write side; v5 says so on channel 255.
      if (v5()) socket.send(new Uint8Array([CHANNEL.close, CHANNEL.stdin]));
    },
    resize: (width, height) => { if (!status) socket.send(frame(CHANNEL.resize, JSON.stringify({ Width: width, Height: height }))); },
    // As kubectl going away: the socket closes and the server ends the session.
    close: () => {
      if (status) return;
      socket.close(1000);
      finish();
    },
    result,
  };
}

/** remotecommand v4's error decoder input: a Status, or nothing (success). */
function parseStatus(text: string): ExecStatus {
  if (!text.trim()) return { status: 'Success' };
  try {
    const s = JSON.parse(text) as Partial<ExecStatus>;
    if (s.status === 'Success') return { status: 'Success' };
    return {
      status: 'Failure',
      ...(s.message !== undefined ? { message: s.message } : {}),
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
      ...(s.details !== undefined ? { details: s.details } : {}),
    };
  } catch {
    return { status: 'Failure', message: `error stream protocol error: ${text}` };
  }
}
