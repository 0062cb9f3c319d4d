// Command-line flags with spf13/pflag's semantics, as kubectl (cobra) parses them: long flags
// `--name=value` / `--name value`, shorthands `-n ns` / `-nns` / `-n=ns`, combined boolean
// shorthands `-it`, flags interspersed with arguments, `--` ending the flags, and pflag's
// error texts. Models spf13/pflag flag.go (parseLongArg, parseShortArg) and its Value types.

/** pflag value types kubectl uses. `stringSlice` splits on commas; `stringArray` does not. */
export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray';

export type FlagValue = boolean | string | number | string[];

/** One flag: its name, optional one-letter shorthand, type, default and help line. */
export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  default: FlagValue;
  usage: string;
}

/** Parsed flag values: every known flag has a value (its default unless set). */
export class Flags {
  private readonly values = new Map<string, FlagValue>();
  private readonly set = new Set<string>();

  constructor(specs: readonly FlagSpec[]) {
    for (const s of specs) this.values.set(s.name, Array.isArray(s.default) ? [...s.default] : s.default);
  }

  /** Whether the user set the flag (pflag's Changed). */
  changed(name: string): boolean {
    return this.set.has(name);
  }
  bool(name: string): boolean {
    return this.values.get(name) === true;
  }
  string(name: string): string {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : '';
  }
  int(name: string): number {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : 0;
  }
  strings(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }

  /** Stores `raw` for `spec`; an error text as pflag's when it does not parse. */
  assign(spec: FlagSpec, raw: string): string | undefined {
    const invalid = (why: string) =>
      `invalid argument ${JSON.stringify(raw)} for "${spec.shorthand ? `-${spec.shorthand}, ` : ''}--${spec.name}" flag: ${why}`;
    let value: FlagValue;
    switch (spec.type) {
      case 'bool': {
        const b = parseGoBool(raw);
        if (b === undefined) return invalid(`strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
        value = b;
        break;
      }
      case 'int':
        if (!/^[+-]?\d+$/.test(raw)) return invalid(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
        value = parseInt(raw, 10);
        break;
      case 'string':
        value = raw;
        break;
      case 'stringSlice':
      case 'stringArray': {
        // The first use replaces the default; later uses append (pflag's stringSlice.Set).
        const prior = this.set.has(spec.name) ? this.strings(spec.name) : [];
        value = [...prior, ...(spec.type === 'stringSlice' ? (raw === '' ? [] : raw.split(',')) : [raw])];
        break;
      }
    }
    this.values.set(spec.name, value);
    this.set.add(spec.name);
    return undefined;
  }
}

// strconv.ParseBool's accepted spellings.
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export type FlagParse =
  | { ok: true; flags: Flags; args: string[]; /** Index in `args` where `--` was, or -1 (cobra's ArgsLenAtDash). */ argsLenAtDash: number }
  | { ok: false; message: string };

/** Parses `argv` (the words after the command path) against `specs`. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): FlagParse {
  const flags = new Flags(specs);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const args: string[] = [];
  let argsLenAtDash = -1;
  const fail = (message: string): FlagParse => ({ ok: false, message });

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) return fail(`unknown flag: --${name}`);
      let raw: string;
      if (eq >= 0) raw = a.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < argv.length) raw = argv[++i]!;
      else return fail(`flag needs an argument: ${a}`);
      const err = flags.assign(spec, raw);
      if (err) return fail(err);
    } else if (a.startsWith('-') && a.length > 1) {
      // A run of shorthands: booleans may be combined; the first non-boolean takes the rest
      // of the word (`-nkube-system`, `-n=kube-system`) or the next word as its value.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) return fail(`unknown shorthand flag: '${c}' in ${a}`);
        let raw: string;
        const rest = a.slice(j + 1);
        if (rest.startsWith('=')) raw = rest.slice(1);
        else if (spec.type === 'bool') raw = 'true';
        else if (rest !== '') raw = rest;
        else if (i + 1 < argv.length) raw = argv[++i]!;
        else return fail(`flag needs an argument: '${c}' in ${a}`);
        const err = flags.assign(spec, raw);
        if (err) return fail(err);
        if (spec.type !== 'bool' || rest.startsWith('=')) break;
      }
    } else {
      args.push(a);
    }
  }
  return { ok: true, flags, args, argsLenAtDash };
}
