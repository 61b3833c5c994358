/** Shared by every benchmark: medians and timing, so figures are comparable across suites. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds taken by each of `runs` calls of `fn`. */
export async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export function describeTimes(times: number[]): string {
  return `median ${median(times).toFixed(0).padStart(6)} ms   min ${Math.min(...times).toFixed(0).padStart(6)} ms   max ${Math.max(...times).toFixed(0).padStart(6)} ms`;
}
