// `test` and `[`: the checks container scripts make (`[ -f /data/ready ]`, `[ "$i" -lt 5 ]`,
// `[ -z "$VAR" ]`), with `!`, `-a` and `-o`. Exit 0 true, 1 false, 2 on a usage error.
import { resolvePath } from './fs.ts';
import type { Program, ProcessContext, Stdio } from './process.ts';

/** `test` as a program on PATH (/usr/bin/test), what an exec without a shell runs: `kubectl cp` asks `test -d DEST`. */
export const testProgram: Program = async (ctx) => runTest('test', ctx.argv.slice(1), ctx, ctx.io);

export function runTest(name: string, args: string[], ctx: ProcessContext, io: Stdio): number {
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      io.stderr(`${name}: missing ]\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(args, ctx) ? 0 : 1;
  } catch (err) {
    if (!(err instanceof TestError)) throw err;
    io.stderr(`sh: ${err.message}\n`);
    return 2;
  }
}

class TestError extends Error {}

function evaluate(args: string[], ctx: ProcessContext): boolean {
  const or = args.indexOf('-o');
  if (or > 0) return evaluate(args.slice(0, or), ctx) || evaluate(args.slice(or + 1), ctx);
  const and = args.indexOf('-a');
  if (and > 0 && args.length > 3) return evaluate(args.slice(0, and), ctx) && evaluate(args.slice(and + 1), ctx);
  if (args[0] === '!') return !evaluate(args.slice(1), ctx);
  const fs = ctx.container.fs;
  const path = (p: string) => resolvePath(ctx.cwd, p);
  switch (args.length) {
    case 0: return false;
    case 1: return args[0] !== '';
    case 2: {
      const [op, v] = args as [string, string];
      switch (op) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-e': return fs.exists(path(v));
        case '-f': return fs.isFile(path(v));
        case '-d': return fs.isDir(path(v));
        case '-s': return fs.isFile(path(v)) && fs.read(path(v)) !== '';
        case '-r': case '-w': case '-x': return fs.exists(path(v));
        default: throw new TestError(`${op}: unary operator expected`);
      }
    }
    default: {
      const [a, op, b] = args as [string, string, string];
      const int = (v: string) => {
        if (!/^\s*-?\d+\s*$/.test(v)) throw new TestError(`${JSON.stringify(v).slice(1, -1)}: bad number`);
        return Number(v);
      };
      switch (op) {
        case '=': case '==': return a === b;
        case '!=': return a !== b;
        case '-eq': return int(a) === int(b);
        case '-ne': return int(a) !== int(b);
        case '-lt': return int(a) < int(b);
        case '-le': return int(a) <= int(b);
        case '-gt': return int(a) > int(b);
        case '-ge': return int(a) >= int(b);
        default: throw new TestError(`${op}: binary operator expected`);
      }
    }
  }
}
