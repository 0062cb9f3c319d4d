// The shell's `read` builtin (POSIX read, as busybox ash, dash and bash do it for the common
// forms): one line of stdin, split on blanks into the named variables (REPLY without names),
// the last variable taking the rest of the line. `echo x | sh -c 'read v; echo $v'` and
// `while read line; do ...; done < file` are what container scripts use it for.
import type { ProcessContext, Stdio } from './process.ts';

// What a read took from stdin beyond its line, kept for the next read of the same stream (a
// chunk may hold many lines; a real read(1) takes one byte at a time and leaves the rest).
const unread = new WeakMap<Stdio['readStdin'], string>();

/** Exit 0 with a whole line; 1 at the end of input (variables still set from a partial line). */
export async function runRead(args: string[], ctx: ProcessContext, io: Stdio): Promise<number> {
  const raw = args.includes('-r');
  const names = args.filter((a) => !a.startsWith('-'));
  let buffer = unread.get(io.readStdin) ?? '';
  let ended = false;
  while (!buffer.includes('\n')) {
    const chunk = await io.readStdin();
    if (chunk === undefined) {
      ended = true;
      break;
    }
    buffer += chunk;
  }
  const newline = buffer.indexOf('\n');
  let line = newline < 0 ? buffer : buffer.slice(0, newline);
  unread.set(io.readStdin, newline < 0 ? '' : buffer.slice(newline + 1));
  // Without -r a backslash quotes the next character.
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  assign(names.length ? names : ['REPLY'], line, ctx);
  return ended && newline < 0 ? 1 : 0;
}

/** IFS splitting (default IFS: space, tab): one word per name, the rest of the line to the last. */
function assign(names: string[], line: string, ctx: ProcessContext): void {
  let rest = line.replace(/^[ \t]+/, '');
  names.forEach((name, i) => {
    if (i === names.length - 1) {
      ctx.env.set(name, rest.replace(/[ \t]+$/, ''));
      return;
    }
    const m = /^([^ \t]*)[ \t]*/.exec(rest)!;
    ctx.env.set(name, m[1]!);
    rest = rest.slice(m[0].length);
  });
}
