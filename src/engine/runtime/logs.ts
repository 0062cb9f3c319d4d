// A container's log, kept as the CRI log file keeps it: one entry per line (or partial
// line), each with its time and stream. Reading applies the kubelet's PodLogOptions
// (tailLines, sinceSeconds, timestamps, limitBytes) and, with follow, streams new lines until
// the container exits or the reader stops.
import type { PodLogOptions, StreamHandle } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';

interface Entry { time: number; stream: 'stdout' | 'stderr'; text: string }

/** What the runtime keeps per container before dropping the oldest lines (the kubelet rotates at 10Mi). */
const MAX_BYTES = 2 * 1024 * 1024;

/** Go's time.RFC3339Nano in UTC: trailing zeros of the fraction dropped (`...:30.12Z`, `...:30Z`). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-02T00:20:30.120Z
  const [whole, frac = ''] = iso.slice(0, -1).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${whole}${trimmed ? `.${trimmed}` : ''}Z`;
}

export class ContainerLog {
  private readonly entries: Entry[] = [];
  private bytes = 0;
  private readonly followers = new Set<{ push(entry: Entry): void; end(): void }>();
  private ended = false;

  constructor(private readonly clock: Clock) {}

  /** Appends output, split into lines at each newline (a trailing fragment is its own entry, as CRI's partial lines are). */
  write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.ended || !text) return;
    const time = this.clock.now();
    for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      const entry = { time, stream, text: line };
      this.entries.push(entry);
      this.bytes += line.length;
      for (const follower of this.followers) follower.push(entry);
    }
    while (this.bytes > MAX_BYTES && this.entries.length > 1) this.bytes -= this.entries.shift()!.text.length;
  }

  /** The container has exited: followers see the end of the stream. */
  end(): void {
    this.ended = true;
    for (const follower of this.followers) follower.end();
    this.followers.clear();
  }

  read(options: PodLogOptions, onChunk: (chunk: string) => void): StreamHandle {
    let remaining = options.limitBytes ?? Infinity;
    let resolveClosed!: () => void;
    const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });
    const format = (e: Entry) => (options.timestamps ? `${rfc3339Nano(e.time)} ${e.text}` : e.text);
    const emit = (text: string): boolean => {
      if (!text) return true;
      const out = text.length > remaining ? text.slice(0, remaining) : text;
      remaining -= out.length;
      onChunk(out);
      return remaining > 0;
    };
    const since = options.sinceSeconds !== undefined ? this.clock.now() - options.sinceSeconds * 1000 : -Infinity;
    let initial = this.entries.filter((e) => e.time >= since);
    if (options.tailLines !== undefined) initial = options.tailLines <= 0 ? [] : initial.slice(-options.tailLines);
    const more = emit(initial.map(format).join(''));
    if (!options.follow || this.ended || !more) {
      resolveClosed();
      return { stop() {}, closed };
    }
    const follower = {
      push: (entry: Entry) => {
        if (!emit(format(entry))) stop();
      },
      end: () => resolveClosed(),
    };
    const stop = () => {
      this.followers.delete(follower);
      resolveClosed();
    };
    this.followers.add(follower);
    return { stop, closed };
  }
}
