// The shell inside simulated containers: busybox's ash, Debian's dash (its /bin/sh) and bash,
// running the parsed script (shell-parse.ts) on the virtual clock. They differ, for a learner,
// in how they name a missing command: `sh: foo: not found` (ash), `sh: 1: foo: not found`
// (dash), `bash: line 1: foo: command not found` (bash), all exit 127.
import { resolvePath, FsError } from './fs.ts';
import { Exit, Killed, type ProcessContext, type Stdio } from './process.ts';
import { parseScript, ShellSyntaxError, type AndOr, type Command, type List, type Pipeline, type Redirect, type Word } from './shell-parse.ts';
import { runRead } from './read-builtin.ts';
import { runTest } from './test-builtin.ts';

export type ShellFlavor = 'ash' | 'dash' | 'bash';

/** After this many commands without a wait, a loop yields a millisecond of virtual time, so `while true; do :; done` cannot freeze the tab. */
const COMMANDS_PER_YIELD = 1000;

/** `sh [-c SCRIPT [NAME [ARGS...]]]`: with -c runs the script; without, reads commands from stdin (a terminal gets a prompt). */
export function shellProgram(flavor: ShellFlavor) {
  return async (ctx: ProcessContext): Promise<number> => {
    const name = flavor === 'bash' ? 'bash' : 'sh';
    const args = ctx.argv.slice(1);
    const shell = new Shell(ctx, flavor, name);
    if (args[0] === '-c') {
      if (args.length < 2) {
        ctx.io.stderr(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      shell.positional = args.slice(3);
      shell.arg0 = args[2] ?? name;
      return shell.runScript(args[1]!, ctx.io);
    }
    return shell.interactive();
  };
}

class Shell {
  positional: string[] = [];
  arg0: string;
  private status = 0;
  private steps = 0;
  private readonly background: Promise<number>[] = [];

  constructor(private readonly ctx: ProcessContext, private readonly flavor: ShellFlavor, private readonly name: string) {
    this.arg0 = name;
  }

  /** Runs a whole script; syntax errors are the shell's `sh: line N: syntax error ...` with status 2. */
  async runScript(script: string, io: Stdio): Promise<number> {
    let list: List;
    try {
      list = parseScript(script);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr(this.flavor === 'bash' ? `${this.name}: -c: line 1: ${err.message}\n` : `${this.name}: ${this.flavor === 'dash' ? '1: ' : ''}${err.message}\n`);
      return 2;
    }
    try {
      return await this.list(list, io);
    } catch (err) {
      if (err instanceof Exit) return err.exitCode;
      throw err;
    }
  }

  /** Reads stdin line by line (a prompt per line on a terminal) until its end or `exit`. */
  async interactive(): Promise<number> {
    const io = this.ctx.io;
    const prompt = () => io.tty && io.stdout(this.flavor === 'bash' ? `root@${this.ctx.container.hostname}:${this.ctx.cwd}# ` : this.flavor === 'ash' ? `${this.ctx.cwd} # ` : '# ');
    let pending = '';
    prompt();
    for (;;) {
      const chunk = await io.readStdin();
      if (chunk === undefined) break;
      pending += io.tty ? chunk.replace(/\r/g, '\n') : chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        try {
          this.status = await this.runLine(line, io);
        } catch (err) {
          if (err instanceof Exit) return err.exitCode;
          throw err;
        }
        prompt();
      }
    }
    if (pending.trim()) this.status = await this.runScript(pending, io);
    if (io.tty) io.stdout('exit\n');
    return this.status;
  }

  private async runLine(line: string, io: Stdio): Promise<number> {
    let list: List;
    try {
      list = parseScript(line);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr(`${this.name}: ${err.message}\n`);
      return 2;
    }
    return this.list(list, io);
  }

  private async list(list: List, io: Stdio): Promise<number> {
    for (const item of list) {
      if (item.background) {
        const job = this.andOr(item, io).catch((err: unknown) => (err instanceof Exit || err instanceof Killed ? err.exitCode : Promise.reject(err)));
        this.background.push(job);
        this.status = 0;
      } else {
        this.status = await this.andOr(item, io);
      }
    }
    return this.status;
  }

  private async andOr(item: AndOr, io: Stdio): Promise<number> {
    let status = await this.pipeline(item.first, io);
    for (const { op, pipeline } of item.rest) {
      if ((op === '&&') === (status === 0)) status = await this.pipeline(pipeline, io);
    }
    return status;
  }

  /** A pipeline: each command's output, collected, is the next one's input. */
  private async pipeline(pipeline: Pipeline, io: Stdio): Promise<number> {
    let input: string | undefined;
    let status = 0;
    for (const [i, command] of pipeline.commands.entries()) {
      const last = i === pipeline.commands.length - 1;
      let collected = '';
      const stage: Stdio = {
        tty: io.tty,
        stdout: last ? io.stdout : (text) => { collected += text; },
        stderr: io.stderr,
        readStdin: i === 0 ? io.readStdin : onceReader(input ?? ''),
      };
      status = await this.command(command, stage);
      input = collected;
    }
    this.status = pipeline.negate ? Number(status === 0) : status;
    return this.status;
  }

  private async command(command: Command, io: Stdio): Promise<number> {
    if (++this.steps % COMMANDS_PER_YIELD === 0) await this.ctx.sleep(1);
    const redirected = await this.redirect(command.redirects, io);
    if (!redirected) return 1;
    switch (command.type) {
      case 'simple': return this.simple(command, redirected);
      case 'if': {
        for (const branch of command.branches) {
          if ((await this.list(branch.cond, redirected)) === 0) return this.list(branch.body, redirected);
        }
        return command.otherwise ? this.list(command.otherwise, redirected) : 0;
      }
      case 'loop': {
        let status = 0;
        for (;;) {
          const cond = await this.list(command.cond, redirected);
          if ((cond === 0) === command.until) return status;
          status = await this.list(command.body, redirected);
          if (++this.steps % COMMANDS_PER_YIELD === 0) await this.ctx.sleep(1);
        }
      }
      case 'for': {
        const items = command.items ? (await Promise.all(command.items.map((w) => this.expand(w)))).flat() : this.positional;
        let status = 0;
        for (const item of items) {
          this.ctx.env.set(command.name, item);
          status = await this.list(command.body, redirected);
        }
        return status;
      }
      case 'group': {
        if (!command.subshell) return this.list(command.body, redirected);
        const saved = { env: new Map(this.ctx.env), cwd: this.ctx.cwd };
        try {
          return await this.list(command.body, redirected);
        } catch (err) {
          if (err instanceof Exit) return err.exitCode;
          throw err;
        } finally {
          this.ctx.env.clear();
          for (const [k, v] of saved.env) this.ctx.env.set(k, v);
          this.ctx.cwd = saved.cwd;
        }
      }
    }
  }

  private async simple(command: Extract<Command, { type: 'simple' }>, io: Stdio): Promise<number> {
    const argv = (await Promise.all(command.words.map((w) => this.expand(w)))).flat();
    const assigned = await Promise.all(command.assigns.map(async (a) => [a.name, (await this.expand(a.value, false)).join(' ')] as const));
    if (!argv.length) {
      for (const [k, v] of assigned) this.ctx.env.set(k, v);
      return 0;
    }
    const builtin = await this.builtin(argv, io);
    if (builtin !== undefined) return builtin;
    const name = argv[0]!;
    const env = new Map(this.ctx.env);
    for (const [k, v] of assigned) env.set(k, v);
    if (!this.ctx.container.commands.has(name.slice(name.lastIndexOf('/') + 1))) {
      io.stderr(this.notFound(name));
      return 127;
    }
    return this.ctx.spawn(argv, io, env);
  }

  private notFound(name: string): string {
    switch (this.flavor) {
      case 'ash': return `${this.name}: ${name}: not found\n`;
      case 'dash': return `${this.name}: 1: ${name}: not found\n`;
      case 'bash': return `${this.name}: line 1: ${name}: command not found\n`;
    }
  }

  /** The shell's own commands; undefined for anything else. */
  private async builtin(argv: string[], io: Stdio): Promise<number | undefined> {
    const [name, ...args] = argv as [string, ...string[]];
    switch (name) {
      case ':': case 'true': return 0;
      case 'false': return 1;
      case 'exit': throw new Exit(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0) this.ctx.env.set(arg.slice(0, eq), arg.slice(eq + 1));
        }
        return 0;
      case 'unset':
        for (const arg of args) this.ctx.env.delete(arg);
        return 0;
      case 'set': case 'wait': case 'shift':
        if (name === 'wait') await Promise.all(this.background);
        return 0;
      case 'cd': {
        const target = resolvePath(this.ctx.cwd, args[0] ?? this.ctx.env.get('HOME') ?? '/');
        if (!this.ctx.container.fs.isDir(target)) {
          io.stderr(this.flavor === 'bash' ? `${this.name}: line 1: cd: ${args[0]}: No such file or directory\n` : `${this.name}: ${this.flavor === 'dash' ? '1: ' : ''}cd: can't cd to ${args[0]}\n`);
          return this.flavor === 'bash' ? 1 : 2;
        }
        this.ctx.cwd = target;
        return 0;
      }
      case 'test': case '[': return runTest(name, args, this.ctx, io);
      case 'read': return runRead(args, this.ctx, io);
      case 'trap': {
        // trap ACTION SIGNAL...: only TERM (and INT) matter to a container's lifecycle.
        const [action, ...signals] = args;
        if (action !== undefined && signals.some((s) => /^(SIG)?(TERM|15)$/.test(s))) {
          // The handler's script runs when the signal arrives; an `exit` in it ends the process with that code.
          this.ctx.onTerm(action === '-' ? undefined : () => void this.trapped(action, io));
        }
        return 0;
      }
      default: return undefined;
    }
  }

  /** A trap's action, run when its signal arrives: an `exit` in it ends the whole process with that code. */
  private async trapped(action: string, io: Stdio): Promise<void> {
    try {
      await this.list(parseScript(action), io);
    } catch (err) {
      if (err instanceof Exit) this.ctx.exit(err.exitCode);
      else if (!(err instanceof Killed) && !(err instanceof ShellSyntaxError)) throw err;
    }
  }

  /** Applies redirections; undefined (after the shell's message) when a file cannot be opened. */
  private async redirect(redirects: Redirect[], io: Stdio): Promise<Stdio | undefined> {
    let out: Stdio = io;
    for (const r of redirects) {
      const target = (await this.expand(r.target, false)).join(' ');
      if (r.op === '>&') {
        const to = target === '1' ? out.stdout : target === '2' ? out.stderr : undefined;
        if (to) out = r.fd === 2 ? { ...out, stderr: to } : { ...out, stdout: to };
        continue;
      }
      const sink = this.openFile(target, r, io);
      if (sink === undefined) return undefined;
      if (r.op === '<') out = { ...out, readStdin: onceReader(sink as string) };
      else if (r.fd === 2) out = { ...out, stderr: sink as (t: string) => void };
      else out = { ...out, stdout: sink as (t: string) => void };
    }
    return out;
  }

  private openFile(target: string, r: Redirect, io: Stdio): string | ((text: string) => void) | undefined {
    const fs = this.ctx.container.fs;
    if (target === '/dev/null') return r.op === '<' ? '' : () => undefined;
    if (target === '/dev/stdout') return io.stdout;
    if (target === '/dev/stderr') return io.stderr;
    const path = resolvePath(this.ctx.cwd, target);
    try {
      if (r.op === '<') return fs.read(path);
      fs.write(path, '', r.op === '>>');
      return (text: string) => fs.write(path, text, true);
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      const verb = r.op === '<' ? "can't open" : "can't create";
      io.stderr(this.flavor === 'bash' ? `${this.name}: line 1: ${target}: ${err.message}\n` : `${this.name}: ${this.flavor === 'dash' ? '1: ' : ''}${verb} ${target}: ${this.flavor === 'dash' ? err.message.replace(/^./, (c) => c.toLowerCase()) : err.message}\n`);
      return undefined;
    }
  }

  /** Expands a word into fields: parameters, command substitution, arithmetic; unquoted expansions split on whitespace. */
  private async expand(word: Word, split = true): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let started = false;
    for (const part of word) {
      let value: string;
      if (part.type === 'text') {
        current += part.text;
        started = true;
        continue;
      }
      if (part.type === 'param') value = await this.param(part);
      else if (part.type === 'command') value = (await this.capture(part.script)).replace(/\n+$/, '');
      else value = String(this.arith(part.expr));
      if (part.quoted || !split) {
        current += value;
        started = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (started || current) fields.push(current);
          current = '';
          started = false;
        }
        if (piece) {
          current += piece;
          started = true;
        }
      });
    }
    if (started || current) fields.push(current);
    return fields;
  }

  private async param(part: Extract<Word[number], { type: 'param' }>): Promise<string> {
    let value: string | undefined;
    switch (part.name) {
      case '?': value = String(this.status); break;
      case '$': value = '1'; break;
      case '#': value = String(this.positional.length); break;
      case '@': case '*': value = this.positional.join(' '); break;
      case '0': value = this.arg0; break;
      default:
        value = /^\d$/.test(part.name) ? this.positional[Number(part.name) - 1] : this.ctx.env.get(part.name);
    }
    const fb = part.fallback;
    if (fb && (value === undefined || (fb.op.startsWith(':') && value === ''))) {
      const alt = (await this.expand(fb.word, false)).join(' ');
      if (fb.op.endsWith('=')) this.ctx.env.set(part.name, alt);
      return alt;
    }
    return value ?? '';
  }

  /** `$(...)`: runs the script in a subshell and returns its output. */
  private async capture(script: string): Promise<string> {
    let out = '';
    const saved = { env: new Map(this.ctx.env), cwd: this.ctx.cwd };
    const sub = new Shell(this.ctx, this.flavor, this.name);
    sub.positional = this.positional;
    try {
      this.status = await sub.runScript(script, { ...this.ctx.io, stdout: (t) => { out += t; } });
    } finally {
      this.ctx.env.clear();
      for (const [k, v] of saved.env) this.ctx.env.set(k, v);
      this.ctx.cwd = saved.cwd;
    }
    return out;
  }

  /** `$((...))`: integer arithmetic over + - * / % comparisons and parentheses, variables by name. */
  private arith(expr: string): number {
    const tokens = expr.match(/\d+|[A-Za-z_]\w*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
    let i = 0;
    const value = (t: string) => (/^\d+$/.test(t) ? Number(t) : Number(this.ctx.env.get(t) ?? 0) || 0);
    const primary = (): number => {
      const t = tokens[i++] ?? '0';
      if (t === '(') {
        const v = binary(0);
        i++;
        return v;
      }
      if (t === '-') return -primary();
      if (t === '!') return Number(!primary());
      return value(t);
    };
    const PREC: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
    const binary = (min: number): number => {
      let left = primary();
      for (let op = tokens[i]; op && (PREC[op] ?? 0) > min; op = tokens[i]) {
        i++;
        const right = binary(PREC[op]!);
        left = applyOp(op, left, right);
      }
      return left;
    };
    return binary(0);
  }
}

function applyOp(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? 0 : Math.trunc(a / b);
    case '%': return b === 0 ? 0 : a % b;
    case '<': return Number(a < b);
    case '>': return Number(a > b);
    case '<=': return Number(a <= b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '&&': return Number(Boolean(a && b));
    default: return Number(Boolean(a || b));
  }
}

/** A stdin that yields `text` once, then its end. */
export function onceReader(text: string): () => Promise<string | undefined> {
  let done = false;
  return async () => {
    if (done || !text) return undefined;
    done = true;
    return text;
  };
}
