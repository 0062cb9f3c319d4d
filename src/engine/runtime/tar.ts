// `tar`, as GNU tar and busybox's applet run it: create (c), extract (x) and list (t) of
// uncompressed archives on stdin/stdout or in a file. It is what `kubectl cp` execs in the
// container (kubectl/pkg/cmd/cp/cp.go: `tar cf - SRC` to copy out, `tar -xmf - -C DIR` to copy
// in). The container's filesystem keeps no owners, modes or times, so -m, -o, -p and
// --no-same-* change nothing, and members are written 0644/0755, root, at the current time.
import { decodeBytes, encodeBytes } from '../api/index.ts';
import { FsError, resolvePath } from './fs.ts';
import type { Program, ProcessContext } from './process.ts';
import { END_OF_ARCHIVE, joinBlocks, memberBlocks, readArchive, type TarEntry } from './tarformat.ts';

interface TarOptions {
  mode: 'c' | 'x' | 't' | undefined;
  file: string;
  directory: string | undefined;
  verbose: boolean;
  paths: string[];
}

/** The flags that change nothing here, since the filesystem has no owners, modes or times. */
const IGNORED_LONG = new Set(['--no-same-permissions', '--no-same-owner', '--same-permissions', '--same-owner', '--preserve-permissions', '--touch', '--overwrite']);
const IGNORED_SHORT = 'mopkh';

/** Parses tar's three argument styles: `cf - x` (old: the letters' values follow in order), `-xmf - -C d`, and long options. */
function parseArgs(args: string[]): TarOptions | string {
  const opts: TarOptions = { mode: undefined, file: '-', directory: undefined, verbose: false, paths: [] };
  const list = [...args];
  if (list[0] && !list[0].startsWith('-')) list[0] = `-${list[0]}`;
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (arg === '--') {
      opts.paths.push(...list.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [key, value] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
      if (IGNORED_LONG.has(key)) continue;
      if (key === '--file' || key === '--directory') {
        const v = value ?? list[++i] ?? '';
        if (key === '--file') opts.file = v;
        else opts.directory = v;
      } else if (key === '--create' || key === '--extract' || key === '--list') {
        opts.mode = key === '--create' ? 'c' : key === '--extract' ? 'x' : 't';
      } else if (key === '--verbose') {
        opts.verbose = true;
      } else {
        return `unrecognized option '${key}'`;
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (letter === 'c' || letter === 'x' || letter === 't') opts.mode = letter;
        else if (letter === 'v') opts.verbose = true;
        else if (letter === 'f') opts.file = list.splice(i + 1, 1)[0] ?? '';
        else if (letter === 'C') opts.directory = list.splice(i + 1, 1)[0] ?? '';
        else if (!IGNORED_SHORT.includes(letter)) return `invalid option -- '${letter}'`;
      }
    } else {
      opts.paths.push(arg);
    }
  }
  return opts;
}

/** The messages of the two families (GNU tar 1.35, busybox 1.37). */
const TEXT = {
  gnu: {
    stripped: "tar: Removing leading `/' from member names\n",
    cannotStat: (p: string, why: string) => `tar: ${p}: Cannot stat: ${why}\n`,
    cannotOpen: (p: string, why: string) => `tar: ${p}: Cannot open: ${why}\n`,
    cannotMkdir: (p: string, why: string) => `tar: ${p}: Cannot mkdir: ${why}\n`,
    noDirectory: (p: string, why: string) => `tar: ${p}: Cannot open: ${why}\ntar: Error is not recoverable: exiting now\n`,
    notTar: 'tar: This does not look like a tar archive\n',
    truncated: 'tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n',
    delayed: 'tar: Exiting with failure status due to previous errors\n',
    noMode: "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n",
    usage: (why: string) => `tar: ${why}\nTry 'tar --help' or 'tar --usage' for more information.\n`,
    failure: 2,
  },
  busybox: {
    stripped: "tar: removing leading '/' from member names\n",
    cannotStat: (p: string, why: string) => `tar: ${p}: ${why}\n`,
    cannotOpen: (p: string, why: string) => `tar: can't open '${p}': ${why}\n`,
    cannotMkdir: (p: string, why: string) => `tar: can't create directory '${p}': ${why}\n`,
    noDirectory: (p: string, why: string) => `tar: can't change directory to '${p}': ${why}\n`,
    notTar: 'tar: invalid tar magic\n',
    truncated: 'tar: short read\n',
    delayed: 'tar: error exit delayed from previous errors\n',
    noMode: 'tar: need one of -c, -x, -t\n',
    usage: (why: string) => `tar: ${why}\n`,
    failure: 1,
  },
} as const;

export const tar: Program = async (ctx) => {
  const text = TEXT[ctx.container.toolset];
  const opts = parseArgs(ctx.argv.slice(1));
  if (typeof opts === 'string') {
    ctx.io.stderr(text.usage(opts));
    return text.failure;
  }
  if (!opts.mode) {
    ctx.io.stderr(text.noMode);
    return text.failure;
  }
  const base = resolvePath(ctx.cwd, opts.directory ?? '.');
  if (opts.directory !== undefined && !ctx.container.fs.isDir(base)) {
    ctx.io.stderr(text.noDirectory(opts.directory, new FsError(base, ctx.container.fs.isFile(base) ? 'ENOTDIR' : 'ENOENT').message));
    return text.failure;
  }
  return opts.mode === 'c' ? create(ctx, opts, base) : extract(ctx, opts, base);
};

/** `tar c`: the named files and directories (recursively, in `ls` order) as an archive. */
async function create(ctx: ProcessContext, opts: TarOptions, base: string): Promise<number> {
  const text = TEXT[ctx.container.toolset];
  const fs = ctx.container.fs;
  const mtime = Math.floor(ctx.clock.now() / 1000);
  const blocks: Uint8Array[] = [];
  let failed = false;
  let warned = false;
  const add = (name: string, path: string) => {
    const entry: TarEntry = fs.isDir(path)
      ? { name: name.endsWith('/') ? name : `${name}/`, type: 'dir', mode: 0o755, mtime, content: new Uint8Array(0) }
      : { name, type: 'file', mode: 0o644, mtime, content: encodeBytes(fs.read(path)) };
    blocks.push(...memberBlocks(entry));
    if (opts.verbose) (opts.file === '-' ? ctx.io.stderr : ctx.io.stdout)(`${entry.name}\n`);
    if (entry.type === 'dir') for (const child of fs.list(path)) add(`${entry.name}${child}`, `${path === '/' ? '' : path}/${child}`);
  };
  for (const given of opts.paths) {
    const path = resolvePath(base, given);
    if (!fs.exists(path)) {
      ctx.io.stderr(text.cannotStat(given, 'No such file or directory'));
      failed = true;
      continue;
    }
    const name = given.replace(/^\/+/, '');
    if (name !== given && !warned) {
      ctx.io.stderr(text.stripped);
      warned = true;
    }
    add(name || './', path);
  }
  const archive = joinBlocks([...blocks, END_OF_ARCHIVE]);
  if (opts.file === '-') {
    ctx.io.stdout(decodeBytes(archive));
  } else {
    try {
      fs.write(resolvePath(ctx.cwd, opts.file), decodeBytes(archive));
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      ctx.io.stderr(text.cannotOpen(opts.file, err.message));
      return text.failure;
    }
  }
  if (failed) ctx.io.stderr(text.delayed);
  return failed ? text.failure : 0;
}

/** `tar x` (and `t`): reads the whole archive, then writes (or names) its members under `base`. */
async function extract(ctx: ProcessContext, opts: TarOptions, base: string): Promise<number> {
  const text = TEXT[ctx.container.toolset];
  const fs = ctx.container.fs;
  let input = '';
  if (opts.file === '-') {
    for (let chunk = await ctx.io.readStdin(); chunk !== undefined; chunk = await ctx.io.readStdin()) input += chunk;
  } else {
    try {
      input = fs.read(resolvePath(ctx.cwd, opts.file));
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      ctx.io.stderr(text.cannotOpen(opts.file, err.message));
      return text.failure;
    }
  }
  const { entries, error } = readArchive(encodeBytes(input));
  let failed = false;
  let warned = false;
  for (const entry of entries) {
    const name = entry.name.replace(/^\/+/, '');
    if (name !== entry.name && !warned) {
      ctx.io.stderr(text.stripped);
      warned = true;
    }
    if (opts.verbose || opts.mode === 't') ctx.io.stdout(`${entry.name}\n`);
    if (opts.mode === 't' || entry.type === 'other' || !name) continue;
    const path = resolvePath(base, name);
    try {
      if (entry.type === 'dir') {
        fs.mkdir(path, true);
      } else {
        fs.mkdir(resolvePath(path, '..'), true);
        fs.write(path, decodeBytes(entry.content));
      }
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      ctx.io.stderr((entry.type === 'dir' ? text.cannotMkdir : text.cannotOpen)(name, err.message));
      failed = true;
      // busybox dies on the first member it cannot write; GNU tar goes on to the next.
      if (ctx.container.toolset === 'busybox') return text.failure;
    }
  }
  if (error === 'truncated') {
    ctx.io.stderr(text.truncated);
    return text.failure;
  }
  if (error) ctx.io.stderr(text.notTar);
  // GNU tar says at the end that it failed; busybox has already died on the error.
  if ((error || failed) && ctx.container.toolset === 'gnu') ctx.io.stderr(text.delayed);
  return error || failed ? text.failure : 0;
}
