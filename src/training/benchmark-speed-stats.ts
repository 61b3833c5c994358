/**
 * The statistics `benchmark speed` prints (spacy/cli/benchmark_speed.py, v3.5.4): the mean of
 * the per-batch words per second with a 95% bootstrap confidence interval, and the share of
 * batches outside Tukey's fences (1.5 and 3 inter-quartile ranges beyond the quartiles).
 */
import { random as defaultRandom } from "../util/random.js";
import { pythonFixed, pythonFloat } from "./info-format.js";

/** numpy.quantile with its default linear interpolation between the closest ranks. */
export function quantile(sample: readonly number[], q: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const t = position - below;
  const a = sorted[below]!;
  const b = sorted[above]!;
  // numpy's _lerp, which interpolates from the nearer end.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

export interface Quartiles {
  q1: number;
  q2: number;
  q3: number;
  iqr: number;
}

export function quartiles(sample: readonly number[]): Quartiles {
  const q1 = quantile(sample, 0.25);
  const q3 = quantile(sample, 0.75);
  return { q1, q2: quantile(sample, 0.5), q3, iqr: q3 - q1 };
}

export interface OutlierShares {
  /** Percent of the sample beyond 1.5 IQR from the quartiles. */
  outliers: number;
  /** Percent beyond 3 IQR. */
  extreme: number;
}

export function outlierShares(sample: readonly number[]): OutlierShares {
  const { q1, q3, iqr } = quartiles(sample);
  const beyond = (k: number) => sample.filter((x) => x < q1 - k * iqr || x > q3 + k * iqr).length;
  return { outliers: (100 * beyond(1.5)) / sample.length, extreme: (100 * beyond(3.0)) / sample.length };
}

export function mean(sample: readonly number[]): number {
  return sample.reduce((sum, x) => sum + x, 0) / sample.length;
}

/** The means of `iterations` resamples (with replacement, of the sample's size), sorted. */
export function bootstrapMeans(sample: readonly number[], iterations = 10_000, random: () => number = defaultRandom): number[] {
  const n = sample.length;
  const means = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += sample[Math.floor(random() * n)]!;
    means[i] = sum / n;
  }
  return Array.from(means.sort());
}

export interface MeanWithInterval {
  mean: number;
  /** The 2.5th and 97.5th percentiles of the bootstrap means. */
  low: number;
  high: number;
}

export function meanWithInterval(sample: readonly number[], iterations = 10_000, random?: () => number): MeanWithInterval {
  const means = bootstrapMeans(sample, iterations, random);
  return { mean: mean(sample), low: means[Math.floor(means.length * 0.025)]!, high: means[Math.floor(means.length * 0.975)]! };
}

/** spaCy's print_outliers line; the second share is printed as Python prints a float. */
export function formatOutliers(shares: OutlierShares): string {
  return `Outliers: ${pythonFixed(shares.outliers, 1)}%, extreme outliers: ${pythonFloat(shares.extreme)}%`;
}

/** spaCy's print_mean_with_ci line: the interval as offsets from the mean. */
export function formatMeanWithInterval({ mean, low, high }: MeanWithInterval): string {
  return `Mean: ${pythonFixed(mean, 1)} words/s (95% CI: ${pythonFixed(low - mean, 1)} +${pythonFixed(high - mean, 1)})`;
}
