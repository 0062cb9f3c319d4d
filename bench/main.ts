// The bench page's entry: exposes `pilothouseBench.run(name)` for scripts/bench.mjs to call.
import { measure } from './harness.ts';
import { benchmarks } from './registry.ts';
import type { BenchResult } from './types.ts';

/** The page's interface to the driver. */
export interface BenchPage {
  run(name: string): Promise<BenchResult>;
}

declare global {
  var pilothouseBench: BenchPage | undefined;
}

globalThis.pilothouseBench = {
  run(name) {
    const bench = benchmarks.find((b) => b.name === name && b.runs === 'browser');
    if (!bench) return Promise.reject(new RangeError(`no browser benchmark named ${name}`));
    return measure(bench);
  },
};
