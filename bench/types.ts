// What a benchmark is: a name (`store.put.idb`, `api.create.pods`), where it runs, and one
// round that measures ours and its baseline in the same unit, in the same page and run, so the
// ratio means something on any machine.

/** One measurement of ours and of the baseline, in the benchmark's unit (higher is better). */
export interface Round {
  value: number;
  baseline: number;
}

export interface Benchmark {
  /** Dotted, room first: `store.put.idb`, `api.watch.latency`. `npm run bench -- store.` selects by prefix. */
  name: string;
  /** The unit of `value` and `baseline`, e.g. `puts/s`. */
  unit: string;
  /** 'browser': inside headless chromium (IndexedDB, the real page); 'node': in the bench process. */
  runs: 'browser' | 'node';
  /** What the baseline is, in a few words; printed after the figure. */
  baseline: string;
  /** Higher is better unless set: then the ratio is baseline / value (latencies). */
  lowerIsBetter?: boolean;
  /** The ratio the issue asks for; a line below it is flagged. */
  targetRatio?: number;
  /** Rounds to run; the median is reported (default 5). One warm-up round runs first. */
  rounds?: number;
  round(): Promise<Round>;
}

/** What a benchmark reports: medians over its rounds. */
export interface BenchResult {
  name: string;
  unit: string;
  baselineDescription: string;
  value: number;
  baseline: number;
  /** Ours relative to the baseline; above 1 means ours is better. */
  ratio: number;
  targetRatio?: number;
  rounds: number;
}
