// Runs a benchmark's rounds and reports medians: the same code in the page and in Node.
import type { Benchmark, BenchResult, Round } from './types.ts';

const DEFAULT_ROUNDS = 5;

/** One warm-up round (JIT, IndexedDB files), then `rounds` measured ones; medians of each side. */
export async function measure(bench: Benchmark): Promise<BenchResult> {
  await bench.round();
  const rounds: Round[] = [];
  for (let i = 0; i < (bench.rounds ?? DEFAULT_ROUNDS); i++) rounds.push(await bench.round());
  const value = median(rounds.map((r) => r.value));
  const baseline = median(rounds.map((r) => r.baseline));
  return {
    name: bench.name,
    unit: bench.unit,
    baselineDescription: bench.baseline,
    value,
    baseline,
    ratio: bench.lowerIsBetter ? baseline / value : value / baseline,
    ...(bench.targetRatio !== undefined ? { targetRatio: bench.targetRatio } : {}),
    rounds: rounds.length,
  };
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Real elapsed milliseconds of `fn` (benchmarks measure real time, unlike the engine). */
export async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
