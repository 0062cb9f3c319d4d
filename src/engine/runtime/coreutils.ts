// The everyday tools inside images: what learners run with `kubectl exec POD -- ...` (env,
// cat of a mounted ConfigMap, ls, hostname, date) and what container scripts use (echo,
// sleep, head, grep ...). Two families print their errors differently: busybox (busybox,
// alpine) and GNU coreutils (Debian and Ubuntu based images).
import { FsError, resolvePath } from './fs.ts';
import type { Program, ProcessContext } from './process.ts';

const busybox = (ctx: ProcessContext) => ctx.container.toolset === 'busybox';

/** Reads the files named, or stdin without any: the text, or undefined after printing the tool's error. */
async function readInputs(ctx: ProcessContext, tool: string, files: string[]): Promise<{ text: string; failed: boolean }> {
  if (!files.length || (files.length === 1 && files[0] === '-')) {
    let text = '';
    for (let chunk = await ctx.io.readStdin(); chunk !== undefined; chunk = await ctx.io.readStdin()) text += chunk;
    return { text, failed: false };
  }
  let text = '';
  let failed = false;
  for (const file of files) {
    try {
      text += ctx.container.fs.read(resolvePath(ctx.cwd, file));
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      failed = true;
      ctx.io.stderr(busybox(ctx) && tool === 'cat' && err.reason === 'ENOENT' ? `cat: can't open '${file}': ${err.message}\n` : `${tool}: ${file}: ${err.message}\n`);
    }
  }
  return { text, failed };
}

/** Splits `-n 5`, `-n5`, `-5` and flag letters off the arguments. */
function options(args: string[], withValue: string): { flags: Set<string>; values: Map<string, string>; rest: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (/^-\d+$/.test(arg) && withValue.includes('n')) {
      values.set('n', arg.slice(1));
    } else if (arg.startsWith('-') && arg.length > 1 && !arg.startsWith('--')) {
      for (let j = 1; j < arg.length; j++) {
        const f = arg[j]!;
        if (withValue.includes(f)) {
          values.set(f, arg.slice(j + 1) || (args[++i] ?? ''));
          break;
        }
        flags.add(f);
      }
    } else {
      rest.push(arg);
    }
  }
  return { flags, values, rest };
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** `date`'s default format: `Wed Dec  2 00:20:30 UTC 2026`. */
export function dateString(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** `sleep 5`, `sleep 0.5`, `sleep 1m`, `sleep infinity`: milliseconds, or undefined when invalid. */
function sleepMs(arg: string): number | undefined {
  if (arg === 'infinity') return Number.MAX_SAFE_INTEGER / 2;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as ''];
  return Number(m[1]) * unit * 1000;
}

/** echo's and printf's escapes: \n \t \r \\ \0NNN, and \c, which ends the output. */
function escapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const e = text[++i]!;
    if (e === 'c') return out;
    if (e === '0') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += digits.length;
      continue;
    }
    out += { n: '\n', t: '\t', r: '\r', '\\': '\\' }[e] ?? `\\${e}`;
  }
  return out;
}

export const COREUTILS: Record<string, Program> = {
  async true() { return 0; },
  async false() { return 1; },
  async echo(ctx) {
    let args = ctx.argv.slice(1);
    let newline = true;
    let interpret = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      if (args[0].includes('e')) interpret = true;
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (interpret) text = escapes(text);
    ctx.io.stdout(text + (newline ? '\n' : ''));
    return 0;
  },
  async printf(ctx) {
    const [format = '', ...args] = ctx.argv.slice(1);
    let i = 0;
    const out = escapes(format).replace(/%([sdx%])/g, (_, f: string) => {
      if (f === '%') return '%';
      const arg = args[i++] ?? '';
      return f === 's' ? arg : f === 'd' ? String(Number.parseInt(arg, 10) || 0) : (Number.parseInt(arg, 10) || 0).toString(16);
    });
    ctx.io.stdout(out);
    return 0;
  },
  async cat(ctx) {
    const { text, failed } = await readInputs(ctx, 'cat', ctx.argv.slice(1).filter((a) => !/^-[A-Za-z]+$/.test(a)));
    ctx.io.stdout(text);
    return failed ? 1 : 0;
  },
  async ls(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), '');
    const fs = ctx.container.fs;
    const targets = rest.length ? rest : ['.'];
    let status = 0;
    const out: string[] = [];
    for (const target of targets) {
      const path = resolvePath(ctx.cwd, target);
      if (fs.isFile(path)) {
        out.push(target);
      } else if (fs.isDir(path)) {
        if (targets.length > 1) out.push(`${target}:`);
        out.push(...(flags.has('a') ? ['.', '..'] : []), ...fs.list(path).filter((n) => flags.has('a') || !n.startsWith('.')));
      } else {
        ctx.io.stderr(busybox(ctx) ? `ls: ${target}: No such file or directory\n` : `ls: cannot access '${target}': No such file or directory\n`);
        status = busybox(ctx) ? 1 : 2;
      }
    }
    if (out.length) ctx.io.stdout(`${out.join(ctx.io.tty ? '  ' : '\n')}\n`);
    return status;
  },
  async env(ctx) {
    const args = ctx.argv.slice(1);
    if (args.length) return ctx.spawn(args, ctx.io);
    ctx.io.stdout([...ctx.env].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  },
  async printenv(ctx) {
    const names = ctx.argv.slice(1);
    if (!names.length) {
      ctx.io.stdout([...ctx.env].map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    let status = 0;
    for (const name of names) {
      const value = ctx.env.get(name);
      if (value === undefined) status = 1;
      else ctx.io.stdout(`${value}\n`);
    }
    return status;
  },
  async hostname(ctx) {
    ctx.io.stdout(`${ctx.container.hostname}\n`);
    return 0;
  },
  async pwd(ctx) {
    ctx.io.stdout(`${ctx.cwd}\n`);
    return 0;
  },
  async whoami(ctx) {
    ctx.io.stdout('root\n');
    return 0;
  },
  async id(ctx) {
    ctx.io.stdout(busybox(ctx) ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  },
  async uname(ctx) {
    const all = ctx.argv.includes('-a');
    ctx.io.stdout(all ? `Linux ${ctx.container.hostname} 6.1.0-28-cloud-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64${busybox(ctx) ? '' : ' GNU/Linux'}\n` : 'Linux\n');
    return 0;
  },
  async date(ctx) {
    ctx.io.stdout(`${dateString(ctx.clock.now())}\n`);
    return 0;
  },
  async sleep(ctx) {
    const arg = ctx.argv[1];
    const ms = arg === undefined ? undefined : sleepMs(arg);
    if (ms === undefined) {
      ctx.io.stderr(arg === undefined ? (busybox(ctx) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\nTry \'sleep --help\' for more information.\n') : `sleep: invalid ${busybox(ctx) ? "number '" + arg + "'" : "time interval '" + arg + "'\nTry 'sleep --help' for more information."}\n`);
      return 1;
    }
    await ctx.sleep(ms);
    return 0;
  },
  async mkdir(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), '');
    return eachPath(ctx, 'mkdir', rest, (path) => ctx.container.fs.mkdir(path, flags.has('p')), (target, message) => (busybox(ctx) ? `mkdir: can't create directory '${target}': ${message}` : `mkdir: cannot create directory '${target}': ${message}`));
  },
  async touch(ctx) {
    const fs = ctx.container.fs;
    return eachPath(ctx, 'touch', ctx.argv.slice(1), (path) => { if (!fs.isFile(path)) fs.write(path, ''); }, (target, message) => `touch: ${busybox(ctx) ? '' : 'cannot touch '}'${target}': ${message}`);
  },
  async rm(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), '');
    return eachPath(ctx, 'rm', rest, (path) => {
      if (flags.has('f') && !ctx.container.fs.exists(path)) return;
      ctx.container.fs.remove(path, flags.has('r') || flags.has('R'));
    }, (target, message) => (busybox(ctx) ? `rm: can't remove '${target}': ${message}` : `rm: cannot remove '${target}': ${message}`));
  },
  async head(ctx) {
    const { values, rest } = options(ctx.argv.slice(1), 'n');
    const { text, failed } = await readInputs(ctx, 'head', rest);
    const kept = lines(text).slice(0, Number(values.get('n') ?? 10));
    ctx.io.stdout(kept.map((l) => `${l}\n`).join(''));
    return failed ? 1 : 0;
  },
  async tail(ctx) {
    const { values, rest } = options(ctx.argv.slice(1), 'n');
    const { text, failed } = await readInputs(ctx, 'tail', rest);
    const n = Number(values.get('n') ?? 10);
    ctx.io.stdout(lines(text).slice(n === 0 ? Infinity : -n).map((l) => `${l}\n`).join(''));
    return failed ? 1 : 0;
  },
  async wc(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), '');
    const { text, failed } = await readInputs(ctx, 'wc', rest);
    const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(text).length };
    const chosen = (['l', 'w', 'c'] as const).filter((f) => flags.has(f));
    const shown = chosen.length ? chosen : (['l', 'w', 'c'] as const);
    const width = shown.length === 1 && !rest.length ? 0 : busybox(ctx) ? 9 : Math.max(...shown.map((f) => String(counts[f]).length));
    const cols = shown.map((f) => String(counts[f]).padStart(width));
    ctx.io.stdout(`${cols.join(busybox(ctx) ? ' ' : ' ')}${rest.length ? ` ${rest.join(' ')}` : ''}\n`);
    return failed ? 1 : 0;
  },
  async grep(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), 'e');
    const [pattern, ...files] = rest;
    if (pattern === undefined) {
      ctx.io.stderr(busybox(ctx) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    let re: RegExp;
    try {
      re = new RegExp(flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, flags.has('i') ? 'i' : '');
    } catch {
      re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
    const { text, failed } = await readInputs(ctx, 'grep', files);
    const matched = lines(text).map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => re.test(line) !== flags.has('v'));
    if (flags.has('c')) ctx.io.stdout(`${matched.length}\n`);
    else if (!flags.has('q')) ctx.io.stdout(matched.map(({ line, n }) => `${flags.has('n') ? `${n}:` : ''}${line}\n`).join(''));
    return failed ? 2 : matched.length ? 0 : 1;
  },
  async sort(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), '');
    const { text, failed } = await readInputs(ctx, 'sort', rest);
    const sorted = lines(text).sort((a, b) => (flags.has('n') ? Number.parseFloat(a) - Number.parseFloat(b) : a < b ? -1 : a > b ? 1 : 0));
    if (flags.has('r')) sorted.reverse();
    ctx.io.stdout(sorted.map((l) => `${l}\n`).join(''));
    return failed ? 2 : 0;
  },
  async seq(ctx) {
    const nums = ctx.argv.slice(1).map(Number);
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
    let out = '';
    for (let i = first; step > 0 ? i <= last : i >= last; i += step) out += `${i}\n`;
    ctx.io.stdout(out);
    return 0;
  },
  async tee(ctx) {
    const { flags, rest } = options(ctx.argv.slice(1), '');
    const { text } = await readInputs(ctx, 'tee', []);
    ctx.io.stdout(text);
    return eachPath(ctx, 'tee', rest, (path) => ctx.container.fs.write(path, text, flags.has('a')), (target, message) => `tee: ${target}: ${message}`);
  },
};

/** Runs `fn` on each path argument; prints `message(target, reason)` for the ones that fail. */
function eachPath(ctx: ProcessContext, tool: string, targets: string[], fn: (path: string) => void, message: (target: string, reason: string) => string): number {
  if (!targets.length) {
    ctx.io.stderr(`${tool}: missing operand\n`);
    return 1;
  }
  let status = 0;
  for (const target of targets) {
    try {
      fn(resolvePath(ctx.cwd, target));
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      ctx.io.stderr(`${message(target, err.message)}\n`);
      status = 1;
    }
  }
  return status;
}
