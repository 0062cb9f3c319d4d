// A command's flags, read from its own help text: the `Options:` section of `kubectl <cmd> --help`
// lists every flag with its shorthand and default (`    -f, --filename=[]:`), which is exactly
// what pflag needs, so the help text stays the one source of both.
import type { FlagSpec } from '../flags.ts';

const OPTION_LINE = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/;

/**
 * The flags a help text declares. `[]` defaults are string slices (split on commas) unless
 * named in `arrays` (pflag's StringArray: one value per use, commas kept).
 */
export function optionFlags(help: string, arrays: readonly string[] = []): FlagSpec[] {
  const lines = help.split('\n');
  const start = lines.indexOf('Options:');
  if (start < 0) return [];
  const specs: FlagSpec[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = OPTION_LINE.exec(lines[i]!);
    if (!m) continue;
    const [, shorthand, name, def] = m as unknown as [string, string | undefined, string, string];
    const usage = (lines[i + 1] ?? '').trim();
    const base = { name, usage, ...(shorthand ? { shorthand } : {}) };
    if (def === 'true' || def === 'false') specs.push({ ...base, type: 'bool', default: def === 'true' });
    else if (/^-?\d+$/.test(def)) specs.push({ ...base, type: 'int', default: parseInt(def, 10) });
    else if (def.startsWith('[')) specs.push({ ...base, type: arrays.includes(name) ? 'stringArray' : 'stringSlice', default: def === '[]' ? [] : def.slice(1, -1).split(',') });
    else specs.push({ ...base, type: 'string', default: def.replace(/^'(.*)'$/, '$1') });
  }
  return specs;
}
