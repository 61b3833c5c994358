/**
 * The span characteristics spaCy prints for span categorization (spacy/cli/debug_data.py,
 * v3.5.4, _get_span_characteristics and the span-length functions): for each label, the geometric
 * mean span length, how distinct the span tokens are from the corpus (SD, the KL divergence of
 * their word distribution from the corpus's), and how distinct the tokens just outside the spans
 * are (BD); and the weighted averages over labels.
 */
import { Counter } from "./counter.js";
import { pythonRound } from "./format.js";
import type { SpanKeyStats } from "./stats-spancat.js";

export interface SpanCharacteristics {
  /** Labels in the order they were first seen. */
  labels: string[];
  /** Geometric mean length per label. */
  lengths: Map<string, number>;
  /** Span distinctiveness per label. */
  sd: Map<string, number>;
  /** Boundary distinctiveness per label. */
  bd: Map<string, number>;
  spansPerType: Map<string, number>;
  minLength: number;
  maxLength: number;
  avgLength: number;
  avgSd: number;
  avgBd: number;
  /** The word distribution inside the spans, and just outside them, per label. */
  pSpans: Map<string, Map<string, number>>;
  pBounds: Map<string, Map<string, number>>;
}

export function spanCharacteristics(stats: SpanKeyStats, corpusTokens: Counter): SpanCharacteristics {
  const labels = stats.labels.keys();
  const pCorpus = normalize(corpusTokens);
  const lengths = new Map(labels.map((label) => [label, geometricMean(stats.lengths.get(label) ?? [])]));
  const pSpans = new Map(labels.map((label) => [label, normalize(stats.spanTokens.get(label) ?? new Counter())]));
  const pBounds = new Map(labels.map((label) => [label, normalize(stats.boundaryTokens.get(label) ?? new Counter())]));
  const sd = new Map(labels.map((label) => [label, klDivergence(pSpans.get(label)!, pCorpus)]));
  const bd = new Map(labels.map((label) => [label, klDivergence(pBounds.get(label)!, pCorpus)]));
  const all = [...stats.lengths.values()];
  return {
    labels,
    lengths,
    sd,
    bd,
    spansPerType: new Map(labels.map((label) => [label, stats.labels.get(label)])),
    minLength: Math.min(...all.map((list) => Math.min(...list))),
    maxLength: Math.max(...all.map((list) => Math.max(...list))),
    avgLength: weightedAverage(lengths, stats.labels),
    avgSd: weightedAverage(sd, stats.labels),
    avgBd: weightedAverage(bd, stats.labels),
    pSpans,
    pBounds,
  };
}

/** exp(mean(log x)), summed as Python's math.fsum would (exactly, then rounded). */
export function geometricMean(values: readonly number[]): number {
  return Math.exp(exactSum(values.map((value) => Math.log(value))) / values.length);
}

/** Sum of p(w) log(p(w) / q(w)) over the words of p. */
export function klDivergence(p: ReadonlyMap<string, number>, q: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const [word, pWord] of p) total += pWord * Math.log(pWord / (q.get(word) ?? 0));
  return total;
}

/** Each label's value weighted by its number of spans. */
export function weightedAverage(metric: ReadonlyMap<string, number>, frequencies: Counter): number {
  let total = 0;
  for (const [label, value] of metric) total += value * frequencies.get(label);
  return total / frequencies.total();
}

/** Relative frequencies, in the counter's order. */
export function normalize(counts: Counter): Map<string, number> {
  const total = counts.total();
  return new Map(counts.entries().map(([word, count]) => [word, count / total]));
}

/**
 * The percentage of spans of each length, most common first, rounded to two decimals
 * (spaCy's _get_spans_length_freq_dist).
 */
export function spanLengthFreqs(lengths: ReadonlyMap<string, readonly number[]>): Map<number, number> {
  const counts = new Counter<number>();
  let n = 0;
  for (const list of lengths.values()) {
    counts.addAll(list);
    n += list.length;
  }
  return new Map(counts.mostCommon().map(([length, count]) => [length, pythonRound((count / n) * 100, 2)]));
}

/** The most common lengths until their percentages reach the threshold (spaCy's _filter_spans_length_freq_dist). */
export function filterSpanLengthFreqs(freqs: ReadonlyMap<number, number>, threshold: number): Map<number, number> {
  const kept = new Map<number, number>();
  let total = 0;
  for (const [length, percent] of freqs) {
    if (total >= threshold) break;
    kept.set(length, percent);
    total += percent;
  }
  return kept;
}

/** The word counts inside the spans of every label together, relative frequencies added (spaCy sums the per-label Counters). */
export function combinedDistribution(perLabel: ReadonlyMap<string, ReadonlyMap<string, number>>): Counter {
  const combined = new Counter();
  for (const distribution of perLabel.values()) for (const [word, p] of distribution) combined.add(word, p);
  return combined;
}

/** Shewchuk's exact summation, as Python's math.fsum. */
function exactSum(values: readonly number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let sum = 0;
  for (const partial of partials) sum += partial;
  return sum;
}
