// Builders for FlagSpecs, so a command's flag table reads as kubectl's `cmd.Flags()` lines do.
import type { FlagSpec } from './flags.ts';

const short = (shorthand?: string) => (shorthand ? { shorthand } : {});

export const boolFlag = (name: string, usage: string, def = false, shorthand?: string): FlagSpec => ({ name, type: 'bool', default: def, usage, ...short(shorthand) });
export const stringFlag = (name: string, usage: string, def = '', shorthand?: string): FlagSpec => ({ name, type: 'string', default: def, usage, ...short(shorthand) });
export const intFlag = (name: string, usage: string, def = 0, shorthand?: string): FlagSpec => ({ name, type: 'int', default: def, usage, ...short(shorthand) });
export const sliceFlag = (name: string, usage: string, shorthand?: string): FlagSpec => ({ name, type: 'stringSlice', default: [], usage, ...short(shorthand) });
