import { describe, expect, it } from 'vitest';
import { frame, openSession, type WebSocketLike } from './websocket.ts';

/** A socket the test drives: what the client sent, and the server's side of the events. */
function scriptedSocket() {
  const sent: Uint8Array[] = [];
  let closedByClient: number | undefined;
  const socket: WebSocketLike & { protocol: string } = {
    binaryType: 'arraybuffer', protocol: '',
    send: (data) => { sent.push(data); },
    close: (code) => { closedByClient = code ?? 1005; },
    onopen: null, onmessage: null, onerror: null, onclose: null,
  };
  return {
    socket, sent,
    get closedByClient() { return closedByClient; },
    /** The upgrade succeeds with `protocol`. */
    open(protocol = 'v5.channel.k8s.io') {
      socket.protocol = protocol;
      socket.onopen?.({});
    },
    message: (channel: number, text: string) => socket.onmessage?.({ data: frame(channel, text) }),
    close: () => socket.onclose?.({ code: 1000 }),
  };
}

describe('openSession', () => {
  it('keeps the frames and the close a server sends in the same packet as the upgrade', async () => {
    const s = scriptedSocket();
    let stdout = '';
    const opening = openSession(s.socket, { stdin: false, tty: false, stdout: (t) => { stdout += t; } });
    // All of it before the caller's `await` resumes.
    s.open();
    s.message(1, 'from-configmap');
    s.message(3, JSON.stringify({ metadata: {}, status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } }));
    s.close();
    const session = await opening;
    expect(await session!.result).toEqual({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
    expect(stdout).toBe('from-configmap');
  });

  it('is undefined when the socket fails before it opens (the upgrade was refused)', async () => {
    const s = scriptedSocket();
    const opening = openSession(s.socket, { stdin: false, tty: false });
    s.close();
    expect(await opening).toBeUndefined();
  });

  it.each([
    { protocol: 'v5.channel.k8s.io', sent: [[0, 0x74, 0x79, 0x70, 0x65, 0x64], [255, 0]] },
    // v4 has no message for the end of stdin.
    { protocol: 'v4.channel.k8s.io', sent: [[0, 0x74, 0x79, 0x70, 0x65, 0x64]] },
  ])('ends stdin as $protocol does, the protocol being the one the server chose', async ({ protocol, sent }) => {
    const s = scriptedSocket();
    const opening = openSession(s.socket, { stdin: true, tty: false });
    s.open(protocol);
    const session = (await opening)!;
    session.writeStdin('typed');
    session.closeStdin();
    expect(s.sent.map((b) => [...b])).toEqual(sent);
  });

  it('closes the socket when the client goes away, and settles the result', async () => {
    const s = scriptedSocket();
    const opening = openSession(s.socket, { stdin: false, tty: false });
    s.open();
    const session = (await opening)!;
    session.close();
    expect(s.closedByClient).toBe(1000);
    expect(await session.result).toEqual({ status: 'Success' });
    // Nothing is sent on a closed session.
    session.writeStdin('late');
    expect(s.sent).toEqual([]);
  });
});
